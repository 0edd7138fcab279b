/// U209: the browser would request a different URL than the one written.
public final class URLNotCanonical: URLRule {
    public static let metadata = RuleMetadata(
        id: "U209", name: "url-not-canonical", severity: .warning, kinds: [.manifest],
        summary: "An asset URL is not in its canonical form: the browser would request a different URL (dot segments, `\\` for `//`, a default port, an upper-case scheme, an internationalized host…).",
        rationale: """
            Browsers do not request a URL as written: they serialize it per the URL Standard first. \
            `https://b.s3.amazonaws.com/a/./b/../c.jpg` is requested as `https://b.s3.amazonaws.com/a/c.jpg`; \
            `HTTPS:\\\\host:443//x` as `https://host//x`; `https://bücher.example/` as \
            `https://xn--bcher-kva.example/`. Other tools (the hub's signer, scripts, S3 itself for dot \
            segments) do not all do the same, so the manifest and the request disagree about which object is \
            meant, and duplicates hide behind different spellings.

            The warning shows the URL the browser requests (with credentials and signatures hidden) and says \
            what differs; the safe fix writes that URL, which by definition changes nothing for the browser.

            Differences other rules own are not reported here: characters the browser percent-encodes or \
            drops (U203), upper-case host letters (U208), credentials (U210). `gs://` and `s3://` URIs are \
            U202's.
            """,
        fix: .safe,
        triggering: [
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/cats/./2024/../cat.jpg")),
            RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com:443/my-bucket/cat.jpg")),
        ],
        nonTriggering: [RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/cats/cat.jpg"))])

    public init() {}


    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        let causes = Self.causes(url)
        guard !causes.isEmpty, let parsed = url.url else { return }
        let href = Array(parsed.href.utf8)
        let text = url.text
        var prefix = 0
        while prefix < text.count, prefix < href.count, text[prefix] == href[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < text.count - prefix, suffix < href.count - prefix,
              text[text.count - 1 - suffix] == href[href.count - 1 - suffix] { suffix += 1 }
        let range = prefix..<(text.count - suffix)
        let replacement = String(decoding: href[prefix..<(href.count - suffix)], as: UTF8.self)
        let underline = range.isEmpty ? url.trimmed : range
        report("the browser requests \(url.displayHref), not what is written: \(causes.joined(separator: "; ")); write the URL in that form",
               url, underline, in: tree, context: context,
               fix: Fix(.safe, "write the URL as the browser requests it", edits: [url.edit(range, replacement, in: tree)]))
    }

    /// What makes the written URL differ from its serialization, apart from what other rules report.
    static func causes(_ url: AssetURL) -> [String] {
        guard let parsed = url.url, url.scheme.isWeb, let host = url.ranges.host else { return [] }
        let text = url.text
        let errors = url.result.validationErrors
        var causes: [String] = []
        if let scheme = url.ranges.scheme, text[scheme].contains(where: URLByte.isUppercase) {
            causes.append("the scheme is written in upper case")
        }
        let authorityStart = url.ranges.username?.lowerBound ?? url.ranges.password.map { $0.lowerBound - 1 } ?? host.lowerBound
        if errors.contains(where: { $0.kind == .specialSchemeMissingFollowingSolidus }) {
            causes.append("the scheme is not followed by exactly \"//\"")
        } else if errors.contains(where: { $0.kind == .invalidReverseSolidus && $0.offset < authorityStart }) {
            causes.append("'\\' stands where \"//\" belongs")
        }
        if errors.contains(where: { $0.kind == .invalidCredentials }), !parsed.includesCredentials {
            causes.append("an empty user name ends in '@', which is dropped")
        }
        let rawHost = text[host]
        if rawHost.contains(where: { $0 >= 0x80 || $0 == URLByte.percent }) {
            causes.append("the host is requested in its ASCII form \(parsed.hostname)")
        } else if let kind = parsed.host, Self.isAddress(kind),
                  String(decoding: rawHost.map(URLByte.lowercased), as: UTF8.self) != parsed.hostname {
            causes.append("the IP address is requested as \(parsed.hostname)")
        }
        if url.ranges.port != nil, parsed.port == nil {
            causes.append("the port is the default one and is dropped")
        } else if url.ranges.port == nil, host.upperBound < text.count, text[host.upperBound] == URLByte.colon {
            causes.append("an empty port ':' is dropped")
        }
        if let path = url.ranges.path, Self.hasDotSegment(text, path) {
            causes.append("'.' and '..' segments are resolved")
        }
        return causes
    }

    private static func isAddress(_ host: URLHost) -> Bool {
        switch host {
        case .ipv4, .ipv6: return true
        default: return false
        }
    }

    /// A path segment that is `.` or `..`, also written with `%2e`.
    static func hasDotSegment(_ text: [UInt8], _ path: Range<Int>) -> Bool {
        var start = path.lowerBound
        if start < path.upperBound, text[start] == URLByte.slash || text[start] == URLByte.backslash { start += 1 }
        var index = start
        while index <= path.upperBound {
            if index == path.upperBound || text[index] == URLByte.slash || text[index] == URLByte.backslash {
                let segment = ArraySlice(text[start..<index].map(URLByte.lowercased))
                if URLPathSegment.isSingleDot(segment) || URLPathSegment.isDoubleDot(segment) { return true }
                start = index + 1
            }
            index += 1
        }
        return false
    }
}
