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
            check(object.node, "object", in: tree, context: context)
        }
        LabelWalk.classifications(of: item, in: tree) { check($0, "classification", in: tree, context: context) }
        LabelWalk.relations(of: item, in: tree) { check($0, "relation", in: tree, context: context) }
    }

    private func check(_ entry: JSONTree.Index, _ what: String, in tree: JSONTree, context: LintContext) {
        let schemaID = tree.member("schemaId", of: entry)
        let title = tree.member("title", of: entry)
        // The common case, a non-empty schema id string, without building anything.
        if let schemaID, tree[schemaID].kind == .string, tree[schemaID].end - tree[schemaID].start > 2,
           title.map({ tree[$0].kind == .string }) ?? true {
            return
        }
        var named = false
        for member in [schemaID, title].compactMap({ $0 }) {
            let key = member == schemaID ? "schemaId" : "title"
            switch tree[member].kind {
            case .string:
                if tree[member].end - tree[member].start > 2 { named = true }
            case .number where key == "schemaId":
                named = true
                context.report(
                    Self.self, "schemaId \(tree.sourceText(member)) is a number: schema ids are strings; write \"\(tree.sourceText(member))\"",
                    node: member, in: tree, fix: ImportShape.quoting(member, in: tree, "quote the schema id"))
            default:
                named = true
                context.report(
                    Self.self, "\"\(key)\" must be a string, found \(ManifestText.describeValue(member, in: tree))",
                    node: member, in: tree)
            }
        }
        guard !named else { return }
        let message = schemaID == nil && title == nil
            ? "\(what) names no class: add the tool's \"schemaId\" from the project's label set (or its \"title\")"
            : "\(what) names no class: its \"schemaId\" and \"title\" are empty"
        context.report(Self.self, message, at: ImportKeys.anchor(of: entry, in: tree), pointer: tree.pointer(entry))
    }
}
