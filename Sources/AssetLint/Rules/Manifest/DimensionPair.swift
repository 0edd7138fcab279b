/// M120: `width` without `height`, or `height` without `width`.
public final class DimensionPair: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M120", name: "dimension-pair", severity: .error, kinds: ManifestRules.kinds,
        summary: "An item has `width` without `height`, or `height` without `width`.",
        rationale: """
            `width` and `height` are optional hints that let the hub lay out an image before it is downloaded. \
            The hub uses them only as a pair: one without the other is ignored at best, and at worst the \
            labeling tool computes a zero or undefined aspect ratio for the asset. A missing half usually means \
            a column was lost or misspelt (`heigth`: see M106).

            Add the missing dimension, or remove the one that is there. The diagnostic points at the item's \
            opening brace; the related location is the dimension that is present.
            """,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "width": 603}]"#
            )
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "width": 603, "height": 450}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg"}]"#
            ),
        ])

    static let reportsOn: ItemSignals = .unpairedDimension

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        let members = context.itemMembers.members(of: item, at: index, in: tree)
        let width = members[.width]
        let height = members[.height]
        guard (width == nil) != (height == nil) else { return }
        let (present, missing) = width != nil ? ("width", "height") : ("height", "width")
        let node = (width ?? height)!
        var message =
            "item \(index) has \"\(present)\" but no \"\(missing)\": the hub uses dimensions only as a pair; add \"\(missing)\" or remove \"\(present)\""
        if members.unknownCount > 0,
            let nearMiss = ItemMembers.nearMisses(of: missing == "width" ? .width : .height, in: item, tree: tree).first
        {
            message += " (\(ManifestText.quoted(nearMiss)) is not a manifest field; see M106)"
        }
        context.report(
            Self.self, message, at: ManifestRules.anchor(of: item, in: tree), pointer: tree.pointer(item),
            related: [
                RelatedLocation(message: "\"\(present)\" is here", range: tree[node].keyRange ?? tree[node].range)
            ])
    }
}
