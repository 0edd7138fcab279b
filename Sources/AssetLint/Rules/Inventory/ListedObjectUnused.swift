/// I503 (with `--inventory-unused`): listed images that no asset URL of the linted files names,
/// counted once per bucket, on the bucket's listing, after every file is linted.
public final class ListedObjectUnused: InventoryRule {
    public static let metadata = RuleMetadata(
        id: "I503", name: "listed-object-unused", severity: .info, kinds: [.manifest, .attachments],
        summary: "With `--inventory-unused`: listed objects with an image extension that no asset URL of the linted files names (one count per bucket, on its listing, with the first few keys).",
        rationale: """
            A bucket often holds more than a manifest imports: a folder the manifest was never written \
            for, images renamed after it was made (the old and the new names are then I501 misses and \
            unused objects), a batch uploaded twice. With `--inventory-unused`, every object of a listed \
            bucket whose key has an image extension and that no asset URL of the files linted in the run \
            names (a manifest's `data`, `dataset` entries, IMAGE and VIDEO attachments, an attachment \
            import's attachments) is counted. The finding is one per bucket, on its listing's first \
            line, and names the first few keys in listing order; it is information, not a failure.

            Lint every manifest that imports from the bucket in one run, or the objects the others \
            import are counted too. Near misses are not used: an object named only by a URL that I501 \
            reports as missing is counted as unused.
            """,
        triggering: [
            RuleExample(
                .manifest, URLExamples.manifest("https://storage.googleapis.com/bucket-name/cats/1.jpg"),
                listing: "gs://bucket-name/cats/1.jpg\ngs://bucket-name/cats/2.jpg\ngs://bucket-name/cats/notes.txt",
                note: "with `--inventory-unused`: cats/2.jpg is counted, notes.txt is no image"),
        ],
        nonTriggering: [
            RuleExample(
                .manifest, URLExamples.manifest(
                    "https://storage.googleapis.com/bucket-name/cats/1.jpg", "https://storage.googleapis.com/bucket-name/cats/2.jpg"),
                listing: "gs://bucket-name/cats/1.jpg\ngs://bucket-name/cats/2.jpg\ngs://bucket-name/cats/notes.txt",
                note: "with `--inventory-unused`"),
        ])

    public init() {}

    /// Looks the item's URLs up, so that the objects they name count as used; the finding is made
    /// once the run is over (`InventoryUsage`).
    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        _ = analysis(item: item, at: index, in: tree, context: context)
    }
}
