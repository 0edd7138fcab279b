/// The ways an asset URL's key can miss a listed object by a hair, and for each a normalized form
/// under which the two keys meet. Each `normalize` returns nil when the key is already in that
/// form, so the indexes hold only the keys that normalization changes (few, in most buckets).
public enum NearMissKind: String, Sendable, CaseIterable {
    /// One key is NFC and the other NFD (macOS file names are NFD).
    case unicodeNormalization = "unicode-normalization"
    /// A space on one side is a `+` on the other (S3 reads a raw `+` in a URL as a space, GCS and
    /// Azure as a plus). The normal form has spaces: keys hold spaces far more often than pluses,
    /// so the index holds only the keys with a `+` (the same pairs meet with `+` as the normal form).
    case plusOrSpace = "plus-or-space"
    /// A `%XX` escape on one side is the character on the other (double encoding, or a key that
    /// holds a literal `%20`).
    case percentEncoding = "percent-encoding"
    /// A trailing space or an invisible character (zero-width, byte-order mark, bidi control).
    case invisibleCharacter = "invisible-character"
    /// `.jpg`, `.jpeg`, `.JPG`, `.JPEG` (and `.tif`/`.tiff`): another spelling of the image extension.
    case imageExtension = "image-extension"
    /// Upper and lower case.
    case letterCase = "letter-case"

    /// How a message names the difference.
    public var phrase: String {
        switch self {
        case .unicodeNormalization: "Unicode normalization (NFC/NFD)"
        case .plusOrSpace: "'+' against a space"
        case .percentEncoding: "percent-encoding"
        case .invisibleCharacter: "a trailing space or invisible character"
        case .imageExtension: "the image extension"
        case .letterCase: "letter case"
        }
    }

    /// The key in this kind's normalized form, or nil when it is in that form already.
    /// `scalars` answers the Unicode questions about non-ASCII scalars, once each.
    func normalize(_ key: UnsafeBufferPointer<UInt8>, scalars: inout KeyScalarTable) -> [UInt8]? {
        switch self {
        case .unicodeNormalization: KeyNormalization.nfc(key, scalars: &scalars)
        case .plusOrSpace: KeyNormalization.plusesAsSpace(key)
        case .percentEncoding: KeyNormalization.percentDecoded(key)
        case .invisibleCharacter: KeyNormalization.visible(key, scalars: &scalars)
        case .imageExtension: KeyNormalization.canonicalImageExtension(key)
        case .letterCase: KeyNormalization.lowercased(key, scalars: &scalars)
        }
    }

    /// `normalize` with a table of its own (one key).
    func normalize(_ key: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var scalars = KeyScalarTable()
        return normalize(key, scalars: &scalars)
    }
}

enum KeyNormalization {
    /// Every kind's normalization in turn, for keys that differ in more than one way: the
    /// percent-decoded, NFC, visible, lower-case key with a canonical image extension and spaces
    /// for `+`. Nil when that is the key itself.
    static func all(_ key: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var scalars = KeyScalarTable()
        return all(key, anyChanges: true, scalars: &scalars)
    }

    /// `all`, told whether any single normalization changes the key (none: nothing to do).
    static func all(_ key: UnsafeBufferPointer<UInt8>, anyChanges: Bool, scalars: inout KeyScalarTable) -> [UInt8]? {
        guard anyChanges else { return nil }
        var current: [UInt8]?
        // Only the kinds that may change the value as it is by then (`KeyTraits`).
        var traits = KeyTraits.of(key, scalars: &scalars)
        for kind in [NearMissKind.percentEncoding, .unicodeNormalization, .invisibleCharacter, .letterCase, .imageExtension, .plusOrSpace]
        where traits.contains(KeyTraits(kind)) {
            let next = current.map { value in value.withUnsafeBufferPointer { kind.normalize($0, scalars: &scalars) } }
                ?? kind.normalize(key, scalars: &scalars)
            guard let next else { continue }
            current = next
            traits = next.withUnsafeBufferPointer { KeyTraits.of($0, scalars: &scalars) }
        }
        return current
    }

    /// ICU only when some scalar is not NFC-inert.
    static func nfc(_ key: UnsafeBufferPointer<UInt8>, scalars: inout KeyScalarTable) -> [UInt8]? {
        guard !UTF8Decoding.isASCII(key), UTF8Decoding.isValid(key) else { return nil }
        var index = 0
        var allInert = true
        while index < key.count, allInert {
            let (scalar, length) = UTF8Decoding.scalarOrReplacement(key, at: index)
            allInert = scalar < 0x80 || scalars.facts(scalar).contains(.nfcInert)
            index += length
        }
        guard !allInert, !ICU.isNFC(utf8: key) else { return nil }
        return NFCCheck.nfc(key)
    }

    static func plusesAsSpace(_ key: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard key.contains(URLByte.plus) else { return nil }
        return key.map { $0 == URLByte.plus ? URLByte.space : $0 }
    }

    static func percentDecoded(_ key: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard key.contains(URLByte.percent) else { return nil }
        let decoded = PercentDecoding.decode(key)
        return decoded.count == key.count ? nil : decoded
    }

    /// Without invisible characters anywhere and without whitespace at the end.
    static func visible(_ key: UnsafeBufferPointer<UInt8>, scalars: inout KeyScalarTable) -> [UInt8]? {
        if UTF8Decoding.isASCII(key) {
            guard let last = key.last, isASCIIWhitespace(last) else { return nil }
            var end = key.count
            while end > 0, isASCIIWhitespace(key[end - 1]) { end -= 1 }
            return Array(key[0..<end])
        }
        // Most keys hold nothing invisible and end visibly: one pass to find out, no copy.
        var index = 0
        var changes = false
        var endsInWhitespace = false
        while index < key.count {
            let (scalar, length) = UTF8Decoding.scalarOrReplacement(key, at: index)
            switch visibility(scalar, scalars: &scalars) {
            case .invisible: changes = true
            case .whitespace: endsInWhitespace = true
            case .visible: endsInWhitespace = false
            }
            index += length
        }
        guard changes || endsInWhitespace else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(key.count)
        var trailing = 0  // where the whitespace at the end of `output` starts
        index = 0
        while index < key.count {
            let (scalar, length) = UTF8Decoding.scalarOrReplacement(key, at: index)
            let kind = visibility(scalar, scalars: &scalars)
            if kind != .invisible { output.append(contentsOf: key[index..<(index + length)]) }
            if kind == .visible { trailing = output.count }
            index += length
        }
        output.removeSubrange(trailing...)
        return output
    }

    enum Visibility { case visible, whitespace, invisible }

    @inline(__always)
    private static func visibility(_ value: UInt32, scalars: inout KeyScalarTable) -> Visibility {
        if value < 0x80 { return isASCIIWhitespace(UInt8(value)) ? .whitespace : .visible }
        let facts = scalars.facts(value)
        return facts.contains(.whitespace) ? .whitespace : facts.contains(.invisible) ? .invisible : .visible
    }

    /// Zero-width and format characters (U+200B, U+FEFF, U+00AD, bidi controls) are invisible.
    @inline(__always)
    static func visibility(_ value: UInt32) -> Visibility {
        if value < 0x80 { return isASCIIWhitespace(UInt8(value)) ? .whitespace : .visible }
        guard let scalar = Unicode.Scalar(value) else { return .visible }
        let properties = scalar.properties
        if properties.isWhitespace { return .whitespace }
        if properties.generalCategory == .format || properties.isDefaultIgnorableCodePoint { return .invisible }
        return .visible
    }

    @inline(__always)
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == URLByte.space || byte == 0x09 || byte == 0x0A || byte == 0x0B || byte == 0x0C || byte == 0x0D
    }

    /// Image extensions by family: each spelling (lower case) and its family's canonical name.
    private static let imageFamilies: [(spelling: [UInt8], canonical: [UInt8])] = [
        ("jpg", "jpg"), ("jpeg", "jpg"), ("jpe", "jpg"), ("jfif", "jpg"), ("tif", "tif"), ("tiff", "tif"), ("png", "png"),
        ("gif", "gif"), ("webp", "webp"), ("bmp", "bmp"), ("heic", "heic"), ("heif", "heic"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// Each spelling packed into a word (bytes in order, lower case), so that one comparison
    /// per family tells an extension.
    private static let packedSpellings: [UInt32] = imageFamilies.map { pack($0.spelling[...]) }

    @inline(__always)
    private static func pack<C: Collection<UInt8>>(_ bytes: C) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The key with its image extension (after the last `.` of the last segment) in its family's
    /// canonical spelling; nil for another extension or one already canonical.
    static func canonicalImageExtension(_ key: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let found = imageExtensionRange(key), !found.canonical else { return nil }
        return Array(key[..<found.start]) + imageFamilies[found.family].canonical
    }

    /// Where the image extension of `key` starts (after the dot), which family it is of, and
    /// whether it is already spelled canonically; nil when the key has no image extension.
    static func imageExtensionRange(_ key: UnsafeBufferPointer<UInt8>) -> (start: Int, family: Int, canonical: Bool)? {
        // Every spelling has three or four letters.
        let count = key.count
        let dot: Int
        if count >= 5, key[count - 4] == URLByte.dot {
            dot = count - 3
        } else if count >= 6, key[count - 5] == URLByte.dot {
            dot = count - 4
        } else {
            return nil
        }
        var spelled: UInt32 = 0, lower: UInt32 = 0
        for index in dot..<count {
            let byte = key[index]
            spelled = spelled << 8 | UInt32(byte)
            lower = lower << 8 | UInt32(byte &- 0x41 < 26 ? byte | 0x20 : byte)
        }
        guard let family = packedSpellings.firstIndex(of: lower) else { return nil }
        return (dot, family, spelled == pack(imageFamilies[family].canonical))
    }

    /// `String.lowercased()` of the key, which maps each scalar on its own (no context, no
    /// locale): here scalar by scalar, each mapping asked for once.
    static func lowercased(_ key: UnsafeBufferPointer<UInt8>, scalars: inout KeyScalarTable) -> [UInt8]? {
        if UTF8Decoding.isASCII(key) {
            guard key.contains(where: { $0 &- 0x41 < 26 }) else { return nil }
            return key.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
        }
        guard UTF8Decoding.isValid(key) else { return nil }
        var lower: [UInt8] = []
        var copied = 0  // `key[..<copied]` is in `lower`
        var index = 0
        while index < key.count {
            let (scalar, length) = UTF8Decoding.scalarOrReplacement(key, at: index)
            let changes = scalar < 0x80 ? UInt8(scalar) &- 0x41 < 26 : scalars.facts(scalar).contains(.changesWhenLowercased)
            if changes {
                if lower.isEmpty { lower.reserveCapacity(key.count + 8) }
                lower.append(contentsOf: UnsafeBufferPointer(rebasing: key[copied..<index]))
                if scalar < 0x80 {
                    lower.append(UInt8(scalar) | 0x20)
                } else {
                    lower.append(contentsOf: scalars.lowercaseMapping(scalar))
                }
                copied = index + length
            }
            index += length
        }
        guard copied > 0 else { return nil }
        lower.append(contentsOf: UnsafeBufferPointer(rebasing: key[copied...]))
        return ListingBytes.equal(key, lower) ? nil : lower
    }
}
