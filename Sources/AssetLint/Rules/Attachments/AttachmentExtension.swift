/// A604: an IMAGE or VIDEO attachment's file is of a type the hub does not document.
public final class AttachmentExtension: ImportItemRule {
    public static let metadata = RuleMetadata(
        id: "A604", name: "attachment-extension", severity: .warning, kinds: AttachmentRules.kinds,
        summary: AttachmentEntry.fileTypeSummary,
        rationale: AttachmentEntry.fileTypeRationale,
        triggering: [
            RuleExample(.attachments, #"[{"externalId": "image-sample.jpg", "attachments": [{"type": "VIDEO", "value": "https://bucket-name.s3.amazonaws.com/walkthrough.mov"}]}]"#)
        ],
        nonTriggering: [
            RuleExample(.attachments, #"[{"externalId": "image-sample.jpg", "attachments": [{"type": "VIDEO", "value": "https://bucket-name.s3.amazonaws.com/walkthrough.mp4?integrationId=1234567890"}]}]"#)
        ])

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let list = tree.member("attachments", of: item), tree[list].kind == .array else { return }
        for attachment in tree.children(of: list) { AttachmentEntry.checkExtension(attachment, for: Self.self, in: tree, context: context) }
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
