/// The near-miss kinds whose normalization may change a key, found in one pass over its bytes:
/// a kind not in the set leaves the key as it is (its `normalize` returns nil), so building the
/// near-miss indexes calls only the normalizations that may do something. A bucket of a million
/// keys usually has few that any normalization changes, and this pass costs a fraction of calling
/// all six. `KeyTraitsTests` holds it to that promise over generated keys and every scalar.
struct KeyTraits: OptionSet {
    var rawValue: UInt8

    static let unicodeNormalization = KeyTraits(rawValue: 1 << 0)
    static let plusOrSpace = KeyTraits(rawValue: 1 << 1)
    static let percentEncoding = KeyTraits(rawValue: 1 << 2)
    static let invisibleCharacter = KeyTraits(rawValue: 1 << 3)
    static let imageExtension = KeyTraits(rawValue: 1 << 4)
    static let letterCase = KeyTraits(rawValue: 1 << 5)
    static let all: KeyTraits = [.unicodeNormalization, .plusOrSpace, .percentEncoding, .invisibleCharacter, .imageExtension, .letterCase]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(_ kind: NearMissKind) {
        switch kind {
        case .unicodeNormalization: self = .unicodeNormalization
        case .plusOrSpace: self = .plusOrSpace
        case .percentEncoding: self = .percentEncoding
        case .invisibleCharacter: self = .invisibleCharacter
        case .imageExtension: self = .imageExtension
        case .letterCase: self = .letterCase
        }
    }

    /// What each ASCII byte sets off: upper-case letters, `%` and `+`; bit 7 marks white space.
    private static let asciiTraits: [UInt8] = (0..<128).map { (byte: Int) -> UInt8 in
        let byte = UInt8(byte)
        var entry: UInt8 = 0
        if byte &- 0x41 < 26 { entry |= KeyTraits.letterCase.rawValue }
        if byte == URLByte.percent { entry |= KeyTraits.percentEncoding.rawValue }
        if byte == URLByte.plus { entry |= KeyTraits.plusOrSpace.rawValue }
        if KeyNormalization.isASCIIWhitespace(byte) { entry |= 0x80 }
        return entry
    }

    /// The kinds that may change `key`; a superset of those that do.
    static func of(_ key: UnsafeBufferPointer<UInt8>, scalars: inout KeyScalarTable) -> KeyTraits {
        var traits: KeyTraits = []
        var endsInWhitespace = false
        var index = 0
        let count = key.count
        let ascii = asciiTraits
        while index < count {
            let byte = key[index]
            if byte < 0x80 {
                // The traits of an ASCII byte, and bit 7 for white space.
                let entry = ascii[Int(byte)]
                traits.rawValue |= entry & 0x7F
                endsInWhitespace = entry & 0x80 != 0
                index += 1
                continue
            }
            let (decoded, length) = UTF8Decoding.decode(key, at: index)
            index += length
            guard let scalar = decoded else {
                // Not UTF-8: leave it to the normalizations themselves.
                return .all
            }
            let facts = scalars.facts(scalar)
            if !facts.contains(.nfcInert) { traits.insert(.unicodeNormalization) }
            if facts.contains(.changesWhenLowercased) { traits.insert(.letterCase) }
            if facts.contains(.invisible) { traits.insert(.invisibleCharacter) }
            if !facts.contains(.invisible) { endsInWhitespace = facts.contains(.whitespace) }
        }
        if endsInWhitespace { traits.insert(.invisibleCharacter) }
        if KeyNormalization.imageExtensionRange(key)?.canonical == false { traits.insert(.imageExtension) }
        return traits
    }
}

/// What the key normalizations ask about a non-ASCII scalar, asked once per distinct scalar: a
/// bucket of a million keys written in a few scripts holds a few hundred of them. Two levels by
/// scalar (pages of 256), as `UnicodeScalarTable`.
struct KeyScalarTable {
    struct Facts: OptionSet {
        var rawValue: UInt8
        static let known = Facts(rawValue: 1 << 0)
        /// `UnicodeScalarTable.isNFCInert`: a string of inert scalars is NFC.
        static let nfcInert = Facts(rawValue: 1 << 1)
        /// `KeyNormalization.visibility` says white space.
        static let whitespace = Facts(rawValue: 1 << 2)
        /// `KeyNormalization.visibility` says invisible.
        static let invisible = Facts(rawValue: 1 << 3)
        static let changesWhenLowercased = Facts(rawValue: 1 << 4)
    }

    private var pages = [Int32](repeating: -1, count: 0x1100)
    private var entries: [Facts] = []
    private var lowercaseMappings: [UInt32: [UInt8]] = [:]

    init() {}

    /// The facts of a non-ASCII scalar (at most U+10FFFF).
    @inline(__always)
    mutating func facts(_ scalar: UInt32) -> Facts {
        let page = Int(scalar >> 8)
        var base = pages[page]
        if base < 0 {
            base = Int32(entries.count)
            entries.append(contentsOf: repeatElement(Facts(), count: 256))
            pages[page] = base
        }
        let index = Int(base) + Int(scalar & 0xFF)
        let known = entries[index]
        if known.contains(.known) { return known }
        let computed = Self.compute(scalar)
        entries[index] = computed
        return computed
    }

    /// The UTF-8 of `Unicode.Scalar.Properties.lowercaseMapping` of a scalar that changes when
    /// lower-cased.
    mutating func lowercaseMapping(_ scalar: UInt32) -> [UInt8] {
        if let known = lowercaseMappings[scalar] { return known }
        let mapping = Unicode.Scalar(scalar).map { Array($0.properties.lowercaseMapping.utf8) } ?? []
        lowercaseMappings[scalar] = mapping
        return mapping
    }

    static func compute(_ value: UInt32) -> Facts {
        var facts = Facts.known
        if UnicodeScalarTable.isNFCInert(value) { facts.insert(.nfcInert) }
        switch KeyNormalization.visibility(value) {
        case .whitespace: facts.insert(.whitespace)
        case .invisible: facts.insert(.invisible)
        case .visible: break
        }
        if let scalar = Unicode.Scalar(value), scalar.properties.changesWhenLowercased { facts.insert(.changesWhenLowercased) }
        return facts
    }
}
