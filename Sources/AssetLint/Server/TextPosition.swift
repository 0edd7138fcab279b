/// How an editor counts the characters of a line: the Language Server Protocol's position
/// encodings. UTF-16 code units are the protocol's default (an emoji is two, `é` one); a client
/// may offer UTF-8 bytes or Unicode scalars instead.
public enum PositionEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case utf32 = "utf-32"

    /// The units the byte `byte` of UTF-8 text adds: a scalar counts at its first byte, so
    /// continuation bytes add nothing (in UTF-8 every byte is a unit).
    @inline(__always)
    func units(ofByte byte: UInt8) -> Int {
        switch self {
        case .utf8: 1
        case .utf16: byte < 0x80 ? 1 : byte < 0xC0 ? 0 : byte < 0xF0 ? 1 : 2
        case .utf32: byte & 0xC0 == 0x80 ? 0 : 1
        }
    }
}

/// A place in a text as the Language Server Protocol gives it: a 0-based line and a 0-based
/// column counted in the units of a `PositionEncoding`. Lines end at `\n`, `\r\n` or a lone `\r`.
public struct TextPosition: Hashable, Sendable, Comparable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
        (lhs.line, lhs.character) < (rhs.line, rhs.character)
    }
}
