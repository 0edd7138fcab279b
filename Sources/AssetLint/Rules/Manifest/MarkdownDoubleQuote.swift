/// M132: a Markdown asset that holds double quotes.
public final class MarkdownDoubleQuote: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M132", name: "markdown-double-quote", severity: .info, kinds: ManifestRules.kinds,
        summary: "A Markdown asset's content (its `data`) holds double quotes; the hub's bulk-import page asks for single quotes.",
        rationale: """
            A Markdown or HTML asset carries its content in `data` instead of a URL. The hub's page on \
            bulk-importing Markdown assets asks to "convert all double quotes contained within the markdown \
            (") to single quotes (')", or the asset may not be imported correctly. In valid JSON a double \
            quote inside a string is escaped (`\\"`), and the official SDK uploads such content through the \
            same import, so this is an info, not an error: follow it for files uploaded in the hub's \
            *Upload Data URL* dialog.

            HTML attribute values may be quoted with either (`style='…'`). The unsafe fix writes every \
            double quote of the content as a single quote, which also changes quotation marks in the text.
            """,
        fix: .unsafe,
        triggering: [
            RuleExample(.manifest, #"[{"externalId": "00001.md", "data": "<div style=\"font-size:13px\">Serial No: 1</div>"}]"#)
        ],
        nonTriggering: [
            RuleExample(.manifest, #"[{"externalId": "00001.md", "data": "<div style='font-size:13px'>Serial No: 1</div>"}]"#)
        ])

    static let reportsOn: ItemSignals = .markdownData

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let data = context.itemMembers.members(of: item, at: index, in: tree)[.data],
              AssetData.isMarkdown(data, in: tree, context: context) else { return }
        let quotes = MarkdownText.escapes(.doubleQuote, in: data, of: tree)
        guard let first = quotes.first else { return }
        let count = quotes.count == 1 ? "a double quote" : "\(quotes.count) double quotes"
        context.report(
            Self.self, "this Markdown asset holds \(count); the hub asks for single quotes", at: first, pointer: tree.pointer(data),
            fix: Fix(.unsafe, "write single quotes", edits: quotes.map { TextEdit(range: $0, replacement: "'") }))
    }
}
