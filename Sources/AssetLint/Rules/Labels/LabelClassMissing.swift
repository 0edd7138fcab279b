/// L503: an object, classification or relation does not name its class in the project's label set.
public final class LabelClassMissing: ImportItemRule {
    public static let metadata = RuleMetadata(
        id: "L503", name: "label-class-missing", severity: .error, kinds: LabelRules.kinds,
        summary: "An object, classification or relation has neither a `schemaId` nor a `title` (non-empty strings) to name its class.",
        rationale: """
            Every object, classification and relation of a label import names the tool of the project's \
            label set it belongs to: by `schemaId`, found under *Settings* > *Label Set* when a tool is \
            expanded, or by the tool's `title` (the hub then guesses among tools of that name, so the schema \
            id is the better choice). Nested classifications have schema ids of their own. An entry that \
            names neither cannot be imported.

            Schema ids are strings: a schema id written as a JSON number gets an unsafe fix that quotes it \
            (check the digits: a long number may have been rounded by the program that wrote it).
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.labels, #"[{"externalId": "image.jpg", "objects": [{"point": [318.9, 459.1]}]}]"#),
            RuleExample(.labels, #"[{"externalId": "image.jpg", "objects": [{"schemaId": 1627303148026, "point": [318.9, 459.1]}]}]"#,
                        note: "a schema id written as a number"),
        ],
        nonTriggering: [
            RuleExample(.labels, #"[{"externalId": "image.jpg", "objects": [{"schemaId": "1627303148026", "point": [318.9, 459.1]}]}]"#),
            RuleExample(.labels, #"[{"data": "https://asset.url/image-sample.jpg", "objects": [{"title": "Person", "point": [690.4, 374.6]}]}]"#,
                        note: "by title"),
        ])

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        for object in LabelItemAnalysis.of(context).view(of: item, at: index, in: tree).objects {
            ClassNaming.check(object.node, "object", for: Self.self, in: tree, context: context)
        }
        LabelWalk.classifications(of: item, in: tree) { ClassNaming.check($0, "classification", for: Self.self, in: tree, context: context) }
        LabelWalk.relations(of: item, in: tree) { ClassNaming.check($0, "relation", for: Self.self, in: tree, context: context) }
    }
}
