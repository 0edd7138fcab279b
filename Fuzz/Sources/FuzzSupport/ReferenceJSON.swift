/// An independent, deliberately plain RFC 8259 recognizer, the fuzzer's oracle for `JSONParser`.
///
/// It answers one question: is this byte string a JSON text? Where `JSONParser` reports a problem
/// but goes on (invalid UTF-8 inside a string, a lone surrogate escape, a UTF-8 byte-order mark,
/// duplicate keys), the recognizer accepts too; containers nested deeper than `maxDepth` are
/// rejected, as the parser's J005 does.
enum ReferenceJSON {
    static func accepts(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Bool {
        var reader = Reader(bytes: bytes, maxDepth: maxDepth)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.index = 3 }
        reader.space()
        guard reader.value(depth: 0) else { return false }
        reader.space()
        return reader.index == bytes.count
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let maxDepth: Int
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func space() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            index += 1
            return true
        }

        mutating func value(depth: Int) -> Bool {
            guard let byte = current else { return false }
            switch byte {
            case UInt8(ascii: "{"):
                guard depth < maxDepth else { return false }
                index += 1
                space()
                if take(UInt8(ascii: "}")) { return true }
                while true {
                    space()
                    guard string() else { return false }
                    space()
                    guard take(UInt8(ascii: ":")) else { return false }
                    space()
                    guard value(depth: depth + 1) else { return false }
                    space()
                    if take(UInt8(ascii: "}")) { return true }
                    guard take(UInt8(ascii: ",")) else { return false }
                }
            case UInt8(ascii: "["):
                guard depth < maxDepth else { return false }
                index += 1
                space()
                if take(UInt8(ascii: "]")) { return true }
                while true {
                    space()
                    guard value(depth: depth + 1) else { return false }
                    space()
                    if take(UInt8(ascii: "]")) { return true }
                    guard take(UInt8(ascii: ",")) else { return false }
                }
            case UInt8(ascii: "\""):
                return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default:
                return number()
            }
        }

        mutating func literal(_ word: String) -> Bool {
            for byte in word.utf8 { guard take(byte) else { return false } }
            return true
        }

        mutating func digits() -> Int {
            var count = 0
            while let byte = current, byte >= 0x30, byte <= 0x39 { index += 1; count += 1 }
            return count
        }

        mutating func number() -> Bool {
            _ = take(UInt8(ascii: "-"))
            if take(UInt8(ascii: "0")) {
                // nothing: a leading zero stands alone
            } else {
                guard let byte = current, byte >= 0x31, byte <= 0x39 else { return false }
                _ = digits()
            }
            if take(UInt8(ascii: ".")) { guard digits() > 0 else { return false } }
            if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
                if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
                guard digits() > 0 else { return false }
            }
            return true
        }

        mutating func string() -> Bool {
            guard take(UInt8(ascii: "\"")) else { return false }
            while let byte = current {
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return true
                case UInt8(ascii: "\\"):
                    guard let escape = current else { return false }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                         UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        continue
                    case UInt8(ascii: "u"):
                        for _ in 0..<4 {
                            guard let hex = current, isHex(hex) else { return false }
                            index += 1
                        }
                    default:
                        return false
                    }
                case 0x00..<0x20:
                    return false
                default:
                    continue  // any other byte, UTF-8 or not: the parser reports bad UTF-8 and goes on
                }
            }
            return false
        }

        func isHex(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
        }
    }
}
