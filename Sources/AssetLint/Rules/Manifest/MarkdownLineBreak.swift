/// M131: a Markdown asset that spans several lines.
public final class MarkdownLineBreak: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M131", name: "markdown-line-break", severity: .info, kinds: ManifestRules.kinds,
        summary: "A Markdown asset's content (its `data`) holds line breaks; the hub's bulk-import page asks for one line.",
        rationale: """
            A Markdown or HTML asset carries its content in `data` instead of a URL. The hub's page on \
            bulk-importing Markdown assets asks for that content flattened to a single line: "Failure to do \
            so will result in the Markdown files not being imported correctly or at all." The official SDK \
            uploads multi-line Markdown through the same import, escaped by its JSON encoder, so this is an \
            info, not an error: follow it for files uploaded in the hub's *Upload Data URL* dialog.

            In HTML, a line break between tags is white space, so joining the lines rarely changes what is \
            shown; in Markdown a line break can end a heading or a paragraph, so write those as HTML \
            (`<h1>`, `<p>`). The unsafe fix joins the lines with spaces.
            """,
        fix: .unsafe,
        triggering: [
            RuleExample(.manifest, #"[{"externalId": "00001.md", "data": "<div style='font-size:13px'>Serial No: 1</div>\n<div>Site: Berlin</div>"}]"#)
        ],
        nonTriggering: [
            RuleExample(.manifest, #"[{"externalId": "my_external_id_1", "data": "<div style='font-size:13px;font-weight:500;display:flex;'><div style='width:100px;color:gray'>Serial No</div>: 1</div>"}]"#)
        ])

    static let reportsOn: ItemSignals = .markdownData

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let data = context.itemMembers.members(of: item, at: index, in: tree)[.data],
              AssetData.isMarkdown(data, in: tree, context: context) else { return }
        let breaks = MarkdownText.escapes(.lineBreak, in: data, of: tree)
        guard let first = breaks.first else { return }
        let runs = MarkdownText.runs(breaks)
        let count = runs.count == 1 ? "a line break" : "\(runs.count) line breaks"
        context.report(
            Self.self, "this Markdown asset holds \(count); the hub asks for one line", at: first, pointer: tree.pointer(data),
            fix: Fix(.unsafe, "join the lines with spaces", edits: runs.map { TextEdit(range: $0, replacement: " ") }))
    }
}
