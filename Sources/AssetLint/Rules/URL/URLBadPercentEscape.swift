/// U205: a `%` not followed by two hex digits.
public final class URLBadPercentEscape: URLRule {
    public static let metadata = RuleMetadata(
        id: "U205", name: "url-bad-percent-escape", severity: .error, kinds: [.manifest],
        summary: "An asset URL holds a `%` that is not followed by two hexadecimal digits.",
        rationale: """
            In a URL `%` always starts an escape: `%20`, `%C3%A9`. A `%` followed by anything else \
            (`100%.jpg`, `50%off.png`, `%zz`) is invalid percent-encoding: the browser sends it unchanged and \
            the server has to guess. Storage services reject such URLs or decode them inconsistently, and \
            signers fail on them.

            Usually the object name contains a percent sign that was never encoded; it is written `%25`. The \
            fix does that; it is unsafe because the `%` may also be the start of an escape that lost its \
            digits. Percent signs in the host are U208's.
            """,
        fix: .unsafe,
        triggering: [RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/sale/50%off.jpg"))],
        nonTriggering: [RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/sale/50%25off.jpg"))])

    public init() {}


    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard url.hasObjectPath else { return }
        let host = url.ranges.host
        let text = url.text
        for index in url.trimmed where text[index] == URLByte.percent && host?.contains(index) != true {
            let isEscape = index + 2 < text.count && Hex.isDigit(text[index + 1]) && Hex.isDigit(text[index + 2])
            guard !isEscape else { continue }
            let following = url.string((index + 1)..<min(index + 3, url.trimmed.upperBound))
            let what = following.isEmpty ? "at the end of the URL" : "followed by \(ScalarNames.quoted(following))"
            report("'%' \(what) is not a percent escape (a '%' must be followed by two hex digits): storage services reject the URL or decode it unpredictably; if the name contains a percent sign, write %25",
                   url, index..<(index + 1), in: tree, context: context,
                   fix: Fix(.unsafe, "encode the percent sign as %25", edits: [url.edit(index..<(index + 1), "%25", in: tree)]))
        }
    }
}
