/// M103: an item has neither `data` nor `dataset`.
public final class MissingData: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M103", name: "missing-data", severity: .error, kinds: ManifestRules.kinds,
        summary: "An item has neither `data` (the asset's URL) nor `dataset` (the page URLs of a multi-page asset).",
        rationale: """
            `data` is what the hub imports: the full URL of the object in the bucket. A multi-page asset uses \
            `dataset`, an array of URLs, instead. An item with neither (or with an empty `dataset`) has nothing to \
            import, so it fails or creates an empty asset.

            The usual causes are a misspelt key (`Data`, `url`; see M106, which suggests the right name) or a \
            column that an export script did not fill. The diagnostic points at the item's opening brace.
            """,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"url": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg"}]"#
            ),
            RuleExample(.manifest, #"[{"dataset": [], "externalId": "scan-0001"}]"#, note: "an empty dataset"),
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg"}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"dataset": ["https://bucket-name.s3.eu-central-1.amazonaws.com/scan/p1.jpg", "https://bucket-name.s3.eu-central-1.amazonaws.com/scan/p2.jpg"], "externalId": "scan-0001"}]"#
            ),
        ])

    static let reportsOn: ItemSignals = .noData

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        let members = context.itemMembers.members(of: item, at: index, in: tree)
        if members[.data] != nil { return }
        if let dataset = members[.dataset] {
            guard tree[dataset].kind == .array, tree[dataset].childCount == 0 else { return }
            context.report(
                Self.self,
                "item \(index) has an empty \"dataset\" and no \"data\": the hub has no file to import for this asset; list the page URLs in \"dataset\" or give the URL in \"data\"",
                node: dataset, in: tree)
            return
        }
        var message = "item \(index) has neither \"data\" nor \"dataset\": the hub has no file to import for this asset"
        if members.unknownCount > 0 {
            let nearMisses =
                ItemMembers.nearMisses(of: .data, in: item, tree: tree)
                + ItemMembers.nearMisses(of: .dataset, in: item, tree: tree)
            if let first = nearMisses.first {
                message += " (\(ManifestText.quoted(first)) is not a manifest field; see M106)"
            }
        }
        message += "; add \"data\" with the asset's full URL"
        context.report(Self.self, message, at: ManifestRules.anchor(of: item, in: tree), pointer: tree.pointer(item))
    }
}
