/// XML 1.0 escaping for the JUnit report.
enum ReportXML {
    /// Whether XML 1.0 allows `scalar` in a document at all (`Char` production): tab, LF, CR,
    /// U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. (Surrogates cannot occur in a Swift string.)
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The visible stand-in for a character XML cannot carry: `\u001B`, `\uFFFE`.
    static func placeholder(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Character data: `& < > " '` as entities, CR as `&#13;` (a raw CR would be read back as LF),
    /// forbidden characters as placeholders. Tabs and newlines stay.
    static func text(_ value: String) -> String {
        escape(value, attribute: false)
    }

    /// An attribute value (for double quotes): like `text`, and tab, LF and CR as character
    /// references so attribute-value normalisation does not turn them into spaces.
    static func attribute(_ value: String) -> String {
        escape(value, attribute: true)
    }

    /// Byte by byte over the UTF-8: the only characters to replace are ASCII, or U+FFFE and
    /// U+FFFF (`EF BF BE`, `EF BF BF`); everything else is copied in runs.
    private static func escape(_ value: String, attribute: Bool) -> String {
        var value = value
        return value.withUTF8 { bytes -> String in
            var output: [UInt8] = []
            var copied = 0
            func replace(_ index: Int, length: Int, with text: String) {
                if output.isEmpty { output.reserveCapacity(bytes.count + 64) }
                output.append(contentsOf: bytes[copied..<index])
                output.append(contentsOf: text.utf8)
                copied = index + length
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "&"): replace(index, length: 1, with: "&amp;")
                case UInt8(ascii: "<"): replace(index, length: 1, with: "&lt;")
                case UInt8(ascii: ">"): replace(index, length: 1, with: "&gt;")
                case UInt8(ascii: "\""): replace(index, length: 1, with: "&quot;")
                case UInt8(ascii: "'"): replace(index, length: 1, with: "&apos;")
                case 0x0D: replace(index, length: 1, with: "&#13;")
                case 0x0A where attribute: replace(index, length: 1, with: "&#10;")
                case 0x09 where attribute: replace(index, length: 1, with: "&#9;")
                case 0x09, 0x0A: break
                case 0x00..<0x20: replace(index, length: 1, with: placeholder(Unicode.Scalar(byte)))
                case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                    replace(index, length: 3, with: placeholder(Unicode.Scalar(bytes[index + 2] == 0xBE ? 0xFFFE : 0xFFFF)!))
                    index += 2
                default: break
                }
                index += 1
            }
            guard !output.isEmpty || copied > 0 else { return String(decoding: bytes, as: UTF8.self) }
            output.append(contentsOf: bytes[copied...])
            return String(decoding: output, as: UTF8.self)
        }
    }
}
