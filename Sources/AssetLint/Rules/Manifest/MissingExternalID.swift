/// M104: an item has no `externalId`.
public final class MissingExternalID: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M104", name: "missing-external-id", severity: .error, kinds: ManifestRules.kinds,
        summary: "An item has no `externalId`.",
        rationale: """
            `externalId` is the asset's identity in your own world: exports, label round-trips and re-imports use \
            it to match an asset in the hub with your records. An asset imported without one can only be \
            found by the hub's internal id, so its labels cannot be joined back to your data.

            Give every item a unique `externalId`; the object's file name or a database key are common choices. \
            When the item has a misspelt key such as `externalID` or `external_id`, the key is the mistake: \
            M106 reports it, offers to rename it and notes that the item has no `externalId`; this rule \
            reports the item only when M106 does not run, naming the key.
            """,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "width": 603, "height": 450}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalID": "cute-cat.jpg"}]"#,
                config: "rules:\n  ignore: [M106]", note: "a misspelt key, when M106 does not run (it reports the key instead)"),
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg"}]"#
            )
        ])

    static let reportsOn: ItemSignals = .noExternalID

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        let members = context.itemMembers.members(of: item, at: index, in: tree)
        guard members[.externalId] == nil else { return }
        let why =
            "exports and re-imports identify assets by it, so this asset's labels could not be matched back to your records"
        if members.unknownCount > 0, let nearMiss = ItemMembers.nearMisses(of: .externalId, in: item, tree: tree).first
        {
            // The misspelt key is the mistake: M106 reports it, offers the rename and notes this.
            if context.isActive(UnknownField.metadata.id) { return }
            context.report(
                Self.self,
                "item \(index) has no \"externalId\" but has \(ManifestText.quoted(nearMiss)), which the hub ignores: \(why); rename \(ManifestText.quoted(nearMiss)) to \"externalId\" (see M106)",
                at: ManifestRules.anchor(of: item, in: tree), pointer: tree.pointer(item))
            return
        }
        context.report(
            Self.self,
            "item \(index) has no \"externalId\": \(why); add a unique \"externalId\" (the file name, for example)",
            at: ManifestRules.anchor(of: item, in: tree), pointer: tree.pointer(item))
    }
}
