/// J001: the file is not RFC 8259 JSON.
public final class JSONSyntax: Rule, IssueRule {
    public static let metadata = RuleMetadata(
        id: "J001", name: "json-syntax", severity: .error, kinds: JSONRules.everyKind,
        summary: "The file is not valid JSON (RFC 8259).",
        rationale: """
            Every consumer of these files (the hub's importer, `gsutil`, `aws s3api`, Azure) parses them as strict \
            JSON and rejects the whole file on the first error, so nothing in it is imported or applied. \
            Comments, trailing commas, single quotes, unquoted keys, `NaN` and leading zeros are common \
            JavaScript-isms that JSON does not allow.

            The diagnostic points at the exact byte where the parser expected something else and says what it \
            expected. Only the first syntax error of a file is reported: what follows it cannot be read reliably.
            """,
        triggering: [
            RuleExample(.json, #"{"data": "https://example.com/a.jpg",}"#, note: "trailing comma"),
            RuleExample(.json, "[{'externalId': 'a'}]", note: "single quotes"),
            RuleExample(.json, #"{"width": 0603}"#, note: "leading zero"),
            RuleExample(.json, "", note: "empty file"),
        ],
        nonTriggering: [
            RuleExample(.json, #"{"data": "https://example.com/a.jpg", "width": 603, "ratio": -1.5e3}"#),
            RuleExample(.json, "  [true, false, null, \"\\u00e9\"]  \n"),
        ])

    public init() {}


    public func check(issue: JSONIssue, context: LintContext) {
        guard issue.kind == .syntax else { return }
        context.report(Self.self, "invalid JSON: \(issue.detail)", at: issue.range, pointer: issue.pointer)
    }
}
