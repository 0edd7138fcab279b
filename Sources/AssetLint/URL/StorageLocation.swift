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
    /// The object key (Azure: blob name) exactly as written in the URL's path: percent-encoded,
    /// without the leading `/`. Empty when the URL names only the bucket.
    public var rawKey: String
    /// The AWS region named by the host (`eu-central-1`), nil for the global endpoint and other providers.
    public var region: String?
    /// Whether the host is an S3 dual-stack (IPv6) endpoint.
    public var isDualStack: Bool
    /// The Azure storage account.
    public var account: String?
    /// The Azure container.
    public var container: String?

    public init(provider: StorageProvider, style: StorageURLStyle, bucket: String, rawKey: String,
                region: String? = nil, isDualStack: Bool = false, account: String? = nil, container: String? = nil) {
        self.provider = provider
        self.style = style
        self.bucket = bucket
        self.rawKey = rawKey
        self.region = region
        self.isDualStack = isDualStack
        self.account = account
        self.container = container
    }

    /// The object key's bytes as the provider looks it up: percent-decoded, and for S3 a raw `+`
    /// read as a space. The bytes need not be UTF-8.
    public var keyBytes: [UInt8] {
        PercentDecoding.decode(rawKey.utf8, plusAsSpace: provider.plusMeaning == .space)
    }

    /// `keyBytes` as a string; ill-formed UTF-8 shows as U+FFFD.
    public var key: String { String(decoding: keyBytes, as: UTF8.self) }
}

/// Recognition of cloud object URLs.
public enum StorageHosts {
    /// The provider, bucket and key `url` addresses, or nil when it is not a recognised object URL.
    public static func locate(_ url: WebURL) -> StorageLocation? {
        switch url.scheme {
        case "gs": return locateSchemeURI(url, provider: .gcs, style: .gsURI)
        case "s3": return locateSchemeURI(url, provider: .s3, style: .s3URI)
        case "http", "https": break
        default: return nil
        }
        guard case .domain(var host)? = url.host else { return nil }
        if host.hasSuffix(".") { host.removeLast() }
        return locateGCS(host: host, url: url) ?? locateS3(host: host, url: url) ?? locateAzure(host: host, url: url)
    }

    /// Whether `host` is `storage.cloud.google.com`, the GCS endpoint that authenticates the
    /// browser with a Google login and does not serve CORS headers.
    public static func isAuthenticatedBrowserEndpoint(_ host: String) -> Bool {
        var host = host.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        return host == gcsAuthenticatedHost
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
            return "https://\(gcsHost)/\(location.bucket)\(suffix)"
        }
        if isVirtualHostableBucket(location.bucket) {
            return "https://\(location.bucket).s3.amazonaws.com\(suffix)"
        }
        return "https://s3.amazonaws.com/\(location.bucket)\(suffix)"
    }

    // MARK: - Providers

    static let gcsHost = "storage.googleapis.com"
    static let gcsAuthenticatedHost = "storage.cloud.google.com"
    static let s3Suffixes = [".amazonaws.com", ".amazonaws.com.cn"]
    static let azureBlobSuffixes = [".blob.core.windows.net", ".blob.core.chinacloudapi.cn", ".blob.core.usgovcloudapi.net"]

    private static func locateSchemeURI(_ url: WebURL, provider: StorageProvider, style: StorageURLStyle) -> StorageLocation? {
        guard case .opaque(let bucket)? = url.host else { return nil }
        return StorageLocation(provider: provider, style: style, bucket: bucket, rawKey: keyAfterSlash(url.pathname))
    }

    private static func locateGCS(host: String, url: WebURL) -> StorageLocation? {
        if host == gcsHost || host == gcsAuthenticatedHost {
            let style: StorageURLStyle = host == gcsHost ? .gcsPath : .gcsAuthenticatedBrowser
            guard let (bucket, key) = splitBucket(url) else { return nil }
            return StorageLocation(provider: .gcs, style: style, bucket: bucket, rawKey: key)
        }
        let suffix = "." + gcsHost
        guard host.hasSuffix(suffix), host.count > suffix.count else { return nil }
        return StorageLocation(provider: .gcs, style: .gcsVirtualHosted, bucket: String(host.dropLast(suffix.count)),
                               rawKey: keyAfterSlash(url.pathname))
    }

    private static func locateS3(host: String, url: WebURL) -> StorageLocation? {
        guard let suffix = s3Suffixes.first(where: { host.hasSuffix($0) }) else { return nil }
        let labels = host.dropLast(suffix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard let endpoint = S3Endpoint(labels: labels) else { return nil }
        let bucketLabels = labels[..<endpoint.firstLabel]
        if bucketLabels.isEmpty {
            guard !endpoint.isVirtualHostedOnly, let (bucket, key) = splitBucket(url) else { return nil }
            return StorageLocation(provider: .s3, style: .pathStyle, bucket: bucket, rawKey: key,
                                   region: endpoint.region, isDualStack: endpoint.isDualStack)
        }
        guard !bucketLabels.contains(where: \.isEmpty) else { return nil }
        return StorageLocation(provider: .s3, style: .virtualHosted, bucket: bucketLabels.joined(separator: "."),
                               rawKey: keyAfterSlash(url.pathname), region: endpoint.region, isDualStack: endpoint.isDualStack)
    }

    private static func locateAzure(host: String, url: WebURL) -> StorageLocation? {
        guard let suffix = azureBlobSuffixes.first(where: { host.hasSuffix($0) }) else { return nil }
        let account = String(host.dropLast(suffix.count))
        guard !account.isEmpty, !account.contains("."), let (container, blob) = splitBucket(url) else { return nil }
        return StorageLocation(provider: .azure, style: .azureBlob, bucket: account + "/" + container, rawKey: blob,
                               account: account, container: container)
    }

    // MARK: - Helpers

    /// Path style: the first segment is the bucket, the rest the key.
    private static func splitBucket(_ url: WebURL) -> (bucket: String, key: String)? {
        let path = keyAfterSlash(url.pathname)
        guard let slash = path.firstIndex(of: "/") else {
            return path.isEmpty ? nil : (path, "")
        }
        let bucket = String(path[..<slash])
        return bucket.isEmpty ? nil : (bucket, String(path[path.index(after: slash)...]))
    }

    private static func keyAfterSlash(_ pathname: String) -> String {
        pathname.hasPrefix("/") ? String(pathname.dropFirst()) : pathname
    }

    /// A valid host label in lower case: letters, digits and hyphens, at most 63 long, not
    /// starting or ending with a hyphen.
    static func isVirtualHostableBucket(_ bucket: String) -> Bool {
        let bytes = Array(bucket.utf8)
        guard (1...63).contains(bytes.count), let first = bytes.first, let last = bytes.last,
              first != ASCII.minus, last != ASCII.minus else { return false }
        return bytes.allSatisfy { ($0 &- 0x61 < 26) || ASCII.isDigit($0) || $0 == ASCII.minus }
    }
}

/// The S3 endpoint part of a host name (before `.amazonaws.com`), read from the right.
struct S3Endpoint {
    /// Index of the endpoint's first label; the labels before it are the bucket.
    var firstLabel: Int
    var region: String?
    var isDualStack = false
    /// Transfer Acceleration endpoints serve virtual-hosted requests only.
    var isVirtualHostedOnly = false

    init?(labels: [Substring]) {
        let count = labels.count
        func label(_ fromEnd: Int) -> Substring? { count >= fromEnd ? labels[count - fromEnd] : nil }
        guard let last = label(1) else { return nil }

        if let service = label(3), Self.isService(service), label(2) == "dualstack", Self.isRegion(last) {
            // s3.dualstack.REGION
            firstLabel = count - 3
            region = String(last)
            isDualStack = true
        } else if let service = label(2), Self.isService(service), Self.isRegion(last) {
            // s3.REGION
            firstLabel = count - 2
            region = String(last)
        } else if Self.isService(last) {
            // s3 (global, us-east-1)
            firstLabel = count - 1
        } else if last == "s3-accelerate" {
            firstLabel = count - 1
            isVirtualHostedOnly = true
        } else if last == "dualstack", label(2) == "s3-accelerate" {
            firstLabel = count - 2
            isDualStack = true
            isVirtualHostedOnly = true
        } else if last == "s3-external-1" {
            // The legacy alias of the us-east-1 endpoint.
            firstLabel = count - 1
            region = "us-east-1"
        } else if last.hasPrefix("s3-"), Self.isRegion(last.dropFirst(3)) {
            // s3-REGION (legacy dash form)
            firstLabel = count - 1
            region = String(last.dropFirst(3))
        } else {
            return nil
        }
    }

    private static func isService(_ label: Substring) -> Bool { label == "s3" || label == "s3-fips" }

    /// An AWS region name: a two-letter area, one or more words, a number (`eu-central-1`, `us-gov-west-1`).
    static func isRegion(_ label: Substring) -> Bool {
        let parts = label.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0].count == 2, let number = parts.last, !number.isEmpty,
              number.utf8.allSatisfy(ASCII.isDigit) else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 &- 0x61 < 26 } }
    }
}
