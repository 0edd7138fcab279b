/// A602: an item member the attachment import does not have.
public final class AttachmentUnknownField: ImportItemRule {
    public static let metadata = RuleMetadata(
        id: "A602", name: "attachment-unknown-field", severity: .warning, kinds: AttachmentRules.kinds,
        summary: "An attachment-import item has a key other than `externalId`, `attachments` and `data`; a near miss of one of them is named.",
        rationale: """
            The attachment import reads `externalId` and `attachments` (and, in its REST form, `data`) on \
            each item and ignores anything else, so a misspelt `attachment` or `externalID` silently drops \
            what it holds. When the key is close to a known one, the message names it and an unsafe fix \
            renames the key.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.attachments, #"[{"externalId": "image-sample.jpg", "attachments": [{"type": "TEXT", "value": "Some sample text."}], "note": "checked"}]"#),
            RuleExample(.attachments, #"[{"externalID": "image-sample.jpg", "attachments": [{"type": "TEXT", "value": "Some sample text."}]}]"#),
        ],
        nonTriggering: [
            RuleExample(.attachments, #"[{"externalId": "image-sample.jpg", "attachments": [{"type": "TEXT", "value": "Some sample text."}]}]"#)
        ])

    static let aliases: [String: String] = ["id": "externalId", "assetid": "externalId", "files": "attachments", "url": "data"]

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        ImportKeys.reportUnknown(
            Self.self, in: item, known: AttachmentRules.itemKeys, aliases: Self.aliases,
            ignored: "the attachment import ignores it and what it holds", tree: tree, context: context)
    }
}
