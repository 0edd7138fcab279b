/// The checks of one attachment that the attachment import (A603, A604) and a manifest's
/// `attachments` (M141, M143) share: the same shape, types and file types, with the same messages.
enum AttachmentEntry {
    /// Reports for `rule` an attachment that is not a `{"type", "value"}` object of a type the hub
    /// shows, with a non-empty string value (A603, M141).
    static func check(_ attachment: JSONTree.Index, for rule: any Rule.Type, in tree: JSONTree, context: LintContext) {
        guard tree[attachment].kind == .object else {
            context.report(
                rule, "an attachment is a {\"type\", \"value\"} object, found \(ManifestText.describeValue(attachment, in: tree))",
                node: attachment, in: tree)
            return
        }
        let types = typeChoice
        if let type = tree.member("type", of: attachment) {
            checkType(type, types: types, for: rule, in: tree, context: context)
        } else {
            context.report(
                rule, "the attachment has no \"type\": write \(types)",
                at: ImportKeys.anchor(of: attachment, in: tree), pointer: tree.pointer(attachment))
        }
        guard let value = tree.member("value", of: attachment) else {
            let other = tree.children(of: attachment).compactMap { tree.key(of: $0) }.first { $0 != "type" }
            let found = other.map { " (found \(ManifestText.quoted($0)); the hub reads only \"value\")" } ?? ""
            context.report(
                rule, "the attachment has no \"value\"\(found): write the text, or the file's URL",
                at: ImportKeys.anchor(of: attachment, in: tree), pointer: tree.pointer(attachment))
            return
        }
        if tree[value].kind != .string {
            context.report(
                rule, "\"value\" must be a string (the text, or the file's URL), found \(ManifestText.describeValue(value, in: tree))",
                node: value, in: tree)
        } else if tree[value].end - tree[value].start == 2 {
            context.report(rule, "\"value\" is empty: there is nothing to attach", node: value, in: tree)
        }
    }

    /// `"IMAGE", "TEXT" or "VIDEO"`, for messages.
    static let typeChoice = AttachmentRules.types.map { "\"\($0)\"" }.joinedAsChoice()

    private static func checkType(_ type: JSONTree.Index, types: String, for rule: any Rule.Type, in tree: JSONTree, context: LintContext) {
        if tree[type].kind == .string, !tree[type].flags.contains(.escaped) {
            let raw = tree.rawStringContent(type)
            if AttachmentRules.types.contains(where: { raw.elementsEqual($0.utf8) }) { return }
        }
        guard tree[type].kind == .string, let name = tree.string(type) else {
            context.report(rule, "\"type\" must be \(types), found \(ManifestText.describeValue(type, in: tree))", node: type, in: tree)
            return
        }
        if AttachmentRules.types.contains(name) { return }
        let upper = name.uppercased()
        if AttachmentRules.types.contains(upper) {
            context.report(
                rule, "attachment type \(ManifestText.quoted(name)) must be upper case, \"\(upper)\": types are case-sensitive",
                node: type, in: tree,
                fix: Fix(.unsafe, "write \"\(upper)\"", edits: [TextEdit(range: tree[type].range, replacement: "\"\(upper)\"")]))
        } else if upper == "AUDIO" || upper == "PDF" {
            context.report(
                rule, "the hub attaches only images, videos and text, not \(ManifestText.quoted(name)): link the file in a TEXT attachment",
                node: type, in: tree)
        } else {
            let guess = ImportKeys.suggestion(for: name, among: AttachmentRules.types).map { " (did you mean \"\($0)\"?)" } ?? ""
            context.report(rule, "unknown attachment type \(ManifestText.quoted(name))\(guess): write \(types)", node: type, in: tree)
        }
    }

    static let fileTypeSummary =
        "An IMAGE attachment's URL does not end in `.png`, `.jpg` or `.jpeg`, or a VIDEO attachment's in `.mp4`."

    static let fileTypeRationale = """
        The hub documents the attachment file types it shows: "Supported IMAGE file types are .png and \
        .jpg. The supported video type is .mp4." A `.gif`, `.webp` or `.tif` image or a `.mov` video \
        may not display next to the asset. Convert the file, or attach a link to it as TEXT.

        Only the file name at the end of the URL's path counts: a query such as \
        `?integrationId=1234567890` (a file in a private bucket) is ignored, and a URL whose path has no \
        extension is not reported.
        """

    /// Reports for `rule` an IMAGE or VIDEO attachment whose file is of a type the hub does not
    /// document (A604, M143).
    static func checkExtension(_ attachment: JSONTree.Index, for rule: any Rule.Type, in tree: JSONTree, context: LintContext) {
        guard tree[attachment].kind == .object, let name = AttachmentRules.mediaType(of: attachment, in: tree),
              let allowed = AttachmentRules.extensions[name], let value = tree.member("value", of: attachment), tree[value].kind == .string,
              let ext = ManifestText.withDecodedBytes(value, in: tree, { AttachmentExtension.pathExtension(of: $0) }),
              !allowed.contains(ext.lowercased()) else { return }
        let documented = allowed.sorted().filter { $0 != "jpeg" }.map { ".\($0)" }.joinedAsChoice("and")
        let what = name == "IMAGE" ? "images" : "videos"
        context.report(rule, "this \(name) attachment is a .\(ext) file: the hub documents \(documented) \(what) only", node: value, in: tree)
    }
}
