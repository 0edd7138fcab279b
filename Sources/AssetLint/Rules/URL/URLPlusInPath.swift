/// U204: a raw `+` in the path.
public final class URLPlusInPath: URLRule {
    public static let metadata = RuleMetadata(
        id: "U204", name: "url-plus-in-path", severity: .error, kinds: [.manifest],
        summary: "An asset URL's path holds a raw `+`, which Amazon S3 reads as a space and Google Cloud Storage and Azure as a plus.",
        rationale: """
            In a URL path `+` is, by the standards, just a plus. Amazon S3 decodes it as a space (form \
            encoding), so `cat+1.jpg` finds the object `cat 1.jpg`; Google Cloud Storage and Azure Blob \
            Storage find `cat+1.jpg`. Manifests get raw pluses from `urllib.parse.quote_plus` and \
            `URLSearchParams`, which write spaces as `+`, and from file names that contain a plus. Either way \
            the URL means different objects to different tools: the hub's signer, a CDN or a copy of the data \
            in another provider will not agree with the bucket.

            Write `%20` if the name has a space there and `%2B` if it has a plus. The unsafe fix keeps what \
            the URL's provider looks up today: `%20` on S3, `%2B` on GCS, Azure and other hosts. Each run of \
            pluses is one diagnostic, underlining just the pluses; the message says what this provider does.

            Only the path counts: in a query `+` is a space by convention. `gs://` and `s3://` URIs name \
            objects literally and are U202's, whose fix encodes their pluses as `%2B`.
            """,
        fix: .unsafe,
        triggering: [
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.eu-central-1.amazonaws.com/cats/cat+1.jpg"),
                        note: "S3: finds \"cat 1.jpg\""),
            RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/cats/cat+1.jpg"),
                        note: "GCS: finds \"cat+1.jpg\""),
        ],
        nonTriggering: [
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.eu-central-1.amazonaws.com/cats/cat%201.jpg")),
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/cats/cat.jpg?response-content-disposition=inline+attachment"),
                        note: "a plus in the query"),
        ])

    public init() {}


    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard url.hasObjectPath, url.scheme.isWeb, let path = url.ranges.path else { return }
        var index = path.lowerBound
        while index < path.upperBound {
            guard url.text[index] == URLByte.plus else {
                index += 1
                continue
            }
            var end = index
            while end < path.upperBound, url.text[end] == URLByte.plus { end += 1 }
            report(index..<end, url, in: tree, context: context)
            index = end
        }
    }

    private func report(_ range: Range<Int>, _ url: AssetURL, in tree: JSONTree, context: LintContext) {
        let count = range.count
        let pluses = count == 1 ? "'+'" : "\(count) '+'"
        let key = url.location.map { ScalarNames.quoted($0.key, limit: 80) }
        let message: String
        let replacement: String
        switch (url.location?.provider, url.plusMeaning) {
        case (let provider?, .space):
            message = "\(pluses) in the path: \(provider.displayName) reads '+' as a space, so this URL finds \(key ?? "")"
                + " and tools that read '+' as a plus ask for another object; write %20 if the name has a space here (the fix), %2B if it has a plus"
            replacement = "%20"
        case (let provider?, .literalPlus):
            message = "\(pluses) in the path: \(provider.displayName) reads '+' as a plus, so this URL finds \(key ?? "")"
                + ", but form decoders and S3-style signers read a space; write %2B if the name has a plus (the fix), %20 if the '+' stood for a space"
            replacement = "%2B"
        case (nil, _):
            message = "\(pluses) in the path: most servers read '+' as a plus, S3 and form decoders as a space; write %2B if the name has a plus (the fix), %20 if it stood for a space"
            replacement = "%2B"
        }
        let edits = [url.edit(range, String(repeating: replacement, count: count), in: tree)]
        report(message, url, range, in: tree, context: context,
               fix: Fix(.unsafe, "encode '+' as \(replacement)", edits: edits))
    }
}
