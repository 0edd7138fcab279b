/// M124: `width`/`height` inside `metadata` of an item without top-level dimensions.
public final class DimensionInMetadata: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M124", name: "dimension-in-metadata", severity: .info, kinds: ManifestRules.kinds,
        summary: "`metadata` holds `width` or `height` and the item has neither at its top level, where the hub reads them.",
        rationale: """
            In an asset import, an image's size is the item's own `width` and `height` (next to `data`). \
            The hub's exports put them inside `metadata` instead, so a manifest built from an export often \
            carries them there. `metadata` is imported as it is, so nothing breaks, but the hub does not read \
            those values as the image's size: polygon masks exported as bitmaps need the top-level ones.

            Move them to the item's top level (and keep the copy in `metadata` if you use it). An item that \
            has top-level dimensions is not reported, whatever its `metadata` holds.
            """,
        triggering: [
            RuleExample(.manifest, #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "metadata": {"width": 603, "height": 450}}]"#)
        ],
        nonTriggering: [
            RuleExample(.manifest, #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "width": 603, "height": 450, "metadata": {"width": 603, "height": 450}}]"#)
        ])

    static let reportsOn: ItemSignals = .has(.metadata)

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        let members = context.itemMembers.members(of: item, at: index, in: tree)
        guard members[.width] == nil, members[.height] == nil, let metadata = members[.metadata], tree[metadata].kind == .object else { return }
        let found = [tree.member("width", of: metadata), tree.member("height", of: metadata)].compactMap { $0 }
        guard let first = found.min(by: { tree[$0].start < tree[$1].start }) else { return }
        let names = found.count == 2 ? "width and height in metadata are" : "\(tree.key(of: first) ?? "width") in metadata is"
        context.reportKey(Self.self, "\(names) not the image's size: the hub reads the item's own width and height", node: first, in: tree)
    }
}
