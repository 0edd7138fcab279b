/// How each provider compares a configured origin, method or header with a browser's request.
///
/// - S3: an origin may hold one `*`, which stands for any run of characters (possibly empty), so
///   `https://*.example.com` matches `https://a.example.com` and `https://a.b.example.com`; `*` alone
///   matches every origin; everything else compares byte for byte, case-sensitively. An origin with
///   two or more `*` is rejected by S3 (C312) and matches nothing here.
/// - GCS and Azure: the entry `*` matches every origin; any other entry must equal the `Origin`
///   header exactly; a `*` inside an entry is a literal character that no browser sends.
///
/// Methods compare exactly (HTTP methods are case-sensitive and browsers send standard methods in
/// upper case); GCS also takes `*` for every method. Header names compare case-insensitively; S3
/// allows one `*` anywhere in an allowed header, Azure a trailing `*` (prefix) or `*` alone.
public enum OriginMatcher {
    public static func matches(_ pattern: String, origin: String, provider: CORSProvider) -> Bool {
        if pattern == "*" { return true }
        switch provider {
        case .s3:
            // No '*' byte, no wildcard: the common case, without splitting.
            if !Self.hasWildcard(pattern) { return pattern == origin }
            let parts = pattern.split(separator: "*", omittingEmptySubsequences: false)
            switch parts.count {
            case 1: return pattern == origin
            case 2: return glob(prefix: parts[0], suffix: parts[1], origin)
            default: return false
            }
        case .gcs, .azure:
            return pattern == origin
        }
    }

    /// Whether `pattern` holds a `*` byte, read from its contiguous UTF-8 (the evaluator asks once
    /// per origin entry and request, 200,000 entries in a large file).
    @inline(__always)
    static func hasWildcard(_ pattern: String) -> Bool {
        pattern.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte == 0x2A { return true }
            return false
        } ?? pattern.utf8.contains(0x2A)
    }

    /// Whether pattern `general` matches every origin pattern `specific` matches (sound: when unsure, false).
    public static func covers(_ general: String, _ specific: String, provider: CORSProvider) -> Bool {
        if general == "*" { return true }
        if general == specific { return true }
        guard provider == .s3 else { return false }
        let generalParts = general.split(separator: "*", omittingEmptySubsequences: false)
        guard generalParts.count == 2 else { return false }
        let specificParts = specific.split(separator: "*", omittingEmptySubsequences: false)
        switch specificParts.count {
        case 1: return glob(prefix: generalParts[0], suffix: generalParts[1], specific)
        case 2:
            // specific = C*D ⊆ A*B when C starts with A and D ends with B.
            return specificParts[0].utf8.starts(with: generalParts[0].utf8)
                && specificParts[1].utf8.reversed().starts(with: generalParts[1].utf8.reversed())
        default: return false
        }
    }

    public static func methodMatches(_ pattern: String, method: String, provider: CORSProvider) -> Bool {
        if provider.allowsMethodWildcard, pattern == "*" { return true }
        return pattern == method
    }

    /// Whether allowed-header entry `pattern` admits request header `header`.
    public static func headerMatches(_ pattern: String, header: String, provider: CORSProvider) -> Bool {
        let pattern = pattern.lowercased()
        let header = header.lowercased()
        if pattern == "*" { return true }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false)
        switch (provider, parts.count) {
        case (_, 1): return pattern == header
        case (.s3, 2): return glob(prefix: parts[0], suffix: parts[1], header)
        case (.azure, 2) where parts[1].isEmpty: return header.hasPrefix(parts[0])
        default: return false
        }
    }

    /// Whether header entry `general` admits every header `specific` admits.
    static func headerCovers(_ general: String, _ specific: String, provider: CORSProvider) -> Bool {
        if general == "*" { return true }
        if general.lowercased() == specific.lowercased() { return true }
        if specific.contains("*") {
            let g = general.lowercased().split(separator: "*", omittingEmptySubsequences: false)
            let s = specific.lowercased().split(separator: "*", omittingEmptySubsequences: false)
            guard g.count == 2, s.count == 2, provider != .gcs else { return false }
            return s[0].hasPrefix(g[0]) && s[1].hasSuffix(g[1])
        }
        return headerMatches(general, header: specific, provider: provider)
    }

    private static func glob<S: StringProtocol, T: StringProtocol>(prefix: S, suffix: S, _ text: T) -> Bool {
        let text = Array(text.utf8)
        let prefix = Array(prefix.utf8)
        let suffix = Array(suffix.utf8)
        guard text.count >= prefix.count + suffix.count else { return false }
        return text.starts(with: prefix) && text.reversed().starts(with: suffix.reversed())
    }
}

/// A rule as the evaluator sees it: strings only.
public struct CORSRuleSpec: Sendable, Equatable {
    public var origins: [String]
    public var methods: [String]
    /// Allowed request headers (S3, Azure); GCS does not match on headers.
    public var allowedHeaders: [String]
    /// Some origin or method is an ARM expression whose value is unknown.
    public var unresolved: Bool

    public init(origins: [String], methods: [String], allowedHeaders: [String] = [], unresolved: Bool = false) {
        self.origins = origins
        self.methods = methods
        self.allowedHeaders = allowedHeaders
        self.unresolved = unresolved
    }
}

/// Decides, as the provider does, which rule (if any) answers a browser's CORS request.
///
/// All three providers use the first rule, in order, that matches the request: its `Origin`, its
/// method (the `Access-Control-Request-Method` of a preflight) and, on S3 and Azure, every header of
/// a preflight's `Access-Control-Request-Headers`.
public struct CORSEvaluator: Sendable {
    public var provider: CORSProvider
    public var rules: [CORSRuleSpec]

    public init(provider: CORSProvider, rules: [CORSRuleSpec]) {
        self.provider = provider
        self.rules = rules
    }

    /// The index of the rule that answers the request, or nil when the browser blocks it.
    public func evaluate(origin: String, method: String, headers: [String] = []) -> Int? {
        rules.indices.first { ruleMatches($0, origin: origin, method: method, headers: headers) }
    }

    public func ruleMatches(_ index: Int, origin: String, method: String, headers: [String] = []) -> Bool {
        let rule = rules[index]
        guard rule.origins.contains(where: { OriginMatcher.matches($0, origin: origin, provider: provider) }) else { return false }
        guard rule.methods.contains(where: { OriginMatcher.methodMatches($0, method: method, provider: provider) }) else { return false }
        if provider.matchesRequestHeaders {
            for header in headers where !rule.allowedHeaders.contains(where: { OriginMatcher.headerMatches($0, header: header, provider: provider) }) {
                return false
            }
        }
        return true
    }

    /// Whether rule `index` matches origin `origin` at all, whatever the method.
    public func ruleMatchesOrigin(_ index: Int, origin: String) -> Bool {
        rules[index].origins.contains { OriginMatcher.matches($0, origin: origin, provider: provider) }
    }

    /// For each rule, the earlier rules that together leave it nothing to answer: for each origin entry
    /// and method of the rule, one earlier rule covers both (and, where headers take part, its
    /// headers). Nil where some request still reaches the rule. Sound, not complete: a rule covered
    /// only by a union of overlapping wildcards is not reported. See `CORSShadowing` for how.
    public func shadowingRules() -> [[Int]?] {
        var shadowing = CORSShadowing(provider: provider, rules: rules)
        return shadowing.shadowingRules()
    }

    /// `shadowingRules()` for one rule.
    public func shadowingRules(of index: Int) -> [Int]? {
        var shadowing = CORSShadowing(provider: provider, rules: rules)
        return shadowing.shadowingRules(of: index)
    }
}

/// What is wrong with a configured origin, as a browser's `Origin` header would never equal it, and
/// the entry that would match.
public struct OriginAnalysis: Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        case empty
        case surroundingWhitespace
        case innerWhitespace
        case missingScheme
        case upperCaseScheme
        case upperCaseHost
        case trailingSlash
        case path(String)
        case query
        case fragment
        case userinfo
        case defaultPort(String)
        case emptyPort
        case invalidPort(String)
        case emptyHost
        /// An empty label inside the host (`hub..ango.ai`).
        case emptyLabel
        /// The host ends with a dot (`hub.ango.ai.`).
        case trailingDot
        case nonASCIIHost(String)
        case unsupportedWildcard
        case unknownScheme(String)

        /// Whether the fix can be made without guessing what the entry meant.
        var fixable: Bool {
            switch self {
            case .empty, .innerWhitespace, .invalidPort, .emptyHost, .emptyLabel, .unsupportedWildcard, .unknownScheme: false
            case .nonASCIIHost(let ascii): !ascii.isEmpty
            default: true
            }
        }

        var phrase: String {
            switch self {
            case .empty: "is empty"
            case .surroundingWhitespace: "has spaces around it"
            case .innerWhitespace: "contains whitespace"
            case .missingScheme: "has no scheme"
            case .upperCaseScheme: "has an upper-case scheme"
            case .upperCaseHost: "has upper-case letters in the host"
            case .trailingSlash: "has a trailing slash"
            case .path(let path): "has a path (\(JSONText.quote(path)))"
            case .query: "has a query"
            case .fragment: "has a fragment"
            case .userinfo: "has a user name"
            case .defaultPort(let port): "spells out the default port :\(port)"
            case .emptyPort: "ends in a bare ':'"
            case .invalidPort(let port): "has an invalid port \(JSONText.quote(port))"
            case .emptyHost: "has no host"
            case .emptyLabel: "has an empty label in the host"
            case .trailingDot: "ends its host with a dot"
            case .nonASCIIHost: "has a non-ASCII host"
            case .unsupportedWildcard: "has a '*' inside it"
            case .unknownScheme(let scheme): "has an unusual scheme \(JSONText.quote(scheme))"
            }
        }

        var why: String {
            switch self {
            case .trailingSlash, .path: "browsers send Origin without a path"
            case .query, .fragment, .userinfo: "browsers send Origin as scheme://host[:port] only"
            case .upperCaseScheme, .upperCaseHost: "browsers send the scheme and host in lower case"
            case .missingScheme: "browsers always send the scheme (https://...)"
            case .surroundingWhitespace, .innerWhitespace: "browsers never send whitespace in Origin"
            case .defaultPort: "browsers leave out the default port"
            case .emptyPort, .invalidPort, .emptyHost, .emptyLabel, .empty: "no browser sends such an Origin"
            case .trailingDot: "browsers send the host as the page's address spells it, and pages are not opened at the dotted name"
            case .nonASCIIHost: "browsers send the host in its ASCII (punycode) form"
            case .unsupportedWildcard: "only the entry \"*\" is a wildcard here"
            case .unknownScheme: "browsers send http or https for web pages"
            }
        }
    }

    public var problems: [Problem]
    /// The entry a browser's Origin would match; nil when it cannot be derived without guessing.
    public var corrected: String?

    public var isValid: Bool { problems.isEmpty }

    /// Analyses one configured origin. `*` and S3 wildcards are valid syntax; ARM expressions are not
    /// analysed by callers. `allowFastPath: false` exists to test that the byte check of the common
    /// case agrees with the analysis.
    public static func analyze(_ origin: String, provider: CORSProvider, allowFastPath: Bool = true) -> OriginAnalysis {
        if allowFastPath, isPlainOrigin(origin) { return OriginAnalysis(problems: [], corrected: nil) }
        var problems: [Problem] = []
        if origin.isEmpty { return OriginAnalysis(problems: [.empty], corrected: nil) }
        if origin == "*" { return OriginAnalysis(problems: [], corrected: nil) }
        var text = Substring(origin)
        if text.first?.isWhitespace == true || text.last?.isWhitespace == true {
            problems.append(.surroundingWhitespace)
            while text.first?.isWhitespace == true { text = text.dropFirst() }
            while text.last?.isWhitespace == true { text = text.dropLast() }
        }
        if text.isEmpty { return OriginAnalysis(problems: [.empty], corrected: nil) }
        if text.contains(where: { $0.isWhitespace }) { problems.append(.innerWhitespace) }
        if text.contains("*") {
            if provider != .s3 { problems.append(.unsupportedWildcard) }
        }
        var scheme = ""
        var rest = Substring(text)
        if let separator = text.range(of: "://") {
            scheme = String(text[..<separator.lowerBound])
            rest = text[separator.upperBound...]
            if scheme.isEmpty {
                problems.append(.missingScheme)
                scheme = "https"
            }
        } else if text.hasPrefix("//") {
            problems.append(.missingScheme)
            scheme = "https"
            rest = text.dropFirst(2)
        } else if text == "null" {
            return OriginAnalysis(problems: [], corrected: nil)
        } else {
            problems.append(.missingScheme)
            let host = text.prefix { $0 != "/" && $0 != ":" }.lowercased()
            scheme = host == "localhost" || host.hasPrefix("127.") ? "http" : "https"
        }
        if scheme.lowercased() != scheme {
            problems.append(.upperCaseScheme)
            scheme = scheme.lowercased()
        }
        if !scheme.isEmpty, scheme != "*", !scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.*".contains($0)) }) {
            problems.append(.unknownScheme(scheme))
        }
        // Authority ends at the first '/', '?' or '#'.
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        let tail = rest[authorityEnd...]
        if !tail.isEmpty {
            if tail == "/" {
                problems.append(.trailingSlash)
            } else if tail.first == "?" {
                problems.append(.query)
            } else if tail.first == "#" {
                problems.append(.fragment)
            } else {
                problems.append(.path(String(tail.prefix { $0 != "?" && $0 != "#" })))
            }
        }
        if let at = authority.lastIndex(of: "@") {
            problems.append(.userinfo)
            authority = authority[authority.index(after: at)...]
        }
        var host = authority
        var port: Substring?
        if authority.hasPrefix("[") {
            if let close = authority.firstIndex(of: "]") {
                host = authority[...close]
                let after = authority[authority.index(after: close)...]
                if after.hasPrefix(":") { port = after.dropFirst() }
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        var correctedHost = String(host)
        if !host.hasPrefix("["), host.count > 1, host.last == "." {
            problems.append(.trailingDot)
            host = host.dropLast()
            correctedHost = String(host)
        }
        if !host.hasPrefix("["), host.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty), !host.isEmpty {
            problems.append(.emptyLabel)
        }
        if host.isEmpty {
            problems.append(.emptyHost)
        } else if host.contains(where: { !$0.isASCII }) {
            let result = ICU.domainToASCII(String(host))
            let ascii = result.errors == 0 ? result.ascii : ""
            problems.append(.nonASCIIHost(ascii))
            correctedHost = ascii
        } else if host.lowercased() != host {
            problems.append(.upperCaseHost)
            correctedHost = host.lowercased()
        }
        var correctedPort = ""
        if let port {
            if port.isEmpty {
                problems.append(.emptyPort)
            } else if port.contains("*") && provider == .s3 {
                correctedPort = ":" + port
            } else if !port.allSatisfy({ $0.isASCII && $0.isNumber }) || (Int(port) ?? 70000) > 65535 {
                problems.append(.invalidPort(String(port)))
            } else if (scheme == "https" && Int(port) == 443) || (scheme == "http" && Int(port) == 80) {
                problems.append(.defaultPort(String(port)))
            } else {
                correctedPort = ":" + port
            }
        }
        guard !problems.isEmpty else { return OriginAnalysis(problems: [], corrected: nil) }
        let corrected = problems.allSatisfy(\.fixable) ? scheme + "://" + correctedHost + correctedPort : nil
        return OriginAnalysis(problems: problems, corrected: corrected)
    }

    /// `http://` or `https://` and a host of lower-case ASCII letters, digits, dots and hyphens whose
    /// labels are not empty (no dot first, last or twice in a row), nothing else: what nearly every
    /// configured origin is, and never a problem. A file of 200,000 origins is checked byte by byte
    /// instead of character by character.
    static func isPlainOrigin(_ origin: String) -> Bool {
        var origin = origin
        return origin.withUTF8 { bytes in
            let schemeLength: Int
            if bytes.starts(with: "https://".utf8) {
                schemeLength = 8
            } else if bytes.starts(with: "http://".utf8) {
                schemeLength = 7
            } else {
                return false
            }
            guard bytes.count > schemeLength, bytes[schemeLength] != 0x2E, bytes[bytes.count - 1] != 0x2E else { return false }
            var previous: UInt8 = 0
            for byte in bytes[schemeLength...] {
                guard (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || (byte == 0x2E && previous != 0x2E)
                else { return false }
                previous = byte
            }
            return true
        }
    }

    /// `has a trailing slash: browsers send Origin without a path, so this entry never matches`.
    public var explanation: String {
        problems.isEmpty ? "" : "\(summary): \(consequence)"
    }

    /// What is wrong with the entry: `has a trailing slash`, `has a path and a default port`.
    public var summary: String {
        let phrases = problems.map(\.phrase)
        switch phrases.count {
        case 0: return ""
        case 1: return phrases[0]
        case 2: return phrases[0] + " and " + phrases[1]
        default: return phrases.dropLast().joined(separator: ", ") + " and " + phrases.last!
        }
    }

    /// Why that matters: `browsers send Origin without a path, so this entry never matches`.
    public var consequence: String {
        var whys: [String] = []
        for problem in problems where !whys.contains(problem.why) { whys.append(problem.why) }
        return "\(whys.joined(separator: "; ")), so this entry never matches"
    }
}
