/// A percent-encode set of the URL Standard as a bitmap over ASCII bytes.
/// Every set contains all non-ASCII code points, so every byte >= 0x80 is encoded.
struct PercentEncodeSet: Sendable {
    /// Bit `b` set: byte `b` (0x00–0x3F) is in the set.
    let low: UInt64
    /// Bit `b` set: byte `0x40 + b` (0x40–0x7F) is in the set.
    let high: UInt64

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        if byte < 0x40 { return low & (1 &<< UInt64(byte)) != 0 }
        if byte < 0x80 { return high & (1 &<< UInt64(byte &- 0x40)) != 0 }
        return true
    }

    func adding(_ characters: StaticString) -> PercentEncodeSet {
        var low = self.low, high = self.high
        characters.withUTF8Buffer { bytes in
            for byte in bytes {
                if byte < 0x40 { low |= 1 &<< UInt64(byte) } else { high |= 1 &<< UInt64(byte - 0x40) }
            }
        }
        return PercentEncodeSet(low: low, high: high)
    }

    /// C0 controls and everything above U+007E (so DEL too).
    static let c0Control = PercentEncodeSet(low: 0xFFFF_FFFF, high: 1 &<< 63)
    static let fragment = c0Control.adding(" \"<>`")
    static let query = c0Control.adding(" \"#<>")
    static let specialQuery = query.adding("'")
    static let path = query.adding("?^`{}")
    static let userinfo = path.adding("/:;=@[\\]|")
    static let component = userinfo.adding("$%&+,")
}

/// Byte classes used throughout the parser. Everything works on UTF-8 bytes, never `Character`s.
enum ASCII {
    static let tab: UInt8 = 0x09, lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20, quote: UInt8 = 0x22, hash: UInt8 = 0x23, percent: UInt8 = 0x25
    static let plus: UInt8 = 0x2B, minus: UInt8 = 0x2D, dot: UInt8 = 0x2E, slash: UInt8 = 0x2F
    static let colon: UInt8 = 0x3A, question: UInt8 = 0x3F, at: UInt8 = 0x40
    static let leftBracket: UInt8 = 0x5B, backslash: UInt8 = 0x5C, rightBracket: UInt8 = 0x5D
    static let pipe: UInt8 = 0x7C

    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool { isAlpha(b) || isDigit(b) }
    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }
    @inline(__always) static func lowercased(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    /// The value of a hex digit; only meaningful when `isHexDigit(b)`.
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8 { isDigit(b) ? b &- 0x30 : (b | 0x20) &- 0x61 &+ 10 }

    static let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
    static let lowerHexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// ASCII URL code points: alphanumerics and `!$&'()*+,-./:;=?@_~`.
    private static let urlCodePoints = PercentEncodeSet(low: 0, high: 0).adding("!$&'()*+,-./:;=?@_~")
    @inline(__always) static func isURLCodePoint(_ b: UInt8) -> Bool {
        isAlphanumeric(b) || (b < 0x80 && urlCodePoints.contains(b))
    }

    /// U+0000 NULL, TAB, LF, CR, SPACE, `#/:<>?@[\]^|`.
    private static let forbiddenHost = PercentEncodeSet(low: 0, high: 0).adding("\0\t\n\r #/:<>?@[\\]^|")
    @inline(__always) static func isForbiddenHostCodePoint(_ b: UInt8) -> Bool { b < 0x80 && forbiddenHost.contains(b) }

    /// Forbidden host code points, C0 controls, `%` and DEL.
    @inline(__always) static func isForbiddenDomainCodePoint(_ b: UInt8) -> Bool {
        b <= 0x1F || b == percent || b == 0x7F || isForbiddenHostCodePoint(b)
    }
}

extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendPercentEncoded(_ byte: UInt8) {
        append(ASCII.percent)
        append(ASCII.upperHexDigits[Int(byte >> 4)])
        append(ASCII.upperHexDigits[Int(byte & 0x0F)])
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
            if byte == ASCII.percent {
                let first = bytes.index(after: index)
                if first != bytes.endIndex, ASCII.isHexDigit(bytes[first]) {
                    let second = bytes.index(after: first)
                    if second != bytes.endIndex, ASCII.isHexDigit(bytes[second]) {
                        output.append(ASCII.hexValue(bytes[first]) << 4 | ASCII.hexValue(bytes[second]))
                        index = bytes.index(after: second)
                        continue
                    }
                }
            }
            output.append(plusAsSpace && byte == ASCII.plus ? ASCII.space : byte)
            index = bytes.index(after: index)
        }
        return output
    }
}

/// Decoding of one UTF-8 sequence, defensive against invalid input so that `parse(utf8:)` never traps.
enum UTF8Scalar {
    /// The scalar starting at `index` and its length in bytes; `nil` scalar with length 1 when the
    /// bytes there are not a well-formed UTF-8 sequence.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32?, length: Int) {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0x00..<0x80: return (UInt32(lead), 1)
        case 0xC2..<0xE0: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0..<0xF0: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0..<0xF5: length = 4; value = UInt32(lead & 0x07)
        default: return (nil, 1)
        }
        guard index + length <= bytes.count else { return (nil, 1) }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return (nil, 1) }
        return (value, length)
    }

    /// Non-ASCII URL code points: U+00A0 to U+10FFFD, excluding surrogates and noncharacters.
    static func isURLCodePoint(_ scalar: UInt32) -> Bool {
        guard scalar >= 0xA0, scalar <= 0x10FFFD else { return false }
        if (0xD800...0xDFFF).contains(scalar) || (0xFDD0...0xFDEF).contains(scalar) { return false }
        return scalar & 0xFFFE != 0xFFFE
    }
}
