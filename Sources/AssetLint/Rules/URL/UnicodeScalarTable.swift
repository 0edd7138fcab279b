/// Unicode facts about single scalars that the URL and external-id rules ask for again and again:
/// whether a scalar can never take part in NFC normalization, its ICU character class, its
/// UTS #39 confusable skeleton.
///
/// ICU is the authority for each fact, but it is asked once per distinct scalar and file, not once
/// per string: a manifest with a million ids written in a dozen scripts has only a few hundred
/// distinct non-ASCII scalars. ASCII never gets here (see `ASCIIUnicode`).
///
/// Layout: a two-level table by scalar (pages of 256), each entry a packed `UInt64`: flags in the
/// low 16 bits, the skeleton's length in the next 16, its start in `skeletonPool` in the high 32.
final class UnicodeScalarTable {
    struct Facts: OptionSet {
        var rawValue: UInt64
        init(rawValue: UInt64) { self.rawValue = rawValue }
        /// The basic facts (inert, class) have been computed.
        static let known = Facts(rawValue: 1 << 0)
        /// NFC_QC=Yes and canonical combining class 0: NFC never changes the scalar and never
        /// composes it with what precedes it, so a string is NFC when all its scalars are inert, and
        /// normalization never crosses the boundary before an inert scalar.
        static let nfcInert = Facts(rawValue: 1 << 1)
        static let skeletonKnown = Facts(rawValue: 1 << 2)
        /// The scalar's skeleton can be concatenated with its neighbours' to form the skeleton of a
        /// string: its NFD and its skeleton are non-empty and start with a starter (ccc 0).
        static let skeletonAppendable = Facts(rawValue: 1 << 3)
        static let classShift: UInt64 = 8
        static let classMask: UInt64 = 0x7 << 8
    }

    @exclusivity(unchecked) private var pages = [Int32](repeating: -1, count: 0x1100)
    @exclusivity(unchecked) private var entries: [UInt64] = []
    @exclusivity(unchecked) private var skeletonPool: [UInt8] = []

    init() {}

    @inline(__always)
    private func entryIndex(_ scalar: UInt32) -> Int {
        let page = Int(scalar >> 8)
        var base = pages[page]
        if base < 0 {
            base = Int32(entries.count)
            entries.append(contentsOf: repeatElement(0, count: 256))
            pages[page] = base
        }
        return Int(base) + Int(scalar & 0xFF)
    }

    /// The facts of a non-ASCII scalar (≤ U+10FFFF), computing them on first sight.
    @inline(__always)
    func facts(_ scalar: UInt32) -> Facts {
        let index = entryIndex(scalar)
        let entry = entries[index]
        if entry & Facts.known.rawValue != 0 { return Facts(rawValue: entry) }
        return computeFacts(scalar, at: index)
    }

    @inline(__always)
    func isNFCInert(_ scalar: UInt32) -> Bool { facts(scalar).contains(.nfcInert) }

    func characterClass(_ scalar: UInt32) -> ICU.CharacterClass {
        let raw = (facts(scalar).rawValue & Facts.classMask) >> Facts.classShift
        return ICU.CharacterClass(rawValue: Int32(raw)) ?? .ordinary
    }

    private func computeFacts(_ scalar: UInt32, at index: Int) -> Facts {
        var facts = Facts.known
        if Self.isNFCInert(scalar) { facts.insert(.nfcInert) }
        let characterClass = Unicode.Scalar(scalar).map { ICU.characterClass($0) } ?? .unassigned
        facts.rawValue |= UInt64(characterClass.rawValue) << Facts.classShift
        entries[index] = entries[index] | facts.rawValue
        return Facts(rawValue: entries[index])
    }

    /// The criterion behind `nfcInert`, from ICU (NFC_QC is not No) and the standard library's
    /// Unicode properties (combining class; marks and grapheme extenders are where every
    /// NFC_QC=Maybe scalar with combining class 0 lives, with the Hangul vowel and trailing jamo).
    /// `UnicodeScalarTableTests` checks it against every canonical decomposition ICU knows.
    static func isNFCInert(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        let properties = scalar.properties
        guard properties.canonicalCombiningClass == .notReordered, !properties.isGraphemeExtend else { return false }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: break
        }
        switch value {
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF: return false  // Hangul jamo
        default: break
        }
        var utf8: [UInt8] = []
        JSONString.appendUTF8(value, to: &utf8)
        return utf8.withUnsafeBufferPointer { ICU.isNFC(utf8: $0) }
    }

    // MARK: - Skeletons

    /// The skeleton of a non-ASCII scalar as UTF-8, and whether it may be concatenated.
    func skeleton(_ scalar: UInt32) -> (bytes: ArraySlice<UInt8>, appendable: Bool) {
        let index = entryIndex(scalar)
        var entry = entries[index]
        if entry & Facts.skeletonKnown.rawValue == 0 {
            let (bytes, appendable) = Self.computeSkeleton(scalar)
            let start = skeletonPool.count
            skeletonPool.append(contentsOf: bytes)
            entry |= Facts.skeletonKnown.rawValue | (appendable ? Facts.skeletonAppendable.rawValue : 0)
            entry |= UInt64(min(bytes.count, 0xFFFF)) << 16 | UInt64(start) << 32
            entries[index] = entry
        }
        let start = Int(entry >> 32), length = Int((entry >> 16) & 0xFFFF)
        return (skeletonPool[start..<(start + length)], entry & Facts.skeletonAppendable.rawValue != 0)
    }

    static func computeSkeleton(_ value: UInt32) -> ([UInt8], Bool) {
        guard let scalar = Unicode.Scalar(value) else { return (Array("\u{FFFD}".utf8), false) }
        let text = String(Character(scalar))
        let skeleton = ICU.confusableSkeleton(text)
        let decomposed = ICU.nfd(text)
        func startsWithStarter(_ string: String) -> Bool {
            guard let first = string.unicodeScalars.first else { return false }
            return first.properties.canonicalCombiningClass == .notReordered
        }
        return (Array(skeleton.utf8), startsWithStarter(skeleton) && startsWithStarter(decomposed))
    }
}

/// The same facts for ASCII, computed once per process (the skeletons come from ICU too: `1`, `I`
/// and `|` look like `l`, `0` like `O`, `m` like `rn`; see `ExternalIDConfusable`).
enum ASCIIUnicode {
    /// `pool[offsets[b]..<offsets[b + 1]]` is the skeleton of ASCII byte `b`.
    static let skeletons: (pool: [UInt8], offsets: [Int32]) = {
        var pool: [UInt8] = []
        var offsets: [Int32] = [0]
        for byte in 0..<128 {
            let text = String(UnicodeScalar(UInt8(byte)))
            pool.append(contentsOf: ICU.confusableSkeleton(text).utf8)
            offsets.append(Int32(pool.count))
        }
        return (pool, offsets)
    }()

    /// The skeleton of each ASCII byte when it is a single byte, else 0.
    static let singleByteSkeletons: [UInt8] = {
        let (pool, offsets) = skeletons
        return (0..<128).map { byte in
            let start = Int(offsets[byte]), end = Int(offsets[byte + 1])
            return end - start == 1 && skeletonsAppendable ? pool[start] : 0
        }
    }()

    /// Whether every ASCII skeleton is itself appendable (starts with a starter); it is for every
    /// ICU version seen, and the fast path checks rather than assumes it.
    static let skeletonsAppendable: Bool = {
        let (pool, offsets) = skeletons
        for byte in 0..<128 {
            let slice = pool[Int(offsets[byte])..<Int(offsets[byte + 1])]
            guard let first = String(decoding: slice, as: UTF8.self).unicodeScalars.first,
                  first.properties.canonicalCombiningClass == .notReordered else { return false }
        }
        return true
    }()
}

/// UTF-8 helpers over bytes that may be ill-formed (ill-formed sequences read as U+FFFD).
enum UTF8Scalars {
    /// The scalar at `index` and its length; U+FFFD with length 1 for an ill-formed sequence.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let (scalar, length) = URLUTF8.decode(bytes, at: index)
        return (scalar ?? 0xFFFD, length)
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// Whether `bytes` are well-formed UTF-8.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let (scalar, length) = URLUTF8.decode(bytes, at: index)
            if scalar == nil { return false }
            index += length
        }
        return true
    }
}

/// Normalization questions over UTF-8 bytes, answered without ICU when every scalar is inert.
enum NFCCheck {
    /// Whether `bytes` (well-formed UTF-8) are in NFC.
    static func isNFC(_ bytes: UnsafeBufferPointer<UInt8>, table: UnicodeScalarTable) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let (scalar, length) = UTF8Scalars.decode(bytes, at: index)
            if !table.isNFCInert(scalar) { return ICU.isNFC(utf8: bytes) }
            index += length
        }
        return true
    }

    /// The byte ranges of `bytes` that NFC changes, each a maximal run starting at an inert scalar
    /// (or the start) and holding the non-inert scalars after it: normalization never crosses
    /// the boundary before an inert scalar, so each run is normalized on its own.
    static func changedRuns(_ bytes: UnsafeBufferPointer<UInt8>, table: UnicodeScalarTable) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var runStart = 0
        var runHasNonInert = false
        var index = 0
        func close(at end: Int) {
            guard runHasNonInert, end > runStart else { return }
            let run = UnsafeBufferPointer(rebasing: bytes[runStart..<end])
            if !ICU.isNFC(utf8: run) { runs.append(runStart..<end) }
        }
        while index < bytes.count {
            let (scalar, length) = UTF8Scalars.decode(bytes, at: index)
            let inert = scalar < 0x80 || table.isNFCInert(scalar)
            if inert {
                close(at: index)
                runStart = index
                runHasNonInert = false
            } else {
                runHasNonInert = true
            }
            index += length
        }
        close(at: bytes.count)
        return runs
    }

    static func nfc(_ bytes: some Collection<UInt8>) -> [UInt8] {
        Array(ICU.nfc(String(decoding: Array(bytes), as: UTF8.self)).utf8)
    }
}

/// Readable names of scalars for messages: `U+0301 COMBINING ACUTE ACCENT`.
enum ScalarNames {
    static func describe(_ value: UInt32) -> String {
        let code = "U+" + hex(value, minimumDigits: 4)
        guard let scalar = Unicode.Scalar(value) else { return code }
        if let name = scalar.properties.name ?? scalar.properties.nameAlias { return "\(code) \(name)" }
        return code
    }

    static func hex(_ value: UInt32, minimumDigits: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, minimumDigits - digits.count)) + digits
    }

    /// `text` for a message: quoted, with invisible and control characters shown as `\u{…}`.
    static func quoted(_ text: String, limit: Int = 120) -> String {
        // Printable ASCII without quotes or backslashes, short enough: as it is.
        if text.utf8.count <= limit, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            return "\"" + text + "\""
        }
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out += "…"
                break
            }
            count += 1
            if isVisible(scalar) {
                if scalar == "\"" || scalar == "\\" { out += "\\" }
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{" + hex(scalar.value, minimumDigits: 4) + "}"
            }
        }
        return out + "\""
    }

    static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x20 || (0x7F...0xA0).contains(scalar.value) { return false }
        if scalar.value < 0x7F { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return !scalar.properties.isDefaultIgnorableCodePoint
        }
    }
}

/// Windows-1252, the usual reading of bytes that are not UTF-8 (it is Latin-1 except 0x80–0x9F).
enum Windows1252 {
    private static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The scalar byte `byte` stands for, nil for the five bytes Windows-1252 leaves undefined.
    static func scalar(_ byte: UInt8) -> UInt32? {
        if byte < 0x80 || byte >= 0xA0 { return UInt32(byte) }
        let value = high[Int(byte - 0x80)]
        return value == 0 ? nil : value
    }

    /// `bytes` read as Windows-1252, nil when one of them is undefined there.
    static func decode(_ bytes: some Sequence<UInt8>) -> String? {
        var out = ""
        for byte in bytes {
            guard let value = scalar(byte), let scalar = Unicode.Scalar(value) else { return nil }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}

/// A fast 64-bit hash of byte strings, for fingerprints (not for security).
struct StreamHash {
    private(set) var state: UInt64 = 0x243F_6A88_85A3_08D3
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var length = 0

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        pending |= UInt64(byte) << (UInt64(pendingCount) << 3)
        pendingCount += 1
        length += 1
        if pendingCount == 8 {
            mix(pending)
            pending = 0
            pendingCount = 0
        }
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        if pendingCount == 0 {
            while index + 8 <= bytes.count {
                mix(UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)))
                index += 8
            }
            length += index
        }
        while index < bytes.count {
            append(bytes[index])
            index += 1
        }
    }

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        state = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
        state ^= state >> 29
    }

    func finish() -> UInt64 {
        var copy = self
        copy.mix(pending ^ (UInt64(length) << 56))
        var h = copy.state
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hasher = StreamHash()
        hasher.append(bytes)
        return hasher.finish()
    }
}
