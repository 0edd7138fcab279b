/// J003: the same key twice in one object.
public final class DuplicateKey: Rule, IssueRule {
    public static let metadata = RuleMetadata(
        id: "J003", name: "duplicate-key", severity: .error, kinds: JSONRules.everyKind,
        summary: "An object has the same key more than once.",
        rationale: """
            RFC 8259 leaves the meaning of repeated keys to the reader: most keep the last value, some the first, \
            some reject the document. An item with two `data` or two `externalId` keys therefore means different \
            things to different tools, and one of the two values is silently lost.

            Keep one of the two members. The diagnostic points at the repeated key; the related location is the \
            first one.
            """,
        triggering: [RuleExample(.json, #"{"externalId": "cat-1", "data": "https://a.example/1.jpg", "externalId": "cat-2"}"#)],
        nonTriggering: [RuleExample(.json, #"{"externalId": "cat-1", "metadata": {"externalId": "nested keys are separate"}}"#)])

    public init() {}


    public func check(issue: JSONIssue, context: LintContext) {
        guard issue.kind == .duplicateKey else { return }
        let related = issue.related.map { [RelatedLocation(message: "first used here", range: $0)] } ?? []
        context.report(
            Self.self,
            "key \"\(issue.detail)\" appears more than once in this object; readers disagree on which value wins, so keep only one",
            at: issue.range, pointer: issue.pointer, related: related)
    }
}
