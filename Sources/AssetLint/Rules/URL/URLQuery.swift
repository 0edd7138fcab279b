/// U215: a `?` that is part of the object name.
public final class URLQuery: URLRule {
    public static let metadata = RuleMetadata(
        id: "U215", name: "url-query", severity: .error, kinds: [.manifest],
        summary: "An asset URL holds a raw `?` that reads as part of the object name (`what?.jpg`, `photo?1.jpg`): it starts a query, which is not part of the name.",
        rationale: """
            `?` starts a URL's query. `https://b.s3.amazonaws.com/what?.jpg` asks S3 for the object `what` \
            with a parameter `.jpg`; the object `what?.jpg` is never found. Write `%3F` for a `?` in a name; \
            the unsafe fix does that.

            Only queries that look like part of a name are reported: a query without any `=`, or one ending \
            in an asset extension after a path that has none. Real parameters (`versionId=…`, `generation=…`, \
            `response-content-type=…`) are left alone, and signature queries are U211's. `gs://` and \
            `s3://` URIs are U202's, whose fix encodes their `?` too.
            """,
        fix: .unsafe,
        triggering: [RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/quiz/what?.jpg"))],
        nonTriggering: [
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/quiz/what%3F.jpg")),
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/cat.jpg?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY")),
        ])

    public init() {}


    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard url.hasObjectPath, url.scheme.isWeb, let query = url.ranges.query, url.signature == nil,
              Self.looksLikeName(url.string(query), path: url.ranges.path.map(url.string) ?? "") else { return }
        let question = query.lowerBound - 1
        let marks = url.offsets(of: URLByte.question, in: question..<query.upperBound)
        let looked = url.location.map { "the bucket looks up \(ScalarNames.quoted($0.key, limit: 80))" } ?? "the path ends before it"
        let rest = query.isEmpty ? "ignores the empty query after it" : "reads \(ScalarNames.quoted(url.string(query), limit: 60)) as parameters"
        report("'?' starts a query string, which is not part of the object name: \(looked) and \(rest); if the name contains '?', write %3F",
               url, question..<query.upperBound, in: tree, context: context,
               fix: Fix(.unsafe, "encode '?' as %3F", edits: marks.map { url.edit($0..<($0 + 1), "%3F", in: tree) }))
    }

    static let extensions: Set<String> = Set(Configuration.AssetSettings.defaultExtensions)

    /// A query without `=`, or ending in `.EXT` of an asset type after a path whose last segment has
    /// no extension.
    static func looksLikeName(_ query: String, path: String) -> Bool {
        if !query.contains("=") { return true }
        let last = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard !last.contains("."), let dot = query.lastIndex(of: ".") else { return false }
        return extensions.contains(query[query.index(after: dot)...].lowercased())
    }
}
