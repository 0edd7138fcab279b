/// U208: the host (or port) cannot be parsed, or has upper-case letters.
public final class URLHostInvalid: URLRule {
    public static let metadata = RuleMetadata(
        id: "U208", name: "url-host-invalid", severity: .error, kinds: [.manifest],
        summary: "An asset URL's host is invalid (WHATWG host parsing with UTS #46 IDNA fails, or the port is invalid), or is written with upper-case letters.",
        rationale: """
            The browser parses the host with the URL Standard's host parser, which maps international names \
            through UTS #46 (IDNA, done with ICU here) and rejects spaces, `<`, `%` that decodes to forbidden \
            characters, malformed IPv4 and IPv6 addresses, labels with invalid punycode or bidirectional \
            text, and ports that are not numbers up to 65535. Such a URL is not loaded at all; the message \
            names what the parser rejected (for IDNA, the UTS #46 error kinds ICU reported). One exception, \
            as the URL Standard has it: an all-ASCII host whose `xn--` label UTS #46 rejects is requested \
            anyway, lower-cased; it is still reported, because no registered domain or bucket has such a name.

            Upper-case letters in a host are valid, but the browser lower-cases them, so the URL in the \
            manifest is not the one requested. For virtual-hosted S3 URLs it also hides that the bucket name \
            (always lower case) is not what the text says. The safe fix writes the host in lower case.

            Internationalized hosts that parse are U209's (the browser requests their `xn--` form).
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.manifest, URLExamples.manifest("https://my bucket.s3.amazonaws.com/cat.jpg")),
            RuleExample(.manifest, URLExamples.manifest("https://My-Bucket.S3.amazonaws.com/cat.jpg"), note: "upper case: a safe fix"),
            RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com:99999/my-bucket/cat.jpg")),
        ],
        nonTriggering: [RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/cat.jpg"))])

    public init() {}


    static let hostFailures: Set<URLValidationError.Kind> = [
        .domainToASCII, .domainInvalidCodePoint, .hostInvalidCodePoint, .ipv4EmptyPart, .ipv4TooManyParts,
        .ipv4NonNumericPart, .ipv4NonDecimalPart, .ipv4OutOfRangePart, .ipv6Unclosed, .ipv6InvalidCompression,
        .ipv6TooManyPieces, .ipv6MultipleCompression, .ipv6InvalidCodePoint, .ipv6TooFewPieces,
        .ipv4InIPv6TooManyPieces, .ipv4InIPv6InvalidCodePoint, .ipv4InIPv6OutOfRangePart, .ipv4InIPv6TooFewParts,
        .hostMissing, .portInvalid, .portOutOfRange,
    ]

    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        if url.url == nil {
            guard let failure = url.result.failure, Self.hostFailures.contains(failure.kind) else { return }
            reportFailure(failure, url, in: tree, context: context)
            return
        }
        guard url.scheme.isWeb, let parsed = url.url, case .domain? = parsed.host, let host = url.ranges.host else { return }
        if let idna = url.result.validationErrors.first(where: { $0.kind == .domainToASCII }) {
            reportInvalidPunycode(idna, url, host, in: tree, context: context)
            return
        }
        let written = url.text[host]
        guard written.contains(where: URLByte.isUppercase),
              written.allSatisfy({ $0 < 0x80 && $0 != URLByte.percent }) else { return }
        let lower = String(decoding: written.map(URLByte.lowercased), as: UTF8.self)
        var message = "the host \(ScalarNames.quoted(url.string(host))) has upper-case letters: browsers lower-case host names and request \(lower)"
        if let location = url.location, location.style == .virtualHosted || location.style == .gcsVirtualHosted {
            message += ", so the bucket is \"\(location.bucket)\", not what is written"
        }
        report(message + "; write the host in lower case", url, host, in: tree, context: context,
               fix: Fix(.safe, "write the host in lower case", edits: [url.edit(host, lower, in: tree)]))
    }

    private func reportFailure(_ failure: URLValidationError, _ url: AssetURL, in tree: JSONTree, context: LintContext) {
        var range = failure.offset..<(failure.offset + failure.length)
        if range.isEmpty {
            range = url.ranges.host.flatMap { $0.isEmpty ? nil : $0 } ?? url.trimmed
        }
        var message: String
        switch failure.kind {
        case .hostMissing:
            message = "the URL has no host: there is no server to request the asset from; write https://HOST/PATH"
        case .portInvalid, .portOutOfRange:
            let what = failure.kind == .portInvalid ? "is not a number" : "is greater than 65535"
            message = "the port \(what): the browser rejects the URL; remove the port (storage endpoints use the default 443)"
        case .domainToASCII:
            let host = url.ranges.host.map { url.string($0) } ?? ""
            message = "the host \(ScalarNames.quoted(host)) is not a valid domain name: IDNA (UTS #46) rejects it"
            let reasons = Self.idnaReasons(failure.idnaErrors & ~DomainToASCII.ignoredIDNAErrors)
            if !reasons.isEmpty { message += " (\(reasons.joined(separator: "; ")))" }
            message += "; the browser does not load the URL"
        default:
            let character = url.string(range)
            message = "\(failure.kind.summary)"
            if !character.isEmpty, range.count <= 4 { message += " (\(Self.describeCharacter(character)))" }
            message += ": the browser does not load the URL"
            if failure.kind == .domainInvalidCodePoint || failure.kind == .hostInvalidCodePoint {
                message += "; a bucket host holds only lower-case letters, digits, dots and hyphens"
            }
        }
        report(message, url, range, in: tree, context: context)
    }

    /// An ASCII host whose `xn--` label UTS #46 rejects: browsers request it lower-cased all the same
    /// (the URL Standard's rule for ASCII domains), but no registered name or bucket has such a label.
    private func reportInvalidPunycode(_ error: URLValidationError, _ url: AssetURL, _ host: Range<Int>, in tree: JSONTree, context: LintContext) {
        var message = "the host \(ScalarNames.quoted(url.string(host))) is not a valid domain name: IDNA (UTS #46) rejects it"
        let reasons = Self.idnaReasons(error.idnaErrors & ~DomainToASCII.ignoredIDNAErrors)
        if !reasons.isEmpty { message += " (\(reasons.joined(separator: "; ")))" }
        report(message + "; browsers still request it, but no registered domain or bucket has such a name", url, host, in: tree, context: context)
    }

    private static func describeCharacter(_ text: String) -> String {
        guard let scalar = text.unicodeScalars.first else { return text }
        if scalar == " " { return "a space" }
        return ScalarNames.isVisible(scalar) && scalar.value < 0x80 ? "'\(text)'" : ScalarNames.describe(scalar.value)
    }

    /// ICU's `UIDNA_ERROR_*` bits, in words.
    static func idnaReasons(_ bits: UInt32) -> [String] {
        let names: [(UInt32, String)] = [
            (0x1, "an empty label"), (0x2, "a label longer than 63 bytes"), (0x4, "a name longer than 253 bytes"),
            (0x8, "a label starting with a hyphen"), (0x10, "a label ending with a hyphen"),
            (0x20, "hyphens in the third and fourth position"), (0x40, "a label starting with a combining mark"),
            (0x80, "a character that is not allowed in domain names"), (0x100, "invalid punycode"),
            (0x200, "a label that contains a dot after mapping"), (0x400, "an xn-- label that does not round-trip"),
            (0x800, "right-to-left text that breaks the bidi rule"), (0x1000, "a misplaced zero-width joiner or non-joiner"),
            (0x2000, "misplaced punctuation (CONTEXTO)"), (0x4000, "mixed Arabic-Indic digits"),
        ]
        return names.filter { bits & $0.0 != 0 }.map(\.1)
    }
}
