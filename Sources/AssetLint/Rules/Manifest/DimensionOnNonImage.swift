/// M123: `width`/`height` on an item whose asset is not an image.
public final class DimensionOnNonImage: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M123", name: "dimension-on-non-image", severity: .warning, kinds: ManifestRules.kinds,
        summary: "`width` or `height` is given for an asset whose file extension is not an image's, or for a Markdown asset.",
        rationale: """
            The hub uses `width` and `height` only for images (`.jpg`, `.jpeg`, `.png`, `.tif`, `.tiff`). On a \
            video, audio, text, PDF or medical file they are ignored, which usually means the manifest was \
            built with the wrong column mapping or one item's URL points at the wrong file.

            Check that `data` points at the intended file; if it does, remove `width` and `height`. Items \
            without an extension, and images in formats the hub does not import (`.gif`, `.webp`, `.heic`; \
            M130 reports those), are left alone.
            """,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/clips/run-12.mp4", "externalId": "run-12", "width": 1920, "height": 1080}]"#
            ),
            RuleExample(.manifest, #"[{"data": "<div style='font-size:13px'>Serial No: 1</div>", "externalId": "00001.md", "width": 800, "height": 600}]"#,
                        note: "a Markdown asset"),
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.PNG", "externalId": "cute-cat.png", "width": 603, "height": 450}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/clips/run-12.mp4", "externalId": "run-12"}]"#
            ),
        ])

    /// Image formats the hub does not import: M130 reports the extension, so dimensions are not the problem.
    static let otherImageExtensions: [FileExtension] = [
        "gif", "bmp", "webp", "heic", "heif", "avif", "jfif", "jp2", "svg", "ico", "jxl",
    ].map(FileExtension.init)

    /// Whether dimensions make sense for a file with extension `ext`.
    static func isImage(_ ext: FileExtension) -> Bool {
        FileExtension.images.contains(ext) || otherImageExtensions.contains(ext)
    }

    static let reportsOn: ItemSignals = .dimensionOnNonImage

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        let members = context.itemMembers.members(of: item, at: index, in: tree)
        let width = members[.width]
        let height = members[.height]
        guard width != nil || height != nil else { return }
        let (_, data, path) = context.itemMembers.dataPath(of: item, at: index, in: tree)
        guard let data else { return }
        let asset: String
        if AssetData.isMarkdown(data, in: tree, context: context) {
            asset = "is Markdown, not an image"
        } else if let path, let ext = path.fileExtension, !Self.isImage(ext) {
            asset = "\(ManifestText.quoted(path.fileName(of: data, in: tree))) is not an image (.\(path.extensionText(of: data, in: tree)))"
        } else {
            return
        }
        let dimension: JSONTree.Index
        let which: String
        switch (width, height) {
        case (let width?, let height?):
            dimension = tree[width].start < tree[height].start ? width : height
            which = "\"width\" and \"height\""
        case (let width?, nil):
            dimension = width
            which = "\"width\""
        default:
            dimension = height!
            which = "\"height\""
        }
        context.reportKey(
            Self.self,
            "item \(index) has \(which) but its asset \(asset): the hub uses dimensions only for images and ignores them here; check that \"data\" points at the right file, or remove the dimensions",
            node: dimension, in: tree)
    }
}
