/// Something the JSON layer found while parsing; the J rules turn these into diagnostics.
public struct JSONIssue: Sendable {
    public enum Kind: Sendable {
        /// Not RFC 8259 JSON. Fatal: parsing stops.
        case syntax
        /// Bytes that are not UTF-8 inside a string. Parsing goes on.
        case invalidUTF8
        /// The whole file is UTF-16 or UTF-32 (named in `detail`). Fatal.
        case wrongEncoding
        /// A key repeated in one object; `related` is the first occurrence.
        case duplicateKey
        /// A UTF-8 byte-order mark at the start.
        case byteOrderMark
        /// Nesting deeper than the limit. Fatal.
        case tooDeep
        /// A `\uD800`-style escape that is not half of a valid pair.
        case loneSurrogate
    }

    public var kind: Kind
    public var range: ByteRange
    /// What was wrong, in words the rule puts in its message.
    public var detail: String
    public var pointer: String
    public var related: ByteRange?

    public init(kind: Kind, range: ByteRange, detail: String, pointer: String = "", related: ByteRange? = nil) {
        self.kind = kind
        self.range = range
        self.detail = detail
        self.pointer = pointer
        self.related = related
    }

    public var isFatal: Bool { kind == .syntax || kind == .wrongEncoding || kind == .tooDeep }
}
