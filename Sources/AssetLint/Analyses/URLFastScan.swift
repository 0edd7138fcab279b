#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The scan behind the `dataURLNotClean` signal: whether the raw bytes of a URL are an `https://`
/// URL of a known storage endpoint of an accepted provider that is already exactly its canonical
/// form, with a bucket, a key of at most 1,024 bytes, `%XX` escapes decoding to NFC UTF-8, and no
/// dot segment. That is nearly every URL of a real manifest, and the scan costs one pass over the
/// bytes, no allocation and no ICU call; any doubt answers nil (the U rules then look).
///
/// Each condition is sufficient for the URL parser to reproduce the input and for the storage
/// analysis to find an object of that provider and bucket; `ItemDeclarationTests` checks the U
/// rules against it over every byte class, and `URLFastScanTests` against the parser.
final class URLFastScan {
    /// What a clean URL points into. `bucket` (`BUCKET`, or `ACCOUNT/CONTAINER` for Azure) lives
    /// in the scanner's scratch until the next scan.
    struct Clean {
        var provider: StorageProvider
        var bucket: UnsafeBufferPointer<UInt8>
        /// Where the last path segment begins.
        var lastSegmentStart: Int
        /// Where the object key begins (after the bucket's `/`, or the host's in a virtual-hosted
        /// URL); the key is the rest, percent-decoded (a clean URL has no `+`, `?` or `#`).
        var keyStart: Int
    }

    private let scalars: UnicodeScalarTable
    private let configuredProvider: StorageProvider?
    private let hosts = HostCache()
    private let bucketScratch = UnsafeMutablePointer<UInt8>.allocate(capacity: URLFastScan.bucketCapacity)
    /// The bytes of one escaped UTF-8 sequence, decoded.
    private let sequence = UnsafeMutablePointer<UInt8>.allocate(capacity: 4)
    @exclusivity(unchecked) private var decodeScratch: [UInt8] = []
    /// Copies of `FastBytes`' tables, so the scan reads them through plain pointers.
    private let hostClasses = FastBytes.table(FastBytes.hostClasses)
    private let pathClasses = FastBytes.table(FastBytes.pathClasses)
    static let bucketCapacity = 256
    /// `storage` and `download`: the first segments of the GCS JSON API's paths.
    private let jsonAPISegments = (Array("storage".utf8), Array("download".utf8))

    init(configuration: Configuration, scalars: UnicodeScalarTable) {
        self.scalars = scalars
        configuredProvider = configuration.storage.provider.required
    }

    deinit {
        bucketScratch.deallocate()
        sequence.deallocate()
        hostClasses.deallocate()
        pathClasses.deallocate()
    }

    /// The provider, bucket and last segment of `bytes` when they are a clean storage URL.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Clean? {
        let count = bytes.count
        // "https://", lower case; and not a URL so long that U216 reports its length.
        guard count > 9, count <= AssetURL.lengthLimit, bytes[0] == 0x68, bytes[1] == 0x74, bytes[2] == 0x74, bytes[3] == 0x70, bytes[4] == 0x73,
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
        // escaped bytes above 0x7F are well-formed UTF-8 sequences; no `%25XX` (double encoding).
        var escapes = 0
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
            guard kind == FastBytes.percent, let value = Self.escapedByte(bytes, at: index) else { return nil }
            if value < 0x80 {
                escapes += 1
                index += 3
                if value == URLByte.percent, index + 1 < count, Hex.isDigit(bytes[index]), Hex.isDigit(bytes[index + 1]) { return nil }
                continue
            }
            // A UTF-8 sequence spelt as consecutive escapes: decoded, then read by the decoder.
            var length = 0
            var probe = index
            while length < 4, let byte = Self.escapedByte(bytes, at: probe) {
                sequence[length] = byte
                length += 1
                probe += 3
            }
            let (scalar, used) = UTF8Decoding.decode(UnsafeBufferPointer(start: sequence, count: length), at: 0)
            guard let scalar, used > 1 else { return nil }
            if !nonInert, !scalars.isNFCInert(scalar) { nonInert = true }
            escapes += used
            index += 3 * used
        }
        // Object keys are at most 1,024 bytes: a long path is measured exactly by U216.
        if count - hostEnd - 2 * escapes > 1025 { return nil }
        if nonInert, !isDecodedNFC(UnsafeBufferPointer(rebasing: bytes[hostEnd..<count])) { return nil }

        // Storage: a known endpoint of an accepted provider, naming a bucket and a non-empty key.
        let provider: StorageProvider
        let bucketLength: Int
        let keyStart: Int
        switch hostKind {
        case .notStorage, .needsFullAnalysis:
            return nil
        case .virtualHosted(let hostProvider, let bucket):
            guard hostEnd + 1 < count, let length = bucket.withUnsafeBufferPointer({ setBucket($0) }) else { return nil }
            provider = hostProvider
            bucketLength = length
            keyStart = hostEnd + 1
        case .pathStyle(let hostProvider):
            guard let segmentEnd = Self.bucketSegment(bytes, from: hostEnd + 1) else { return nil }
            let segment = UnsafeBufferPointer(rebasing: bytes[(hostEnd + 1)..<segmentEnd])
            // `storage.googleapis.com/storage/v1/...` and `/download/storage/v1/...` are the JSON API's.
            if hostProvider == .gcs, Bytes.equal(jsonAPISegments.0, segment) || Bytes.equal(jsonAPISegments.1, segment) { return nil }
            guard let length = setBucket(segment) else { return nil }
            provider = hostProvider
            bucketLength = length
            keyStart = segmentEnd + 1
        case .azure(let account):
            guard let segmentEnd = Self.bucketSegment(bytes, from: hostEnd + 1) else { return nil }
            let length = account.withUnsafeBufferPointer { account in
                Self.slash.withUnsafeBufferPointer { slash in
                    setBucket(account, slash, UnsafeBufferPointer(rebasing: bytes[(hostEnd + 1)..<segmentEnd]))
                }
            }
            guard let length else { return nil }
            provider = .azure
            bucketLength = length
            keyStart = segmentEnd + 1
        }
        if let configuredProvider, configuredProvider != provider { return nil }
        return Clean(
            provider: provider, bucket: UnsafeBufferPointer(start: bucketScratch, count: bucketLength), lastSegmentStart: segmentStart,
            keyStart: keyStart)
    }

    /// Copies the concatenation of `parts` into the bucket scratch; its length, or nil when it
    /// does not fit.
    @inline(__always)
    private func setBucket(_ parts: UnsafeBufferPointer<UInt8>...) -> Int? {
        var length = 0
        for part in parts {
            guard length + part.count <= Self.bucketCapacity else { return nil }
            if let base = part.baseAddress { (bucketScratch + length).update(from: base, count: part.count) }
            length += part.count
        }
        return length
    }

    private static let slash: [UInt8] = [URLByte.slash]

    /// The byte a `%XX` escape at `index` stands for, or nil when there is none.
    @inline(__always)
    private static func escapedByte(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt8? {
        guard index + 2 < bytes.count, bytes[index] == URLByte.percent, Hex.isDigit(bytes[index + 1]),
              Hex.isDigit(bytes[index + 2]) else { return nil }
        return Hex.digitValue(bytes[index + 1]) << 4 | Hex.digitValue(bytes[index + 2])
    }

    /// Whether the eight bytes at `index` are all of class plain (0): eight independent loads.
    @inline(__always)
    private static func allPlain(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ classes: UnsafeMutablePointer<UInt8>) -> Bool {
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
            if let byte = Self.escapedByte(path, at: index) {
                decodeScratch.append(byte)
                index += 3
            } else {
                decodeScratch.append(path[index])
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
    static let hostClasses = classes { byte in
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): return plain
        case UInt8(ascii: "."): return dot
        case UInt8(ascii: "/"): return slash
        default: return other
        }
    }

    /// Letters, digits and ``-._~!$&'()*,;=:@`` plain (URL code points the path copies unchanged,
    /// without `+` and `?`), `/`, `%`; everything else other.
    static let pathClasses = classes { byte in
        if pathPlain.contains(byte) { return plain }
        if byte == UInt8(ascii: "/") { return slash }
        if byte == UInt8(ascii: "%") { return percent }
        return other
    }

    private static func classes(_ classify: (UInt8) -> UInt8) -> [UInt8] { (0..<256).map { classify(UInt8($0)) } }

    /// A copy of a table that the caller deallocates.
    static func table(_ classes: [UInt8]) -> UnsafeMutablePointer<UInt8> {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(from: classes, count: 256)
        return table
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

    // Looked at for every URL: no dynamic exclusivity checks (a cache per thread).
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

/// Byte comparison without generic collection overhead.
enum Bytes {
    @inline(__always)
    static func equal(_ array: [UInt8], _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard array.count == buffer.count else { return false }
        if buffer.isEmpty { return true }
        return array.withUnsafeBufferPointer { memcmp($0.baseAddress!, buffer.baseAddress!, buffer.count) == 0 }
    }
}
