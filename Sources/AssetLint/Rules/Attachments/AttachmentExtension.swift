/// A604: an IMAGE or VIDEO attachment's file is of a type the hub does not document.
public final class AttachmentExtension: ImportItemRule {
    public static let metadata = RuleMetadata(
        id: "A604", name: "attachment-extension", severity: .warning, kinds: AttachmentRules.kinds,
        summary: "An IMAGE attachment's URL does not end in `.png`, `.jpg` or `.jpeg`, or a VIDEO attachment's in `.mp4`.",
        rationale: """
            The hub documents the attachment file types it shows: "Supported IMAGE file types are .png and \
            .jpg. The supported video type is .mp4." A `.gif`, `.webp` or `.tif` image or a `.mov` video \
            may not display next to the asset. Convert the file, or attach a link to it as TEXT.

            Only the file name at the end of the URL's path counts: a query such as \
            `?integrationId=1234567890` is ignored, and a URL whose path has no extension is not reported.
            """,
        triggering: [
            RuleExample(.attachments, #"[{"externalId": "image-sample.jpg", "attachments": [{"type": "VIDEO", "value": "https://bucket-name.s3.amazonaws.com/walkthrough.mov"}]}]"#)
        ],
        nonTriggering: [
            RuleExample(.attachments, #"[{"externalId": "image-sample.jpg", "attachments": [{"type": "VIDEO", "value": "https://bucket-name.s3.amazonaws.com/walkthrough.mp4?integrationId=1234567890"}]}]"#)
        ])

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let list = tree.member("attachments", of: item), tree[list].kind == .array else { return }
        for attachment in tree.children(of: list) where tree[attachment].kind == .object {
            guard let name = AttachmentRules.mediaType(of: attachment, in: tree), let allowed = AttachmentRules.extensions[name],
                  let value = tree.member("value", of: attachment), tree[value].kind == .string,
                  let ext = ManifestText.withDecodedBytes(value, in: tree, { Self.pathExtension(of: $0) }),
                  !allowed.contains(ext.lowercased()) else { continue }
            let documented = allowed.sorted().filter { $0 != "jpeg" }.map { ".\($0)" }.joinedAsChoice("and")
            let what = name == "IMAGE" ? "images" : "videos"
            context.report(
                Self.self, "this \(name) attachment is a .\(ext) file: the hub documents \(documented) \(what) only",
                node: value, in: tree)
        }
    }

    /// The extension of the last segment of a URL's path (after `://` and the host, before a
    /// query or fragment), if it has one.
    static func pathExtension(of url: String) -> String? {
        var url = url
        return url.withUTF8 { pathExtension(of: $0) }
    }

    static func pathExtension(of bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let slash = UInt8(ascii: "/")
        var index = 0
        // Past "://".
        while index + 2 < bytes.count, !(bytes[index] == UInt8(ascii: ":") && bytes[index + 1] == slash && bytes[index + 2] == slash) { index += 1 }
        guard index + 2 < bytes.count else { return nil }
        index += 3
        var segmentStart = -1
        var dot = -1
        var end = bytes.count
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
                end = index
                break
            }
            if byte == slash {
                segmentStart = index + 1
                dot = -1
            } else if byte == UInt8(ascii: "."), segmentStart >= 0 {
                dot = index
            }
            index += 1
        }
        guard segmentStart >= 0, dot >= 0, dot + 1 < end else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(dot + 1)..<end]), as: UTF8.self)
    }
}
