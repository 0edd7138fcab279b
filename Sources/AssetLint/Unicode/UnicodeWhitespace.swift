/// The Unicode White_Space property (UCD `PropList.txt`) and the white space that breaks lines.
/// `UnicodeWhitespaceTests` compares both with the standard library's properties for every scalar.
enum UnicodeWhitespace {
    /// Whether `scalar` has the White_Space property.
    @inline(__always)
    static func contains(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Tab, line feed, vertical tab, form feed, carriage return, next line, line and paragraph
    /// separators: the white space that is never harmless inside an id.
    @inline(__always)
    static func isLineBreakOrTab(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
