/// U214: a `#` cuts the path.
public final class URLFragment: URLRule {
    public static let metadata = RuleMetadata(
        id: "U214", name: "url-fragment", severity: .error, kinds: [.manifest],
        summary: "An asset URL holds a raw `#`: everything after it is a fragment the browser never sends, so the object name is cut there.",
        rationale: """
            `#` starts a URL's fragment, which stays in the browser. `https://b.s3.amazonaws.com/take#2.jpg` \
            requests the object `take`; the `#2.jpg` is silently dropped, and the asset 404s (or, worse, \
            loads another object that happens to be called `take`). File names with `#` are common: takes, \
            issue numbers, sharps in music.

            Write `%23` for a `#` that belongs to the name; the unsafe fix does that for every raw `#`. \
            `gs://` and `s3://` URIs are U202's, whose fix encodes their `#` too.
            """,
        fix: .unsafe,
        triggering: [RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/takes/take#2.jpg"))],
        nonTriggering: [RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/takes/take%232.jpg"))])

    public init() {}


    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard url.hasObjectPath, url.scheme.isWeb, let parsed = url.url, let fragment = url.ranges.fragment else { return }
        let hash = fragment.lowerBound - 1
        let hashes = url.offsets(of: URLByte.hash, in: hash..<url.trimmed.upperBound)
        let kept = parsed.hrefExcludingFragment
        let dropped = url.string(hash..<url.trimmed.upperBound)
        let requested = url.location.map { "the bucket looks up \(ScalarNames.quoted($0.key, limit: 80))" } ?? "the browser requests \(URLText.redacted(kept))"
        report("'#' starts a fragment, which the browser never sends: \(requested) and drops \(ScalarNames.quoted(dropped, limit: 60)); if the name contains '#', write %23",
               url, hash..<(hash + 1), in: tree, context: context,
               fix: Fix(.unsafe, "encode '#' as %23", edits: hashes.map { url.edit($0..<($0 + 1), "%23", in: tree) }))
    }
}
