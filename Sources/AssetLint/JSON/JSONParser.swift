/// A strict RFC 8259 parser over a byte buffer that records the byte range of every value and key.
///
/// It never recurses: nesting is kept on an explicit stack bounded by `maxDepth`. A document can be
/// parsed whole (`parseDocument`) or, when it is a top-level array, element by element
/// (`openTopLevelArray` then `nextElement`), so a manifest is checked item by item and each item's
/// nodes are dropped before the next one is read.
///
/// After the first fatal issue (syntax, wrong encoding, too deep) the parser stops: one report per
/// file, no cascade.
public struct JSONParser {
    public let source: SourceFile
    public let maxDepth: Int
    public private(set) var position = 0
    public private(set) var issues: [JSONIssue] = []
    public private(set) var failed = false

    private let bytes: UnsafeBufferPointer<UInt8>
    private var frames: [Frame] = []
    private var started = false
    private var streamState = StreamState.notStreaming

    private struct Frame {
        var node: Int32
        var isObject: Bool
        var lastChild: Int32
        var count: Int32
    }

    private enum StreamState {
        /// `resumed`: positioned at an element in the middle of the top-level array (a later part).
        case notStreaming, expectingFirst, expectingSeparator, resumed, finished
    }

    private struct PendingKey {
        var start = -1
        var end = -1
        var escaped = false
    }

    public init(source: SourceFile, maxDepth: Int = 512) {
        self.source = source
        self.bytes = source.bytes
        self.maxDepth = max(1, maxDepth)
    }

    /// Issues found since the last call, for callers that stream and report as they go.
    public mutating func takeIssues() -> [JSONIssue] {
        defer { issues.removeAll(keepingCapacity: true) }
        return issues
    }

    // MARK: - Entry points

    /// Parses the whole document into `tree`. Returns false when a fatal issue stopped it.
    @discardableResult
    public mutating func parseDocument(into tree: inout JSONTree) -> Bool {
        guard begin() else { return false }
        skipWhitespace()
        guard position < bytes.count else {
            return fail(.syntax, at: position, "the file is empty: expected a JSON value (an array or an object)")
        }
        guard parseValue(into: &tree, baseDepth: 0, rootIndex: 0) else { return false }
        return expectEndOfFile()
    }

    /// When the document is a top-level array, consumes its `[` and returns true; otherwise leaves
    /// the position alone and returns false (use `parseDocument` on a fresh parser then).
    public mutating func openTopLevelArray() -> Bool {
        guard begin() else { return false }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else { return false }
        position += 1
        streamState = .expectingFirst
        return true
    }

    /// Starts streaming a later part of the top-level array at `offset`, where an element begins
    /// (just after a separating comma and whitespace, as `ManifestPartition` found it). The
    /// document's encoding and opening were checked by the parser of the first part.
    public mutating func resumeTopLevelArray(at offset: Int) {
        started = true
        position = offset
        streamState = .resumed
    }

    /// Where the next element of the top-level array would begin: after whitespace, a comma and
    /// whitespace. Nil when no comma follows (the array ends, or the text is broken). Moves nothing.
    public func nextElementStart() -> Int? {
        guard !failed, streamState == .expectingSeparator else { return nil }
        let offset = Self.skippingWhitespace(bytes, from: position)
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: ",") else { return nil }
        return Self.skippingWhitespace(bytes, from: offset + 1)
    }

    /// Ends this part of the stream when the next element begins exactly at `offset` (the next
    /// part's start), as if the array closed there; returns false and changes nothing otherwise.
    public mutating func endPart(at offset: Int) -> Bool {
        guard nextElementStart() == offset else { return false }
        streamState = .finished
        return true
    }

    /// Where the value of the next element of the top-level array begins, for a caller that reads
    /// a plain element on its own (`skipElement`): after the separating comma and whitespace, or
    /// after the opening `[`. Nil at the closing `]`, after a failure or when what follows is not
    /// a separator; a trailing comma gives the `]`'s offset. Moves nothing.
    public func upcomingElement() -> Int? {
        guard !failed else { return nil }
        switch streamState {
        case .notStreaming, .finished:
            return nil
        case .expectingSeparator:
            return nextElementStart()
        case .expectingFirst, .resumed:
            let offset = Self.skippingWhitespace(bytes, from: position)
            guard offset < bytes.count, bytes[offset] != UInt8(ascii: "]") else { return nil }
            return offset
        }
    }

    /// Moves past an element the caller read on its own, from `upcomingElement()` to `end`, the
    /// offset just after it; the caller vouches that it is a complete, valid JSON value that
    /// `nextElement` would have parsed without an issue.
    public mutating func skipElement(to end: Int) {
        position = end
        streamState = .expectingSeparator
    }

    /// Parses the next element of the top-level array into `tree` (which is reset first). Returns
    /// false at the closing `]` (after checking nothing follows it) or when a fatal issue stopped it.
    public mutating func nextElement(into tree: inout JSONTree, index: Int) -> Bool {
        guard !failed else { return false }
        tree.reset(elementIndex: index)
        skipWhitespace()
        switch streamState {
        case .notStreaming, .finished:
            return false
        case .resumed:
            break
        case .expectingFirst:
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                streamState = .finished
                _ = expectEndOfFile()
                return false
            }
        case .expectingSeparator:
            guard position < bytes.count else {
                return fail(.syntax, at: position, "unexpected end of file: expected ',' or ']' to continue or close the top-level array")
            }
            switch bytes[position] {
            case UInt8(ascii: "]"):
                position += 1
                streamState = .finished
                _ = expectEndOfFile()
                return false
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    return fail(.syntax, at: position - 1, length: 1, "trailing comma: JSON does not allow a ',' before ']'")
                }
            default:
                return unexpected(at: position, expected: "',' or ']' after an element of the top-level array", after: true)
            }
        }
        guard position < bytes.count else {
            return fail(.syntax, at: position, "unexpected end of file: expected a value in the top-level array")
        }
        streamState = .expectingSeparator
        return parseValue(into: &tree, baseDepth: 1, rootIndex: Int32(truncatingIfNeeded: index))
    }

    // MARK: - Encoding

    /// Checks the encoding once: skips a UTF-8 BOM (and reports it), stops on UTF-16/32.
    private mutating func begin() -> Bool {
        if started { return !failed }
        started = true
        let count = bytes.count
        func byte(_ index: Int) -> UInt8? { index < count ? bytes[index] : nil }
        if byte(0) == 0xEF, byte(1) == 0xBB, byte(2) == 0xBF {
            issues.append(JSONIssue(kind: .byteOrderMark, range: ByteRange(offset: 0, length: 3), detail: "UTF-8 byte-order mark"))
            position = 3
            return true
        }
        var encoding: String?
        if byte(0) == 0x00, byte(1) == 0x00, byte(2) == 0xFE, byte(3) == 0xFF {
            encoding = "UTF-32 big-endian (with a byte-order mark)"
        } else if byte(0) == 0xFF, byte(1) == 0xFE, byte(2) == 0x00, byte(3) == 0x00 {
            encoding = "UTF-32 little-endian (with a byte-order mark)"
        } else if byte(0) == 0xFE, byte(1) == 0xFF {
            encoding = "UTF-16 big-endian (with a byte-order mark)"
        } else if byte(0) == 0xFF, byte(1) == 0xFE {
            encoding = "UTF-16 little-endian (with a byte-order mark)"
        } else if count >= 4 {
            // RFC 4627's detection: the first two characters of JSON text are ASCII.
            let zeros = (0..<4).map { bytes[$0] == 0 }
            switch (zeros[0], zeros[1], zeros[2], zeros[3]) {
            case (true, true, true, false): encoding = "UTF-32 big-endian"
            case (false, true, true, true): encoding = "UTF-32 little-endian"
            case (true, false, true, false): encoding = "UTF-16 big-endian"
            case (false, true, false, true): encoding = "UTF-16 little-endian"
            default: break
            }
        } else if count >= 2 {
            if bytes[0] == 0, bytes[1] != 0 { encoding = "UTF-16 big-endian" }
            if bytes[0] != 0, bytes[1] == 0 { encoding = "UTF-16 little-endian" }
        }
        if let encoding {
            return fail(.wrongEncoding, at: 0, length: min(count, 4), encoding)
        }
        return true
    }

    // MARK: - Values

    private mutating func parseValue(into tree: inout JSONTree, baseDepth: Int, rootIndex: Int32) -> Bool {
        frames.removeAll(keepingCapacity: true)
        var key = PendingKey()
        let count = bytes.count

        valueLoop: while true {
            // Expecting a value at `position` (whitespace already skipped).
            guard position < count else {
                return fail(.syntax, at: position, "unexpected end of file: expected a value")
            }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = byte == UInt8(ascii: "{")
                if baseDepth + frames.count + 1 > maxDepth {
                    return fail(.tooDeep, at: position, length: 1, "nesting deeper than \(maxDepth) levels")
                }
                let node = appendNode(&tree, isObject ? .object : .array, start: position, key: key, rootIndex: rootIndex)
                key = PendingKey()
                frames.append(Frame(node: node, isObject: isObject, lastChild: JSONNode.none, count: 0))
                position += 1
                skipWhitespace()
                let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if position < count, bytes[position] == closer {
                    position += 1
                    closeFrame(&tree)
                } else if isObject {
                    guard parseKey(&tree, into: &key, afterComma: false) else { return false }
                    continue valueLoop
                } else {
                    continue valueLoop
                }
            case UInt8(ascii: "\""):
                let node = appendNode(&tree, .string, start: position, key: key, rootIndex: rootIndex)
                key = PendingKey()
                guard let (end, flags) = scanString(&tree, owner: node) else { return false }
                tree.nodes[Int(node)].end = end
                tree.nodes[Int(node)].flags.formUnion(flags)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = position
                guard let isInteger = scanNumber() else { return false }
                let node = appendNode(&tree, .number, start: start, key: key, rootIndex: rootIndex)
                key = PendingKey()
                tree.nodes[Int(node)].end = position
                if isInteger { tree.nodes[Int(node)].flags.insert(.integer) }
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let start = position
                let (literal, kind, flags): (StaticString, JSONKind, JSONNode.Flags) =
                    switch byte {
                    case UInt8(ascii: "t"): ("true", .bool, .isTrue)
                    case UInt8(ascii: "f"): ("false", .bool, [])
                    default: ("null", .null, [])
                    }
                guard matchLiteral(literal) else {
                    return unexpected(at: start, expected: "a value", after: false)
                }
                let node = appendNode(&tree, kind, start: start, key: key, rootIndex: rootIndex)
                key = PendingKey()
                tree.nodes[Int(node)].end = position
                tree.nodes[Int(node)].flags.formUnion(flags)
            default:
                return unexpected(at: position, expected: "a value", after: false)
            }

            // After a complete value: a separator or the end of enclosing containers.
            while let frame = frames.last {
                skipWhitespace()
                let closer = frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard position < count else {
                    let what = frame.isObject ? "',' or '}' after an object member" : "',' or ']' after an array element"
                    return fail(.syntax, at: position, "unexpected end of file: expected \(what)")
                }
                let next = bytes[position]
                if next == UInt8(ascii: ",") {
                    position += 1
                    skipWhitespace()
                    if position < count, bytes[position] == closer {
                        return fail(.syntax, at: position - 1 - trailingWhitespace(before: position), length: 1,
                                    "trailing comma: JSON does not allow a ',' before '\(Character(Unicode.Scalar(closer)))'")
                    }
                    if frame.isObject {
                        guard parseKey(&tree, into: &key, afterComma: true) else { return false }
                    }
                    continue valueLoop
                } else if next == closer {
                    position += 1
                    closeFrame(&tree)
                } else {
                    let what = frame.isObject ? "',' or '}' after an object member" : "',' or ']' after an array element"
                    return unexpected(at: position, expected: what, after: true)
                }
            }
            return true
        }
    }

    /// Parses `"key"` `:` and leaves the position at the value.
    private mutating func parseKey(_ tree: inout JSONTree, into key: inout PendingKey, afterComma: Bool) -> Bool {
        guard position < bytes.count else {
            return fail(.syntax, at: position, "unexpected end of file: expected a string key\(afterComma ? "" : " or '}'")")
        }
        guard bytes[position] == UInt8(ascii: "\"") else {
            return unexpected(at: position, expected: afterComma ? "a string key" : "a string key or '}'", after: false, keyPosition: true)
        }
        let start = position
        let owner = frames.last?.node ?? JSONNode.none
        guard let (end, flags) = scanString(&tree, owner: owner) else { return false }
        key = PendingKey(start: start, end: end, escaped: flags.contains(.escaped))
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            if position >= bytes.count {
                return fail(.syntax, at: position, "unexpected end of file: expected ':' after the object key")
            }
            return unexpected(at: position, expected: "':' after the object key", after: true)
        }
        position += 1
        skipWhitespace()
        return true
    }

    private mutating func appendNode(_ tree: inout JSONTree, _ kind: JSONKind, start: Int, key: PendingKey, rootIndex: Int32) -> Int32 {
        let index = Int32(tree.nodes.count)
        var node = JSONNode(
            kind: kind, flags: key.escaped ? .keyEscaped : [], start: start, end: start, keyStart: key.start,
            keyEnd: key.end, parent: JSONNode.none, firstChild: JSONNode.none, nextSibling: JSONNode.none,
            childCount: 0, index: rootIndex)
        if let last = frames.indices.last {
            let frame = frames[last]
            node.parent = frame.node
            node.index = frame.count
            if frame.lastChild == JSONNode.none {
                tree.nodes[Int(frame.node)].firstChild = index
            } else {
                tree.nodes[Int(frame.lastChild)].nextSibling = index
            }
            frames[last].lastChild = index
            frames[last].count += 1
        }
        tree.nodes.append(node)
        return index
    }

    private mutating func closeFrame(_ tree: inout JSONTree) {
        let frame = frames.removeLast()
        tree.nodes[Int(frame.node)].end = position
        tree.nodes[Int(frame.node)].childCount = frame.count
        if frame.isObject, frame.count > 1 { findDuplicateKeys(tree, object: frame.node) }
    }

    private mutating func findDuplicateKeys(_ tree: JSONTree, object: Int32) {
        let count = tree[object].childCount
        if count <= 16 {
            var later = tree[tree[object].firstChild].nextSibling
            while later != JSONNode.none {
                var earlier = tree[object].firstChild
                while earlier != later {
                    if keysEqual(tree, earlier, later) {
                        reportDuplicate(tree, first: earlier, duplicate: later)
                        break
                    }
                    earlier = tree[earlier].nextSibling
                }
                later = tree[later].nextSibling
            }
            return
        }
        var firstByKey: [[UInt8]: Int32] = [:]
        firstByKey.reserveCapacity(Int(count))
        for member in tree.children(of: object) {
            let key = keyBytes(tree, member)
            if let first = firstByKey[key] {
                reportDuplicate(tree, first: first, duplicate: member)
            } else {
                firstByKey[key] = member
            }
        }
    }

    private mutating func reportDuplicate(_ tree: JSONTree, first: Int32, duplicate: Int32) {
        let node = tree[duplicate]
        let firstNode = tree[first]
        issues.append(JSONIssue(
            kind: .duplicateKey, range: ByteRange(start: node.keyStart, end: node.keyEnd),
            detail: tree.key(of: duplicate) ?? "", pointer: tree.pointer(duplicate),
            related: ByteRange(start: firstNode.keyStart, end: firstNode.keyEnd)))
    }

    private func keysEqual(_ tree: JSONTree, _ a: Int32, _ b: Int32) -> Bool {
        let left = tree[a]
        let right = tree[b]
        if !left.flags.contains(.keyEscaped), !right.flags.contains(.keyEscaped) {
            let length = left.keyEnd - left.keyStart
            guard length == right.keyEnd - right.keyStart else { return false }
            return memcmpBytes(left.keyStart, right.keyStart, length)
        }
        return keyBytes(tree, a) == keyBytes(tree, b)
    }

    private func keyBytes(_ tree: JSONTree, _ member: Int32) -> [UInt8] {
        let node = tree[member]
        return JSONString.decodeBytes(bytes, literalStart: node.keyStart, literalEnd: node.keyEnd)
    }

    private func memcmpBytes(_ a: Int, _ b: Int, _ length: Int) -> Bool {
        for offset in 0..<length where bytes[a + offset] != bytes[b + offset] { return false }
        return true
    }

    // MARK: - Scalars

    /// Scans the string literal at `position` (its opening quote). Returns its end and flags.
    /// Invalid UTF-8 and lone surrogates are reported and scanning goes on; control characters,
    /// bad escapes and a missing closing quote are fatal.
    private mutating func scanString(_ tree: inout JSONTree, owner: Int32) -> (Int, JSONNode.Flags)? {
        let start = position
        let count = bytes.count
        var flags: JSONNode.Flags = []
        var offset = start + 1
        var reportedUTF8 = false
        while true {
            offset = Self.nextSpecialStringByte(bytes, from: offset)
            guard offset < count else {
                return failString(at: start, "unterminated string: the file ends before its closing '\"'")
            }
            let byte = bytes[offset]
            if byte == 0x22 {
                position = offset + 1
                return (position, flags)
            }
            if byte == 0x5C {
                flags.insert(.escaped)
                guard offset + 1 < count else {
                    return failString(at: start, "unterminated string: the file ends inside an escape")
                }
                let escape = bytes[offset + 1]
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    offset += 2
                case UInt8(ascii: "u"):
                    guard let scalar = hex4(at: offset + 2) else {
                        position = offset
                        _ = fail(.syntax, at: offset, length: min(6, count - offset),
                                 "invalid escape: '\\u' must be followed by four hexadecimal digits")
                        return nil
                    }
                    if scalar >= 0x80 { flags.insert(.nonASCII) }
                    if (0xD800...0xDBFF).contains(scalar) {
                        if offset + 11 < count, bytes[offset + 6] == 0x5C, bytes[offset + 7] == UInt8(ascii: "u"),
                            let low = hex4(at: offset + 8), (0xDC00...0xDFFF).contains(low)
                        {
                            offset += 12
                        } else {
                            reportLoneSurrogate(tree, owner: owner, at: offset, scalar: scalar, high: true)
                            flags.insert(.damaged)
                            offset += 6
                        }
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        reportLoneSurrogate(tree, owner: owner, at: offset, scalar: scalar, high: false)
                        flags.insert(.damaged)
                        offset += 6
                    } else {
                        offset += 6
                    }
                default:
                    position = offset
                    let shown = describe(at: offset + 1)
                    _ = fail(.syntax, at: offset, length: 2,
                             "invalid escape '\\\(shown.trimmingQuotes)': JSON allows only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
                    return nil
                }
                continue
            }
            if byte < 0x20 {
                position = offset
                if byte == 0x0A || byte == 0x0D {
                    _ = fail(.syntax, at: offset, length: 1,
                             "line break inside a string: close the string with '\"' or write the line break as \\n")
                } else {
                    _ = fail(.syntax, at: offset, length: 1,
                             "control character U+\(Hex.string(byte, minimumDigits: 4)) inside a string must be escaped as \\u\(Hex.string(byte, minimumDigits: 4))")
                }
                return nil
            }
            // byte >= 0x80
            flags.insert(.nonASCII)
            let length = utf8SequenceLength(at: offset)
            if length == 0 {
                flags.insert(.damaged)
                if !reportedUTF8 {
                    reportedUTF8 = true
                    var pointer = ""
                    if owner != JSONNode.none { pointer = tree.pointer(owner) }
                    issues.append(JSONIssue(
                        kind: .invalidUTF8, range: ByteRange(offset: offset, length: 1),
                        detail: "byte 0x\(Hex.string(bytes[offset], minimumDigits: 2)) is not valid UTF-8", pointer: pointer))
                }
                offset += 1
            } else {
                offset += length
            }
        }
    }

    /// The offset of the first quote, backslash, control or non-ASCII byte at or after `start` in a
    /// string literal (`bytes.count` when there is none): plain ASCII runs are skipped eight bytes
    /// at a time, then the last word is looked at byte by byte.
    @inline(__always)
    static func nextSpecialStringByte(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var offset = start
        let limit = bytes.count - 8
        while offset <= limit {
            let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            // A byte is "special" when it is zero after the XOR (quote or backslash), below 0x20,
            // or has its high bit set; the classic has-zero / has-less-than tricks find them.
            let hasQuote = (quote &- ones) & ~quote & highs
            let hasBackslash = (backslash &- ones) & ~backslash & highs
            let hasControl = (word &- ones &* 0x20) & ~word & highs
            if (hasQuote | hasBackslash | hasControl | (word & highs)) != 0 { break }
            offset += 8
        }
        while offset < bytes.count {
            let byte = base[offset]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 || byte >= 0x80 { break }
            offset += 1
        }
        return offset
    }

    private mutating func failString(at start: Int, _ detail: String) -> (Int, JSONNode.Flags)? {
        position = start
        _ = fail(.syntax, at: start, length: 1, detail)
        return nil
    }

    private mutating func reportLoneSurrogate(_ tree: JSONTree, owner: Int32, at offset: Int, scalar: UInt32, high: Bool) {
        let escape = "\\u" + Hex.string(scalar, minimumDigits: 4)
        let detail = high
            ? "\(escape) is a high surrogate that is not followed by a low surrogate escape (\\uDC00–\\uDFFF)"
            : "\(escape) is a low surrogate without a preceding high surrogate escape (\\uD800–\\uDBFF)"
        issues.append(JSONIssue(
            kind: .loneSurrogate, range: ByteRange(offset: offset, length: 6), detail: detail,
            pointer: owner == JSONNode.none ? "" : tree.pointer(owner)))
    }

    /// Length of the well-formed UTF-8 sequence at `offset` (Unicode Table 3-7), or 0.
    @inline(__always)
    private func utf8SequenceLength(at offset: Int) -> Int {
        UTF8Decoding.sequenceLength(bytes, at: offset)
    }

    private func hex4(at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for index in offset..<(offset + 4) {
            guard let digit = Hex.value(bytes[index]) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Scans a number; returns whether it is an integer, or nil after a fatal issue.
    private mutating func scanNumber() -> Bool? {
        let count = bytes.count
        let start = position
        var offset = position
        func isDigit(_ index: Int) -> Bool { index < count && bytes[index] >= 0x30 && bytes[index] <= 0x39 }
        if bytes[offset] == UInt8(ascii: "-") {
            offset += 1
            guard isDigit(offset) else {
                position = offset
                _ = unexpected(at: offset, expected: "a digit after '-'", after: false)
                return nil
            }
        }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
            if isDigit(offset) || (offset < count && (bytes[offset] == UInt8(ascii: "x") || bytes[offset] == UInt8(ascii: "X"))) {
                position = start
                _ = fail(.syntax, at: start, length: offset - start + 1,
                         "numbers may not have leading zeros (and JSON has no octal or hexadecimal numbers)")
                return nil
            }
        } else {
            while isDigit(offset) { offset += 1 }
        }
        var isInteger = true
        if offset < count, bytes[offset] == UInt8(ascii: ".") {
            isInteger = false
            offset += 1
            guard isDigit(offset) else {
                position = offset
                _ = unexpected(at: offset, expected: "a digit after the decimal point", after: false)
                return nil
            }
            while isDigit(offset) { offset += 1 }
        }
        if offset < count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            isInteger = false
            offset += 1
            if offset < count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard isDigit(offset) else {
                position = offset
                _ = unexpected(at: offset, expected: "a digit in the exponent", after: false)
                return nil
            }
            while isDigit(offset) { offset += 1 }
        }
        position = offset
        return isInteger
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard position + length <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for index in 0..<length where bytes[position + index] != pointer[index] { return false }
        // `truex` is not `true` followed by garbage that a later check would name better.
        position += length
        return true
    }

    // MARK: - Whitespace and end

    /// Whether `byte` is JSON whitespace (space, line feed, carriage return, tab).
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The first offset at or after `start` that is not JSON whitespace (`bytes.count` at the end).
    @inline(__always)
    static func skippingWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var offset = start
        while offset < bytes.count, isWhitespace(bytes[offset]) { offset += 1 }
        return offset
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        position = Self.skippingWhitespace(bytes, from: position)
    }

    private func trailingWhitespace(before offset: Int) -> Int {
        var count = 0
        var index = offset - 1
        while index >= 0, Self.isWhitespace(bytes[index]) {
            count += 1
            index -= 1
        }
        return count
    }

    private mutating func expectEndOfFile() -> Bool {
        skipWhitespace()
        guard position == bytes.count else {
            return unexpected(at: position, expected: "the end of the file after the top-level value", after: true)
        }
        return true
    }

    // MARK: - Errors

    @discardableResult
    private mutating func fail(_ kind: JSONIssue.Kind, at offset: Int, length: Int = 0, _ detail: String) -> Bool {
        failed = true
        let offset = min(offset, bytes.count)
        let length = min(length == 0 && offset < bytes.count ? scalarLength(at: offset) : length, bytes.count - offset)
        issues.append(JSONIssue(kind: kind, range: ByteRange(offset: offset, length: length), detail: detail,
                                pointer: currentPointer))
        return false
    }

    /// The pointer of the innermost open container, for syntax errors.
    private var currentPointer: String { "" }

    /// Reports what was found where something else was expected, with a hint for common mistakes.
    private mutating func unexpected(at offset: Int, expected: String, after: Bool, keyPosition: Bool = false) -> Bool {
        guard offset < bytes.count else {
            return fail(.syntax, at: offset, "unexpected end of file: expected \(expected)")
        }
        let byte = bytes[offset]
        var hint = ""
        switch byte {
        case UInt8(ascii: "/"), UInt8(ascii: "#"):
            hint = ": comments are not allowed in JSON"
        case UInt8(ascii: "'"):
            hint = keyPosition ? ": object keys must be double-quoted strings" : ": JSON strings use double quotes"
        case UInt8(ascii: "+"):
            hint = ": numbers may not start with '+'"
        case UInt8(ascii: "."):
            hint = ": numbers need a digit before the decimal point"
        case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "0")...UInt8(ascii: "9"):
            // A value right after another one: the separator is missing.
            if after { hint = ": is a ',' missing?" }
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            let word = wordAt(offset)
            if keyPosition {
                hint = ": object keys must be double-quoted strings"
            } else if ["NaN", "Infinity", "undefined", "None", "True", "False", "NULL", "Null", "nil"].contains(word) {
                hint = ": '\(word)' is not a JSON value (JSON has true, false, null and finite numbers)"
            } else if !after {
                hint = ": strings must be in double quotes"
            }
            return fail(.syntax, at: offset, length: word.utf8.count,
                        "expected \(expected), found '\(word)'\(hint)")
        default:
            break
        }
        return fail(.syntax, at: offset, "expected \(expected), found \(describe(at: offset))\(hint)")
    }

    private func wordAt(_ offset: Int) -> String {
        var end = offset
        while end < bytes.count, end - offset < 40 {
            let byte = bytes[end]
            let isWord = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            guard isWord else { break }
            end += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
    }

    private func scalarLength(at offset: Int) -> Int {
        guard offset < bytes.count else { return 0 }
        if bytes[offset] < 0x80 { return 1 }
        return max(1, utf8SequenceLength(at: offset))
    }

    /// A short human description of the byte (or character) at `offset`.
    private func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the file" }
        let byte = bytes[offset]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte == 0x20 { return "a space" }
        if byte < 0x20 || byte == 0x7F { return "control character U+\(Hex.string(byte, minimumDigits: 4))" }
        let length = utf8SequenceLength(at: offset)
        guard length > 0 else { return "byte 0x\(Hex.string(byte, minimumDigits: 2)), which is not UTF-8" }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self)
        let scalar = text.unicodeScalars.first!.value
        return "'\(text)' (U+\(Hex.string(scalar, minimumDigits: 4)))"
    }
}

extension String {
    fileprivate var trimmingQuotes: String {
        if count >= 2, first == "'", last == "'" { return String(dropFirst().dropLast()) }
        return self
    }
}
