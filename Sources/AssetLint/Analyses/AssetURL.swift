/// How the U rules sort an asset URL by its scheme.
enum AssetURLScheme: Equatable {
    case https, http
    /// `gs://BUCKET/OBJECT`, as `gsutil` and `gcloud storage` write it.
    case gs
    /// `s3://BUCKET/KEY`, as the AWS CLI writes it.
    case s3
    /// Any other scheme (`ftp`, `file`, `data`, `blob`, `c` of `C:\photos`…), lower case.
    case other(String)
    /// The URL parser failed.
    case none

    var isStorageURI: Bool { self == .gs || self == .s3 }
    var isWeb: Bool { self == .https || self == .http }
}

/// Everything the U rules know about one URL value that needed a closer look than the fast scan
/// of `AssetURLAnalysis` gives: the WHATWG parse, the storage location and the decoded path.
///
/// Offsets called "text offsets" are UTF-8 offsets into `text`, the JSON string's decoded value
/// (what the hub receives); `fileRange` turns them into byte ranges of the file, through the
/// string's escapes.
final class AssetURL {
    let node: JSONTree.Index
    let text: [UInt8]
    let result: URLParseResult
    let location: StorageLocation?
    let scheme: AssetURLScheme
    /// The length of a URL longer than `lengthLimit`, which is neither copied nor parsed: U216
    /// reports its length and the other rules pass it by (`URLRule.inspect`).
    let overlongLength: Int?

    /// 2 MiB: the longest URL Chromium accepts (`kMaxURLChars`); Firefox's default limit is 1 MiB.
    /// No browser loads a longer URL, so nothing about its parts can matter, and parsing or
    /// decoding a string of hundreds of megabytes would cost seconds and copies of its size.
    static let lengthLimit = 2 << 20

    /// The URL held by string node `node`: decoded once, or only measured when it is longer than
    /// `lengthLimit` bytes.
    static func of(_ node: JSONTree.Index, in tree: JSONTree) -> AssetURL {
        let length = ManifestText.decodedLength(node, in: tree)
        guard length <= lengthLimit else { return AssetURL(node: node, overlongLength: length) }
        return AssetURL(node: node, text: ManifestText.decodedBytes(node, in: tree))
    }

    private init(node: JSONTree.Index, overlongLength: Int) {
        self.node = node
        self.overlongLength = overlongLength
        text = []
        result = URLParseResult(url: nil, validationErrors: [], failure: nil, ranges: URLComponentRanges())
        location = nil
        scheme = .none
    }

    init(node: JSONTree.Index, text: [UInt8]) {
        self.node = node
        self.text = text
        overlongLength = nil
        result = text.withUnsafeBufferPointer { URLParser.parse(utf8: $0) }
        if let url = result.url {
            switch url.scheme {
            case "https": scheme = .https
            case "http": scheme = .http
            case "gs": scheme = .gs
            case "s3": scheme = .s3
            case let other: scheme = .other(other)
            }
            location = StorageHosts.locate(url)
        } else {
            scheme = .none
            location = nil
        }
    }

    var url: WebURL? { result.url }
    var ranges: URLComponentRanges { result.ranges }

    /// Whether the rules about the object path apply: the URL parsed, is http(s), `gs://` or
    /// `s3://`, and has a hierarchical path. Other schemes get only U202's error.
    var hasObjectPath: Bool {
        guard let url, !url.hasOpaquePath else { return false }
        return scheme.isWeb || scheme.isStorageURI
    }

    /// The text between leading and trailing spaces and C0 controls, which the URL parser strips.
    var trimmed: Range<Int> {
        var start = 0, end = text.count
        while start < end, text[start] <= 0x20 { start += 1 }
        while end > start, text[end - 1] <= 0x20 { end -= 1 }
        return start..<end
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: text[range.clamped(to: 0..<text.count)], as: UTF8.self)
    }

    /// Text offsets of every byte equal to `byte` in `range`.
    func offsets(of byte: UInt8, in range: Range<Int>) -> [Int] {
        range.filter { text[$0] == byte }
    }

    // MARK: - Paths and keys

    /// The path as written (text offsets), from its leading `/`; nil for URLs without one.
    var pathRange: Range<Int>? {
        guard hasObjectPath, let path = ranges.path else { return nil }
        return path
    }

    /// The percent-decoded path and where each decoded byte came from.
    lazy var decodedPath: DecodedText? = pathRange.map { DecodedText(text, range: $0) }

    /// The object key (Azure: blob name) as written (text offsets): the path without its leading
    /// `/` and, for path-style URLs, without the bucket (container) segment.
    var keyRange: Range<Int>? {
        guard let location, let path = pathRange else { return nil }
        var start = path.lowerBound
        if start < path.upperBound, text[start] == URLByte.slash || text[start] == URLByte.backslash { start += 1 }
        switch location.style {
        case .pathStyle, .gcsPath, .gcsAuthenticatedBrowser, .azureBlob:
            while start < path.upperBound, text[start] != URLByte.slash, text[start] != URLByte.backslash { start += 1 }
            if start < path.upperBound { start += 1 }
        case .virtualHosted, .gcsVirtualHosted, .gsURI, .s3URI:
            break
        }
        return start..<path.upperBound
    }

    /// What the provider does with a raw `+` in this URL's path. `gs://` and `s3://` URIs name
    /// objects literally, whatever the provider does over HTTP.
    var plusMeaning: PlusMeaning {
        if scheme.isStorageURI { return .literalPlus }
        return location?.provider.plusMeaning ?? .literalPlus
    }

    // MARK: - Reporting

    /// The file range of text offsets `range`.
    func fileRange(_ range: Range<Int>, in tree: JSONTree) -> ByteRange {
        tree.sourceRange(ofDecoded: range.clamped(to: 0..<text.count), inString: node)
    }

    /// The whole string's content in the file, or the literal with its quotes when empty.
    func fileRangeOfValue(in tree: JSONTree) -> ByteRange {
        text.isEmpty ? tree[node].range : fileRange(0..<text.count, in: tree)
    }

    /// An edit replacing text offsets `range` by `replacement` (decoded text; escaped for JSON here).
    func edit(_ range: Range<Int>, _ replacement: String, in tree: JSONTree) -> TextEdit {
        TextEdit(range: fileRange(range, in: tree), replacement: JSONLiteral.escape(replacement))
    }

    /// The canonical URL for a message: credentials and signature values hidden.
    var displayHref: String { url.map { URLText.redacted($0.href) } ?? "" }
}

/// A percent-decoded component with, for each decoded byte, the text offsets it came from.
struct DecodedText {
    var bytes: [UInt8] = []
    /// Text offset of the raw byte or the `%` of the escape that produced each decoded byte.
    var origins: [Int] = []
    /// Whether each decoded byte came from a `%XX` escape.
    var fromEscape: [Bool] = []

    init(_ text: [UInt8], range: Range<Int>) {
        bytes.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = text[index]
            if byte == URLByte.percent, index + 2 < range.upperBound,
               Hex.isDigit(text[index + 1]), Hex.isDigit(text[index + 2]) {
                bytes.append(Hex.digitValue(text[index + 1]) << 4 | Hex.digitValue(text[index + 2]))
                origins.append(index)
                fromEscape.append(true)
                index += 3
            } else {
                bytes.append(byte)
                origins.append(index)
                fromEscape.append(false)
                index += 1
            }
        }
    }

    /// The text offsets that decoded bytes `range` came from.
    func textRange(of range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = range.lowerBound < origins.count ? origins[range.lowerBound] : (origins.last.map { $0 + 1 } ?? 0)
            return at..<at
        }
        let last = range.upperBound - 1
        return origins[range.lowerBound]..<(origins[last] + (fromEscape[last] ? 3 : 1))
    }
}

/// Text helpers for URL messages and fixes.
enum URLText {
    /// `byte` as `%XX` with upper-case hex digits, as browsers write it.
    static func percentEncoded(_ byte: UInt8) -> String {
        let digits: [UInt8] = [URLByte.percent, Hex.upperDigit(byte >> 4), Hex.upperDigit(byte & 0x0F)]
        return String(decoding: digits, as: UTF8.self)
    }

    static func percentEncoded(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map(percentEncoded).joined()
    }

    /// Hides what must never be printed: the password of userinfo and the values of signature
    /// parameters (`X-Amz-Signature`, `X-Goog-Signature`, `Signature`, `sig`, …).
    static func redacted(_ href: String) -> String {
        guard let url = WebURL(href) else { return href }
        var out = href
        if !url.password.isEmpty {
            out = out.replacingFirst(":" + url.password + "@", with: ":***@")
        }
        if let query = url.query, !query.isEmpty {
            let parameters = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
                guard let equals = part.firstIndex(of: "=") else { return String(part) }
                let name = part[..<equals]
                return SignedURL.isSecretParameter(String(name)) ? name + "=REDACTED" : String(part)
            }
            out = out.replacingFirst("?" + query, with: "?" + parameters.joined(separator: "&"))
        }
        return out
    }

    /// A number with thousands separators: 1,234.
    static func count(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}

/// Escaping for text inserted into a JSON string literal by a fix.
enum JSONLiteral {
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + Hex.string(scalar.value, minimumDigits: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return self[..<range.lowerBound] + replacement + self[range.upperBound...]
    }
}
