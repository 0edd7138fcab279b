/// M141: an attachment is not a `{"type", "value"}` object the hub understands.
public final class AttachmentInvalid: ItemRule {
    /// The attachment types assetlint accepts, and those whose value is a URL.
    static let types = ["IMAGE", "TEXT", "VIDEO", "AUDIO", "PDF"]
    static let urlTypes: Set<String> = ["IMAGE", "VIDEO", "AUDIO", "PDF"]

    public static let metadata = RuleMetadata(
        id: "M141", name: "attachment-invalid", severity: .error, kinds: ManifestRules.kinds,
        summary: "An attachment is not an object with a known `type` and a string `value` (a URL for media types).",
        rationale: """
            Attachments show extra material next to the asset in the labeling tool. Each one is an object \
            `{"type": TYPE, "value": VALUE}` where TYPE is one of `IMAGE`, `TEXT`, `VIDEO`, `AUDIO` or `PDF` \
            (upper case), and VALUE is a string: the text itself for `TEXT`, and an absolute `https://` (or \
            `http://`) URL for the other types. An attachment with another shape, an unknown or lower-case \
            type, or a media value that is not a URL is not shown, and nothing tells the annotator it is missing.

            A type in the wrong case gets an unsafe fix to upper case. (`attachments` that is not an array at \
            all is M105's.)
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "attachments": [{"type": "image", "value": "https://bucket-name.s3.eu-central-1.amazonaws.com/file-depth.png"}]}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "attachments": [{"type": "VIDEO", "value": "clips/run-12.mp4"}]}]"#,
                note: "a relative path is not a URL"),
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "attachments": [{"type": "IMAGE", "value": "https://bucket-name.s3.eu-central-1.amazonaws.com/file-depth.png"}, {"type": "TEXT", "value": "Taken at dusk; ignore the reflection."}]}]"#
            )
        ])

    static let reportsOn: ItemSignals = .has(.attachments)

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let attachments = context.itemMembers.members(of: item, at: index, in: tree)[.attachments],
            tree[attachments].kind == .array
        else { return }
        for attachment in tree.children(of: attachments) {
            check(attachment, in: tree, context: context)
        }
    }

    private func check(_ attachment: JSONTree.Index, in tree: JSONTree, context: LintContext) {
        let node = tree[attachment]
        let number = node.index
        guard node.kind == .object else {
            context.report(
                Self.self,
                "attachment \(number) is \(ManifestText.describeValue(attachment, in: tree)), not an object: the hub shows only attachments written as {\"type\": TYPE, \"value\": VALUE}",
                node: attachment, in: tree)
            return
        }
        let anchor = ManifestRules.anchor(of: attachment, in: tree)
        let pointer = tree.pointer(attachment)
        let typeList = Self.types.joined(separator: ", ")

        var type: String?
        if let typeNode = tree.member("type", of: attachment) {
            if tree[typeNode].kind != .string {
                context.report(
                    Self.self,
                    "attachment \(number)'s \"type\" must be a string (one of \(typeList)), found \(ManifestText.describeValue(typeNode, in: tree)): the attachment is not shown",
                    node: typeNode, in: tree)
            } else {
                let value = tree.string(typeNode) ?? ""
                if Self.types.contains(value) {
                    type = value
                } else if Self.types.contains(value.uppercased()) {
                    type = value.uppercased()
                    context.report(
                        Self.self,
                        "attachment type \(ManifestText.quoted(value)) must be upper case, \"\(value.uppercased())\": types are case-sensitive and the hub does not show the attachment otherwise",
                        node: typeNode, in: tree,
                        fix: Fix(
                            .unsafe, "write \"\(value.uppercased())\"",
                            edits: [
                                TextEdit(range: tree[typeNode].range, replacement: "\"\(value.uppercased())\"")
                            ]))
                } else {
                    let upper = Array(value.uppercased().unicodeScalars)
                    let guess = Self.types.first {
                        ManifestRules.editDistance(upper, Array($0.unicodeScalars), limit: 2) <= 2 && upper.count > 2
                    }
                    let hint = guess.map { " (did you mean \"\($0)\"?)" } ?? ""
                    context.report(
                        Self.self,
                        "unknown attachment type \(ManifestText.quoted(value))\(hint): the hub shows attachments of type \(typeList) only",
                        node: typeNode, in: tree)
                }
            }
        } else {
            context.report(
                Self.self,
                "attachment \(number) has no \"type\": the hub needs it (one of \(typeList)) to show the attachment",
                at: anchor, pointer: pointer)
        }

        guard let valueNode = tree.member("value", of: attachment) else {
            let others = tree.children(of: attachment).compactMap { tree.key(of: $0) }.filter { $0 != "type" }
            let hint = others.first.map { " (found \(ManifestText.quoted($0)); the hub reads only \"value\")" } ?? ""
            context.report(
                Self.self,
                "attachment \(number) has no \"value\"\(hint): there is nothing to show; add \"value\" with the text or the file's URL",
                at: anchor, pointer: pointer)
            return
        }
        guard tree[valueNode].kind == .string else {
            context.report(
                Self.self,
                "attachment \(number)'s \"value\" must be a string (the text, or the file's URL), found \(ManifestText.describeValue(valueNode, in: tree)): the attachment is not shown",
                node: valueNode, in: tree)
            return
        }
        guard let type, Self.urlTypes.contains(type) else { return }
        let isURL = ManifestText.withDecodedBytes(valueNode, in: tree) { Self.looksLikeHTTPURL($0) }
        if !isURL {
            context.report(
                Self.self,
                "attachment \(number) is of type \(type) but its value \(ManifestText.quoted(tree.string(valueNode) ?? "")) is not an absolute http(s) URL: the labeling tool loads \(type) attachments from a URL; give the file's full https:// URL",
                node: valueNode, in: tree)
        }
    }

    /// `http://` or `https://` (any case) followed by at least one host character.
    static func looksLikeHTTPURL(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func hasPrefix(_ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard bytes.count > count else { return false }
            let start = prefix.utf8Start
            for offset in 0..<count where bytes[offset] | 0x20 != start[offset] | 0x20 { return false }
            let next = bytes[count]
            return next != UInt8(ascii: "/") && next != UInt8(ascii: "?") && next != UInt8(ascii: "#") && next > 0x20
        }
        return hasPrefix("https://") || hasPrefix("http://")
    }
}
