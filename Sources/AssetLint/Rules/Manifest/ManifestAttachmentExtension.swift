/// M143: an IMAGE or VIDEO attachment's file is of a type the hub does not document.
public final class ManifestAttachmentExtension: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M143", name: "attachment-file-type", severity: .warning, kinds: ManifestRules.kinds,
        summary: AttachmentEntry.fileTypeSummary,
        rationale: AttachmentEntry.fileTypeRationale + "\n\nThe attachment import checks its attachments the same way (A604).",
        triggering: [
            RuleExample(.manifest, #"[{"externalId": "run-12", "data": "https://bucket-name.s3.amazonaws.com/run-12.mp4", "attachments": [{"type": "IMAGE", "value": "https://bucket-name.s3.amazonaws.com/run-12-map.gif"}]}]"#)
        ],
        nonTriggering: [
            RuleExample(.manifest, #"[{"externalId": "run-12", "data": "https://bucket-name.s3.amazonaws.com/run-12.mp4", "attachments": [{"type": "VIDEO", "value": "https://bucket-name.s3.amazonaws.com/walkthrough.mp4?integrationId=1234567890"}]}]"#)
        ])

    static let reportsOn: ItemSignals = .has(.attachments)

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let attachments = context.itemMembers.members(of: item, at: index, in: tree)[.attachments],
              tree[attachments].kind == .array else { return }
        for attachment in tree.children(of: attachments) {
            AttachmentEntry.checkExtension(attachment, for: Self.self, in: tree, context: context)
        }
    }
}
