/// M102: an element of the manifest array is not an object.
public final class ItemNotObject: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M102", name: "item-not-object", severity: .error, kinds: ManifestRules.kinds,
        summary: "An element of the manifest array is not an object.",
        rationale: """
            Each element of the manifest describes one asset and must be an object with at least `data` (or \
            `dataset`) and `externalId`. A bare URL string, a `null` left by a generator, or a nested array \
            (an export that wrapped each batch in its own array) cannot be imported: the hub skips or rejects \
            it, so the asset is silently missing.

            Write each asset as `{"data": "<url>", "externalId": "<id>"}` directly in the top-level array. A bare \
            URL string gets an unsafe fix that wraps it into `{"data": ...}`; it still needs an `externalId`.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(
                .manifest,
                """
                [
                  {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg"},
                  "https://bucket-name.s3.eu-central-1.amazonaws.com/file%202.jpg"
                ]
                """,
                note: "a bare URL instead of an item"),
            RuleExample(.manifest, "[null]"),
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                """
                [
                  {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg"},
                  {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file%202.jpg", "externalId": "cute-dog.jpg"}
                ]
                """)
        ])

    static let reportsOn: ItemSignals = .notObject

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        let node = tree[item]
        switch node.kind {
        case .object:
            return
        case .array:
            context.report(
                Self.self,
                "item \(index) is an array, not an object: a manifest is one flat array of item objects, so the hub cannot import what is nested here; move its items up into the top-level array",
                at: ManifestRules.anchor(of: item, in: tree), pointer: tree.pointer(item))
        case .string:
            let value = tree.string(item) ?? ""
            let looksLikeURL =
                value.hasPrefix("http://") || value.hasPrefix("https://") || value.hasPrefix("gs://")
                || value.hasPrefix("s3://")
            if looksLikeURL {
                context.report(
                    Self.self,
                    "item \(index) is a bare URL string, not an object: the hub needs each asset as {\"data\": URL, \"externalId\": ID}; wrap the URL in an item and give it an externalId",
                    node: item, in: tree,
                    fix: Fix(
                        .unsafe, "wrap the URL into {\"data\": ...}",
                        edits: [
                            TextEdit(range: ByteRange(offset: node.start, length: 0), replacement: "{\"data\": "),
                            TextEdit(range: ByteRange(offset: node.end, length: 0), replacement: "}"),
                        ]))
            } else {
                context.report(
                    Self.self,
                    "item \(index) is \(ManifestText.describeValue(item, in: tree)), not an object: each manifest item must be an object like {\"data\": URL, \"externalId\": ID}, or the asset is not imported",
                    node: item, in: tree)
            }
        default:
            context.report(
                Self.self,
                "item \(index) is \(ManifestText.describeValue(item, in: tree)), not an object: each manifest item must be an object like {\"data\": URL, \"externalId\": ID}; remove it or replace it with an item",
                node: item, in: tree)
        }
    }
}
