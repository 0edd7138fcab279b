/// The one UTF-8 decoder of the package, over bytes that may be ill-formed: the JSON parser's
/// validation, the URL parser, the rules and the report excerpts all read scalars through it.
/// Well-formed means Unicode's Table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF.
enum UTF8Decoding {
    /// The scalar starting at `index` and its length in bytes; a nil scalar with length 1 when the
    /// bytes there are not a well-formed sequence (or run past the end of `bytes`).
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32?, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        return decodeMultibyte(bytes, at: index)
    }

    private static func decodeMultibyte(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32?, length: Int) {
        let lead = bytes[index]
        let length: Int
        // The second byte's range is narrower after E0, ED, F0 and F4 (Table 3-7).
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return (nil, 1)
        }
        var value = UInt32(lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07))
        guard index + length <= bytes.count else { return (nil, 1) }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard offset == 1 ? (byte >= low && byte <= high) : (byte & 0xC0 == 0x80) else { return (nil, 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (value, length)
    }

    /// The scalar at `index`, or U+FFFD (length 1) where the bytes are not well-formed.
    @inline(__always)
    static func scalarOrReplacement(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int) {
        let (scalar, length) = decode(bytes, at: index)
        return (scalar ?? 0xFFFD, length)
    }

    /// Length of the well-formed sequence at `index`, or 0.
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let (scalar, length) = decode(bytes, at: index)
        return scalar == nil ? 0 : length
    }

    /// Where the last scalar of `bytes` (non-empty) starts: after at most three continuation bytes.
    static func lastScalarStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = bytes.count - 1
        while start > 0, bytes.count - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    /// Whether `bytes` are well-formed UTF-8.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let (scalar, length) = decode(bytes, at: index)
            if scalar == nil { return false }
            index += length
        }
        return true
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        if let base = bytes.baseAddress {
            while index + 8 <= count {
                if UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                index += 8
            }
        }
        while index < count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// Appends the UTF-8 form of `scalar` (a valid scalar value).
    static func append(_ scalar: UInt32, to output: inout [UInt8]) {
        emit(scalar) { output.append($0) }
    }

    /// The UTF-8 form of `scalar` (a valid scalar value), byte by byte.
    @inline(__always)
    static func emit(_ scalar: UInt32, _ emit: (UInt8) -> Void) {
        switch scalar {
        case 0..<0x80:
            emit(UInt8(scalar))
        case 0x80..<0x800:
            emit(UInt8(0xC0 | (scalar >> 6)))
            emit(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            emit(UInt8(0xE0 | (scalar >> 12)))
            emit(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            emit(UInt8(0x80 | (scalar & 0x3F)))
        default:
            emit(UInt8(0xF0 | (scalar >> 18)))
            emit(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            emit(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            emit(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
