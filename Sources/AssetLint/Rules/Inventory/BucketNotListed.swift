/// I502: asset URLs point into a bucket that no listing given with `--inventory` covers (one note
/// per bucket and file).
public final class BucketNotListed: InventoryRule {
    public static let metadata = RuleMetadata(
        id: "I502", name: "bucket-not-listed", severity: .info, kinds: [.manifest, .attachments],
        summary: "Asset URLs point into a bucket that no `--inventory` listing covers, so their objects are not checked (one note per bucket, at its first URL).",
        rationale: """
            Listings are checked bucket by bucket: a URL into a bucket without a listing can be neither \
            confirmed nor reported missing, and is left alone. This note says so once per bucket, at the \
            first URL into it, so that a forgotten listing (or a URL into an unexpected bucket) does not \
            pass unnoticed.

            Add a listing of the bucket with `--inventory` or `inventory:` in `.assetlint.yml`, or ignore \
            the rule if the bucket is meant to go unchecked. Which buckets a manifest may use at all is U213's.
            """,
        triggering: [
            RuleExample(
                .manifest, URLExamples.manifest("https://storage.googleapis.com/bucket-name/a.jpg", "https://other-bucket.s3.amazonaws.com/b.jpg"),
                listing: "gs://bucket-name/a.jpg")
        ],
        nonTriggering: [
            RuleExample(
                .manifest, URLExamples.manifest("https://storage.googleapis.com/bucket-name/a.jpg", "gs://bucket-name/b.jpg"),
                listing: "gs://bucket-name/a.jpg\ngs://bucket-name/b.jpg")
        ])

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        _ = analysis(item: item, at: index, in: tree, context: context)
    }

    public func finish(context: LintContext) {
        guard !context.inventory.isEmpty else { return }
        let analysis = InventoryAnalysis.of(context)
        analysis.flushUsage()
        for entry in analysis.unlisted {
            context.report(
                Self.self, "no --inventory listing covers \(entry.bucket); its objects are not checked",
                at: entry.range, pointer: entry.pointer)
        }
    }
}
