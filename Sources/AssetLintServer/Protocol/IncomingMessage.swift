import AssetLint

/// One message from the client, parsed where it was read: the engine's JSON parser builds a tree
/// of offsets over the body, handlers read the few values they need (`MessageView`), and a
/// document's text is decoded in place and taken over without a copy (`takeText`).
public final class IncomingMessage {
    private let buffer: MessageBuffer
    private let tree: JSONTree
    /// Set once the buffer was handed to a document; nothing can be read afterwards.
    private var consumed = false
    /// Strings already decoded in place, by node.
    private var decoded: [JSONTree.Index: Range<Int>] = [:]

    /// Messages are not deep; this bounds the conversion of any part to a `JSONValue`.
    static let maximumDepth = 64

    private init(buffer: MessageBuffer, tree: JSONTree) {
        self.buffer = buffer
        self.tree = tree
    }

    /// The parsed message, or why its body is not JSON.
    public static func parse(_ buffer: MessageBuffer) -> Result<IncomingMessage, ParseFailure> {
        let bytes = buffer.bytes
        let file = SourceFile(path: "message", storage: ByteStorage(buffer: UnsafeBufferPointer(bytes), release: {}))
        var parser = JSONParser(source: file, maxDepth: maximumDepth)
        var tree = JSONTree(source: file)
        guard parser.parseDocument(into: &tree) else {
            let issue = parser.takeIssues().first(where: \.isFatal)
            return .failure(ParseFailure(message: issue.map { "\($0.detail) (byte \($0.range.offset))" } ?? "not JSON"))
        }
        return .success(IncomingMessage(buffer: buffer, tree: tree))
    }

    public struct ParseFailure: Error {
        public var message: String
    }

    public var root: MessageView { MessageView(message: self, node: tree.root) }

    // MARK: - Reading (for MessageView)

    fileprivate func kind(_ node: JSONTree.Index) -> JSONKind? {
        guard !consumed, node != JSONNode.none else { return nil }
        return tree[node].kind
    }

    fileprivate func member(_ key: String, of node: JSONTree.Index) -> JSONTree.Index {
        guard kind(node) == .object else { return JSONNode.none }
        return tree.member(key, of: node) ?? JSONNode.none
    }

    fileprivate func elements(of node: JSONTree.Index) -> [JSONTree.Index] {
        guard kind(node) == .array else { return [] }
        return Array(tree.children(of: node))
    }

    fileprivate func string(_ node: JSONTree.Index) -> String? {
        guard kind(node) == .string, decoded[node] == nil else { return nil }
        return tree.string(node)
    }

    fileprivate func bool(_ node: JSONTree.Index) -> Bool? {
        kind(node) == .bool ? tree.bool(node) : nil
    }

    fileprivate func value(_ node: JSONTree.Index, depth: Int = 0) -> JSONValue? {
        guard let kind = kind(node), depth <= Self.maximumDepth else { return nil }
        switch kind {
        case .null: return .null
        case .bool: return tree.bool(node).map(JSONValue.bool)
        case .number: return .number(tree.sourceText(node))
        case .string: return string(node).map(JSONValue.string)
        case .array:
            return .array(tree.children(of: node).compactMap { value($0, depth: depth + 1) })
        case .object:
            return .object(tree.children(of: node).compactMap { child in
                guard let key = tree.key(of: child), let value = value(child, depth: depth + 1) else { return nil }
                return JSONValue.Member(key, value)
            })
        }
    }

    /// Decodes string `node` over its own bytes (once) and returns where its UTF-8 is.
    fileprivate func decodeInPlace(_ node: JSONTree.Index) -> Range<Int>? {
        guard kind(node) == .string else { return nil }
        if let range = decoded[node] { return range }
        let range = JSONString.decodeInPlace(buffer.bytes, literal: tree[node].start..<tree[node].end)
        decoded[node] = range
        return range
    }

    /// The decoded bytes of string `node`, valid until the message is consumed.
    fileprivate func decodedBytes(_ node: JSONTree.Index) -> UnsafeBufferPointer<UInt8>? {
        guard let range = decodeInPlace(node) else { return nil }
        return UnsafeBufferPointer(rebasing: buffer.bytes[range])
    }

    /// String `node` as a document's text, in this message's own memory, which the text takes
    /// over: the message can be read no more.
    fileprivate func takeText(_ node: JSONTree.Index) -> EditableText? {
        guard let range = decodeInPlace(node), let memory = buffer.relinquish() else { return nil }
        consumed = true
        return EditableText(adopting: memory, text: range)
    }
}

/// A value in an `IncomingMessage`, or a missing one: member and element lookups never fail,
/// they give a view whose accessors answer nil.
public struct MessageView {
    let message: IncomingMessage
    let node: JSONTree.Index

    public subscript(key: String) -> MessageView {
        MessageView(message: message, node: message.member(key, of: node))
    }

    public var exists: Bool { message.kind(node) != nil }
    public var kind: JSONKind? { message.kind(node) }
    public var isNull: Bool { message.kind(node) == .null }
    public var elements: [MessageView] { message.elements(of: node).map { MessageView(message: message, node: $0) } }
    public var string: String? { message.string(node) }
    public var bool: Bool? { message.bool(node) }
    public var int: Int? { message.value(node)?.int }
    /// The value as a `JSONValue` (for ids, settings and data echoed back).
    public var json: JSONValue? { message.value(node) }
    public var strings: [String]? {
        guard kind == .array else { return nil }
        let values = elements.compactMap(\.string)
        return values.count == elements.count ? values : nil
    }

    /// The string's UTF-8, decoded where it lies in the message; valid until the message's text
    /// is taken.
    public var decodedBytes: UnsafeBufferPointer<UInt8>? { message.decodedBytes(node) }

    /// The string as a document's text, without a copy; the message can be read no more.
    public func takeText() -> EditableText? { message.takeText(node) }
}
