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
              let id = members[.externalId], isPlainID(id, in: tree)
        else { return true }
        for field in [ManifestField.metadata, .contextData] {
            if let value = members[field], tree[value].kind != .object { return true }
        }
        if let path {
            guard let ext = path.fileExtension, allowed.contains(ext) else { return true }
        }
        let width = members[.width]
        let height = members[.height]
        if width == nil, height == nil { return false }
        guard let width, let height, isPlainDimension(width, in: tree), isPlainDimension(height, in: tree) else { return true }
        if let ext = path?.fileExtension, !DimensionOnNonImage.isImage(ext) { return true }
        return false
    }

    private func isPlainID(_ id: JSONTree.Index, in tree: JSONTree) -> Bool {
        let node = tree[id]
        guard node.kind == .string, node.end - node.start > 2, !node.flags.contains(.escaped) else { return false }
        return !ExternalIDWhitespace.mayHaveFindings(tree.rawStringContent(id))
    }

    private func isPlainDimension(_ value: JSONTree.Index, in tree: JSONTree) -> Bool {
        guard case .valid(let number) = DimensionValue(value, in: tree) else { return false }
        return number <= maximum
    }
}
