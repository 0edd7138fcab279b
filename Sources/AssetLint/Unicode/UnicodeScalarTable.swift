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

    // Asked for every non-ASCII scalar: no dynamic exclusivity checks (a table per thread).
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
        characterClass(facts(scalar))
    }

    /// The character class recorded in `facts`.
    @inline(__always)
    func characterClass(_ facts: Facts) -> ICU.CharacterClass {
        ICU.CharacterClass(rawValue: Int32((facts.rawValue & Facts.classMask) >> Facts.classShift)) ?? .ordinary
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
        UTF8Decoding.append(value, to: &utf8)
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
