/// M130: the asset's file extension is not one the hub imports.
public final class UnsupportedExtension: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M130", name: "unsupported-extension", severity: .warning, kinds: ManifestRules.kinds,
        summary:
            "The file extension of an asset URL (`data` or a `dataset` entry) is not in `assets.extensions`, or there is none.",
        rationale: """
            The hub recognizes an asset's type by the extension of its file name and imports only the formats \
            it supports: images `.jpg .jpeg .png .tif .tiff`, video `.mp4 .ogg .webm .mov`, audio `.mp3 .wav`, \
            text `.txt .md`, documents `.pdf` and medical `.dcm .nrrd`. Anything else (`.heic` from iPhones, \
            `.webp`, `.gif`, an object key without an extension) imports an asset the labeling tool cannot \
            show.

            The extension is read from the last segment of the URL's path, after percent-decoding, ignoring the \
            query and fragment, without regard to case (`.JPG` is fine). Convert the files to a supported \
            format, or, if your hub accepts more formats, list them in `assets.extensions` in `.assetlint.yml`.
            """,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/IMG_2041.HEIC", "externalId": "IMG_2041"}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://storage.googleapis.com/bucket-name/scans/0001", "externalId": "scan-0001"}]"#,
                note: "no extension"),
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/IMG_2041.JPG", "externalId": "IMG_2041"}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/IMG_2041.heic", "externalId": "IMG_2041"}]"#,
                config: "assets:\n  extensions: [jpg, png, heic]\n", note: "heic allowed by the configuration"),
        ])

    /// `dataset` entries are checked too.
    static let reportsOn: ItemSignals = [.extensionNotAccepted, .has(.dataset)]

    public init() {}

    /// The extensions `assets.extensions` accepts.
    static func allowedExtensions(in configuration: Configuration) -> [FileExtension] {
        configuration.assets.extensions.map(FileExtension.init)
    }

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        let (members, data, dataPath) = context.itemMembers.dataPath(of: item, at: index, in: tree)
        let allowed = Self.allowedExtensions(in: context.configuration)
        if let data, let dataPath {
            check(data, dataPath, allowed: allowed, in: tree, context: context)
        }
        if let dataset = members[.dataset], tree[dataset].kind == .array {
            for entry in tree.children(of: dataset) {
                guard let path = AssetPath.of(entry, in: tree) else { continue }
                check(entry, path, allowed: allowed, in: tree, context: context)
            }
        }
    }

    private func check(
        _ url: JSONTree.Index, _ path: AssetPath, allowed: [FileExtension], in tree: JSONTree, context: LintContext
    ) {
        if let ext = path.fileExtension {
            guard !allowed.contains(ext), let extensionRange = path.extensionRange else { return }
            let name = path.fileName(of: url, in: tree)
            let text = path.extensionText(of: url, in: tree)
            context.report(
                Self.self,
                "asset \(ManifestText.quoted(name)) has the extension .\(text), which the hub does not import (supported: \(supportedList(allowed))): the labeling tool could not show it; convert the file, or add \"\(text)\" to assets.extensions if your hub accepts it",
                at: tree.sourceRange(ofDecoded: extensionRange, inString: url), pointer: tree.pointer(url))
            return
        }
        if path.segment.isEmpty {
            context.report(
                Self.self,
                "asset URL ends with \"/\", so it names a folder, not a file: the hub imports one file per item; point it at the file itself",
                node: url, in: tree)
            return
        }
        let name = path.fileName(of: url, in: tree)
        context.report(
            Self.self,
            "asset \(ManifestText.quoted(name)) has no file extension: the hub recognizes the file type by its extension (supported: \(supportedList(allowed))), so it could not show this asset; name the object with its format's extension",
            at: tree.sourceRange(ofDecoded: path.segment, inString: url), pointer: tree.pointer(url))
    }

    private func supportedList(_ allowed: [FileExtension]) -> String {
        var seen: Set<FileExtension> = []
        let list = allowed.filter { seen.insert($0).inserted }.map(\.text)
        return list.isEmpty ? "none configured" : list.joined(separator: ", ")
    }
}
