#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
final class AssetURLAnalysis: PartMergeable {
    /// One URL of the item. A plain value, so clearing the list per item costs nothing.
    struct Entry {
        var node: JSONTree.Index
        /// Index in `details`; -1 when the fast scan found the URL clean.
        var detail: Int32 = -1
        /// Index in `bucketFindings` of U213's finding on this URL; -1 for none.
        var bucket: Int32 = -1
    }

    // Every U rule reads these once per item: no dynamic exclusivity checks (one thread per file).
    @exclusivity(unchecked) private(set) var entries: [Entry] = []
    /// The full analyses of the URLs of the item that need a look, in order.
    @exclusivity(unchecked) private(set) var details: [AssetURL] = []
    @exclusivity(unchecked) private(set) var bucketFindings: [BucketFinding] = []
    /// The item analysed last and whether some URL of it needs a look from the rules.
    let itemState = UnsafeMutablePointer<ItemState>.allocate(capacity: 1)
    var itemIndex: Int { itemState.pointee.index }
    var needsAttention: Bool {
        get { itemState.pointee.needsAttention }
        set { itemState.pointee.needsAttention = newValue }
    }

    let scalars: UnicodeScalarTable
    let configuredProvider: StorageProvider?
    /// U213's per-file state.
    let buckets: BucketTracker
    private let hosts = HostCache()
    /// The bucket identity the fast scan found (`BUCKET`, or `ACCOUNT/CONTAINER` for Azure), in a
    /// fixed buffer so the scan allocates nothing.
    private let bucketScratch = UnsafeMutablePointer<UInt8>.allocate(capacity: AssetURLAnalysis.bucketCapacity)
    @exclusivity(unchecked) private var bucketLength = 0
    /// Where the last path segment, and the object key, of the URL the fast scan last found clean begin.
    @exclusivity(unchecked) private var lastSegmentStart = 0
    @exclusivity(unchecked) private var lastKeyStart = 0
    @exclusivity(unchecked) private var decodeScratch: [UInt8] = []
    private let checksNFC: Bool
    private let checksBuckets: Bool
    /// `FastBytes`' tables, held here so the scan does not go through their lazy initialization.
    private let hostClasses = FastBytes.hostClasses, pathClasses = FastBytes.pathClasses
    static let bucketCapacity = 256

    init(context: LintContext) {
        itemState.initialize(to: ItemState())
        scalars = context.shared(UnicodeScalarTable.self) { UnicodeScalarTable() }
        let storage = context.configuration.storage
        switch storage.provider {
        case .any: configuredProvider = nil
        case .gcs: configuredProvider = .gcs
        case .s3: configuredProvider = .s3
        case .azure: configuredProvider = .azure
        }
        buckets = BucketTracker(configured: storage.buckets, isLaterPart: context.isLaterPart)
        checksNFC = context.isActive(URLNotNFC.metadata.id)
        checksBuckets = context.isActive(URLBucketMismatch.metadata.id)
    }

    deinit {
        bucketScratch.deallocate()
        itemState.deallocate()
    }

    private var bucket: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: bucketScratch, count: bucketLength) }

    @inline(__always)
    private func setBucket(_ parts: UnsafeBufferPointer<UInt8>...) -> Bool {
        var length = 0
        for part in parts {
            guard length + part.count <= Self.bucketCapacity else { return false }
            if let base = part.baseAddress { (bucketScratch + length).update(from: base, count: part.count) }
            length += part.count
        }
        bucketLength = length
        return true
    }

    static func of(_ context: LintContext) -> AssetURLAnalysis {
        context.shared(AssetURLAnalysis.self) { AssetURLAnalysis(context: context) }
    }

    /// The only state across URLs is U213's bucket tracking.
    func absorb(_ later: AnyObject) {
        guard let later = later as? AssetURLAnalysis else { return }
        buckets.absorb(later.buckets)
    }

    // MARK: - Finding the URLs of an item

    func analyze(item: JSONTree.Index, at index: Int, in tree: JSONTree) {
        itemState.pointee.index = index
        entries.removeAll(keepingCapacity: true)
        if !details.isEmpty { details.removeAll(keepingCapacity: true) }
        if !bucketFindings.isEmpty { bucketFindings.removeAll(keepingCapacity: true) }
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
        // In document order; nearly always just `data`.
        var pending = (data, dataset, attachments)
        while true {
            var group = pending.0 ?? .max
            if let candidate = pending.1, candidate < group { group = candidate }
            if let candidate = pending.2, candidate < group { group = candidate }
            guard group != .max else { break }
            if group == pending.0 {
                pending.0 = nil
                analyzeURL(group, in: tree)
            } else if group == pending.1 {
                pending.1 = nil
                guard tree[group].kind == .array else { continue }
                for element in tree.children(of: group) { analyzeURL(element, in: tree) }
            } else {
                pending.2 = nil
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

        @inline(__always)
        init(_ node: JSONTree.Index, in tree: __shared JSONTree) {
            if MemberLookup.keyEquals(node, "data", in: tree) { self = .data }
            else if MemberLookup.keyEquals(node, "dataset", in: tree) { self = .dataset }
            else if MemberLookup.keyEquals(node, "attachments", in: tree) { self = .attachments }
            else { self = .other }
        }
    }

    private func analyzeURL(_ node: JSONTree.Index, in tree: JSONTree) {
        let value = tree[node]
        guard value.kind == .string else { return }  // M105 reports other types
        var entry = Entry(node: node)
        if value.flags.isDisjoint(with: [.escaped, .nonASCII, .damaged]) {
            let raw = tree.rawStringContent(node)
            if let provider = fastScan(raw) {
                if checksBuckets, let finding = buckets.check(provider: provider, bucket: bucket, url: value.range) {
                    entry.bucket = Int32(bucketFindings.count)
                    bucketFindings.append(finding)
                    needsAttention = true
                }
                entries.append(entry)
                return
            }
        }
        let text: [UInt8] = value.flags.contains(.escaped)
            ? JSONString.decodeBytes(tree.source.bytes, literalStart: value.start, literalEnd: value.end)
            : Array(tree.rawStringContent(node))
        let detail = AssetURL(node: node, text: text)
        entry.detail = Int32(details.count)
        details.append(detail)
        if checksBuckets, let location = detail.location {
            var bucket = Array(location.bucket.utf8)
            let finding = bucket.withUnsafeMutableBufferPointer { bucket in
                buckets.check(provider: location.provider, bucket: UnsafeBufferPointer(bucket), url: value.range)
            }
            if let finding {
                entry.bucket = Int32(bucketFindings.count)
                bucketFindings.append(finding)
            }
        }
        needsAttention = true
        entries.append(entry)
    }

    // MARK: - Bare items

    /// For `BareItemShortcut`: the provider of the unescaped `data` URL `raw` and the start of its
    /// last path segment, when the fast scan finds it clean and U213 has nothing to say about its
    /// bucket; nil otherwise. Changes nothing that `analyze` would see (the bucket it found waits
    /// in the scratch for `recordQuiet`).
    func quietURL(_ raw: UnsafeBufferPointer<UInt8>) -> (provider: StorageProvider, lastSegmentStart: Int)? {
        guard let provider = fastScan(raw) else { return nil }
        if checksBuckets, buckets.wouldReport(provider: provider, bucket: bucket) { return nil }
        return (provider, lastSegmentStart)
    }

    /// For the I rules: the provider, bucket identity and key start (offset in `raw`) of a URL the
    /// fast scan finds clean, whose key is then `raw[keyStart...]` percent-decoded (a clean URL
    /// has no `+`); nil for any other URL (its `AssetURL` has the location).
    func cleanObject(_ raw: UnsafeBufferPointer<UInt8>) -> (provider: StorageProvider, bucket: UnsafeBufferPointer<UInt8>, keyStart: Int)? {
        guard let provider = fastScan(raw) else { return nil }
        return (provider, bucket, lastKeyStart)
    }

    /// The bucket identity and key start of the URL the fast scan last found clean (read right
    /// after `fastScan` or `quietURL` answered for it).
    var lastCleanObject: (bucket: UnsafeBufferPointer<UInt8>, keyStart: Int) { (bucket, lastKeyStart) }

    /// Records the URL of `quietURL` as `analyze` would have (U213's first bucket).
    func recordQuiet(_ provider: StorageProvider, url: ByteRange) {
        guard checksBuckets else { return }
        _ = buckets.check(provider: provider, bucket: bucket, url: url)
    }

    // MARK: - The fast scan

    /// Scans a raw URL for the clean common case. Returns its provider (with the bucket identity
    /// left in `bucket`) when no U rule but U213 could report anything; nil sends the URL
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

        // Host: one the scan accepted before, or lower-case letters, digits, dots and hyphens; no
        // `xn--` label; the last label not numeric (IPv4 parsing) and not empty (trailing dot).
        let pathClasses = self.pathClasses
        let hostEnd: Int
        let hostKind: HostCache.Kind
        if let known = hosts.knownHost(in: bytes, from: 8) {
            (hostEnd, hostKind) = known
        } else {
            let hostClasses = self.hostClasses
            var index = 8
            var labelStart = 8
            if Self.startsACELabel(bytes, at: 8) { return nil }
            scanHost: while index < count {
                if index + 8 <= count, Self.allPlain(bytes, at: index, hostClasses) {
                    index += 8
                    continue
                }
                switch hostClasses[Int(bytes[index])] {
                case FastBytes.plain:
                    index += 1
                case FastBytes.dot:
                    index += 1
                    labelStart = index
                    if Self.startsACELabel(bytes, at: index) { return nil }
                case FastBytes.slash:
                    break scanHost
                default:
                    return nil
                }
            }
            guard index < count, index > 8, labelStart < index, !URLByte.isDigit(bytes[labelStart]) else { return nil }
            hostEnd = index
            hostKind = hosts.kind(of: UnsafeBufferPointer(rebasing: bytes[8..<hostEnd]))
        }
        var index = hostEnd

        // Path: characters that are copied as they are and need no encoding, `/`, and `%XX`
        // escapes; no dot segment (a segment starting with `.` or `%2e` is left to the parser);
        // decoded bytes are well-formed UTF-8; no `%25XX` (double encoding).
        var escapes = 0
        var needed = 0  // continuation bytes still expected
        var scalar: UInt32 = 0
        var minimum: UInt32 = 0
        var nonInert = false
        index += 1
        var segmentStart = index
        if Self.startsDotSegment(bytes, at: index) { return nil }
        while index < count {
            if index + 8 <= count, Self.allPlain(bytes, at: index, pathClasses) {
                index += 8
                continue
            }
            let kind = pathClasses[Int(bytes[index])]
            if kind == FastBytes.plain {
                index += 1
                continue
            }
            if kind == FastBytes.slash {
                index += 1
                segmentStart = index
                if Self.startsDotSegment(bytes, at: index) { return nil }
                continue
            }
            guard kind == FastBytes.percent, index + 2 < count, URLByte.isHexDigit(bytes[index + 1]),
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
            } else {
                guard value & 0xC0 == 0x80 else { return nil }
                scalar = scalar << 6 | UInt32(value & 0x3F)
                needed -= 1
                if needed == 0 {
                    guard scalar >= minimum, scalar <= 0x10FFFF, scalar & 0xFFFF_F800 != 0xD800 else { return nil }
                    if !nonInert, !scalars.isNFCInert(scalar) { nonInert = true }
                }
            }
            // A sequence in progress continues only with another escape.
            if needed != 0, index >= count || bytes[index] != URLByte.percent { return nil }
        }
        if needed != 0 { return nil }
        // Object keys are at most 1,024 bytes: a long path is measured exactly by U216.
        if count - hostEnd - 2 * escapes > 1025 { return nil }
        if nonInert, checksNFC, !isDecodedNFC(UnsafeBufferPointer(rebasing: bytes[hostEnd..<count])) { return nil }

        // Storage: a known endpoint of an accepted provider, naming a bucket and a non-empty key.
        let provider: StorageProvider
        switch hostKind {
        case .notStorage, .needsFullAnalysis:
            return nil
        case .virtualHosted(let hostProvider, let bucket):
            guard hostEnd + 1 < count, bucket.withUnsafeBufferPointer({ setBucket($0) }) else { return nil }
            provider = hostProvider
            lastKeyStart = hostEnd + 1
        case .pathStyle(let hostProvider):
            guard let segmentEnd = Self.bucketSegment(bytes, from: hostEnd + 1),
                  setBucket(UnsafeBufferPointer(rebasing: bytes[(hostEnd + 1)..<segmentEnd])) else { return nil }
            provider = hostProvider
            lastKeyStart = segmentEnd + 1
        case .azure(let account):
            guard let segmentEnd = Self.bucketSegment(bytes, from: hostEnd + 1) else { return nil }
            let fits = account.withUnsafeBufferPointer { account in
                Self.slash.withUnsafeBufferPointer { slash in
                    setBucket(account, slash, UnsafeBufferPointer(rebasing: bytes[(hostEnd + 1)..<segmentEnd]))
                }
            }
            guard fits else { return nil }
            provider = .azure
            lastKeyStart = segmentEnd + 1
        }
        if let configuredProvider, configuredProvider != provider { return nil }
        lastSegmentStart = segmentStart
        return provider
    }

    private static let slash: [UInt8] = [URLByte.slash]

    /// Whether the eight bytes at `index` are all of class plain (0): eight independent loads.
    @inline(__always)
    private static func allPlain(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ classes: UnsafePointer<UInt8>) -> Bool {
        let base = bytes.baseAddress! + index
        return classes[Int(base[0])] | classes[Int(base[1])] | classes[Int(base[2])] | classes[Int(base[3])]
            | classes[Int(base[4])] | classes[Int(base[5])] | classes[Int(base[6])] | classes[Int(base[7])] == 0
    }

    /// `xn--`, ASCII case-insensitively (the host scan has already refused upper case).
    @inline(__always)
    private static func startsACELabel(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 3 < bytes.count && bytes[index] == 0x78 && bytes[index + 1] == 0x6E && bytes[index + 2] == 0x2D
            && bytes[index + 3] == 0x2D
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

/// Byte classes of the fast scan: 256-entry tables, built once per process.
enum FastBytes {
    static let plain: UInt8 = 0, dot: UInt8 = 1, slash: UInt8 = 2, percent: UInt8 = 3, other: UInt8 = 4

    /// `a-z 0-9 -` plain, `.`, `/`; everything else (upper case too) other.
    static let hostClasses: UnsafePointer<UInt8> = table { byte in
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): return plain
        case UInt8(ascii: "."): return dot
        case UInt8(ascii: "/"): return slash
        default: return other
        }
    }

    /// Letters, digits and ``-._~!$&'()*,;=:@`` plain (URL code points the path copies unchanged,
    /// without `+` and `?`), `/`, `%`; everything else other.
    static let pathClasses: UnsafePointer<UInt8> = table { byte in
        if pathPlain.contains(byte) { return plain }
        if byte == UInt8(ascii: "/") { return slash }
        if byte == UInt8(ascii: "%") { return percent }
        return other
    }

    private static func table(_ classify: (UInt8) -> UInt8) -> UnsafePointer<UInt8> {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0..<256 { table[byte] = classify(UInt8(byte)) }
        return UnsafePointer(table)
    }

    /// The plain path bytes as a bitmap.
    static let pathPlain = ASCIIByteSet(low: 0x2FFF_77D2_0000_0000, high: 0x47FF_FFFE_87FF_FFFF)
}

/// Classification of hosts for the fast scan, cached per file: manifests use a handful of hosts.
final class HostCache {
    enum Kind {
        case notStorage
        /// Storage, but never clean (`storage.cloud.google.com`).
        case needsFullAnalysis
        case virtualHosted(StorageProvider, bucket: [UInt8])
        case pathStyle(StorageProvider)
        case azure(account: [UInt8])
    }

    @exclusivity(unchecked) private var keys: [[UInt8]] = []
    @exclusivity(unchecked) private var kinds: [Kind] = []
    @exclusivity(unchecked) private var last = 0

    /// The host a URL's bytes from `start` name, when it is one of the hosts cached (which the fast
    /// scan accepted) followed by `/`: the offset of that `/` and the host's kind.
    @inline(__always)
    func knownHost(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, kind: Kind)? {
        var index = last
        for _ in keys.indices {
            if keys[index].withUnsafeBufferPointer({ Self.names($0, bytes, from: start) }) {
                last = index
                return (start + keys[index].count, kinds[index])
            }
            index = index + 1 == keys.count ? 0 : index + 1
        }
        return nil
    }

    @inline(__always)
    private static func names(_ host: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let end = start + host.count
        guard end < bytes.count, bytes[end] == URLByte.slash else { return false }
        return memcmp(host.baseAddress!, bytes.baseAddress! + start, host.count) == 0
    }

    func kind(of host: UnsafeBufferPointer<UInt8>) -> Kind {
        if last < keys.count, Bytes.equal(keys[last], host) { return kinds[last] }
        for index in keys.indices where index != last && Bytes.equal(keys[index], host) {
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
        /// No buckets are configured and this is the first URL of a later part of a split file: it
        /// is the finding if the earlier parts used another bucket (see `BucketTracker.absorb`).
        case opensPart
    }

    var provider: StorageProvider
    var bucket: String
    var kind: Kind
}

/// A URL that may turn out to be U213's one "mixed buckets" finding once the parts of a split file
/// are merged: what it points into, and where to report it.
struct MixedBucketCandidate {
    var provider: StorageProvider
    var bucket: String
    var range: ByteRange
    var pointer: String
}

/// U213's per-file state: the configured buckets, or the first bucket seen.
final class BucketTracker {
    private struct Pattern {
        var provider: StorageProvider?
        var name: [UInt8]
    }

    private let configured: [Pattern]
    private let configuredNames: [String]
    @exclusivity(unchecked) private var first: (provider: StorageProvider, bucket: [UInt8], url: ByteRange)?
    @exclusivity(unchecked) private var warned = false
    /// The last bucket found among the configured ones.
    @exclusivity(unchecked) private var lastAccepted: (provider: StorageProvider, bucket: [UInt8])?
    /// In a later part of a split file, the "mixed" finding depends on the earlier parts: the part's
    /// first URL and its own first URL into another bucket are kept (`record`) for `absorb`.
    private let isLaterPart: Bool
    private var opening: MixedBucketCandidate?
    private var mixed: MixedBucketCandidate?
    /// The file's "mixed" finding when the merge found it in a later part, with the first URL it
    /// is compared with; U213 reports it when the file is done.
    private(set) var mergedFinding: (candidate: MixedBucketCandidate, first: BucketFinding.Kind)?

    init(configured names: [String], isLaterPart: Bool = false) {
        self.isLaterPart = isLaterPart
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

    /// What `check` makes of a URL into `bucket`, decided without recording anything.
    private enum Verdict {
        case quiet, notConfigured, opensFile, opensPart, mixed
    }

    private func verdict(provider: StorageProvider, bucket: UnsafeBufferPointer<UInt8>) -> Verdict {
        if !configured.isEmpty { return isConfigured(provider: provider, bucket: bucket) ? .quiet : .notConfigured }
        if warned { return .quiet }
        guard let first else { return isLaterPart ? .opensPart : .opensFile }
        return first.provider == provider && Bytes.equal(first.bucket, bucket) ? .quiet : .mixed
    }

    func check(provider: StorageProvider, bucket: UnsafeBufferPointer<UInt8>, url: ByteRange) -> BucketFinding? {
        let name = { String(decoding: bucket, as: UTF8.self) }
        switch verdict(provider: provider, bucket: bucket) {
        case .quiet:
            return nil
        case .notConfigured:
            return BucketFinding(provider: provider, bucket: name(), kind: .notConfigured(configuredNames))
        case .opensFile:
            first = (provider, Array(bucket), url)
            return nil
        case .opensPart:
            first = (provider, Array(bucket), url)
            return BucketFinding(provider: provider, bucket: name(), kind: .opensPart)
        case .mixed:
            guard let first else { return nil }
            warned = true
            return BucketFinding(
                provider: provider, bucket: name(),
                kind: .mixed(firstProvider: first.provider, firstBucket: String(decoding: first.bucket, as: UTF8.self), firstURL: first.url))
        }
    }

    /// Whether `check` would return a finding for this URL, without recording anything.
    func wouldReport(provider: StorageProvider, bucket: UnsafeBufferPointer<UInt8>) -> Bool {
        switch verdict(provider: provider, bucket: bucket) {
        case .quiet, .opensFile: false
        case .notConfigured, .opensPart, .mixed: true
        }
    }

    /// Whether `bucket` is one of `storage.buckets`; the last one found is remembered.
    private func isConfigured(provider: StorageProvider, bucket: UnsafeBufferPointer<UInt8>) -> Bool {
        if let lastAccepted, lastAccepted.provider == provider, Bytes.equal(lastAccepted.bucket, bucket) { return true }
        for pattern in configured where pattern.provider == nil || pattern.provider == provider {
            if Bytes.equal(pattern.name, bucket) || (provider == .azure && Self.isAccount(pattern.name, of: bucket)) {
                lastAccepted = (provider, Array(bucket))
                return true
            }
        }
        return false
    }

    /// Whether U213 reports a "mixed" finding now (false in a later part: it is recorded instead).
    var reportsMixedNow: Bool { !isLaterPart }

    /// Keeps a later part's candidate for the merge: its first URL (`.opensPart`) or its first URL
    /// into another bucket than that (`.mixed`).
    func record(_ candidate: MixedBucketCandidate, for kind: BucketFinding.Kind) {
        switch kind {
        case .opensPart: opening = candidate
        case .mixed: mixed = candidate
        case .notConfigured: break
        }
    }

    /// Folds in the part that follows: the file's finding is the first URL, in file order, into
    /// another bucket than the file's first URL.
    func absorb(_ later: BucketTracker) {
        guard configured.isEmpty, !warned else { return }
        guard let first else {
            first = later.first
            if let mixed = later.mixed, let laterFirst = later.first {
                mergedFinding = (mixed, Self.firstKind(laterFirst))
                warned = true
            }
            return
        }
        guard let laterFirst = later.first else { return }
        if laterFirst.provider != first.provider || laterFirst.bucket != first.bucket {
            guard let opening = later.opening else { return }
            mergedFinding = (opening, Self.firstKind(first))
            warned = true
        } else if let mixed = later.mixed {
            mergedFinding = (mixed, Self.firstKind(first))
            warned = true
        }
    }

    private static func firstKind(_ first: (provider: StorageProvider, bucket: [UInt8], url: ByteRange)) -> BucketFinding.Kind {
        .mixed(firstProvider: first.provider, firstBucket: String(decoding: first.bucket, as: UTF8.self), firstURL: first.url)
    }

    /// An Azure entry naming only the storage account matches all its containers.
    private static func isAccount(_ account: [UInt8], of identity: UnsafeBufferPointer<UInt8>) -> Bool {
        identity.count > account.count && identity[account.count] == URLByte.slash
            && identity[0..<account.count].elementsEqual(account)
    }
}

/// Byte comparison without generic collection overhead.
enum Bytes {
    @inline(__always)
    static func equal(_ array: [UInt8], _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard array.count == buffer.count else { return false }
        if buffer.isEmpty { return true }
        return array.withUnsafeBufferPointer { memcmp($0.baseAddress!, buffer.baseAddress!, buffer.count) == 0 }
    }
}

/// Member lookup by raw key bytes, for the per-item hot paths (`JSONTree.member` compares through
/// `String`); escaped keys fall back to decoding.
enum MemberLookup {
    /// The value of the last member `key` of `object`, as `JSONTree.member` finds it.
    static func last(_ key: StaticString, of object: JSONTree.Index, in tree: JSONTree) -> JSONTree.Index? {
        var found: JSONTree.Index?
        var child = tree[object].firstChild
        while child != JSONNode.none {
            if keyEquals(child, key, in: tree) { found = child }
            child = tree[child].nextSibling
        }
        return found
    }

    @inline(__always)
    static func keyEquals(_ member: JSONTree.Index, _ key: StaticString, in tree: JSONTree) -> Bool {
        let node = tree[member]
        guard node.keyStart >= 0 else { return false }
        if node.flags.contains(.keyEscaped) { return tree.key(of: member) == key.description }
        let length = node.keyEnd - node.keyStart - 2
        guard length == key.utf8CodeUnitCount else { return false }
        return memcmp(tree.source.bytes.baseAddress! + node.keyStart + 1, key.utf8Start, length) == 0
    }
}
