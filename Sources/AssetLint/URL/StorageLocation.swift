/// A cloud object store that asset URLs can point into.
public enum StorageProvider: String, Sendable, CaseIterable {
    case gcs, s3, azure

    /// What the provider makes of a raw `+` in a URL path.
    public var plusMeaning: PlusMeaning {
        switch self {
        case .s3: return .space
        case .gcs, .azure: return .literalPlus
        }
    }

    public var displayName: String {
        switch self {
        case .gcs: return "Google Cloud Storage"
        case .s3: return "Amazon S3"
        case .azure: return "Azure Blob Storage"
        }
    }
}

/// How a storage service reads an unencoded `+` in an object path.
public enum PlusMeaning: String, Sendable {
    /// S3 decodes `+` in the path as a space (form encoding), so `a+b.jpg` finds `a b.jpg`.
    case space
    /// GCS and Azure keep `+` as a plus.
    case literalPlus = "literal-plus"
}

/// The URL forms that address an object.
public enum StorageURLStyle: String, Sendable, CaseIterable {
    /// `BUCKET.s3[.REGION | -REGION | .dualstack.REGION].amazonaws.com/KEY`, also S3 Transfer Acceleration.
    case virtualHosted = "virtual-hosted"
    /// `s3[.REGION | -REGION | .dualstack.REGION].amazonaws.com/BUCKET/KEY`.
    case pathStyle = "path-style"
    /// `storage.googleapis.com/BUCKET/KEY`.
    case gcsPath = "gcs-path"
    /// `BUCKET.storage.googleapis.com/KEY`.
    case gcsVirtualHosted = "gcs-virtual-hosted"
    /// `storage.cloud.google.com/BUCKET/KEY`: needs a Google login in the browser and serves no CORS.
    case gcsAuthenticatedBrowser = "gcs-authenticated-browser"
    /// `ACCOUNT.blob.core.windows.net/CONTAINER/BLOB`.
    case azureBlob = "azure-blob"
    /// `gs://BUCKET/KEY`: a gsutil/gcloud address, not something a browser can fetch.
    case gsURI = "gs-uri"
    /// `s3://BUCKET/KEY`: an AWS CLI address, not something a browser can fetch.
    case s3URI = "s3-uri"
}

/// Where a URL points in a cloud object store.
public struct StorageLocation: Sendable, Hashable {
    public var provider: StorageProvider
    public var style: StorageURLStyle
    /// The bucket; for Azure `ACCOUNT/CONTAINER`, so that one value identifies where objects live.
    public var bucket: String
    /// The AWS region named by the host (`eu-central-1`), nil for the global endpoint and other providers.
    public var region: String?
    /// Whether the host is an S3 dual-stack (IPv6) endpoint.
    public var isDualStack: Bool
    /// The Azure storage account.
    public var account: String?
    /// The Azure container.
    public var container: String?

    /// The key is a range of this text (the URL's `href`), so locating a URL copies no key.
    private var keySource: String
    private var keyRange: Range<Int>

    public init(provider: StorageProvider, style: StorageURLStyle, bucket: String, rawKey: String,
                region: String? = nil, isDualStack: Bool = false, account: String? = nil, container: String? = nil) {
        self.init(provider: provider, style: style, bucket: bucket, keySource: rawKey, keyRange: 0..<rawKey.utf8.count,
                  region: region, isDualStack: isDualStack, account: account, container: container)
    }

    init(provider: StorageProvider, style: StorageURLStyle, bucket: String, keySource: String, keyRange: Range<Int>,
         region: String? = nil, isDualStack: Bool = false, account: String? = nil, container: String? = nil) {
        self.provider = provider
        self.style = style
        self.bucket = bucket
        self.keySource = keySource
        self.keyRange = keyRange
        self.region = region
        self.isDualStack = isDualStack
        self.account = account
        self.container = container
    }

    /// The object key (Azure: blob name) exactly as written in the URL's path: percent-encoded,
    /// without the leading `/`. Empty when the URL names only the bucket.
    public var rawKey: String { String(Substring(rawKeyUTF8)) }

    /// `rawKey` without copying it.
    public var rawKeyUTF8: Substring.UTF8View {
        let utf8 = keySource.utf8
        return utf8[utf8.index(utf8.startIndex, offsetBy: keyRange.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: keyRange.upperBound)]
    }

    public static func == (lhs: StorageLocation, rhs: StorageLocation) -> Bool {
        lhs.provider == rhs.provider && lhs.style == rhs.style && lhs.bucket == rhs.bucket && lhs.region == rhs.region
            && lhs.isDualStack == rhs.isDualStack && lhs.account == rhs.account && lhs.container == rhs.container
            && lhs.rawKeyUTF8.elementsEqual(rhs.rawKeyUTF8)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(provider)
        hasher.combine(bucket)
        hasher.combine(keyRange.count)
        for byte in rawKeyUTF8 { hasher.combine(byte) }
    }

    /// The object key's bytes as the provider looks it up: percent-decoded, and for S3 a raw `+`
    /// read as a space. The bytes need not be UTF-8.
    public var keyBytes: [UInt8] {
        PercentDecoding.decode(rawKeyUTF8, plusAsSpace: provider.plusMeaning == .space)
    }

    /// `keyBytes` as a string; ill-formed UTF-8 shows as U+FFFD.
    public var key: String { String(decoding: keyBytes, as: UTF8.self) }
}

/// Recognition of cloud object URLs. Matching works on the bytes of `href`; only the bucket and
/// key of a recognised URL become strings.
public enum StorageHosts {
    /// The provider, bucket and key `url` addresses, or nil when it is not a recognised object URL.
    public static func locate(_ url: WebURL) -> StorageLocation? {
        let layout = url.layout
        let located = url.href.utf8.withContiguousStorageIfAvailable { href -> StorageLocation? in
            let text = HrefText(bytes: href, source: url.href)
            let path = layout.pathStart..<layout.pathEnd
            switch layout.schemeKind {
            case .http, .https:
                guard layout.hostKind == .domain else { return nil }
                var host = layout.hostStart..<layout.hostEnd
                if text.last(of: host) == URLByte.dot { host = host.lowerBound..<(host.upperBound - 1) }
                return locateGCS(text, host: host, path: path) ?? locateS3(text, host: host, path: path)
                    ?? locateAzure(text, host: host, path: path)
            case .other:
                guard layout.hostKind == .opaque, !layout.hasOpaquePath else { return nil }
                let scheme = 0..<layout.schemeEnd
                let provider: StorageProvider
                if text.equals(scheme, "gs") { provider = .gcs } else if text.equals(scheme, "s3") { provider = .s3 } else { return nil }
                return StorageLocation(provider: provider, style: provider == .gcs ? .gsURI : .s3URI,
                                       bucket: text.string(layout.hostStart..<layout.hostEnd),
                                       keySource: text.source, keyRange: text.afterSlash(path))
            default:
                return nil
            }
        }
        return located ?? nil
    }

    /// Whether `host` is `storage.cloud.google.com`, the GCS endpoint that authenticates the
    /// browser with a Google login and does not serve CORS headers.
    public static func isAuthenticatedBrowserEndpoint(_ host: String) -> Bool {
        var host = host.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        return host == "storage.cloud.google.com"
    }

    /// The `https://` URL a browser would use for a `gs://` or `s3://` address, nil for other URLs.
    ///
    /// `gs://b/k` becomes `https://storage.googleapis.com/b/k`; `s3://b/k` becomes
    /// `https://b.s3.amazonaws.com/k`, or path style `https://s3.amazonaws.com/b/k` for bucket
    /// names that are not valid TLS host labels (dots break the `*.s3.amazonaws.com` certificate).
    public static func httpsEquivalent(_ url: WebURL) -> String? {
        guard let location = locate(url), location.style == .gsURI || location.style == .s3URI else { return nil }
        var suffix = url.pathname
        if let query = url.query { suffix += "?" + query }
        if let fragment = url.fragment { suffix += "#" + fragment }
        if location.provider == .gcs {
            return "https://storage.googleapis.com/\(location.bucket)\(suffix)"
        }
        if isVirtualHostableBucket(location.bucket) {
            return "https://\(location.bucket).s3.amazonaws.com\(suffix)"
        }
        return "https://s3.amazonaws.com/\(location.bucket)\(suffix)"
    }

    // MARK: - Providers

    private static func locateGCS(_ text: HrefText, host: Range<Int>, path: Range<Int>) -> StorageLocation? {
        if text.equals(host, "storage.googleapis.com") || text.equals(host, "storage.cloud.google.com") {
            let style: StorageURLStyle = text.equals(host, "storage.googleapis.com") ? .gcsPath : .gcsAuthenticatedBrowser
            guard let (bucket, key) = text.splitBucket(path) else { return nil }
            return StorageLocation(provider: .gcs, style: style, bucket: text.string(bucket), keySource: text.source, keyRange: key)
        }
        guard let bucket = text.prefix(of: host, endingWith: ".storage.googleapis.com") else { return nil }
        return StorageLocation(provider: .gcs, style: .gcsVirtualHosted, bucket: text.string(bucket),
                               keySource: text.source, keyRange: text.afterSlash(path))
    }

    private static func locateS3(_ text: HrefText, host: Range<Int>, path: Range<Int>) -> StorageLocation? {
        guard let head = text.prefix(of: host, endingWith: ".amazonaws.com") ?? text.prefix(of: host, endingWith: ".amazonaws.com.cn"),
              let endpoint = S3Endpoint(text, head) else { return nil }
        let region = endpoint.region.map { text.string($0) } ?? (endpoint.isExternal1 ? "us-east-1" : nil)
        guard let bucket = endpoint.bucket else {
            guard !endpoint.isVirtualHostedOnly, let (bucket, key) = text.splitBucket(path) else { return nil }
            return StorageLocation(provider: .s3, style: .pathStyle, bucket: text.string(bucket), keySource: text.source,
                                   keyRange: key, region: region, isDualStack: endpoint.isDualStack)
        }
        guard text.isDotSeparatedNonEmpty(bucket) else { return nil }
        return StorageLocation(provider: .s3, style: .virtualHosted, bucket: text.string(bucket), keySource: text.source,
                               keyRange: text.afterSlash(path), region: region, isDualStack: endpoint.isDualStack)
    }

    private static func locateAzure(_ text: HrefText, host: Range<Int>, path: Range<Int>) -> StorageLocation? {
        guard let account = text.prefix(of: host, endingWith: ".blob.core.windows.net")
                ?? text.prefix(of: host, endingWith: ".blob.core.chinacloudapi.cn")
                ?? text.prefix(of: host, endingWith: ".blob.core.usgovcloudapi.net"),
              text.firstIndex(of: URLByte.dot, in: account) == nil,
              let (container, blob) = text.splitBucket(path) else { return nil }
        let accountName = text.string(account), containerName = text.string(container)
        return StorageLocation(provider: .azure, style: .azureBlob, bucket: accountName + "/" + containerName,
                               keySource: text.source, keyRange: blob, account: accountName, container: containerName)
    }

    /// A valid host label in lower case: letters, digits and hyphens, at most 63 long, not
    /// starting or ending with a hyphen.
    static func isVirtualHostableBucket(_ bucket: String) -> Bool {
        let bytes = Array(bucket.utf8)
        guard (1...63).contains(bytes.count), let first = bytes.first, let last = bytes.last,
              first != URLByte.minus, last != URLByte.minus else { return false }
        return bytes.allSatisfy { ($0 &- 0x61 < 26) || URLByte.isDigit($0) || $0 == URLByte.minus }
    }
}

/// Byte-level matching over an ASCII `href`, by offset ranges.
struct HrefText {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The string `bytes` belong to.
    var source: String = ""

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func last(of range: Range<Int>) -> UInt8? { range.isEmpty ? nil : bytes[range.upperBound - 1] }

    func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { literal in
            literal.count == range.count && bytes[range].elementsEqual(literal)
        }
    }

    /// The part of `range` before `suffix`, when `range` ends with `suffix` and has a non-empty part before it.
    func prefix(of range: Range<Int>, endingWith suffix: StaticString) -> Range<Int>? {
        suffix.withUTF8Buffer { suffix -> Range<Int>? in
            guard range.count > suffix.count else { return nil }
            let split = range.upperBound - suffix.count
            return bytes[split..<range.upperBound].elementsEqual(suffix) ? range.lowerBound..<split : nil
        }
    }

    func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    func lastIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        var index = range.upperBound
        while index > range.lowerBound {
            index -= 1
            if bytes[index] == byte { return index }
        }
        return nil
    }

    /// A path without its leading `/`.
    func afterSlash(_ path: Range<Int>) -> Range<Int> {
        path.first.map { bytes[$0] == URLByte.slash } == true ? (path.lowerBound + 1)..<path.upperBound : path
    }

    /// Path style: the first segment is the bucket (non-empty), the rest the key.
    func splitBucket(_ path: Range<Int>) -> (bucket: Range<Int>, key: Range<Int>)? {
        let rest = afterSlash(path)
        guard let slash = firstIndex(of: URLByte.slash, in: rest) else {
            return rest.isEmpty ? nil : (rest, rest.upperBound..<rest.upperBound)
        }
        return slash == rest.lowerBound ? nil : (rest.lowerBound..<slash, (slash + 1)..<rest.upperBound)
    }

    /// Non-empty labels separated by single dots.
    func isDotSeparatedNonEmpty(_ range: Range<Int>) -> Bool {
        guard let first = range.first, bytes[first] != URLByte.dot, bytes[range.upperBound - 1] != URLByte.dot else { return false }
        return !zip(range.dropLast(), range.dropFirst()).contains { bytes[$0] == URLByte.dot && bytes[$1] == URLByte.dot }
    }
}

/// The S3 endpoint part of a host name (the labels before `.amazonaws.com`), read from the right.
struct S3Endpoint {
    /// The labels before the endpoint, nil for a path-style host.
    var bucket: Range<Int>?
    var region: Range<Int>?
    var isDualStack = false
    /// `s3-external-1`, the legacy alias of the us-east-1 endpoint.
    var isExternal1 = false
    /// Transfer Acceleration endpoints serve virtual-hosted requests only.
    var isVirtualHostedOnly = false

    init?(_ text: HrefText, _ head: Range<Int>) {
        // The last three labels, from the right: last, second, third.
        let lastDot = text.lastIndex(of: URLByte.dot, in: head)
        let last = (lastDot.map { $0 + 1 } ?? head.lowerBound)..<head.upperBound
        let secondDot = lastDot.flatMap { text.lastIndex(of: URLByte.dot, in: head.lowerBound..<$0) }
        let second = lastDot.map { (secondDot.map { $0 + 1 } ?? head.lowerBound)..<$0 }
        let thirdDot = secondDot.flatMap { text.lastIndex(of: URLByte.dot, in: head.lowerBound..<$0) }
        let third = secondDot.map { (thirdDot.map { $0 + 1 } ?? head.lowerBound)..<$0 }
        func isService(_ label: Range<Int>?) -> Bool {
            label.map { text.equals($0, "s3") || text.equals($0, "s3-fips") } ?? false
        }
        func isLabel(_ label: Range<Int>?, _ literal: StaticString) -> Bool { label.map { text.equals($0, literal) } ?? false }

        let endpointStart: Int
        if isService(third), isLabel(second, "dualstack"), Self.isRegion(text, last) {
            endpointStart = third!.lowerBound
            region = last
            isDualStack = true
        } else if isService(second), Self.isRegion(text, last) {
            endpointStart = second!.lowerBound
            region = last
        } else if isService(last) {
            endpointStart = last.lowerBound
        } else if isLabel(last, "s3-accelerate") {
            endpointStart = last.lowerBound
            isVirtualHostedOnly = true
        } else if isLabel(last, "dualstack"), isLabel(second, "s3-accelerate") {
            endpointStart = second!.lowerBound
            isDualStack = true
            isVirtualHostedOnly = true
        } else if isLabel(last, "s3-external-1") {
            endpointStart = last.lowerBound
            isExternal1 = true
        } else if last.count > 3, text.equals(last.lowerBound..<(last.lowerBound + 3), "s3-"),
                  Self.isRegion(text, (last.lowerBound + 3)..<last.upperBound) {
            endpointStart = last.lowerBound
            region = (last.lowerBound + 3)..<last.upperBound
        } else {
            return nil
        }
        bucket = endpointStart > head.lowerBound ? head.lowerBound..<(endpointStart - 1) : nil
    }

    /// An AWS region name: a two-letter area, one or more lower-case words, a number
    /// (`eu-central-1`, `us-gov-west-1`).
    static func isRegion(_ text: HrefText, _ label: Range<Int>) -> Bool {
        // Two letters, then one or more "-word", then "-number".
        guard label.count >= 6, let lastMinus = text.lastIndex(of: URLByte.minus, in: label),
              lastMinus + 1 < label.upperBound,
              text.bytes[(lastMinus + 1)..<label.upperBound].allSatisfy(URLByte.isDigit) else { return false }
        let words = label.lowerBound..<lastMinus
        guard words.count >= 4, text.bytes[words.lowerBound + 2] == URLByte.minus else { return false }
        var previous = URLByte.minus
        for index in words {
            let byte = text.bytes[index]
            if byte == URLByte.minus {
                if previous == URLByte.minus { return false }
            } else if byte &- 0x61 >= 26 {
                return false
            }
            previous = byte
        }
        return text.bytes[words.lowerBound] != URLByte.minus && previous != URLByte.minus
    }
}
