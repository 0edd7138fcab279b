enum ManifestText {
    /// `value` quoted for a message: control characters escaped, long values shortened.
    static func quoted(_ value: String, limit: Int = 60) -> String {
        var result = "\""
        var count = 0
        for scalar in value.unicodeScalars {
            if count == limit {
                result += "…"
                break
            }
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isInvisible(scalar):
                result +=
                    scalar.value > 0xFFFF ? "\\u{\(Hex.string(scalar.value, minimumDigits: 1))}" : "\\u" + Hex.string(scalar.value, minimumDigits: 4)
            default: result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result + "\""
    }

    /// Characters a message shows escaped because they cannot be seen: controls, format characters
    /// (zero-width, bidi), separators other than the plain space, unassigned code points.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x20 || scalar.value == 0x7F { return true }
        if scalar.isASCII { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse,
            .surrogate:
            return true
        default:
            return false
        }
    }

    /// "a string", "an array", "null"...
    static func describe(_ kind: JSONKind) -> String {
        switch kind {
        case .null: "null"
        case .array, .object: "an \(kind.name)"
        default: "a \(kind.name)"
        }
    }

    /// What node `index` holds, for messages: `the string "603"`, `the number 603.5`, `an object`.
    static func describeValue(_ index: JSONTree.Index, in tree: JSONTree) -> String {
        let node = tree[index]
        switch node.kind {
        case .string: return "the string \(quoted(tree.string(index) ?? ""))"
        case .number, .bool: return "\(describe(node.kind)) \(shortened(tree.sourceText(index)))"
        default: return describe(node.kind)
        }
    }

    static func shortened(_ text: String, limit: Int = 40) -> String {
        text.unicodeScalars.count <= limit
            ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…"
    }

    /// Calls `body` with the decoded UTF-8 bytes of string node `index`; no allocation when the
    /// literal has no escapes.
    static func withDecodedBytes<R>(
        _ index: JSONTree.Index, in tree: JSONTree, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        let node = tree[index]
        if !node.flags.contains(.escaped) { return body(tree.rawStringContent(index)) }
        let decoded = JSONString.decodeBytes(tree.source.bytes, literalStart: node.start, literalEnd: node.end)
        return decoded.withUnsafeBufferPointer(body)
    }

    /// `value` quoted as `quoted` shows it, from the first kilobyte of its UTF-8 (enough for the
    /// sixty characters shown): a huge id is not turned into a string to print a few.
    static func quotedPrefix(_ value: UnsafeBufferPointer<UInt8>) -> String {
        quoted(String(decoding: UnsafeBufferPointer(rebasing: value.prefix(1024)), as: UTF8.self))
    }

    /// The number of decoded UTF-8 bytes of string node `index`, counted without decoding into
    /// memory.
    static func decodedLength(_ index: JSONTree.Index, in tree: JSONTree) -> Int {
        let node = tree[index]
        guard node.flags.contains(.escaped) else { return tree.rawStringContent(index).count }
        return JSONString.decodedLength(tree.source.bytes, literalStart: node.start, literalEnd: node.end)
    }

    /// The decoded UTF-8 bytes of string node `index`.
    static func decodedBytes(_ index: JSONTree.Index, in tree: JSONTree) -> [UInt8] {
        withDecodedBytes(index, in: tree) { Array($0) }
    }

    /// A readable name for a whitespace character.
    static func whitespaceName(_ scalar: UInt32) -> String {
        switch scalar {
        case 0x20: "a space"
        case 0x09: "a tab"
        case 0x0A: "a line feed (\\n)"
        case 0x0D: "a carriage return (\\r)"
        case 0x0B: "a vertical tab"
        case 0x0C: "a form feed"
        case 0xA0: "a no-break space (U+00A0)"
        case 0x2028: "a line separator (U+2028)"
        case 0x2029: "a paragraph separator (U+2029)"
        case 0x85: "a next-line character (U+0085)"
        default: "a whitespace character (U+\(Hex.string(scalar, minimumDigits: 4)))"
        }
    }
}

/// The file ranges of decoded ranges of one string node, asked in ascending order (each range
/// starting at or after the end of the one before): what `JSONTree.sourceRange(ofDecoded:inString:)`
/// gives, without building the table of a whole escaped value for each range.
struct DecodedRanges {
    private let node: JSONNode
    private var offsets: JSONString.SourceOffsets?

    init(_ index: JSONTree.Index, in tree: JSONTree) {
        node = tree[index]
        if node.flags.contains(.escaped) {
            offsets = JSONString.SourceOffsets(tree.source.bytes, literalStart: node.start, literalEnd: node.end)
        }
    }

    mutating func fileRange(_ decoded: Range<Int>) -> ByteRange {
        guard offsets != nil else {
            let contentStart = node.start + 1
            return ByteRange(start: min(contentStart + decoded.lowerBound, node.end - 1), end: min(contentStart + decoded.upperBound, node.end - 1))
        }
        let lower = offsets!.source(ofDecoded: decoded.lowerBound)
        return ByteRange(start: lower, end: offsets!.source(ofDecoded: decoded.upperBound))
    }
}
