/// A601: the file is not a list of attachment items, or an item is not shaped like one.
public final class AttachmentItemShape: ImportItemRule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "A601", name: "attachment-item-shape", severity: .error, kinds: AttachmentRules.kinds,
        summary: "An attachment import is not an array of objects, or an item lacks a non-empty string `externalId` or an `attachments` list.",
        rationale: """
            The attachment import (*Assets* > *Import* > *Import Attachment*) adds attachments to assets \
            already in the project. The file is a JSON array; each item names the asset by its \
            `externalId` and lists what to attach in `attachments`, an array of `{"type", "value"}` \
            objects (A603). Several items may name the same asset. The REST form of the same import also \
            carries the asset's URL in `data`, which must then be a string.

            An item with an empty `attachments` list attaches nothing and is reported as a warning. An \
            `externalId` written as a number gets an unsafe fix that quotes it.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.attachments, #"[{"externalId": "image-sample.jpg", "attachments": {"type": "TEXT", "value": "Some sample text."}}]"#,
                        note: "attachments must be a list"),
            RuleExample(.attachments, #"[{"attachments": [{"type": "TEXT", "value": "Some sample text."}]}]"#),
            RuleExample(.attachments, #"[{"externalId": 1024, "attachments": [{"type": "TEXT", "value": "Some sample text."}]}]"#,
                        note: "an id written as a number: the fix quotes it"),
        ],
        nonTriggering: [
            RuleExample(.attachments, #"[{"externalId": "image-sample.jpg", "attachments": [{"type": "TEXT", "value": "Some sample text."}]}]"#)
        ])

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        ImportShape.reportNotArray(Self.self, expected: "an attachment import is a JSON array of {\"externalId\", \"attachments\"} items", in: tree, context: context)
    }

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard ImportShape.isObject(item, at: index, Self.self, why: " {\"externalId\", \"attachments\"}", in: tree, context: context) else { return }
        if let id = tree.member("externalId", of: item) {
            if tree[id].kind != .string {
                context.report(
                    Self.self, "\"externalId\" must be a string, found \(ManifestText.describeValue(id, in: tree))", node: id, in: tree,
                    fix: ImportShape.quoting(id, in: tree))
            } else if tree[id].end - tree[id].start == 2 {
                context.report(Self.self, "\"externalId\" is empty: it names no asset", node: id, in: tree)
            }
        } else {
            context.report(
                Self.self, "item \(index) has no \"externalId\": it names the asset the attachments are added to",
                at: ImportKeys.anchor(of: item, in: tree), pointer: tree.pointer(item))
        }
        if let attachments = tree.member("attachments", of: item) {
            if tree[attachments].kind != .array {
                context.report(
                    Self.self, "\"attachments\" must be a list of {\"type\", \"value\"} objects, found \(ManifestText.describeValue(attachments, in: tree))",
                    node: attachments, in: tree)
            } else if tree[attachments].childCount == 0 {
                context.report(Self.self, "\"attachments\" is empty: this item attaches nothing", at: tree[attachments].range, pointer: tree.pointer(attachments), atMost: .warning)
            }
        } else {
            context.report(
                Self.self, "item \(index) has no \"attachments\": list what to attach as {\"type\", \"value\"} objects",
                at: ImportKeys.anchor(of: item, in: tree), pointer: tree.pointer(item))
        }
        if let data = tree.member("data", of: item), tree[data].kind != .string {
            context.report(Self.self, "\"data\" must be the asset's URL, a string, found \(ManifestText.describeValue(data, in: tree))", node: data, in: tree)
        }
    }
}
