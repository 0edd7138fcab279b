/// A set of ASCII bytes as a 128-bit bitmap; no byte >= 0x80 is in it.
struct ASCIIByteSet: Sendable {
    /// Bit `b` set: byte `b` (0x00–0x3F) is in the set.
    let low: UInt64
    /// Bit `b` set: byte `0x40 + b` (0x40–0x7F) is in the set.
    let high: UInt64

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        if byte < 0x40 { return low & (1 &<< UInt64(byte)) != 0 }
        if byte < 0x80 { return high & (1 &<< UInt64(byte &- 0x40)) != 0 }
        return false
    }

    func adding(_ characters: StaticString) -> ASCIIByteSet {
        var low = self.low, high = self.high
        characters.withUTF8Buffer { bytes in
            for byte in bytes {
                if byte < 0x40 { low |= 1 &<< UInt64(byte) } else { high |= 1 &<< UInt64(byte - 0x40) }
            }
        }
        return ASCIIByteSet(low: low, high: high)
    }

    func subtracting(_ other: ASCIIByteSet) -> ASCIIByteSet {
        ASCIIByteSet(low: low & ~other.low, high: high & ~other.high)
    }

    static let empty = ASCIIByteSet(low: 0, high: 0)
    static let alphanumerics = ASCIIByteSet(low: 0x03FF_0000_0000_0000, high: 0x07FF_FFFE_07FF_FFFE)
    /// ASCII URL code points: alphanumerics and `!$&'()*+,-./:;=?@_~`.
    static let urlCodePoints = alphanumerics.adding("!$&'()*+,-./:;=?@_~")
    /// U+0000 NULL, TAB, LF, CR, SPACE, `#/:<>?@[\]^|`.
    static let forbiddenHost = empty.adding("\0\t\n\r #/:<>?@[\\]^|")
    /// What the authority scan stops at: userinfo, bracket and port delimiters and the end of the authority.
    static let authorityDelimiters = empty.adding("@[]:/?#")
    static let specialAuthorityDelimiters = authorityDelimiters.adding("\\")
    /// ASCII that the domain fast path copies without a second look: not upper case, not a dot,
    /// not forbidden in a domain.
    static let quietDomainBytes = ASCIIByteSet(low: ~0, high: ~0).subtracting(forbiddenDomain)
        .subtracting(empty.adding(".ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    /// Forbidden host code points, C0 controls, `%` and DEL.
    static let forbiddenDomain = ASCIIByteSet(low: 0xFFFF_FFFF, high: 1 &<< 63).adding("%")
        .adding("\0\t\n\r #/:<>?@[\\]^|")
}

/// A percent-encode set of the URL Standard. Every set contains all non-ASCII code points, so
/// every byte >= 0x80 is encoded.
struct PercentEncodeSet: Sendable {
    let ascii: ASCIIByteSet
    /// URL code points that this set leaves alone and that end no component: a run of them is
    /// copied to the output as is, with no validation error.
    let plain: ASCIIByteSet

    init(_ ascii: ASCIIByteSet, delimiters: StaticString = "") {
        self.ascii = ascii
        self.plain = ASCIIByteSet.urlCodePoints.subtracting(ascii).subtracting(ASCIIByteSet.empty.adding(delimiters))
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool { byte >= 0x80 || ascii.contains(byte) }

    /// C0 controls and everything above U+007E (so DEL too).
    private static let c0ControlBytes = ASCIIByteSet(low: 0xFFFF_FFFF, high: 1 &<< 63)
    private static let queryBytes = c0ControlBytes.adding(" \"#<>")
    private static let pathBytes = queryBytes.adding("?^`{}")

    static let c0Control = PercentEncodeSet(c0ControlBytes)
    /// The C0 control set as the opaque path state uses it: `?` and `#` end the path.
    static let opaquePath = PercentEncodeSet(c0ControlBytes, delimiters: "?#")
    static let fragment = PercentEncodeSet(c0ControlBytes.adding(" \"<>`"))
    static let query = PercentEncodeSet(queryBytes)
    static let specialQuery = PercentEncodeSet(queryBytes.adding("'"))
    /// `/` ends a path segment.
    static let path = PercentEncodeSet(pathBytes, delimiters: "/")
    static let userinfo = PercentEncodeSet(pathBytes.adding("/:;=@[\\]|"))
    static let component = PercentEncodeSet(pathBytes.adding("/:;=@[\\]|$%&+,"))
}

/// Byte constants and classes used throughout the parser, which works on UTF-8 bytes, never on
/// `Character`s.
enum URLByte {
    static let tab: UInt8 = 0x09, lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20, quote: UInt8 = 0x22, hash: UInt8 = 0x23, percent: UInt8 = 0x25
    static let plus: UInt8 = 0x2B, minus: UInt8 = 0x2D, dot: UInt8 = 0x2E, slash: UInt8 = 0x2F
    static let colon: UInt8 = 0x3A, question: UInt8 = 0x3F, at: UInt8 = 0x40
    static let leftBracket: UInt8 = 0x5B, backslash: UInt8 = 0x5C, rightBracket: UInt8 = 0x5D
    static let pipe: UInt8 = 0x7C

    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool { isAlpha(b) || isDigit(b) }
    @inline(__always) static func isUppercase(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) static func lowercased(_ b: UInt8) -> UInt8 { isUppercase(b) ? b | 0x20 : b }

    @inline(__always) static func isURLCodePoint(_ b: UInt8) -> Bool { ASCIIByteSet.urlCodePoints.contains(b) }
    @inline(__always) static func isForbiddenHostCodePoint(_ b: UInt8) -> Bool { ASCIIByteSet.forbiddenHost.contains(b) }
    @inline(__always) static func isForbiddenDomainCodePoint(_ b: UInt8) -> Bool { ASCIIByteSet.forbiddenDomain.contains(b) }
}

extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendPercentEncoded(_ byte: UInt8) {
        append(URLByte.percent)
        append(Hex.upperDigit(byte >> 4))
        append(Hex.upperDigit(byte & 0x0F))
    }

    mutating func appendDecimal(_ value: Int) {
        if value >= 10 { appendDecimal(value / 10) }
        append(UInt8(0x30 + value % 10))
    }
}

enum PercentDecoding {
    /// Percent-decodes `bytes` as the URL Standard does: a `%` not followed by two hex digits stays.
    /// `plusAsSpace` turns a raw `+` into a space (S3 object keys).
    static func decode<C: Collection>(_ bytes: C, plusAsSpace: Bool = false) -> [UInt8] where C.Element == UInt8 {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == URLByte.percent {
                let first = bytes.index(after: index)
                if first != bytes.endIndex, Hex.isDigit(bytes[first]) {
                    let second = bytes.index(after: first)
                    if second != bytes.endIndex, Hex.isDigit(bytes[second]) {
                        output.append(Hex.digitValue(bytes[first]) << 4 | Hex.digitValue(bytes[second]))
                        index = bytes.index(after: second)
                        continue
                    }
                }
            }
            output.append(plusAsSpace && byte == URLByte.plus ? URLByte.space : byte)
            index = bytes.index(after: index)
        }
        return output
    }
}

/// Which non-ASCII scalars the URL Standard calls URL code points.
enum URLUTF8 {
    /// Non-ASCII URL code points: U+00A0 to U+10FFFD, excluding surrogates and noncharacters.
    static func isURLCodePoint(_ scalar: UInt32) -> Bool {
        guard scalar >= 0xA0, scalar <= 0x10FFFD else { return false }
        if (0xD800...0xDFFF).contains(scalar) || (0xFDD0...0xFDEF).contains(scalar) { return false }
        return scalar & 0xFFFE != 0xFFFE
    }
}
