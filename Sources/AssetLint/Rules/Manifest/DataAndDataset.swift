/// M107: an item has both `data` and `dataset`.
public final class DataAndDataset: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M107", name: "data-and-dataset", severity: .error, kinds: ManifestRules.kinds,
        summary: "An item has both `data` and `dataset`.",
        rationale: """
            An item is either a single-file asset (`data`, one URL) or a multi-page asset (`dataset`, an array of \
            page URLs). With both, one of them is ignored, and which one depends on the hub's version: the asset \
            that gets imported may not be the one you reviewed.

            Keep `data` for a single image, video or document, or `dataset` for a multi-page asset, and remove \
            the other. The diagnostic points at the later of the two keys; the related location is the earlier one.
            """,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/scan/p1.jpg", "dataset": ["https://bucket-name.s3.eu-central-1.amazonaws.com/scan/p1.jpg", "https://bucket-name.s3.eu-central-1.amazonaws.com/scan/p2.jpg"], "externalId": "scan-0001"}]"#
            )
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"dataset": ["https://bucket-name.s3.eu-central-1.amazonaws.com/scan/p1.jpg", "https://bucket-name.s3.eu-central-1.amazonaws.com/scan/p2.jpg"], "externalId": "scan-0001"}]"#
            )
        ])

    /// Reported when `data` is there too.
    static let reportsOn: ItemSignals = .has(.dataset)

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        let members = context.itemMembers.members(of: item, at: index, in: tree)
        guard let data = members[.data], let dataset = members[.dataset] else { return }
        let (first, second) = tree[data].start < tree[dataset].start ? (data, dataset) : (dataset, data)
        let firstName = first == data ? "data" : "dataset"
        context.report(
            Self.self,
            "item \(index) has both \"data\" and \"dataset\": an item is one file (\"data\") or a multi-page asset (\"dataset\"), so one of them would be ignored; remove the one you do not mean",
            at: tree[second].keyRange ?? tree[second].range, pointer: tree.pointer(second),
            related: [
                RelatedLocation(message: "\"\(firstName)\" is here", range: tree[first].keyRange ?? tree[first].range)
            ])
    }
}
