/// J006: a `\uD800`-style escape that is not half of a surrogate pair.
public final class LoneSurrogate: Rule, IssueRule {
    public static let metadata = RuleMetadata(
        id: "J006", name: "lone-surrogate", severity: .warning, kinds: JSONRules.everyKind,
        summary: "A string contains a `\\uD800`–`\\uDFFF` escape that is not part of a valid surrogate pair.",
        rationale: """
            Characters outside the Basic Multilingual Plane are escaped in JSON as two `\\u` escapes, a high \
            surrogate followed by a low one. A lone half encodes no character: readers replace it with U+FFFD, \
            drop it or fail, so the string that reaches the hub is not the one in the file. It usually comes \
            from a program that cut a string in the middle of an emoji.

            Write the character itself in UTF-8, or escape both halves of the pair.
            """,
        triggering: [RuleExample(.json, #"{"externalId": "smile-\ud83d"}"#)],
        nonTriggering: [RuleExample(.json, #"{"externalId": "smile-\ud83d\ude00"}"#)])

    public init() {}


    public func check(issue: JSONIssue, context: LintContext) {
        guard issue.kind == .loneSurrogate else { return }
        context.report(
            Self.self, "\(issue.detail); it encodes no character and readers will replace or drop it",
            at: issue.range, pointer: issue.pointer)
    }
}
