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
    private(set) var output = ""
    private var stack: [Container] = []
    /// Set by `key(_:)`: the next value completes a member instead of starting an array element.
    private var pendingKey = false

    private struct Container {
        var isObject: Bool
        var count = 0
    }

    init() {}

    // MARK: Containers

    mutating func beginObject() {
        prepareValue()
        output += "{"
        stack.append(Container(isObject: true))
    }

    mutating func endObject() {
        close("}")
    }

    mutating func beginArray() {
        prepareValue()
        output += "["
        stack.append(Container(isObject: false))
    }

    mutating func endArray() {
        close("]")
    }

    /// Starts a member of the current object; the next call writes its value.
    mutating func key(_ name: String) {
        precondition(stack.last?.isObject == true && !pendingKey, "key outside an object")
        newlineBeforeItem()
        Self.appendQuoted(name, to: &output)
        output += ": "
        pendingKey = true
    }

    // MARK: Scalars

    mutating func string(_ value: String) {
        prepareValue()
        Self.appendQuoted(value, to: &output)
    }

    mutating func int(_ value: Int) {
        prepareValue()
        output += String(value)
    }

    mutating func bool(_ value: Bool) {
        prepareValue()
        output += value ? "true" : "false"
    }

    mutating func null() {
        prepareValue()
        output += "null"
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

    /// The finished document, with a final newline.
    mutating func finish() -> String {
        precondition(stack.isEmpty && !pendingKey, "unbalanced JSON document")
        return output + "\n"
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
        let index = stack.count - 1
        if stack[index].count > 0 { output += "," }
        stack[index].count += 1
        output += "\n"
        indent(stack.count)
    }

    private mutating func close(_ bracket: String) {
        precondition(!pendingKey, "key without a value")
        guard let container = stack.popLast() else { preconditionFailure("unbalanced JSON document") }
        if container.count > 0 {
            output += "\n"
            indent(stack.count)
        }
        output += bracket
    }

    private mutating func indent(_ level: Int) {
        for _ in 0..<level { output += "  " }
    }

    // MARK: Escaping

    /// `value` as a JSON string literal, quotes included.
    static func quoted(_ value: String) -> String {
        var result = ""
        appendQuoted(value, to: &result)
        return result
    }

    static func appendQuoted(_ value: String, to output: inout String) {
        output += "\""
        var plainStart = value.unicodeScalars.startIndex
        var index = plainStart
        let scalars = value.unicodeScalars
        while index != scalars.endIndex {
            let scalar = scalars[index]
            if let escape = escape(for: scalar) {
                output += String(scalars[plainStart..<index])
                output += escape
                index = scalars.index(after: index)
                plainStart = index
            } else {
                index = scalars.index(after: index)
            }
        }
        output += String(scalars[plainStart..<index])
        output += "\""
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
