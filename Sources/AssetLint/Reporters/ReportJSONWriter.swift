/// A small streaming JSON writer for the machine-readable reports (json, sarif).
///
/// Output is deterministic: keys come out in the order they are written, objects and arrays are
/// pretty-printed with two-space indentation, empty containers print as `{}` / `[]`, and the
/// document ends with one newline (added by `finish()`). Nothing goes through Foundation, so the
/// bytes never depend on a platform's encoder.
///
/// String escaping follows RFC 8259 plus what makes the text safe to embed anywhere: `"` and `\`,
/// the short escapes `\b \f \n \r \t`, every other C0 control and DEL as `\u00XX`, U+2028 /
/// U+2029 as `\u2028` / `\u2029` (JavaScript line terminators) and U+FEFF as `\ufeff` (some readers
/// drop a raw one). Everything else is written as UTF-8.
struct ReportJSONWriter {
    /// UTF-8 bytes: reports of a million findings are hundreds of megabytes, and appending bytes
    /// is several times cheaper than appending to a `String`.
    private var output: [UInt8] = []
    private var stack: [Container] = []
    /// Set by `key(_:)`: the next value completes a member instead of starting an array element.
    private var pendingKey = false
    /// Where finished text goes, about a megabyte at a time; nil keeps it all for `finish()`. It
    /// takes the buffer and leaves an empty one in its place.
    private let sink: ((inout [UInt8]) -> Void)?
    private static let flushSize = 1 << 20

    private struct Container {
        var isObject: Bool
        var count = 0
    }

    init(sink: ((inout [UInt8]) -> Void)? = nil) {
        self.sink = sink
        if sink != nil { output.reserveCapacity(Self.flushSize + (64 << 10)) }
    }

    // MARK: Containers

    mutating func beginObject() {
        prepareValue()
        output.append(UInt8(ascii: "{"))
        stack.append(Container(isObject: true))
    }

    mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    mutating func beginArray() {
        prepareValue()
        output.append(UInt8(ascii: "["))
        stack.append(Container(isObject: false))
    }

    mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Starts a member of the current object; the next call writes its value.
    mutating func key(_ name: String) {
        precondition(stack.last?.isObject == true && !pendingKey, "key outside an object")
        pendingKey = true
        var name = name
        let done = name.withUTF8 { appendPlainKey($0) }
        guard !done else { return }
        newlineBeforeItem()
        Self.appendQuoted(name, to: &output)
        output.append(UInt8(ascii: ":"))
        output.append(UInt8(ascii: " "))
    }

    /// The separator, indentation and a key that needs no escape, as one append (a million
    /// findings are tens of millions of keys); false, writing nothing, for another key.
    private mutating func appendPlainKey(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let depth = stack.count
        guard !key.isEmpty, key.count <= 64, depth <= 32, Self.isPlain(key) else { return false }
        if let sink, output.count >= Self.flushSize { sink(&output) }
        let comma = stack[depth - 1].count > 0
        stack[depth - 1].count += 1
        let length = (comma ? 1 : 0) + 1 + 2 * depth + key.count + 4
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer in
            var index = 0
            if comma {
                buffer[0] = UInt8(ascii: ",")
                index = 1
            }
            buffer[index] = 0x0A
            index += 1
            Self.spaces.withUnsafeBufferPointer { spaces in
                buffer.baseAddress!.advanced(by: index).update(from: spaces.baseAddress!, count: 2 * depth)
            }
            index += 2 * depth
            buffer[index] = UInt8(ascii: "\"")
            index += 1
            buffer.baseAddress!.advanced(by: index).update(from: key.baseAddress!, count: key.count)
            index += key.count
            buffer[index] = UInt8(ascii: "\"")
            buffer[index + 1] = UInt8(ascii: ":")
            buffer[index + 2] = UInt8(ascii: " ")
            output.append(contentsOf: UnsafeBufferPointer(buffer))
        }
        return true
    }

    /// Printable ASCII without quotes or backslashes: nothing to escape.
    @inline(__always)
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte < 0x20 || byte >= 0x7F || byte == 0x22 || byte == 0x5C { return false }
        return true
    }

    // MARK: Scalars

    mutating func string(_ value: String) {
        prepareValue()
        Self.appendQuoted(value, to: &output)
    }

    mutating func int(_ value: Int) {
        prepareValue()
        Self.appendDecimal(value, to: &output)
    }

    /// The decimal digits of `value`, written without making a string.
    static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        var magnitude = value.magnitude
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position...]))
        }
    }

    mutating func bool(_ value: Bool) {
        prepareValue()
        output.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func null() {
        prepareValue()
        output.append(contentsOf: "null".utf8)
    }

    // MARK: Members (key + value)

    mutating func field(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// `"name": "…"` with the string's content appended by `body`, which writes only printable
    /// ASCII that needs no escape (hex digits, say): no string is made for it.
    mutating func field(_ name: String, plainASCII body: (inout [UInt8]) -> Void) {
        key(name)
        prepareValue()
        output.append(UInt8(ascii: "\""))
        body(&output)
        output.append(UInt8(ascii: "\""))
    }

    mutating func field(_ name: String, optional value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    /// `"name": {...}` with the members written by `body`.
    mutating func object(_ name: String, _ body: (inout ReportJSONWriter) -> Void) {
        key(name)
        beginObject()
        body(&self)
        endObject()
    }

    /// `"name": [...]` with the elements written by `body`.
    mutating func array(_ name: String, _ body: (inout ReportJSONWriter) -> Void) {
        key(name)
        beginArray()
        body(&self)
        endArray()
    }

    /// `"name": ["a", "b"]`.
    mutating func stringArray(_ name: String, _ values: [String]) {
        array(name) { writer in
            for value in values { writer.string(value) }
        }
    }

    /// An anonymous object (an array element or the document root).
    mutating func object(_ body: (inout ReportJSONWriter) -> Void) {
        beginObject()
        body(&self)
        endObject()
    }

    /// How many containers are open: the depth of the next element or member.
    var depth: Int { stack.count }

    /// An array element written whole by `body` as bytes, after the separator and indentation
    /// the writer puts before an element: for elements laid out up front (`JSONFindingLayout`
    /// at this writer's `depth`).
    mutating func element(_ body: (inout [UInt8]) -> Void) {
        precondition(stack.last?.isObject == false, "element outside an array")
        prepareValue()
        body(&output)
    }

    /// The finished document, with a final newline.
    mutating func finish() -> String {
        precondition(stack.isEmpty && !pendingKey, "unbalanced JSON document")
        output.append(0x0A)
        guard let sink else {
            let text = String(decoding: output, as: UTF8.self)
            output.removeAll()
            return text
        }
        sink(&output)
        return ""
    }

    // MARK: Layout

    private mutating func prepareValue() {
        if pendingKey {
            pendingKey = false
            return
        }
        if let last = stack.last {
            precondition(!last.isObject, "value in an object without a key")
            newlineBeforeItem()
        }
    }

    private mutating func newlineBeforeItem() {
        if let sink, output.count >= Self.flushSize { sink(&output) }
        let index = stack.count - 1
        if stack[index].count > 0 { output.append(UInt8(ascii: ",")) }
        stack[index].count += 1
        output.append(0x0A)
        indent(stack.count)
    }

    private mutating func close(_ bracket: UInt8) {
        precondition(!pendingKey, "key without a value")
        guard let container = stack.popLast() else { preconditionFailure("unbalanced JSON document") }
        if container.count > 0 {
            output.append(0x0A)
            indent(stack.count)
        }
        output.append(bracket)
    }

    private mutating func indent(_ level: Int) {
        var remaining = 2 * level
        while remaining > 0 {
            let piece = min(remaining, Self.spaces.count)
            output.append(contentsOf: Self.spaces[0..<piece])
            remaining -= piece
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    // MARK: Escaping

    /// `value` as a JSON string literal, quotes included.
    static func quoted(_ value: String) -> String {
        var result: [UInt8] = []
        appendQuoted(value, to: &result)
        return String(decoding: result, as: UTF8.self)
    }

    /// Appends `value` quoted and escaped.
    static func appendQuoted(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        appendEscaped(value, to: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// Appends `value` escaped, without the quotes around it, byte by byte over its UTF-8 (which
    /// is valid, being a `String`): runs of plain bytes are copied whole.
    static func appendEscaped(_ value: String, to output: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            var plainStart = 0
            // Eight bytes at a time while none needs a look: no control, quote, backslash, DEL,
            // and nothing non-ASCII (U+2028, U+2029 and U+FEFF start with 0xE2 and 0xEF).
            var index = 0
            while index < bytes.count {
                index = ByteWords.skipping(bytes, from: index) { word in
                    ByteWords.hasByte(below: 0x20, in: word) || ByteWords.hasByte(0x22, in: word) || ByteWords.hasByte(0x5C, in: word)
                        || ByteWords.hasByte(0x7F, in: word) || word & 0x8080_8080_8080_8080 != 0
                }
                guard index < bytes.count else { break }
                let byte = bytes[index]
                var escapedLength = 0
                var scalar: UInt32 = 0
                if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F {
                    escapedLength = 1
                    scalar = UInt32(byte)
                } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                    escapedLength = 3
                    scalar = bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029
                } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
                    escapedLength = 3
                    scalar = 0xFEFF
                }
                guard escapedLength > 0, let escape = escape(for: Unicode.Scalar(scalar)!) else {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<index]))
                output.append(contentsOf: escape.utf8)
                index += escapedLength
                plainStart = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<index]))
        }
    }

    private static func escape(for scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x22: return "\\\""
        case 0x5C: return "\\\\"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x00..<0x20, 0x7F, 0x2028, 0x2029, 0xFEFF: return "\\u" + hex4(scalar.value)
        default: return nil
        }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
