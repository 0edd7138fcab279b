/// L501: the file is not a list of label items, or an item is not shaped like one.
public final class LabelItemShape: ImportItemRule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "L501", name: "label-item-shape", severity: .error, kinds: LabelRules.kinds,
        summary: "A label import is not an array of objects, an item names no asset, a member has the wrong type, or an item brings nothing to import.",
        rationale: """
            A label import is a JSON array with one object per asset. Each item names the asset it \
            pre-labels, by `externalId` (every asset with that id is pre-labeled) or by the asset's URL in \
            `data` (the downloadable samples also carry it as `asset`), and brings what to import: `objects`, \
            `classifications` and `relations` (arrays of objects), or a mask in `brushDataUrl` or \
            `medicalBrushDataUrl` (strings). The hub rejects a file of another shape, and an item whose \
            fields have other types imports nothing.

            An item with nothing to import is reported as a warning: it is harmless, but usually a sign \
            that the script writing the file lost its labels. The assets must be imported before their \
            labels, with the same `externalId`; `--assets` checks that (L509). An `externalId` written as a \
            number gets an unsafe fix that quotes it.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.labels, #"[{"objects": [{"schemaId": "1627286466609", "point": [318.9, 459.1]}]}]"#, note: "no asset named"),
            RuleExample(.labels, #"[{"externalId": 1024, "objects": [{"schemaId": "1627286466609", "point": [318.9, 459.1]}]}]"#,
                        note: "an id written as a number: the fix quotes it"),
            RuleExample(.labels, #"[{"externalId": "example.jpg", "objects": {"schemaId": "1627286466609", "point": [318.9, 459.1]}}]"#,
                        note: "objects must be a list"),
        ],
        nonTriggering: [
            RuleExample(.labels, #"[{"externalId": "example.jpg", "objects": [{"schemaId": "1627286466609", "point": [318.9, 459.1]}]}]"#),
            RuleExample(.labels, #"[{"externalId": "0a6e52c9.png", "brushDataUrl": "https://domain.s3.eu-central-1.amazonaws.com/brush-import-samples/0a6e52c9.png"}]"#,
                        note: "a brush mask"),
        ])

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        ImportShape.reportNotArray(Self.self, expected: "a label import is a JSON array of items, one per asset", in: tree, context: context)
    }

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard ImportShape.isObject(item, at: index, Self.self, why: ": each item pre-labels one asset", in: tree, context: context) else { return }
        let present = LabelItemAnalysis.of(context).view(of: item, at: index, in: tree)
        if !LabelField.assetReferences.contains(where: { present[$0] != nil }) {
            context.report(
                Self.self, "item \(index) names no asset: add its \"externalId\" (or the asset's URL as \"data\")",
                at: ImportKeys.anchor(of: item, in: tree), pointer: tree.pointer(item))
        }
        for field in LabelField.allCases {
            guard let member = present[field] else { continue }
            check(field, member, in: tree, context: context)
        }
        if !LabelField.content.contains(where: { present[$0] != nil }) {
            context.report(
                Self.self, "item \(index) has nothing to import: add \"objects\", \"classifications\" or a mask URL",
                at: ImportKeys.anchor(of: item, in: tree), pointer: tree.pointer(item), atMost: .warning)
        }
    }

    private func check(_ field: LabelField, _ member: JSONTree.Index, in tree: JSONTree, context: LintContext) {
        let kind = tree[member].kind
        guard kind == field.expectedKind else {
            let fix = field == .externalId ? ImportShape.quoting(member, in: tree) : nil
            context.report(
                Self.self,
                "\"\(field.name)\" must be \(ManifestText.describe(field.expectedKind)), found \(ManifestText.describeValue(member, in: tree))",
                node: member, in: tree, fix: fix)
            return
        }
        switch field.expectedKind {
        case .string:
            if tree[member].end - tree[member].start == 2 {
                context.report(Self.self, "\"\(field.name)\" is empty: it names nothing", node: member, in: tree)
            }
        case .array:
            var entry = tree[member].firstChild
            while entry != JSONNode.none {
                if tree[entry].kind != .object {
                    context.report(
                        Self.self,
                        "entry \(tree[entry].index) of \"\(field.name)\" is \(ManifestText.describeValue(entry, in: tree)), not an object",
                        node: entry, in: tree)
                }
                entry = tree[entry].nextSibling
            }
        default:
            break
        }
    }
}
