/// A manifest item in its barest form, read straight from the bytes without building a tree:
/// an object whose members are `data` and `externalId` (strings) and optionally `width` and
/// `height` (both, positive integers written as digits), each once, in any order, with keys and
/// strings free of escapes. Such a text is valid JSON on which the parser reports nothing, and it
/// is what nearly every item of a generated manifest looks like.
///
/// `read` accepts exactly that and nothing else: any other member, value, spelling (an escape, a
/// leading zero, an exponent, invalid UTF-8, a control character) or a duplicate key gives nil,
/// and the item goes to the parser and the rules as usual.
struct BareItem {
    /// The `{` and the offset just after the closing `}`.
    var start: Int
    var end: Int
    /// The string literals of `data` and `externalId`, quotes included.
    var data: Range<Int>
    var externalID: Range<Int>
    /// Whether the `externalId` holds a byte above 0x7F (well-formed UTF-8).
    var externalIDIsNonASCII: Bool
    var width: Int?
    var height: Int?

    private enum Member: UInt8 {
        case data = 1, externalID = 2, width = 4, height = 8
    }

    /// The bare item starting at `offset` (its `{`), or nil when the text there is anything else.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> BareItem? {
        let count = bytes.count
        guard offset < count, bytes[offset] == UInt8(ascii: "{") else { return nil }
        var item = BareItem(start: offset, end: offset, data: 0..<0, externalID: 0..<0, externalIDIsNonASCII: false)
        var seen: UInt8 = 0
        var position = offset + 1
        while true {
            position = JSONParser.skippingWhitespace(bytes, from: position)
            guard let (member, afterKey) = key(bytes, at: position), seen & member.rawValue == 0 else { return nil }
            seen |= member.rawValue
            position = JSONParser.skippingWhitespace(bytes, from: afterKey)
            guard position < count, bytes[position] == UInt8(ascii: ":") else { return nil }
            position = JSONParser.skippingWhitespace(bytes, from: position + 1)
            switch member {
            case .data, .externalID:
                guard let (end, nonASCII) = string(bytes, at: position) else { return nil }
                if member == .data {
                    item.data = position..<end
                } else {
                    item.externalID = position..<end
                    item.externalIDIsNonASCII = nonASCII
                }
                position = end
            case .width, .height:
                guard let (end, value) = positiveInteger(bytes, at: position) else { return nil }
                if member == .width { item.width = value } else { item.height = value }
                position = end
            }
            position = JSONParser.skippingWhitespace(bytes, from: position)
            guard position < count else { return nil }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { return nil }
            item.end = position + 1
            break
        }
        let required = Member.data.rawValue | Member.externalID.rawValue
        let dimensions = Member.width.rawValue | Member.height.rawValue
        guard seen & required == required, seen & dimensions == 0 || seen & dimensions == dimensions else { return nil }
        return item
    }

    /// A key of a bare item at `offset` (its opening quote): the member and the offset after the
    /// closing quote. The keys are compared as little-endian words, quotes included.
    @inline(__always)
    private static func key(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (Member, Int)? {
        // A member's value follows every key, so a key with fewer than 8 bytes after its start is
        // never bare.
        guard offset + 8 <= bytes.count else { return nil }
        let base = UnsafeRawPointer(bytes.baseAddress! + offset)
        let word = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
        if word & 0xFFFF_FFFF_FFFF == 0x2261_7461_6422 { return (.data, offset + 6) }  // "data"
        if word == 0x616E_7265_7478_6522 {  // "externa
            guard offset + 12 <= bytes.count, UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) == 0x2264_496C else { return nil }  // lId"
            return (.externalID, offset + 12)
        }
        if word & 0xFF_FFFF_FFFF_FFFF == 0x22_6874_6469_7722 { return (.width, offset + 7) }  // "width"
        if word == 0x2274_6867_6965_6822 { return (.height, offset + 8) }  // "height"
        return nil
    }

    /// A string literal at `offset` without escapes or control characters, well-formed UTF-8:
    /// the offset after its closing quote and whether it holds non-ASCII bytes.
    @inline(__always)
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (Int, Bool)? {
        let count = bytes.count
        guard offset < count, bytes[offset] == UInt8(ascii: "\"") else { return nil }
        var position = offset + 1
        var nonASCII = false
        while true {
            position = JSONParser.nextSpecialStringByte(bytes, from: position)
            guard position < count else { return nil }
            let byte = bytes[position]
            if byte == 0x22 { return (position + 1, nonASCII) }
            guard byte >= 0x80 else { return nil }  // a backslash or a control character
            let length = UTF8Decoding.sequenceLength(bytes, at: position)
            guard length > 0 else { return nil }
            nonASCII = true
            position += length
        }
    }

    /// `[1-9][0-9]*` at `offset`, at most 15 digits, not followed by a fraction or exponent: the
    /// offset after it and its value.
    @inline(__always)
    private static func positiveInteger(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (Int, Int)? {
        let count = bytes.count
        guard offset < count, bytes[offset] >= UInt8(ascii: "1"), bytes[offset] <= UInt8(ascii: "9") else { return nil }
        var value = Int(bytes[offset] &- 0x30)
        var position = offset + 1
        while position < count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            guard position - offset < 15 else { return nil }
            value = value &* 10 &+ Int(bytes[position] &- 0x30)
            position += 1
        }
        // The structure check after the value accepts only whitespace, `,` or `}` next, which
        // rules out `.5`, `e3` and the like.
        return (position, value)
    }
}
