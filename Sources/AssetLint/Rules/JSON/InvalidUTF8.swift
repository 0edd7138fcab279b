/// J002: bytes that are not UTF-8, or a whole file in UTF-16/UTF-32.
public final class InvalidUTF8: Rule, IssueRule {
    public static let metadata = RuleMetadata(
        id: "J002", name: "invalid-utf8", severity: .error, kinds: JSONRules.everyKind,
        summary: "The file is not UTF-8: invalid byte sequences, or a UTF-16/UTF-32 file.",
        rationale: """
            RFC 8259 requires JSON exchanged between systems to be UTF-8. A string with invalid bytes (often a \
            file saved as Latin-1 or Windows-1252) is decoded differently by every reader: the hub may store \
            U+FFFD replacement characters in place of the original letters, and the external ids or URLs no \
            longer match what is in the bucket. UTF-16 and UTF-32 files (as Windows tools sometimes write) are \
            rejected outright by most JSON parsers.

            Re-save the file as UTF-8 without a byte-order mark (for example `iconv -f WINDOWS-1252 -t UTF-8`).
            """,
        triggering: [
            RuleExample(.json, "[\u{0}1\u{0}]\u{0}", note: "a UTF-16 little-endian file: every other byte is NUL (invisible here)"),
        ],
        nonTriggering: [RuleExample(.json, #"{"externalId": "café"}"#)])

    public init() {}


    public func check(issue: JSONIssue, context: LintContext) {
        switch issue.kind {
        case .invalidUTF8:
            context.report(
                Self.self,
                "\(issue.detail): the file must be UTF-8; this string was probably saved as Latin-1 or Windows-1252 and will not match the original name",
                at: issue.range, pointer: issue.pointer)
        case .wrongEncoding:
            context.report(
                Self.self,
                "the file is encoded as \(issue.detail), not UTF-8: JSON readers expect UTF-8; convert it (for example with iconv) and save it without a byte-order mark",
                at: issue.range, pointer: issue.pointer)
        default:
            break
        }
    }
}
