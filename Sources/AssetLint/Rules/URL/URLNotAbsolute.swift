/// U201: the URL is not absolute.
public final class URLNotAbsolute: URLRule {
    public static let metadata = RuleMetadata(
        id: "U201", name: "url-not-absolute", severity: .error, kinds: [.manifest],
        summary: "An asset URL is not an absolute URL: empty, a relative path, scheme-relative (`//host/…`), a host without `https://`, or a local Windows path.",
        rationale: """
            The hub loads every asset in the labeler's browser from exactly the string in `data`. A relative \
            reference (`images/cat.jpg`, `/cat.jpg`) is resolved against the hub's own pages and never reaches \
            the bucket; a local path (`C:\\photos\\cat.jpg`) exists only on the machine that wrote the manifest; \
            a host and path without a scheme (`bucket.s3.amazonaws.com/cat.jpg`) is, to a URL parser, a relative \
            path too.

            Write the object's full `https://` URL. For `//host/…` and for a storage host written without \
            `https://`, an unsafe fix adds `https:` / `https://`.

            When this rule reports, the other U rules stay silent on the value: without a scheme and a host \
            there is no path, bucket or key to check.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.manifest, URLExamples.manifest("images/cat.jpg")),
            RuleExample(.manifest, URLExamples.manifest("bucket-name.s3.eu-central-1.amazonaws.com/cat.jpg"),
                        note: "a storage host without https://"),
            RuleExample(.manifest, URLExamples.manifest(#"C:\\photos\\cat.jpg"#), note: "a local Windows path"),
            RuleExample(.manifest, URLExamples.manifest("")),
        ],
        nonTriggering: [
            RuleExample(.manifest, URLExamples.manifest("https://bucket-name.s3.eu-central-1.amazonaws.com/cat.jpg")),
        ])

    public init() {}


    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        let trimmed = url.trimmed
        if trimmed.isEmpty {
            let message = url.text.isEmpty
                ? "the URL is empty: there is nothing for the hub to load; write the object's https:// URL"
                : "the URL holds only spaces or control characters: there is nothing for the hub to load; write the object's https:// URL"
            context.report(Self.self, message, at: url.fileRangeOfValue(in: tree), pointer: tree.pointer(url.node))
            return
        }
        guard url.url == nil || url.isWindowsPath else { return }
        let shown = ScalarNames.quoted(url.string(trimmed), limit: 80)
        if url.isWindowsPath {
            report("\(shown) is a local Windows path, not a URL: the hub loads assets in the browser from the bucket, which cannot see this computer's disk; upload the file and write its https:// URL",
                   url, trimmed, in: tree, context: context)
            return
        }
        guard url.url == nil, url.result.failure?.kind == .missingSchemeNonRelativeURL else { return }
        let first = url.text[trimmed.lowerBound]
        let second = trimmed.count > 1 ? url.text[trimmed.lowerBound + 1] : 0
        let isSlash = { (byte: UInt8) in byte == URLByte.slash || byte == URLByte.backslash }
        if isSlash(first), isSlash(second) {
            let insertion = trimmed.lowerBound..<trimmed.lowerBound
            report("\(shown) is scheme-relative: it means https: only on an https page and only to a browser; the hub and its importer need the absolute URL, https:\(url.string(trimmed))",
                   url, trimmed, in: tree, context: context,
                   fix: Fix(.unsafe, "add https:", edits: [url.edit(insertion, "https:", in: tree)]))
        } else if isSlash(first) {
            report("\(shown) is a path without a host: the browser resolves it against the hub's own site, not the bucket; write the object's full https:// URL",
                   url, trimmed, in: tree, context: context)
        } else if let host = url.leadingHostCandidate(trimmed), Self.looksLikeStorageHost(host) {
            let insertion = trimmed.lowerBound..<trimmed.lowerBound
            report("\(shown) has no scheme: to a URL parser it is a relative path, not the host \(host); write https://\(url.string(trimmed))",
                   url, trimmed, in: tree, context: context,
                   fix: Fix(.unsafe, "add https://", edits: [url.edit(insertion, "https://", in: tree)]))
        } else {
            report("\(shown) is a relative reference, not an absolute URL: the browser resolves it against the hub's own site, so it never reaches the bucket; write the object's full https:// URL",
                   url, trimmed, in: tree, context: context)
        }
    }

    static func looksLikeStorageHost(_ host: String) -> Bool {
        let lower = host.lowercased()
        return ["amazonaws.com", "amazonaws.com.cn", "googleapis.com", "storage.cloud.google.com", "core.windows.net"]
            .contains { lower == $0 || lower.hasSuffix("." + $0) }
    }
}

extension AssetURL {
    /// `C:\photos\cat.jpg` and `C:/photos/cat.jpg` parse as URLs with scheme `c`.
    var isWindowsPath: Bool {
        guard case .other(let name) = scheme, name.utf8.count == 1 else { return false }
        let trimmed = self.trimmed
        let afterColon = trimmed.lowerBound + 2
        guard afterColon < trimmed.upperBound else { return false }
        return text[afterColon] == URLByte.backslash || text[afterColon] == URLByte.slash
    }

    /// The text before the first `/` of a scheme-less reference, when it reads like a host name.
    func leadingHostCandidate(_ range: Range<Int>) -> String? {
        var end = range.lowerBound
        while end < range.upperBound, text[end] != URLByte.slash, text[end] != URLByte.backslash { end += 1 }
        let candidate = string(range.lowerBound..<end)
        guard candidate.contains("."), candidate.utf8.allSatisfy({ URLByte.isAlphanumeric($0) || $0 == URLByte.dot || $0 == URLByte.minus }) else { return nil }
        return candidate
    }
}
