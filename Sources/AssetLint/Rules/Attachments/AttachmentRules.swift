/// What the A rules share: the attachment-only import that adds attachments to assets already in
/// a project (HUB-FORMATS section 1.3).
public enum AttachmentRules {
    static let kinds: Set<DocumentKind> = [.attachments]

    /// The members of an item: the asset's id, its attachments, and the asset's URL that the REST
    /// form (`POST /v2/attachments`) also sends.
    static let itemKeys: [String] = ["externalId", "attachments", "data"]

    /// The attachment types the hub shows: "Only text, images, and videos are supported."
    static let types = ["IMAGE", "TEXT", "VIDEO"]

    /// The file extensions the hub documents per type ("Supported IMAGE file types are .png and
    /// .jpg. The supported video type is .mp4"); `.jpeg` is the same format as `.jpg`.
    static let extensions: [String: Set<String>] = ["IMAGE": ["png", "jpg", "jpeg"], "VIDEO": ["mp4"]]

    /// The attachment's type when it is IMAGE or VIDEO (the types whose value is a URL), compared on
    /// the file's bytes.
    static func mediaType(of attachment: JSONTree.Index, in tree: JSONTree) -> String? {
        guard let type = tree.member("type", of: attachment), tree[type].kind == .string else { return nil }
        if tree[type].flags.contains(.escaped) {
            let name = tree.string(type)
            return name == "IMAGE" || name == "VIDEO" ? name : nil
        }
        let raw = tree.rawStringContent(type)
        if raw.elementsEqual("IMAGE".utf8) { return "IMAGE" }
        if raw.elementsEqual("VIDEO".utf8) { return "VIDEO" }
        return nil
    }
}
