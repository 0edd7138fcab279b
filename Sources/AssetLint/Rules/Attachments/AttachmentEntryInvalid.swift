/// A603: an attachment is not a `{"type", "value"}` object of a type the hub shows.
public final class AttachmentEntryInvalid: ImportItemRule {
    public static let metadata = RuleMetadata(
        id: "A603", name: "attachment-entry-invalid", severity: .error, kinds: AttachmentRules.kinds,
        summary: "An attachment is not an object with a `type` of `IMAGE`, `TEXT` or `VIDEO` and a non-empty string `value`.",
        rationale: """
            Each attachment is `{"type": TYPE, "value": VALUE}`. The hub supports three types, in upper \
            case: `IMAGE` and `VIDEO`, whose value is a link to the file (append \
            `?integrationId=<integration id>` for a file in a private bucket), and `TEXT`, whose value is \
            the text itself. Another type (`AUDIO`, `PDF`), a type in another case, or a missing or empty \
            value is not attached, and nothing tells the annotator it is missing.

            A known type in the wrong case gets an unsafe fix to upper case. The form of IMAGE and VIDEO \
            URLs is checked by the U rules, their file types by A604.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.attachments, #"[{"externalId": "image-sample.jpg", "attachments": [{"type": "image", "value": "https://sample-image.jpg"}]}]"#),
            RuleExample(.attachments, #"[{"externalId": "call.mp3", "attachments": [{"type": "AUDIO", "value": "https://bucket-name.s3.amazonaws.com/call-notes.mp3"}]}]"#),
        ],
        nonTriggering: [
            RuleExample(.attachments, #"[{"externalId": "image-sample.jpg", "attachments": [{"type": "IMAGE", "value": "https://sample-image.jpg?integrationId=1234567890"}, {"type": "TEXT", "value": "Some sample text."}]}]"#)
        ])

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let list = tree.member("attachments", of: item), tree[list].kind == .array else { return }
        for attachment in tree.children(of: list) { AttachmentEntry.check(attachment, for: Self.self, in: tree, context: context) }
    }
}
