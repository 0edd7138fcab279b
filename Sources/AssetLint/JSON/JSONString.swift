/// Decoding of string literals the parser has already validated.
public enum JSONString {
    /// The offset of the quote that closes a string whose content starts at `start` (escapes
    /// skipped), or nil when `bytes` end first.
    static func closingQuote(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        return index < bytes.count ? index : nil
    }

    /// Decodes the literal at `[literalStart, literalEnd)` (quotes included) into UTF-8 bytes.
    /// Lone surrogate escapes become U+FFFD; other bytes are copied as they are.
    static func decodeBytes(_ bytes: UnsafeBufferPointer<UInt8>, literalStart: Int, literalEnd: Int) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(literalEnd - literalStart)
        decode(bytes, literalStart: literalStart, literalEnd: literalEnd) { output.append($0) }
        return output
    }

    /// Decodes the literal at `literal` (quotes included, already validated by the parser) over
    /// its own bytes, from `literal.lowerBound` on, and returns where the decoded bytes are. A
    /// decoded string is never longer than its literal, and each byte is written only after
    /// the bytes it comes from were read, so nothing is copied: a language client's document of
    /// a hundred megabytes becomes the document's text where its message was read.
    public static func decodeInPlace(_ bytes: UnsafeMutableBufferPointer<UInt8>, literal: Range<Int>) -> Range<Int> {
        guard let base = bytes.baseAddress, literal.count >= 2 else { return literal.lowerBound..<literal.lowerBound }
        var written = literal.lowerBound
        decode(UnsafeBufferPointer(bytes), literalStart: literal.lowerBound, literalEnd: literal.upperBound) { byte in
            base[written] = byte
            written += 1
        }
        return literal.lowerBound..<written
    }

    /// The decoding of a literal, byte by byte, into `emit`.
    @inline(__always)
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, literalStart: Int, literalEnd: Int, emit: (UInt8) -> Void
    ) {
        var offset = literalStart + 1
        let end = literalEnd - 1
        while offset < end {
            let byte = bytes[offset]
            if byte != UInt8(ascii: "\\") {
                emit(byte)
                offset += 1
                continue
            }
            let escape = bytes[offset + 1]
            offset += 2
            switch escape {
            case UInt8(ascii: "b"): emit(0x08)
            case UInt8(ascii: "f"): emit(0x0C)
            case UInt8(ascii: "n"): emit(0x0A)
            case UInt8(ascii: "r"): emit(0x0D)
            case UInt8(ascii: "t"): emit(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(bytes, offset)
                offset += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    if offset + 6 <= end, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
                        let low = hex4(bytes, offset + 2)
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            offset += 6
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                UTF8Decoding.emit(scalar, emit)
            default: emit(escape)  // \" \\ \/
            }
        }
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, literalStart: Int, literalEnd: Int) -> String {
        let decoded = decodeBytes(bytes, literalStart: literalStart, literalEnd: literalEnd)
        return String(decoding: decoded, as: UTF8.self)
    }

    /// For each decoded byte offset (and one past the end), the source offset where it comes from.
    static func decodedToSource(_ bytes: UnsafeBufferPointer<UInt8>, literalStart: Int, literalEnd: Int) -> [Int] {
        var map: [Int] = []
        var offset = literalStart + 1
        let end = literalEnd - 1
        var scratch: [UInt8] = []
        while offset < end {
            let byte = bytes[offset]
            if byte != UInt8(ascii: "\\") {
                map.append(offset)
                offset += 1
                continue
            }
            let escapeStart = offset
            let escape = bytes[offset + 1]
            offset += 2
            var produced = 1
            if escape == UInt8(ascii: "u") {
                var scalar = hex4(bytes, offset)
                offset += 4
                if (0xD800...0xDBFF).contains(scalar), offset + 6 <= end, bytes[offset] == UInt8(ascii: "\\"),
                    bytes[offset + 1] == UInt8(ascii: "u")
                {
                    let low = hex4(bytes, offset + 2)
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        offset += 6
                    }
                }
                if (0xD800...0xDFFF).contains(scalar) { scalar = 0xFFFD }
                scratch.removeAll(keepingCapacity: true)
                UTF8Decoding.append(scalar, to: &scratch)
                produced = scratch.count
            }
            for _ in 0..<produced { map.append(escapeStart) }
        }
        map.append(end)
        return map
    }

    @inline(__always)
    static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in offset..<(offset + 4) {
            value = value << 4 | UInt32(Hex.digitValue(bytes[index]))
        }
        return value
    }
}
