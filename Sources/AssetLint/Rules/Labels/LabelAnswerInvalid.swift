/// L506: a classification has no answer the hub can import.
public final class LabelAnswerInvalid: ImportItemRule {
    public static let metadata = RuleMetadata(
        id: "L506", name: "label-answer-invalid", severity: .error, kinds: LabelRules.kinds,
        summary: "A classification (of the item, of an object, or nested) has no `answer`, or one that is not text, a list of texts or a boolean.",
        rationale: """
            A classification imports its `answer`: the option's text for a radio or single dropdown \
            (`"Bedside Table"`), a list of texts for checkboxes and multiple dropdowns, `"Parent / Child"` \
            paths for a tree dropdown, the text itself for a text classification. Options are named by \
            their text, as the hub's label set shows them, not by number; a classification without an \
            answer, or with a number, an object or `null`, imports nothing.

            An empty answer (`""` or `[]`) selects nothing and is reported as a warning. Booleans are \
            accepted for boolean classifications.
            """,
        triggering: [
            RuleExample(.labels, #"[{"externalId": "test.jpg", "classifications": [{"schemaId": "1627287806195"}]}]"#),
            RuleExample(.labels, #"[{"externalId": "audio.mp3", "classifications": [{"schemaId": "1627302702396", "answer": ["Answer 2", 4]}]}]"#),
        ],
        nonTriggering: [
            RuleExample(.labels, #"[{"externalId": "test.jpg", "objects": [{"schemaId": "1627287783027", "point": [270.2, 238.8], "classifications": [{"schemaId": "1627287806195", "answer": "Bedside Table"}]}]}]"#),
            RuleExample(.labels, #"[{"externalId": "audio.mp3", "classifications": [{"answer": ["First-Level Multiple Dropdown", "Answer 2"], "schemaId": "1627302702396", "classifications": [{"answer": ["Answer 4"], "schemaId": "1627302702654"}]}]}]"#),
        ])

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        LabelWalk.classifications(of: item, in: tree) { ClassificationAnswer.check($0, for: Self.self, in: tree, context: context) }
        // Entries of nested lists that are not objects (the item's own lists are L501's).
        for object in LabelItemAnalysis.of(context).view(of: item, at: index, in: tree).objects {
            checkEntries(of: object.node, in: tree, context: context)
        }
        LabelWalk.classifications(of: item, in: tree) { checkEntries(of: $0, in: tree, context: context) }
    }

    private func checkEntries(of owner: JSONTree.Index, in tree: JSONTree, context: LintContext) {
        guard let list = tree.member("classifications", of: owner) else { return }
        guard tree[list].kind == .array else {
            context.report(Self.self, "\"classifications\" must be a list, found \(ManifestText.describeValue(list, in: tree))", node: list, in: tree)
            return
        }
        for entry in tree.children(of: list) where tree[entry].kind != .object {
            context.report(Self.self, "a classification must be an object, found \(ManifestText.describeValue(entry, in: tree))", node: entry, in: tree)
        }
    }
}
