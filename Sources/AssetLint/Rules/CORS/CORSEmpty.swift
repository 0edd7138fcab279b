/// C314: an empty rule list, which removes the bucket's CORS configuration.
public final class CORSEmpty: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C314", name: "cors-empty", severity: .error, kinds: CORSRules.kinds,
        summary: "The rule list is empty (`[]`, `{\"CORSRules\": []}`, `\"corsRules\": []`): applying it deletes the CORS configuration, or the provider rejects it.",
        rationale: """
            An empty list is not a neutral configuration. `gsutil cors set` and \
            `gcloud storage buckets update --cors-file` with `[]` delete the bucket's CORS configuration; an \
            Azure deployment with `"corsRules": []` removes every rule of the service; `aws s3api \
            put-bucket-cors` rejects a configuration without rules. Afterwards the browser blocks every asset \
            the hub loads from the bucket.

            If removing CORS is the intent, say so with the tool's own command instead of a file that looks \
            like a configuration: `gcloud storage buckets update gs://BUCKET --clear-cors`, \
            `aws s3api delete-bucket-cors --bucket BUCKET`, or leave `cors` out of the template.
            """,
        triggering: [
            RuleExample(.corsGCS, "[]"),
            RuleExample(.corsS3, #"{"CORSRules": []}"#),
        ],
        nonTriggering: [
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#),
        ])

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context) else { return }
        for set in document.ruleSets where set.isEmptyList(in: tree) {
            let message: String
            let note: String
            let blocks = "the browser then blocks every asset the hub loads; add a rule for the hub's origins"
            switch (document.provider, document.form) {
            case (.gcs, _):
                message = "this empty list deletes the bucket's CORS configuration when applied"
                note = "with `gcloud storage buckets update --cors-file` or `gsutil cors set`; \(blocks), or use `--clear-cors` if deleting is intended"
            case (.s3, .s3Console):
                message = "this empty list leaves the bucket without CORS rules"
                note = "\(blocks), or use `aws s3api delete-bucket-cors` if deleting is intended"
            case (.s3, _):
                message = "CORSRules is empty: `aws s3api put-bucket-cors` rejects it"
                note = "without CORS \(blocks), or use `aws s3api delete-bucket-cors` if deleting is intended"
            case (.azure, _):
                message = "corsRules is empty: deploying it removes every CORS rule of the \(set.servesBlobs ? "blob service" : "service")"
                note = blocks
            }
            context.report(Self.self, message, node: set.listNode!, in: tree, note: note)
        }
    }
}
