/// M141: an attachment is not a `{"type", "value"}` object the hub understands.
public final class AttachmentInvalid: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M141", name: "attachment-invalid", severity: .error, kinds: ManifestRules.kinds,
        summary: "An attachment is not an object with a `type` of `IMAGE`, `TEXT` or `VIDEO` and a non-empty string `value`.",
        rationale: """
            Attachments show extra material next to the asset in the labeling tool. Each one is an object \
            `{"type": TYPE, "value": VALUE}`. The hub supports three types, in upper case: `IMAGE` and \
            `VIDEO`, whose value is a link to the file (append `?integrationId=<integration id>` for a file \
            in a private bucket), and `TEXT`, whose value is the text itself. Another type (`AUDIO`, `PDF`), \
            a type in another case, or a missing or empty value is not attached, and nothing tells the \
            annotator it is missing.

            A known type in the wrong case gets an unsafe fix to upper case. The form of IMAGE and VIDEO \
            URLs is checked by the U rules, their file types by M143; `attachments` that is not an array is \
            M105's. The attachment import checks its attachments the same way (A603).
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "attachments": [{"type": "image", "value": "https://bucket-name.s3.eu-central-1.amazonaws.com/file-depth.png"}]}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "attachments": [{"type": "AUDIO", "value": "https://bucket-name.s3.eu-central-1.amazonaws.com/call-notes.mp3"}]}]"#,
                note: "the hub attaches images, videos and text only"),
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "attachments": [{"type": "IMAGE", "value": "https://bucket-name.s3.eu-central-1.amazonaws.com/file-depth.png"}, {"type": "TEXT", "value": "Taken at dusk; ignore the reflection."}]}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"externalId": "my_external_id", "data": "https://url-to.asset/video.mp4", "attachments": [{"type": "IMAGE", "value": "https://sample-image.jpg?integrationId=1234567890"}]}]"#,
                note: "a file in a private bucket"),
        ])

    static let reportsOn: ItemSignals = .has(.attachments)

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let attachments = context.itemMembers.members(of: item, at: index, in: tree)[.attachments],
            tree[attachments].kind == .array
        else { return }
        for attachment in tree.children(of: attachments) { AttachmentEntry.check(attachment, for: Self.self, in: tree, context: context) }
    }
}
