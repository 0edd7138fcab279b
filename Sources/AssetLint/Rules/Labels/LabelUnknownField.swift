/// L502: an item member the label import does not have.
public final class LabelUnknownField: ImportItemRule {
    public static let metadata = RuleMetadata(
        id: "L502", name: "label-unknown-field", severity: .warning, kinds: LabelRules.kinds,
        summary: "A label item has a key the hub's import format does not read; a near miss of a known key is named.",
        rationale: """
            The label import reads `externalId`, `data` (or the samples' `asset`), `objects`, \
            `classifications`, `relations`, `brushDataUrl` and `medicalBrushDataUrl` on each item. Any other \
            key is ignored, so a misspelt `object` or `externalID` silently drops what it holds. A frequent \
            case is a file written from the hub's own task answers or export, which call the objects \
            `tools`: the import needs `objects`.

            When the key is close to a known one, the message names it and an unsafe fix renames the key.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.labels, #"[{"externalId": "example.jpg", "tools": [{"schemaId": "1627286466609", "point": [318.9, 459.1]}]}]"#),
            RuleExample(.labels, #"[{"externalId": "example.jpg", "reviewer": "kim", "objects": [{"schemaId": "1627286466609", "point": [318.9, 459.1]}]}]"#,
                        note: "a key like no field of the import: no rename to offer"),
        ],
        nonTriggering: [
            RuleExample(.labels, #"[{"asset": "https://asset.url/image.jpg", "externalId": "image.jpg", "objects": [{"schemaId": "1627303148026", "point": [318.9, 459.1]}]}]"#)
        ])

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, LabelItemAnalysis.of(context).view(of: item, at: index, in: tree).unknownCount > 0 else { return }
        ImportKeys.reportUnknown(
            Self.self, in: item, known: LabelField.names, aliases: LabelField.aliases,
            ignored: "the hub's label import ignores it and what it holds", tree: tree, context: context)
    }
}
