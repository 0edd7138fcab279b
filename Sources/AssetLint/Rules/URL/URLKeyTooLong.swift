/// U216: the object key is longer than storage services allow.
public final class URLKeyTooLong: URLRule {
    public static let metadata = RuleMetadata(
        id: "U216", name: "url-key-too-long", severity: .error, kinds: [.manifest],
        summary: "An asset URL's decoded object key is longer than 1,024 bytes of UTF-8 (Azure: 1,024 characters), the providers' limit, or the whole URL is longer than 2 MiB, which no browser loads.",
        rationale: """
            S3 and GCS object names are at most 1,024 bytes of UTF-8, Azure blob names at most 1,024 \
            characters. A longer key cannot name any object, so the URL cannot load. Long keys come from \
            generated folder names, repeated path prefixes, or a whole query or description pasted into \
            the path; remember that one non-ASCII letter takes two to four bytes.

            The length is measured after percent-decoding (S3: with `+` read as a space, as S3 does).

            A URL longer than 2 MiB (2,097,152 bytes, Chromium's limit; Firefox stops at 1 MiB) is not \
            loaded by any browser, whatever it points at. Such a URL is reported for its length alone: \
            it is not parsed, and the other URL rules do not look at it.
            """,
        triggering: [RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/" + String(repeating: "deep/", count: 210) + "cat.jpg"))],
        nonTriggering: [RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/" + String(repeating: "deep/", count: 200) + "cat.jpg"))])

    public init() {}


    static var checksOverlongURLs: Bool { true }

    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        if let length = url.overlongLength {
            let node = tree[url.node]
            context.report(Self.self,
                           "the URL is \(URLText.count(length)) bytes long: no browser loads one over 2 MiB",
                           at: ByteRange(start: node.start + 1, end: max(node.start + 1, node.end - 1)), pointer: tree.pointer(url.node),
                           note: "2 MiB is 2,097,152 bytes, and object names are at most 1,024 bytes; the URL was checked for its length only")
            return
        }
        guard url.hasObjectPath, let location = url.location, let key = url.keyRange else { return }
        let bytes = location.keyBytes
        let length: Int
        let unit: String
        if location.provider == .azure {
            length = String(decoding: bytes, as: UTF8.self).unicodeScalars.count
            unit = "characters"
        } else {
            length = bytes.count
            unit = "bytes of UTF-8"
        }
        guard length > 1024 else { return }
        report("object key of \(URLText.count(length)) \(unit), over \(location.provider.displayName)'s 1,024",
               url, key, in: tree, context: context, note: "no object can have this name; shorten the path")
    }
}
