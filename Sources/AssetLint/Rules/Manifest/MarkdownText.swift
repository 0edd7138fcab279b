/// The escapes of a Markdown asset's string literal that M131 and M132 look at: line breaks and
/// double quotes, which a JSON string can only hold escaped (`\n`, `\r`, `\"`, or `\u000A`,
/// `\u000D`, `\u0022`).
enum MarkdownText {
    enum Escaped { case lineBreak, doubleQuote }

    /// The file ranges of the escapes of kind `kind` in string node `data`, in order.
    static func escapes(_ kind: Escaped, in data: JSONTree.Index, of tree: JSONTree) -> [ByteRange] {
        let node = tree[data]
        guard node.kind == .string, node.flags.contains(.escaped) else { return [] }
        let bytes = tree.source.bytes
        var ranges: [ByteRange] = []
        var index = node.start + 1
        let end = node.end - 1
        while index < end {
            guard bytes[index] == UInt8(ascii: "\\"), index + 1 < end else {
                index += 1
                continue
            }
            let length = bytes[index + 1] == UInt8(ascii: "u") ? 6 : 2
            guard index + length <= end else { break }
            let value: UInt32? = length == 2 ? UInt32(bytes[index + 1]) : hexValue(bytes, from: index + 2)
            let matches: Bool
            switch kind {
            case .lineBreak:
                matches = length == 2 ? (value == UInt32(UInt8(ascii: "n")) || value == UInt32(UInt8(ascii: "r"))) : (value == 0x0A || value == 0x0D)
            case .doubleQuote:
                matches = value == 0x22
            }
            if matches { ranges.append(ByteRange(offset: index, length: length)) }
            index += length
        }
        return ranges
    }

    private static func hexValue(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt32? {
        var value: UInt32 = 0
        for offset in start..<(start + 4) {
            guard Hex.isDigit(bytes[offset]) else { return nil }
            value = value << 4 | UInt32(Hex.digitValue(bytes[offset]))
        }
        return value
    }

    /// Runs of adjacent ranges (`\r\n`, blank lines) joined into one.
    static func runs(_ ranges: [ByteRange]) -> [ByteRange] {
        var runs: [ByteRange] = []
        for range in ranges {
            if let last = runs.last, last.end == range.offset {
                runs[runs.count - 1] = ByteRange(start: last.offset, end: range.end)
            } else {
                runs.append(range)
            }
        }
        return runs
    }
}
