#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// The decoding of a literal, byte by byte, into `emit`; with `stopAfter`, only the escapes
    /// and bytes that begin before that many bytes were emitted (a prefix of a huge value).
    @inline(__always)
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, literalStart: Int, literalEnd: Int, stopAfter: Int = .max, emit: (UInt8) -> Void
    ) {
        var offset = literalStart + 1
        let end = literalEnd - 1
        var emitted = 0
        @inline(__always) func put(_ byte: UInt8) {
            emitted += 1
            emit(byte)
        }
        while offset < end, emitted < stopAfter {
            let byte = bytes[offset]
            if byte != UInt8(ascii: "\\") {
                put(byte)
                offset += 1
                continue
            }
            let escape = bytes[offset + 1]
            offset += 2
            switch escape {
            case UInt8(ascii: "b"): put(0x08)
            case UInt8(ascii: "f"): put(0x0C)
            case UInt8(ascii: "n"): put(0x0A)
            case UInt8(ascii: "r"): put(0x0D)
            case UInt8(ascii: "t"): put(0x09)
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
                UTF8Decoding.emit(scalar, put)
            default: put(escape)  // \" \\ \/
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

    /// The number of bytes the literal at `[literalStart, literalEnd)` decodes to, counted without
    /// decoding: runs without a backslash are measured whole (`memchr`), each escape by itself.
    static func decodedLength(_ bytes: UnsafeBufferPointer<UInt8>, literalStart: Int, literalEnd: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let end = literalEnd - 1
        var offset = literalStart + 1
        var count = 0
        while offset < end {
            guard let found = memchr(base + offset, 0x5C, end - offset) else {
                count += end - offset
                break
            }
            let escape = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            count += escape - offset
            let (length, produced) = SourceOffsets.measure(bytes, at: escape, end: end)
            count += produced
            offset = escape + length
        }
        return count
    }

    /// `decodedToSource` one ascending offset at a time, without the table: a walk over the literal
    /// that only moves forward, for the findings of a huge value (the table takes eight bytes a
    /// decoded byte).
    struct SourceOffsets {
        private let bytes: UnsafeBufferPointer<UInt8>
        private let end: Int
        /// The unit (a byte or an escape) the walk is at, the decoded offset it starts, and how
        /// many decoded bytes it gives.
        private var unit: Int
        private var decoded = 0
        private var produced = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>, literalStart: Int, literalEnd: Int) {
            self.bytes = bytes
            end = literalEnd - 1
            unit = literalStart + 1
            produced = unit < end ? Self.measure(bytes, at: unit, end: end).produced : 0
        }

        /// The source offset of decoded offset `offset` (at or after the last one asked; the
        /// literal's closing quote past the end).
        mutating func source(ofDecoded offset: Int) -> Int {
            while unit < end, decoded + produced <= offset {
                decoded += produced
                unit += Self.measure(bytes, at: unit, end: end).length
                produced = unit < end ? Self.measure(bytes, at: unit, end: end).produced : 0
            }
            return unit < end ? unit : end
        }

        /// The source length of the unit at `offset` and the decoded bytes it gives.
        static func measure(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, end: Int) -> (length: Int, produced: Int) {
            guard bytes[offset] == UInt8(ascii: "\\") else { return (1, 1) }
            guard bytes[offset + 1] == UInt8(ascii: "u") else { return (2, 1) }
            var scalar = hex4(bytes, offset + 2)
            var length = 6
            if (0xD800...0xDBFF).contains(scalar), offset + 12 <= end, bytes[offset + 6] == UInt8(ascii: "\\"),
               bytes[offset + 7] == UInt8(ascii: "u") {
                let low = hex4(bytes, offset + 8)
                if (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    length = 12
                }
            }
            if (0xD800...0xDFFF).contains(scalar) { scalar = 0xFFFD }
            return (length, scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4)
        }
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
