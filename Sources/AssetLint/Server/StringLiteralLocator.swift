/// The JSON string literal around a byte offset, found without parsing the document: a JSON
/// string cannot hold a raw line break, so it lies on the offset's line, and reading that line
/// from its start tells the quotes that open a string from those inside one. Hovering over an
/// asset URL in a manifest of any size reads one line.
public enum StringLiteralLocator {
    public struct Literal: Sendable, Equatable {
        /// The literal's bytes, quotes included.
        public var range: Range<Int>
        public var value: String
        /// Whether it is an object key (a `:` follows).
        public var isKey: Bool
    }

    /// Longer literals are not decoded (a pasted document in one string).
    public static let maximumLength = 1 << 16

    /// The literal holding `offset` (its quotes included), or nil: outside any string, a string
    /// that is not valid JSON, or one longer than `maximumLength`.
    public static func literal(at offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Literal? {
        guard offset >= 0, offset < text.count else { return nil }
        var start = offset
        while start > 0, text[start - 1] != 0x0A, text[start - 1] != 0x0D { start -= 1 }
        var index = start
        while index < text.count, text[index] != 0x0A, text[index] != 0x0D {
            guard text[index] == UInt8(ascii: "\"") else {
                if index > offset { return nil }
                index += 1
                continue
            }
            // A string opens here: find its closing quote on this line.
            let open = index
            index += 1
            while index < text.count, text[index] != UInt8(ascii: "\""), text[index] != 0x0A, text[index] != 0x0D {
                index += text[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard index < text.count, text[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            guard offset < index else { continue }
            return decode(open..<index, in: text)
        }
        return nil
    }

    /// The literal's value, after the JSON parser has accepted it on its own.
    private static func decode(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Literal? {
        guard range.count <= maximumLength else { return nil }
        let file = SourceFile(path: "literal", bytes: Array(text[range]))
        var parser = JSONParser(source: file, maxDepth: 1)
        var tree = JSONTree(source: file)
        guard parser.parseDocument(into: &tree), let value = tree.string(tree.root) else { return nil }
        var after = range.upperBound
        while after < text.count, JSONParser.isWhitespace(text[after]) { after += 1 }
        return Literal(range: range, value: value, isKey: after < text.count && text[after] == UInt8(ascii: ":"))
    }
}
