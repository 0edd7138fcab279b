/// What the U rules share about the asset URLs of one manifest item, computed once per item by
/// whichever U rule runs first (through `LintContext.shared`), and the per-file state behind it.
///
/// Each URL value (`data`, every `dataset` entry, the `value` of every IMAGE attachment) first
/// goes through a fast scan of its raw bytes: an unescaped ASCII `https://` URL whose host is a
/// known storage endpoint and whose path holds only characters that need no encoding, valid
/// `%XX` escapes decoding to NFC UTF-8, and no dot segment, is exactly its own canonical form and
/// has nothing for any U rule but U213 (which bucket it points into) to say. That is nearly every
/// URL of a real manifest, and it costs one pass over the bytes, no allocation and no ICU call.
/// Anything else gets an `AssetURL`: the full WHATWG parse and storage analysis the rules then
/// read.
final class AssetURLAnalysis {
    struct Entry {
        var node: JSONTree.Index
        /// nil when the fast scan found the URL clean.
        var detail: AssetURL?
        /// U213's finding on this URL.
        var bucket: BucketFinding?
    }

    private(set) var itemIndex = -1
    private(set) var entries: [Entry] = []
    /// Whether some URL of the current item needs a look from the rules.
    private(set) var needsAttention = false

    let scalars: UnicodeScalarTable
    let configuredProvider: StorageProvider?
    private var buckets: BucketTracker
    private var hosts = HostCache()
    /// Reused buffers, so the fast scan allocates nothing.
    private var bucketScratch: [UInt8] = []
    private var decodeScratch: [UInt8] = []
    private let checksNFC: Bool
    private let checksBuckets: Bool

    init(context: LintContext) {
        scalars = context.shared(UnicodeScalarTable.self) { UnicodeScalarTable() }
        let storage = context.configuration.storage
        switch storage.provider {
        case .any: configuredProvider = nil
        case .gcs: configuredProvider = .gcs
        case .s3: configuredProvider = .s3
        case .azure: configuredProvider = .azure
        }
        buckets = BucketTracker(configured: storage.buckets)
        checksNFC = context.isActive(URLNotNFC.metadata.id)
        checksBuckets = context.isActive(URLBucketMismatch.metadata.id)
        bucketScratch.reserveCapacity(128)
    }

    static func of(_ context: LintContext) -> AssetURLAnalysis {
        context.shared(AssetURLAnalysis.self) { AssetURLAnalysis(context: context) }
    }

    /// The analysis of item `index`, computed on the first call for that item.
    @inline(__always)
    static func prepare(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) -> AssetURLAnalysis {
        let analysis = of(context)
        if analysis.itemIndex != index { analysis.analyze(item: item, at: index, in: tree) }
        return analysis
    }

    /// The entries that need a look, with their analysis.
    func attention() -> [(entry: Entry, url: AssetURL)] {
        guard needsAttention else { return [] }
        return entries.compactMap { entry in entry.detail.map { (entry, $0) } }
    }

    // MARK: - Finding the URLs of an item

    private func analyze(item: JSONTree.Index, at index: Int, in tree: JSONTree) {
        itemIndex = index
        entries.removeAll(keepingCapacity: true)
        needsAttention = false
        guard item != JSONNode.none, tree[item].kind == .object else { return }
        // The last of repeated keys counts, as `JSONTree.member` and the hub read them.
        var data: JSONTree.Index?, dataset: JSONTree.Index?, attachments: JSONTree.Index?
        var child = tree[item].firstChild
        while child != JSONNode.none {
            switch ManifestKey(child, in: tree) {
            case .data: data = child
            case .dataset: dataset = child
            case .attachments: attachments = child
            case .other: break
            }
            child = tree[child].nextSibling
        }
        var groups = [data, dataset, attachments].compactMap { $0 }
        if groups.count > 1 { groups.sort() }
        for group in groups {
            if group == data {
                analyzeURL(group, in: tree)
            } else if group == dataset {
                guard tree[group].kind == .array else { continue }
                for element in tree.children(of: group) { analyzeURL(element, in: tree) }
            } else {
                guard tree[group].kind == .array else { continue }
                for attachment in tree.children(of: group) where tree[attachment].kind == .object {
                    guard let type = tree.member("type", of: attachment), tree[type].kind == .string,
                          tree.string(type) == "IMAGE", let value = tree.member("value", of: attachment) else { continue }
                    analyzeURL(value, in: tree)
                }
            }
        }
    }

    private enum ManifestKey {
        case data, dataset, attachments, other

        init(_ node: JSONTree.Index, in tree: JSONTree) {
            let member = tree[node]
            let length = member.keyEnd - member.keyStart - 2
            switch length {
            case 4: self = tree.keyEquals(node, "data") ? .data : .other
            case 7: self = tree.keyEquals(node, "dataset") ? .dataset : .other
            case 11: self = tree.keyEquals(node, "attachments") ? .attachments : .other
            default: self = member.flags.contains(.keyEscaped) ? ManifestKey.slow(node, in: tree) : .other
            }
        }

        private static func slow(_ node: JSONTree.Index, in tree: JSONTree) -> ManifestKey {
            switch tree.key(of: node) {
            case "data": return .data
            case "dataset": return .dataset
            case "attachments": return .attachments
            default: return .other
            }
        }
    }

    private func analyzeURL(_ node: JSONTree.Index, in tree: JSONTree) {
        let value = tree[node]
        guard value.kind == .string else { return }  // M105 reports other types
        var entry = Entry(node: node)
        if value.flags.isDisjoint(with: [.escaped, .nonASCII, .damaged]) {
            let raw = tree.rawStringContent(node)
            if let provider = fastScan(raw) {
                if checksBuckets {
                    entry.bucket = bucketScratch.withUnsafeBufferPointer { bucket in
                        buckets.check(provider: provider, bucket: bucket, url: value.range)
                    }
                    if entry.bucket != nil { needsAttention = true }
                }
                entries.append(entry)
                return
            }
        }
        let text: [UInt8] = value.flags.contains(.escaped)
            ? JSONString.decodeBytes(tree.source.bytes, literalStart: value.start, literalEnd: value.end)
            : Array(tree.rawStringContent(node))
        let detail = AssetURL(node: node, text: text)
        entry.detail = detail
        if checksBuckets, let location = detail.location {
            var bucket = Array(location.bucket.utf8)
            entry.bucket = bucket.withUnsafeMutableBufferPointer { bucket in
                buckets.check(provider: location.provider, bucket: UnsafeBufferPointer(bucket), url: value.range)
            }
        }
        needsAttention = true
        entries.append(entry)
    }

    // MARK: - The fast scan

    /// Scans a raw URL for the clean common case. Returns its provider (with the bucket identity
    /// left in `bucketScratch`) when no U rule but U213 could report anything; nil sends the URL
    /// to the full analysis.
    ///
    /// Every condition here is a sufficient condition for the URL parser to reproduce the input
    /// exactly, and for the storage analysis to find an object of an accepted provider:
    /// `URLAnalysisFastPathTests` runs both ways over many URLs.
    func fastScan(_ bytes: UnsafeBufferPointer<UInt8>) -> StorageProvider? {
        let count = bytes.count
        // "https://", lower case.
        guard count > 9, bytes[0] == 0x68, bytes[1] == 0x74, bytes[2] == 0x74, bytes[3] == 0x70, bytes[4] == 0x73,
              bytes[5] == 0x3A, bytes[6] == 0x2F, bytes[7] == 0x2F else { return nil }

        // Host: lower-case letters, digits, dots and hyphens; no `xn--` label; the last label not
        // numeric (IPv4 parsing) and not empty (trailing dot).
        var index = 8
        var labelStart = 8
        while index < count {
            let byte = bytes[index]
            if byte == 0x2F { break }
            guard FastBytes.host.contains(byte) else { return nil }
            if byte == 0x2E {
                labelStart = index + 1
            } else if index == labelStart, byte == 0x78, index + 3 < count, bytes[index + 1] == 0x6E,
                      bytes[index + 2] == 0x2D, bytes[index + 3] == 0x2D {
                return nil
            }
            index += 1
        }
        guard index < count, index > 8, labelStart < index, !URLByte.isDigit(bytes[labelStart]) else { return nil }
        let hostEnd = index

        // Path: characters that are copied as they are and need no encoding, `/`, and `%XX`
        // escapes; no dot segment (a segment starting with `.` or `%2e` is left to the parser);
        // decoded bytes are well-formed UTF-8; no `%25XX` (double encoding).
        var escapes = 0
        var needed = 0  // continuation bytes still expected
        var scalar: UInt32 = 0
        var minimum: UInt32 = 0
        var nonInert = false
        index += 1
        if Self.startsDotSegment(bytes, at: index) { return nil }
        while index < count {
            let byte = bytes[index]
            if FastBytes.pathPlain.contains(byte) {
                if needed != 0 { return nil }
                index += 1
                continue
            }
            if byte == 0x2F {
                if needed != 0 { return nil }
                index += 1
                if Self.startsDotSegment(bytes, at: index) { return nil }
                continue
            }
            guard byte == URLByte.percent, index + 2 < count, URLByte.isHexDigit(bytes[index + 1]),
                  URLByte.isHexDigit(bytes[index + 2]) else { return nil }
            let value = URLByte.hexValue(bytes[index + 1]) << 4 | URLByte.hexValue(bytes[index + 2])
            escapes += 1
            index += 3
            if value < 0x80 {
                if needed != 0 { return nil }
                if value == URLByte.percent, index + 1 < count, URLByte.isHexDigit(bytes[index]),
                   URLByte.isHexDigit(bytes[index + 1]) { return nil }
                continue
            }
            if needed == 0 {
                switch value {
                case 0xC2...0xDF: needed = 1; scalar = UInt32(value & 0x1F); minimum = 0x80
                case 0xE0...0xEF: needed = 2; scalar = UInt32(value & 0x0F); minimum = 0x800
                case 0xF0...0xF4: needed = 3; scalar = UInt32(value & 0x07); minimum = 0x10000
                default: return nil
                }
                continue
            }
            guard value & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(value & 0x3F)
            needed -= 1
            if needed == 0 {
                guard scalar >= minimum, scalar <= 0x10FFFF, scalar & 0xFFFF_F800 != 0xD800 else { return nil }
                if !nonInert, !scalars.isNFCInert(scalar) { nonInert = true }
            }
        }
        if needed != 0 { return nil }
        // Object keys are at most 1,024 bytes: a long path is measured exactly by U216.
        if count - hostEnd - 2 * escapes > 1025 { return nil }
        if nonInert, checksNFC, !isDecodedNFC(UnsafeBufferPointer(rebasing: bytes[hostEnd..<count])) { return nil }

        // Storage: a known endpoint of an accepted provider, naming a bucket and a non-empty key.
        let host = UnsafeBufferPointer(rebasing: bytes[8..<hostEnd])
        let provider: StorageProvider
        bucketScratch.removeAll(keepingCapacity: true)
        switch hosts.kind(of: host) {
        case .notStorage, .needsFullAnalysis:
            return nil
        case .virtualHosted(let hostProvider, let bucket):
            guard hostEnd + 1 < count else { return nil }
            provider = hostProvider
            bucketScratch.append(contentsOf: bucket)
        case .pathStyle(let hostProvider):
            guard let segmentEnd = Self.bucketSegment(bytes, from: hostEnd + 1) else { return nil }
            provider = hostProvider
            bucketScratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(hostEnd + 1)..<segmentEnd]))
        case .azure(let account):
            guard let segmentEnd = Self.bucketSegment(bytes, from: hostEnd + 1) else { return nil }
            provider = .azure
            bucketScratch.append(contentsOf: account)
            bucketScratch.append(URLByte.slash)
            bucketScratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(hostEnd + 1)..<segmentEnd]))
        }
        if let configuredProvider, configuredProvider != provider { return nil }
        return provider
    }

    /// `.`, `..` or their `%2e` spellings would start here (conservatively: any segment starting
    /// with a dot).
    @inline(__always)
    private static func startsDotSegment(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        if bytes[index] == URLByte.dot { return true }
        return bytes[index] == URLByte.percent && index + 2 < bytes.count && bytes[index + 1] == 0x32
            && bytes[index + 2] | 0x20 == 0x65
    }

    /// The end of a path-style bucket segment starting at `start`: non-empty, no escapes, followed
    /// by `/` and a non-empty key.
    private static func bucketSegment(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < bytes.count, bytes[index] != URLByte.slash {
            if bytes[index] == URLByte.percent { return nil }
            index += 1
        }
        guard index > start, index + 1 < bytes.count else { return nil }
        return index
    }

    /// Whether the percent-decoded path is NFC (ICU, on the rare non-inert scalars).
    private func isDecodedNFC(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        decodeScratch.removeAll(keepingCapacity: true)
        var index = 0
        while index < path.count {
            let byte = path[index]
            if byte == URLByte.percent, index + 2 < path.count {
                decodeScratch.append(URLByte.hexValue(path[index + 1]) << 4 | URLByte.hexValue(path[index + 2]))
                index += 3
            } else {
                decodeScratch.append(byte)
                index += 1
            }
        }
        return decodeScratch.withUnsafeBufferPointer { ICU.isNFC(utf8: $0) }
    }
}

/// Byte classes of the fast scan, as 128-bit bitmaps with constant initializers.
enum FastBytes {
    struct Set {
        let low: UInt64
        let high: UInt64

        @inline(__always)
        func contains(_ byte: UInt8) -> Bool {
            if byte < 0x40 { return low & (1 &<< UInt64(byte)) != 0 }
            if byte < 0x80 { return high & (1 &<< UInt64(byte &- 0x40)) != 0 }
            return false
        }
    }

    /// `a-z 0-9 . -`
    static let host = Set(low: 0x03FF_6000_0000_0000, high: 0x07FF_FFFE_0000_0000)
    /// Letters, digits and ``-._~!$&'()*,;=:@``: URL code points the path copies unchanged, minus
    /// `/`, `%`, `+` and `?`, which the scan looks at.
    static let pathPlain = Set(low: 0x2FFF_77D2_0000_0000, high: 0x47FF_FFFE_87FF_FFFF)
}

/// Classification of hosts for the fast scan, cached per file: manifests use a handful of hosts.
struct HostCache {
    enum Kind {
        case notStorage
        /// Storage, but never clean (`storage.cloud.google.com`).
        case needsFullAnalysis
        case virtualHosted(StorageProvider, bucket: [UInt8])
        case pathStyle(StorageProvider)
        case azure(account: [UInt8])
    }

    private var keys: [[UInt8]] = []
    private var kinds: [Kind] = []
    private var last = 0

    mutating func kind(of host: UnsafeBufferPointer<UInt8>) -> Kind {
        if last < keys.count, keys[last].elementsEqual(host) { return kinds[last] }
        for index in keys.indices where index != last && keys[index].elementsEqual(host) {
            last = index
            return kinds[index]
        }
        let kind = Self.classify(host)
        if keys.count < 64 {
            keys.append(Array(host))
            kinds.append(kind)
            last = keys.count - 1
        }
        return kind
    }

    /// Asks the storage analysis about `https://HOST/b/k`.
    static func classify(_ host: UnsafeBufferPointer<UInt8>) -> Kind {
        let probe = "https://" + String(decoding: host, as: UTF8.self) + "/b/k"
        guard let url = WebURL(probe), let location = StorageHosts.locate(url) else { return .notStorage }
        switch location.style {
        case .virtualHosted, .gcsVirtualHosted: return .virtualHosted(location.provider, bucket: Array(location.bucket.utf8))
        case .pathStyle, .gcsPath: return .pathStyle(location.provider)
        case .azureBlob: return .azure(account: Array((location.account ?? "").utf8))
        case .gcsAuthenticatedBrowser, .gsURI, .s3URI: return .needsFullAnalysis
        }
    }
}

/// U213's finding on one URL.
struct BucketFinding {
    enum Kind {
        /// `storage.buckets` is configured and does not hold this bucket.
        case notConfigured([String])
        /// No buckets are configured and this is the first URL of a second bucket in the file.
        case mixed(firstProvider: StorageProvider, firstBucket: String, firstURL: ByteRange)
    }

    var provider: StorageProvider
    var bucket: String
    var kind: Kind
}

/// U213's per-file state: the configured buckets, or the first bucket seen.
struct BucketTracker {
    private struct Pattern {
        var provider: StorageProvider?
        var name: [UInt8]
    }

    private let configured: [Pattern]
    private let configuredNames: [String]
    private var first: (provider: StorageProvider, bucket: [UInt8], url: ByteRange)?
    private var warned = false
    /// The last bucket found among the configured ones.
    private var lastAccepted: (provider: StorageProvider, bucket: [UInt8])?

    init(configured names: [String]) {
        configuredNames = names
        configured = names.map { name in
            var text = Substring(name)
            var provider: StorageProvider?
            if text.hasPrefix("gs://") { provider = .gcs; text = text.dropFirst(5) }
            else if text.hasPrefix("s3://") { provider = .s3; text = text.dropFirst(5) }
            while text.hasSuffix("/") { text = text.dropLast() }
            return Pattern(provider: provider, name: Array(text.utf8))
        }
    }

    mutating func check(provider: StorageProvider, bucket: UnsafeBufferPointer<UInt8>, url: ByteRange) -> BucketFinding? {
        if !configured.isEmpty {
            if let lastAccepted, lastAccepted.provider == provider, lastAccepted.bucket.elementsEqual(bucket) { return nil }
            for pattern in configured where pattern.provider == nil || pattern.provider == provider {
                if pattern.name.elementsEqual(bucket) || (provider == .azure && Self.isAccount(pattern.name, of: bucket)) {
                    lastAccepted = (provider, Array(bucket))
                    return nil
                }
            }
            return BucketFinding(provider: provider, bucket: String(decoding: bucket, as: UTF8.self), kind: .notConfigured(configuredNames))
        }
        if warned { return nil }
        guard let first else {
            self.first = (provider, Array(bucket), url)
            return nil
        }
        if first.provider == provider, first.bucket.elementsEqual(bucket) { return nil }
        warned = true
        return BucketFinding(
            provider: provider, bucket: String(decoding: bucket, as: UTF8.self),
            kind: .mixed(firstProvider: first.provider, firstBucket: String(decoding: first.bucket, as: UTF8.self), firstURL: first.url))
    }

    /// An Azure entry naming only the storage account matches all its containers.
    private static func isAccount(_ account: [UInt8], of identity: UnsafeBufferPointer<UInt8>) -> Bool {
        identity.count > account.count && identity[account.count] == URLByte.slash
            && identity[0..<account.count].elementsEqual(account)
    }
}
