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
        for attachment in tree.children(of: list) { check(attachment, in: tree, context: context) }
    }

    private func check(_ attachment: JSONTree.Index, in tree: JSONTree, context: LintContext) {
        guard tree[attachment].kind == .object else {
            context.report(
                Self.self, "an attachment is a {\"type\", \"value\"} object, found \(ManifestText.describeValue(attachment, in: tree))",
                node: attachment, in: tree)
            return
        }
        let types = Self.typeChoice
        if let type = tree.member("type", of: attachment) {
            checkType(type, types: types, in: tree, context: context)
        } else {
            context.report(
                Self.self, "the attachment has no \"type\": write \(types)",
                at: ImportKeys.anchor(of: attachment, in: tree), pointer: tree.pointer(attachment))
        }
        guard let value = tree.member("value", of: attachment) else {
            context.report(
                Self.self, "the attachment has no \"value\": write the text, or the file's URL",
                at: ImportKeys.anchor(of: attachment, in: tree), pointer: tree.pointer(attachment))
            return
        }
        if tree[value].kind != .string {
            context.report(
                Self.self, "\"value\" must be a string (the text, or the file's URL), found \(ManifestText.describeValue(value, in: tree))",
                node: value, in: tree)
        } else if tree[value].end - tree[value].start == 2 {
            context.report(Self.self, "\"value\" is empty: there is nothing to attach", node: value, in: tree)
        }
    }

    /// `"IMAGE", "TEXT" or "VIDEO"`, for messages.
    static let typeChoice = AttachmentRules.types.map { "\"\($0)\"" }.joinedAsChoice()

    private func checkType(_ type: JSONTree.Index, types: String, in tree: JSONTree, context: LintContext) {
        if tree[type].kind == .string, !tree[type].flags.contains(.escaped) {
            let raw = tree.rawStringContent(type)
            if AttachmentRules.types.contains(where: { raw.elementsEqual($0.utf8) }) { return }
        }
        guard tree[type].kind == .string, let name = tree.string(type) else {
            context.report(Self.self, "\"type\" must be \(types), found \(ManifestText.describeValue(type, in: tree))", node: type, in: tree)
            return
        }
        if AttachmentRules.types.contains(name) { return }
        let upper = name.uppercased()
        if AttachmentRules.types.contains(upper) {
            context.report(
                Self.self, "attachment type \(ManifestText.quoted(name)) must be upper case, \"\(upper)\": types are case-sensitive",
                node: type, in: tree,
                fix: Fix(.unsafe, "write \"\(upper)\"", edits: [TextEdit(range: tree[type].range, replacement: "\"\(upper)\"")]))
        } else if upper == "AUDIO" || upper == "PDF" {
            context.report(
                Self.self, "the hub attaches only images, videos and text, not \(ManifestText.quoted(name)): link the file in a TEXT attachment",
                node: type, in: tree)
        } else {
            let guess = ImportKeys.suggestion(for: name, among: AttachmentRules.types).map { " (did you mean \"\($0)\"?)" } ?? ""
            context.report(Self.self, "unknown attachment type \(ManifestText.quoted(name))\(guess): write \(types)", node: type, in: tree)
        }
    }
}
