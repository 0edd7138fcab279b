/// J004: a UTF-8 byte-order mark at the start of the file.
public final class ByteOrderMark: Rule, IssueRule {
    public static let metadata = RuleMetadata(
        id: "J004", name: "byte-order-mark", severity: .warning, kinds: JSONRules.everyKind,
        summary: "The file starts with a UTF-8 byte-order mark.",
        rationale: """
            RFC 8259 forbids generating a byte-order mark in JSON text, and several readers (Python's `json.load` \
            among them, and some upload forms) reject a file that starts with one. Editors on Windows add it \
            silently.

            The fix removes the three bytes `EF BB BF`; nothing else changes.
            """,
        fix: .safe,
        triggering: [RuleExample(.json, "\u{FEFF}[]")],
        nonTriggering: [RuleExample(.json, "[]")])

    public init() {}


    public func check(issue: JSONIssue, context: LintContext) {
        guard issue.kind == .byteOrderMark else { return }
        context.report(
            Self.self, "the file starts with a UTF-8 byte-order mark, which JSON forbids and some readers reject",
            at: issue.range, pointer: "",
            fix: Fix(.safe, "remove the byte-order mark", edits: [TextEdit(range: issue.range, replacement: "")]))
    }
}
