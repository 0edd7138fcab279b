/// A604: an IMAGE or VIDEO attachment's file is of a type the hub does not document.
public final class AttachmentExtension: Rule {
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
            guard let type = tree.member("type", of: attachment), let name = tree.string(type),
                  let allowed = AttachmentRules.extensions[name],
                  let value = tree.member("value", of: attachment), let url = tree.string(value),
                  let ext = Self.pathExtension(of: url), !allowed.contains(ext.lowercased()) else { continue }
            let documented = allowed.sorted().filter { $0 != "jpeg" }.map { ".\($0)" }.joinedAsChoice("and")
            let what = name == "IMAGE" ? "images" : "videos"
            context.report(
                Self.self, "this \(name) attachment is a .\(ext) file: the hub documents \(documented) \(what) only",
                node: value, in: tree)
        }
    }

    /// The extension of the last segment of an http(s) URL's path, if it has one.
    static func pathExtension(of url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let path = rest[slash...].prefix { $0 != "?" && $0 != "#" }
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), name.index(after: dot) < name.endIndex else { return nil }
        let ext = name[name.index(after: dot)...]
        return ext.isEmpty ? nil : String(ext)
    }
}
