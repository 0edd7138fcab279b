/// The constant runs of a laid-out report element (`JSONFindingLayout`, `SARIFResultLayout`):
/// keys, brackets, separators and indentation exactly as `ReportJSONWriter` puts them, made once
/// per report and copied for every finding.
enum JSONLayoutPieces {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// A new line and the indentation of `level` (two spaces each).
    static func newline(level: Int) -> [UInt8] {
        [0x0A] + [UInt8](repeating: UInt8(ascii: " "), count: 2 * level)
    }

    /// A member's key: `,` unless it is the first of its object, a new line, the indentation of
    /// its level, the quoted key and `: `.
    static func key(_ name: String, level: Int, first: Bool = false) -> [UInt8] {
        (first ? [] : bytes(",")) + newline(level: level) + bytes(ReportJSONWriter.quoted(name)) + bytes(": ")
    }

    /// `{` and its first member's key.
    static func open(_ firstKey: String, level: Int) -> [UInt8] {
        bytes("{") + key(firstKey, level: level, first: true)
    }

    /// The end of a non-empty object or array whose members are at `level`.
    static func close(_ bracket: String, level: Int) -> [UInt8] {
        newline(level: level - 1) + bytes(bracket)
    }
}

extension [UInt8] {
    /// A laid-out piece (a key, say) and the number after it.
    @inline(__always)
    mutating func append(_ piece: [UInt8], number: Int) {
        append(contentsOf: piece)
        ReportJSONWriter.appendDecimal(number, to: &self)
    }

    /// A laid-out piece and the string after it, quoted and escaped.
    @inline(__always)
    mutating func append(_ piece: [UInt8], string: String) {
        append(contentsOf: piece)
        ReportJSONWriter.appendQuoted(string, to: &self)
    }
}
