/// A605: with `--assets`, an attachment item names an asset no manifest imports.
public final class AttachmentAssetUnknown: ImportItemRule {
    public static let metadata = RuleMetadata(
        id: "A605", name: "attachment-asset-unknown", severity: .error, kinds: AttachmentRules.kinds,
        summary: "With `--assets` (or `labels.assets`), an attachment item's `externalId` is in none of the asset manifests.",
        rationale: """
            Attachments are added to assets already in the project, found by their external id. An id that \
            no asset has attaches nothing. Give assetlint the manifests the assets were imported from \
            (`--assets assets.json`, repeatable, or `labels.assets` in `.assetlint.yml`) and it checks each \
            item against them, byte for byte.

            Without `--assets` or `labels.assets` the rule does nothing.
            """,
        triggering: [
            RuleExample(.attachments, #"[{"externalId": "cute-cow.jpg", "attachments": [{"type": "TEXT", "value": "Taken at dusk."}]}]"#,
                        assets: #"[{"data": "https://i.imgur.com/CzXTtJV.jpg", "externalId": "cute-cat.jpg"}]"#)
        ],
        nonTriggering: [
            RuleExample(.attachments, #"[{"externalId": "cute-cat.jpg", "attachments": [{"type": "TEXT", "value": "Taken at dusk."}]}]"#,
                        assets: #"[{"data": "https://i.imgur.com/CzXTtJV.jpg", "externalId": "cute-cat.jpg"}]"#)
        ])

    public init() {}


    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        AssetJoin.check(Self.self, item: item, in: tree, context: context, consequence: "the hub would add these attachments to no asset")
    }
}
