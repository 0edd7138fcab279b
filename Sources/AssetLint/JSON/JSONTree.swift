/// The type of a JSON value.
public enum JSONKind: UInt8, Sendable {
    case null, bool, number, string, array, object

    public var name: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// One value of a parsed document, stored flat in a `JSONTree`.
///
/// Offsets are byte offsets into the source buffer. Strings are not decoded at parse time: the
/// node records where the literal is (quotes included) and whether it needs decoding at all.
public struct JSONNode: Sendable {
    public static let none: Int32 = -1

    public var kind: JSONKind
    public var flags: Flags
    /// Byte range of the value, e.g. including the quotes of a string or the brackets of an array.
    public var start: Int
    public var end: Int
    /// Byte range of the member's key literal (quotes included) when the parent is an object.
    public var keyStart: Int
    public var keyEnd: Int
    public var parent: Int32
    public var firstChild: Int32
    public var nextSibling: Int32
    public var childCount: Int32
    /// Position among the parent's children (array index for array elements).
    public var index: Int32

    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The string literal contains backslash escapes.
        public static let escaped = Flags(rawValue: 1 << 0)
        /// The string literal contains bytes >= 0x80 (or escapes that decode to non-ASCII).
        public static let nonASCII = Flags(rawValue: 1 << 1)
        /// The number has neither fraction nor exponent.
        public static let integer = Flags(rawValue: 1 << 2)
        /// The key literal contains backslash escapes.
        public static let keyEscaped = Flags(rawValue: 1 << 3)
        /// Boolean `true` (absent: `false`).
        public static let isTrue = Flags(rawValue: 1 << 4)
        /// The string literal holds invalid UTF-8 or a lone surrogate escape.
        public static let damaged = Flags(rawValue: 1 << 5)
    }

    public var range: ByteRange { ByteRange(start: start, end: end) }
    public var keyRange: ByteRange? { keyStart < 0 ? nil : ByteRange(start: keyStart, end: keyEnd) }
}

/// A parsed JSON value (a whole document, or one item of a streamed array) over its source bytes.
public struct JSONTree {
    public typealias Index = Int32

    public let source: SourceFile
    public var nodes: [JSONNode] = []
    /// For one item of a streamed top-level array, its index; nil when the tree is the whole document.
    public var rootElementIndex: Int?

    /// The JSON Pointer of the root node within the document ("" for a whole document,
    /// "/17" for the 18th item of a streamed top-level array).
    public var rootPointer: String { rootElementIndex.map { "/\($0)" } ?? "" }
    public var root: Index { nodes.isEmpty ? JSONNode.none : 0 }

    public init(source: SourceFile) {
        self.source = source
    }

    public subscript(index: Index) -> JSONNode { nodes[Int(index)] }

    public mutating func reset(elementIndex: Int?) {
        nodes.removeAll(keepingCapacity: true)
        rootElementIndex = elementIndex
    }

    // MARK: - Navigation

    public func children(of index: Index) -> Children { Children(nodes: nodes, upcoming: nodes[Int(index)].firstChild) }

    public struct Children: Sequence, IteratorProtocol {
        let nodes: [JSONNode]
        var upcoming: Index

        public mutating func next() -> Index? {
            guard upcoming != JSONNode.none else { return nil }
            defer { upcoming = nodes[Int(upcoming)].nextSibling }
            return upcoming
        }
    }

    /// The value of member `key` of object `index`; the last one when the key repeats, as most
    /// JSON readers (and the hub) do.
    public func member(_ key: String, of index: Index) -> Index? {
        let node = nodes[Int(index)]
        guard node.kind == .object else { return nil }
        var found: Index?
        var child = node.firstChild
        while child != JSONNode.none {
            if keyEquals(child, key) { found = child }
            child = nodes[Int(child)].nextSibling
        }
        return found
    }

    /// Whether the key of member `index` equals `key`, without allocating for unescaped keys.
    public func keyEquals(_ index: Index, _ key: String) -> Bool {
        let node = nodes[Int(index)]
        guard node.keyStart >= 0 else { return false }
        if node.flags.contains(.keyEscaped) { return self.key(of: index) == key }
        let length = node.keyEnd - node.keyStart - 2
        var key = key
        return key.withUTF8 { utf8 in
            guard utf8.count == length else { return false }
            let bytes = source.bytes
            var offset = node.keyStart + 1
            for byte in utf8 {
                if bytes[offset] != byte { return false }
                offset += 1
            }
            return true
        }
    }

    public func key(of index: Index) -> String? {
        let node = nodes[Int(index)]
        guard node.keyStart >= 0 else { return nil }
        return JSONString.decode(source.bytes, literalStart: node.keyStart, literalEnd: node.keyEnd)
    }

    /// The decoded value of string node `index`.
    public func string(_ index: Index) -> String? {
        let node = nodes[Int(index)]
        guard node.kind == .string else { return nil }
        if !node.flags.contains(.escaped) {
            return String(decoding: UnsafeBufferPointer(rebasing: source.bytes[(node.start + 1)..<(node.end - 1)]), as: UTF8.self)
        }
        return JSONString.decode(source.bytes, literalStart: node.start, literalEnd: node.end)
    }

    /// The raw bytes between the quotes of string node `index` (escapes not decoded).
    public func rawStringContent(_ index: Index) -> UnsafeBufferPointer<UInt8> {
        let node = nodes[Int(index)]
        return UnsafeBufferPointer(rebasing: source.bytes[(node.start + 1)..<(node.end - 1)])
    }

    /// The source text of node `index`, exactly as written.
    public func sourceText(_ index: Index) -> String {
        let node = nodes[Int(index)]
        return source.text(in: node.start..<node.end)
    }

    /// The value of an integer number node, when it fits in `Int`.
    public func integer(_ index: Index) -> Int? {
        let node = nodes[Int(index)]
        guard node.kind == .number, node.flags.contains(.integer) else { return nil }
        let bytes = source.bytes
        var offset = node.start
        var negative = false
        if bytes[offset] == UInt8(ascii: "-") { negative = true; offset += 1 }
        var value = 0
        while offset < node.end {
            let digit = Int(bytes[offset] &- 0x30)
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = sum
            offset += 1
        }
        return value
    }

    public func double(_ index: Index) -> Double? {
        let node = nodes[Int(index)]
        guard node.kind == .number else { return nil }
        return Double(source.text(in: node.start..<node.end))
    }

    public func bool(_ index: Index) -> Bool? {
        let node = nodes[Int(index)]
        guard node.kind == .bool else { return nil }
        return node.flags.contains(.isTrue)
    }

    // MARK: - Pointers

    /// The RFC 6901 JSON Pointer of node `index`.
    public func pointer(_ index: Index) -> String {
        // The path from the root, then its components written as bytes: every finding has a
        // pointer, and most are a number and a key or two.
        var path: [Index] = []
        var current = index
        while current != JSONNode.none {
            let node = nodes[Int(current)]
            guard node.parent != JSONNode.none else { break }
            path.append(current)
            current = node.parent
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        if let element = rootElementIndex {
            bytes.append(UInt8(ascii: "/"))
            ReportJSONWriter.appendDecimal(element, to: &bytes)
        }
        let source = self.source.bytes
        for component in path.reversed() {
            let node = nodes[Int(component)]
            bytes.append(UInt8(ascii: "/"))
            guard node.keyStart >= 0 else {
                ReportJSONWriter.appendDecimal(Int(node.index), to: &bytes)
                continue
            }
            let raw = UnsafeBufferPointer(rebasing: source[(node.keyStart + 1)..<(node.keyEnd - 1)])
            if node.flags.contains(.keyEscaped) || raw.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
                bytes.append(contentsOf: JSONPointer.escape(key(of: component) ?? "").utf8)
            } else {
                bytes.append(contentsOf: raw)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The pointer of member `key` of `object`, whether or not the member exists.
    public func pointer(_ object: Index, appending key: String) -> String {
        pointer(object) + "/" + JSONPointer.escape(key)
    }

    // MARK: - Strings inside the source

    /// The source byte range that holds decoded bytes `decoded` of string node `index`,
    /// accounting for escapes, so a finding in the middle of a string points at the right bytes.
    public func sourceRange(ofDecoded decoded: Range<Int>, inString index: Index) -> ByteRange {
        let node = nodes[Int(index)]
        let contentStart = node.start + 1
        if !node.flags.contains(.escaped) {
            let lower = min(contentStart + decoded.lowerBound, node.end - 1)
            let upper = min(contentStart + decoded.upperBound, node.end - 1)
            return ByteRange(start: lower, end: upper)
        }
        let map = JSONString.decodedToSource(source.bytes, literalStart: node.start, literalEnd: node.end)
        let lower = map[min(decoded.lowerBound, map.count - 1)]
        let upper = map[min(decoded.upperBound, map.count - 1)]
        return ByteRange(start: lower, end: upper)
    }
}

public enum JSONPointer {
    public static func escape(_ component: String) -> String {
        guard component.contains(where: { $0 == "~" || $0 == "/" }) else { return component }
        return component.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
