/// L509: with `--assets`, a label item names an asset no manifest imports.
public final class LabelAssetUnknown: ImportItemRule {
    public static let metadata = RuleMetadata(
        id: "L509", name: "label-asset-unknown", severity: .error, kinds: LabelRules.kinds,
        summary: "With `--assets` (or `labels.assets`), a label item's `externalId` is in none of the asset manifests (without an externalId: its `data` or `asset` URL is no item's `data`).",
        rationale: """
            Labels are imported onto assets that are already in the project: the hub pre-labels every \
            asset whose external id is the item's `externalId`, and an id that no asset has pre-labels \
            nothing, without an error. Give assetlint the manifests the assets were imported from \
            (`--assets assets.json`, repeatable, or `labels.assets` in `.assetlint.yml`) and it checks each \
            label item against them. Ids are compared byte for byte: `cat.jpg` \
            and `Cat.jpg` are different assets.

            Without `--assets` or `labels.assets` the rule does nothing.
            """,
        triggering: [
            RuleExample(.labels, #"[{"externalId": "cute-cow.jpg", "objects": [{"schemaId": "1627303148026", "point": [318.9, 459.1]}]}]"#,
                        assets: #"[{"data": "https://i.imgur.com/CzXTtJV.jpg", "externalId": "cute-cat.jpg"}]"#)
        ],
        nonTriggering: [
            RuleExample(.labels, #"[{"externalId": "cute-cat.jpg", "objects": [{"schemaId": "1627303148026", "point": [318.9, 459.1]}]}]"#,
                        assets: #"[{"data": "https://i.imgur.com/CzXTtJV.jpg", "externalId": "cute-cat.jpg"}]"#)
        ])

    public init() {}


    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        AssetJoin.check(Self.self, item: item, in: tree, context: context, consequence: "the hub would pre-label no asset with it")
    }
}
