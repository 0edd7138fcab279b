/// A URL record of the URL Standard.
///
/// The record is stored as its serialization (`href`, always ASCII) plus the offsets of each
/// component in it, so parsing allocates little and every accessor is a slice of `href`.
/// Two URLs are equal when their serializations are, as the standard's URL equivalence says.
public struct WebURL: Sendable, Hashable, CustomStringConvertible {
    /// The URL serializer's output: what a browser would request.
    public let href: String
    let layout: URLLayout

    init(href: String, layout: URLLayout) {
        self.href = href
        self.layout = layout
    }

    /// Parses `string` as an absolute URL; nil where the URL parser fails.
    public init?(_ string: String) {
        guard let url = URLParser.parse(string).url else { return nil }
        self = url
    }

    public var description: String { href }

    public static func == (lhs: WebURL, rhs: WebURL) -> Bool { lhs.href == rhs.href }
    public func hash(into hasher: inout Hasher) { hasher.combine(href) }

    // MARK: - Components

    /// Lower-case scheme without the colon, e.g. `https`.
    public var scheme: String { slice(0, layout.schemeEnd) }

    /// Whether the scheme is one of the standard's special schemes (http, https, ws, wss, ftp, file).
    public var isSpecial: Bool { layout.schemeKind != .other }

    /// The special scheme's default port (80, 443, 21), nil for file and other schemes.
    public var defaultPort: Int? { layout.schemeKind.defaultPort }

    /// Percent-encoded user name; empty when absent.
    public var username: String { slice(layout.usernameStart, layout.usernameEnd) }

    /// Percent-encoded password; empty when absent.
    public var password: String { slice(layout.passwordStart, layout.passwordEnd) }

    public var includesCredentials: Bool {
        layout.usernameEnd > layout.usernameStart || layout.passwordEnd > layout.passwordStart
    }

    /// The host; nil for URLs without one (`mailto:x`, `s3:/path`).
    public var host: URLHost? {
        switch layout.hostKind {
        case .none: return nil
        case .empty: return .empty
        case .domain: return .domain(hostname)
        case .opaque: return .opaque(hostname)
        case .ipv4: return .ipv4(layout.ipv4)
        case .ipv6: return layout.ipv6.map(URLHost.ipv6)
        }
    }

    /// The serialized host (IPv6 in brackets), empty when there is none.
    public var hostname: String { slice(layout.hostStart, layout.hostEnd) }

    /// The port, nil when absent or equal to the scheme's default port.
    public var port: Int? { layout.port }

    /// Whether the path is opaque (`mailto:someone`), i.e. not a list of segments.
    public var hasOpaquePath: Bool { layout.hasOpaquePath }

    /// The serialized path: `/a/b` for a segment list, the path itself when opaque.
    public var pathname: String { slice(layout.pathStart, layout.pathEnd) }

    /// The path's segments, percent-encoded; empty for an opaque path.
    public var pathSegments: [String] {
        guard !layout.hasOpaquePath, layout.pathEnd > layout.pathStart else { return [] }
        return pathname.utf8.dropFirst().split(separator: URLByte.slash, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// The query without its `?`; nil when there is none (empty string for a bare `?`).
    public var query: String? {
        guard let start = layout.queryStart else { return nil }
        return slice(start, layout.fragmentStart.map { $0 - 1 } ?? href.utf8.count)
    }

    /// The fragment without its `#`; nil when there is none.
    public var fragment: String? {
        guard let start = layout.fragmentStart else { return nil }
        return slice(start, href.utf8.count)
    }

    /// The serialization without the fragment.
    public var hrefExcludingFragment: String {
        guard let start = layout.fragmentStart else { return href }
        return slice(0, start - 1)
    }

    /// `href` is ASCII, so UTF-8 offsets are valid `String` indices and slicing is O(1) to locate.
    private func slice(_ start: Int, _ end: Int) -> String {
        let utf8 = href.utf8
        return String(href[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
    }
}

/// A host of the URL Standard. (Not `Host`: Foundation has a class of that name.)
public enum URLHost: Hashable, Sendable, CustomStringConvertible {
    /// An ASCII domain (after UTS #46 ToASCII), lower case.
    case domain(String)
    case ipv4(UInt32)
    case ipv6(IPv6Address)
    /// The host of a non-special URL (`gs://Bucket`): percent-encoded, case kept.
    case opaque(String)
    /// The empty host (`file:///`, `gs:///x`).
    case empty

    /// The host serializer's output.
    public var description: String {
        switch self {
        case .domain(let text), .opaque(let text): return text
        case .ipv4(let address): return IPv4Parser.serialize(address)
        case .ipv6(let address): return "[\(address)]"
        case .empty: return ""
        }
    }
}

/// The kind of scheme, for the special-scheme rules.
enum URLSchemeKind: Sendable {
    case http, https, ws, wss, ftp, file, other

    /// `scheme` is lower case.
    init(_ scheme: ArraySlice<UInt8>) {
        // Compare as one big-endian integer: the schemes are at most five bytes.
        guard scheme.count <= 5 else {
            self = .other
            return
        }
        let value = scheme.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        switch value {
        case 0x77_73: self = .ws
        case 0x77_73_73: self = .wss
        case 0x66_74_70: self = .ftp
        case 0x68_74_74_70: self = .http
        case 0x66_69_6C_65: self = .file
        case 0x68_74_74_70_73: self = .https
        default: self = .other
        }
    }

    var defaultPort: Int? {
        switch self {
        case .http, .ws: return 80
        case .https, .wss: return 443
        case .ftp: return 21
        case .file, .other: return nil
        }
    }
}

enum URLHostKind: Sendable {
    case none, empty, domain, opaque, ipv4, ipv6
}

/// Where each component sits in `href` (UTF-8 offsets). Ranges of absent components are empty.
struct URLLayout: Sendable {
    var schemeKind: URLSchemeKind = .other
    /// Offset of the `:` after the scheme.
    var schemeEnd = 0
    var usernameStart = 0, usernameEnd = 0
    var passwordStart = 0, passwordEnd = 0
    var hostKind: URLHostKind = .none
    var hostStart = 0, hostEnd = 0
    var ipv4: UInt32 = 0
    var ipv6: IPv6Address?
    var port: Int?
    var hasOpaquePath = false
    var pathStart = 0, pathEnd = 0
    /// Offset just after the `?`.
    var queryStart: Int?
    /// Offset just after the `#`.
    var fragmentStart: Int?
}

/// UTF-8 byte ranges of the components in the original input (delimiters excluded), so rules
/// can point into the source text. Only components the parser reached are set.
public struct URLComponentRanges: Sendable, Equatable {
    public var scheme: Range<Int>?
    public var username: Range<Int>?
    public var password: Range<Int>?
    public var host: Range<Int>?
    public var port: Range<Int>?
    /// The path as written, including its leading `/` when there is one.
    public var path: Range<Int>?
    public var query: Range<Int>?
    public var fragment: Range<Int>?

    public init() {}
}

public struct URLParseResult: Sendable {
    /// The parsed URL; nil when parsing failed.
    public var url: WebURL?
    /// Every validation error in the order it was found, including the one that caused a failure.
    public var validationErrors: [URLValidationError]
    /// The validation error that made the parser return failure; nil on success.
    public var failure: URLValidationError?
    /// Where the components were found in the input.
    public var ranges: URLComponentRanges

    /// A valid URL string: parsed with no validation error at all.
    public var isValid: Bool { url != nil && validationErrors.isEmpty }
}
