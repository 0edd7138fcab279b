/// J005: nesting deeper than the configured limit.
public final class NestingTooDeep: Rule, IssueRule {
    public static let metadata = RuleMetadata(
        id: "J005", name: "nesting-too-deep", severity: .error, kinds: JSONRules.everyKind,
        summary: "Arrays and objects are nested deeper than the limit (`json.maxDepth`, default 512).",
        rationale: """
            No manifest, CORS or key file needs more than a handful of levels. Very deep nesting is either a \
            generated file gone wrong or an input built to crash parsers: many JSON readers recurse and overflow \
            their stack on it. assetlint stops reading the file at the limit and reports where it was reached.

            Flatten the structure, or raise `json.maxDepth` in `.assetlint.yml` if the depth is intended.
            """,
        triggering: [RuleExample(.json, String(repeating: "[", count: 513) + String(repeating: "]", count: 513))],
        nonTriggering: [RuleExample(.json, String(repeating: "[", count: 100) + String(repeating: "]", count: 100))])

    public init() {}


    public func check(issue: JSONIssue, context: LintContext) {
        guard issue.kind == .tooDeep else { return }
        context.report(
            Self.self,
            "\(issue.detail) (json.maxDepth): the rest of the file is not checked; flatten the data or raise the limit",
            at: issue.range, pointer: issue.pointer)
    }
}
