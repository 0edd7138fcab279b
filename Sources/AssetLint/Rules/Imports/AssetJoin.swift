/// The join of a label or attachment import with the asset manifests given by `--assets` or
/// `labels.assets` (L509, A605): an item must name an asset one of them imports, by its
/// `externalId` or, without one, by the asset's URL in `data` (or the label samples' `asset`).
enum AssetJoin {
    /// Reports item `item` for `rule` when it names no asset of the manifests; `consequence` says
    /// what the hub then does with the item.
    static func check(
        _ rule: any Rule.Type, item: JSONTree.Index, in tree: JSONTree, context: LintContext, consequence: String
    ) {
        guard let assets = context.assets, tree[item].kind == .object else { return }
        if let id = tree.member("externalId", of: item) {
            guard tree[id].kind == .string else { return }
            let known = ManifestText.withDecodedBytes(id, in: tree) { assets.contains(externalID: $0) }
            if !known {
                context.report(
                    rule, "externalId \(ManifestText.quoted(tree.string(id) ?? "")) is in no asset manifest (\(assets.manifestNames)): \(consequence)",
                    node: id, in: tree)
            }
            return
        }
        for key in ["data", "asset"] {
            guard let url = tree.member(key, of: item), tree[url].kind == .string else { continue }
            let known = ManifestText.withDecodedBytes(url, in: tree) { assets.contains(data: $0) }
            if !known {
                context.report(
                    rule, "\"\(key)\" \(ManifestText.quoted(tree.string(url) ?? "", limit: 80)) is the data of no item of \(assets.manifestNames): \(consequence)",
                    node: url, in: tree)
            }
            return
        }
    }
}
