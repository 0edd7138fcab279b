/// The M rules on an item's structure and values (not the `externalId` uniqueness and Unicode
/// rules, which have their own analysis). On a plain item none of them has anything to report, so
/// the engine asks `PlainItemScreen` once and calls them only for the items it flags.
///
/// A rule that adopts this protocol promises that it reports nothing on an item the screen passes;
/// `PlainItemScreenTests` holds every such rule to it on generated items.
protocol StructuralItemRule: Rule {}

extension StructuralItemRule {
    public func itemInterest(context: LintContext) -> ItemInterest {
        .screened(context.shared(PlainItemScreen.self) { PlainItemScreen(context: context) })
    }
}

/// Decides whether a manifest item is plain: an object with exactly the usual members, each well
/// formed. Plain means: no key outside the manifest fields; a `data` string and an `externalId`
/// string; no `dataset`, `batches` or `attachments` (their rules look inside them);
/// `metadata` and `contextData`, when present, objects; the id neither empty nor escaped nor with
/// whitespace at its ends or line breaks inside; when `data` has a path, a file extension the
/// configuration accepts; `width` and `height` both absent, or both plain positive integers within
/// `assets.maxDimension` on an image. Anything else goes to the rules, which say what is wrong.
final class PlainItemScreen: ItemScreen {
    private let maximum: Int
    private let allowed: [FileExtension]
    private let members: ItemMembersCache
    /// The verdict on the extension seen last (manifests use a handful): (extension, accepted,
    /// an image's).
    @exclusivity(unchecked) private var lastExtension: (FileExtension, accepted: Bool, image: Bool)?

    init(context: LintContext) {
        maximum = context.configuration.assets.maxDimension
        allowed = UnsupportedExtension.allowedExtensions(in: context.configuration)
        members = context.itemMembers
    }

    func needsAttention(item: JSONTree.Index, at index: Int, in tree: JSONTree) -> Bool {
        guard tree[item].kind == .object else { return true }
        let (members, data, path) = self.members.dataPath(of: item, at: index, in: tree)
        guard members.unknownCount == 0, let data, tree[data].kind == .string,
              members[.dataset] == nil, members[.batches] == nil, members[.attachments] == nil,
              let id = members[.externalId], tree[id].kind == .string, !tree[id].flags.contains(.escaped)
        else { return true }
        for field in [ManifestField.metadata, .contextData] {
            if let value = members[field], tree[value].kind != .object { return true }
        }
        return !valuesArePlain(
            id: tree.rawStringContent(id), path: path,
            width: members[.width].map { DimensionValue($0, in: tree) },
            height: members[.height].map { DimensionValue($0, in: tree) })
    }

    /// The checks on the values of an item whose members are plain: `id` the unescaped content of
    /// its `externalId`, `path` that of its `data` URL. `BareItemShortcut` asks the same.
    func valuesArePlain(id: UnsafeBufferPointer<UInt8>, path: AssetPath?, width: DimensionValue?, height: DimensionValue?) -> Bool {
        guard !id.isEmpty, !ExternalIDWhitespace.mayHaveFindings(id) else { return false }
        var isImage = true
        if let path {
            guard let ext = path.fileExtension else { return false }
            let verdict = verdict(on: ext)
            guard verdict.accepted else { return false }
            isImage = verdict.image
        }
        switch (width, height) {
        case (nil, nil):
            return true
        case (.valid(let width)?, .valid(let height)?):
            return width <= maximum && height <= maximum && isImage
        default:
            return false
        }
    }

    private func verdict(on ext: FileExtension) -> (accepted: Bool, image: Bool) {
        if let last = lastExtension, last.0 == ext { return (last.accepted, last.image) }
        let verdict = (accepted: allowed.contains(ext), image: DimensionOnNonImage.isImage(ext))
        lastExtension = (ext, verdict.accepted, verdict.image)
        return verdict
    }
}
