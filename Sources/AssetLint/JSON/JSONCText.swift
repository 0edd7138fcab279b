/// JSON with Comments, as editors and tools read their configuration files: `//` and `/* */`
/// comments, and one trailing comma after the last member of an array or object.
///
/// Such a file is linted through its strict equivalent: the same bytes with every comment and
/// trailing comma turned into spaces (line breaks inside block comments kept), so every offset,
/// line and column of the original stays valid and the strict parser needs no second dialect.
enum JSONCText {
    /// The strict equivalent of `bytes`, or nil when they hold no comment and no trailing comma.
    /// Anything that is not JSONC (an unterminated block comment, a lone `/`, two commas) is left
    /// as it is, for the strict parser to report.
    static func strictEquivalent(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output: [UInt8]?
        func blank(_ range: Range<Int>) {
            if output == nil { output = Array(bytes) }
            for index in range where bytes[index] != 0x0A && bytes[index] != 0x0D { output![index] = 0x20 }
        }
        let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), quote = UInt8(ascii: "\"")
        /// The last byte outside comments and whitespace, and a comma that may turn out to be trailing.
        var previous: UInt8 = 0
        var pendingComma: Int?
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                index += 1
                continue
            }
            if byte == slash, index + 1 < count, bytes[index + 1] == slash {
                var end = index + 2
                while end < count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
                blank(index..<end)
                index = end
                continue
            }
            if byte == slash, index + 1 < count, bytes[index + 1] == star {
                var end = index + 2
                while end + 1 < count, !(bytes[end] == star && bytes[end + 1] == slash) { end += 1 }
                guard end + 1 < count else { break }  // unterminated: the parser reports the '/'
                blank(index..<(end + 2))
                index = end + 2
                continue
            }
            if let comma = pendingComma, byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                blank(comma..<(comma + 1))
            }
            pendingComma = nil
            if byte == UInt8(ascii: ","), previous != UInt8(ascii: ","), previous != UInt8(ascii: "["), previous != UInt8(ascii: "{") {
                pendingComma = index
            }
            previous = byte
            if byte == quote {
                // Skip the string: comments and commas inside it are text.
                index += 1
                while index < count, bytes[index] != quote {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
            }
            index += 1
        }
        return output
    }
}
