/// M142: a pre-label in an item's `classifications` the hub cannot import.
public final class ClassificationInvalid: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M142", name: "classification-invalid", severity: .error, kinds: ManifestRules.kinds,
        summary: "An entry of an item's `classifications` (pre-labels) is not an object naming its class by `schemaId` or `title` with an `answer` that is text or a list of texts.",
        rationale: """
            An asset may arrive pre-labelled: the SDK's asset builder sends `classifications` with each \
            asset, one `{"title", "schemaId", "answer"}` object per classification of the project's label \
            set. `schemaId` (or, failing that, `title`) names the classification; `answer` is the selected \
            option's text, or a list of texts for checkboxes, multiple dropdowns and ranks. An entry that \
            names no class, or whose answer is missing or not text, is not imported, and the asset arrives \
            without that label.

            The checks are those of a label import's classifications (L503, L506): a schema id written as \
            a number gets an unsafe fix that quotes it, and an empty answer is a warning. (`classifications` \
            that is not an array is M105's.)
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.manifest, #"[{"data": "<div>Serial No: 1</div>", "externalId": "00001.md", "classifications": [{"title": "Scene"}]}]"#),
            RuleExample(.manifest, #"[{"data": "<div>Serial No: 1</div>", "externalId": "00001.md", "classifications": [{"schemaId": 1627287806195, "answer": "Indoor"}]}]"#,
                        note: "a schema id written as a number"),
        ],
        nonTriggering: [
            RuleExample(.manifest, #"[{"data": "<div>Serial No: 1</div>", "externalId": "00001.md", "classifications": [{"title": "Scene", "schemaId": "1627287806195", "answer": "Indoor"}, {"title": "Objects", "schemaId": "1627302702396", "answer": ["Bed", "Bedside Table"]}]}]"#)
        ])

    static let reportsOn: ItemSignals = .has(.classifications)

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let list = context.itemMembers.members(of: item, at: index, in: tree)[.classifications],
              tree[list].kind == .array else { return }
        for entry in tree.children(of: list) {
            guard tree[entry].kind == .object else {
                context.report(Self.self, "a classification must be an object, found \(ManifestText.describeValue(entry, in: tree))", node: entry, in: tree)
                continue
            }
            ClassNaming.check(entry, "classification", for: Self.self, in: tree, context: context)
            ClassificationAnswer.check(entry, for: Self.self, in: tree, context: context)
        }
    }
}
