/// M151: `metadata.frameRate` on an asset that is not a video.
public final class FrameRateNotVideo: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M151", name: "frame-rate-not-video", severity: .warning, kinds: ManifestRules.kinds,
        summary: "`metadata.frameRate` is given for an asset that is not a video: an image, audio, text or PDF file, a Markdown asset or a multi-page `dataset`.",
        rationale: """
            Only videos have a frame rate: the hub reads `metadata.frameRate` to step through a video's \
            frames (30 fps when it is absent). On any other asset it means nothing, which usually means the \
            manifest was built with the wrong column mapping or `data` points at the wrong file.

            Check that `data` points at the intended file; if it does, remove `frameRate`. Assets whose type \
            is unknown (no extension) and DICOM files, which may hold many frames, are left alone.
            """,
        triggering: [
            RuleExample(.manifest, #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "metadata": {"frameRate": 25}}]"#)
        ],
        nonTriggering: [
            RuleExample(.manifest, #"[{"data": "https://your-url.com/asset.mp4", "externalId": "YOUR_EXTERNAL_ID", "metadata": {"frameRate": 25}}]"#),
            RuleExample(.manifest, #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/scan-7.dcm", "externalId": "scan-7", "metadata": {"frameRate": 12}}]"#,
                        note: "a DICOM file may hold many frames"),
        ])

    /// Extensions of files that have no frames: images, audio, text, documents, volumes.
    static let frameless: [FileExtension] = (
        Array(Configuration.AssetSettings.imageExtensions)
        + ["gif", "bmp", "webp", "heic", "heif", "avif", "jfif", "jp2", "svg", "mp3", "wav", "flac", "m4a", "aac", "txt", "md", "html",
           "htm", "csv", "json", "pdf", "nrrd", "nii", "gz"]
    ).map(FileExtension.init)

    static let reportsOn: ItemSignals = .has(.metadata)

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard let frameRate = FrameRate.member(of: item, at: index, in: tree, context: context) else { return }
        let members = context.itemMembers.members(of: item, at: index, in: tree)
        let asset: String
        if let data = members[.data] {
            if AssetData.isMarkdown(data, in: tree, context: context) {
                asset = "a Markdown asset"
            } else if let path = context.itemMembers.dataPath(of: item, at: index, in: tree).path, let ext = path.fileExtension,
                      Self.frameless.contains(ext) {
                asset = "a .\(path.extensionText(of: data, in: tree)) file"
            } else {
                return
            }
        } else if members[.dataset] != nil {
            asset = "a multi-page dataset"
        } else {
            return
        }
        context.reportKey(Self.self, "frameRate on \(asset): only videos have a frame rate", node: frameRate, in: tree)
    }
}
