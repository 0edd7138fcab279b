/// M115: an empty `externalId`.
public final class ExternalIDEmpty: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M115", name: "external-id-empty", severity: .error, kinds: ManifestRules.kinds,
        summary: "An item's `externalId` is the empty string.",
        rationale: """
            An empty `externalId` identifies nothing: every asset with one is indistinguishable from the others \
            on export, and labels cannot be matched back to your records. It usually comes from an empty cell \
            in the spreadsheet or a column an export script did not fill.

            Give the item a unique, non-empty id, such as the object's path in the bucket. An id made only of \
            spaces is M113's.
            """,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": ""}]"#)
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "file.jpg"}]"#)
        ])

    static let reportsOn: ItemSignals = .idEmpty

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let id = context.itemMembers.members(of: item, at: index, in: tree)[.externalId],
            tree[id].kind == .string,
            tree[id].end - tree[id].start == 2
        else { return }
        context.report(
            Self.self,
            "externalId of item \(index) is empty: exports and re-imports identify assets by it, so this asset's labels could not be matched back to your records; use a unique id such as the object's path",
            node: id, in: tree)
    }
}
