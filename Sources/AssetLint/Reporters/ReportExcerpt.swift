/// The source line under a text diagnostic, with the marker line that underlines the range.
///
/// Works on raw bytes so it shows exactly what is in the file, whatever it is:
/// - tabs expand to the next multiple of 4 cells;
/// - invisible, control and bidi characters become `<U+XXXX>`, bytes that are not UTF-8 `<0xFF>`;
/// - a line wider than `maxWidth` cells is cut around the range with `…` at the cut ends (and only
///   a bounded number of bytes around the range is ever read, so a 100 MB single-line manifest
///   costs no more than a short one);
/// - the underline covers the range's first line only (to the end of that line when the range
///   goes on), and is at least one cell wide, also for empty ranges and ranges at the end of a line.
struct ReportExcerpt {
    /// The displayed line, without terminator.
    var text: String
    /// Cells before the underline.
    var markerIndent: Int
    /// Cells underlined (at least 1).
    var markerWidth: Int

    static let maxWidth = 120
    static let leftContext = 40
    private static let tabStop = 4
    /// How far from the range start the line's ends are searched for.
    private static let backwardBudget = 320
    private static let forwardBudget = 800

    private struct Unit {
        var start: Int
        var text: String
        var width: Int
    }

    init(source: SourceFile, range: ByteRange) {
        let buffer = source.bytes
        let count = buffer.count
        let start = min(max(0, range.offset), count)
        let end = min(max(start, range.end), count)

        // The line around `start`, within budget.
        var lineStart = start
        while lineStart > 0, buffer[lineStart - 1] != 0x0A, start - lineStart < Self.backwardBudget { lineStart -= 1 }
        var cutLeft = lineStart > 0 && buffer[lineStart - 1] != 0x0A
        if cutLeft {
            // Do not begin inside a multi-byte sequence.
            while lineStart < start, buffer[lineStart] & 0xC0 == 0x80 { lineStart += 1 }
        }
        var lineEnd = start
        while lineEnd < count, buffer[lineEnd] != 0x0A, lineEnd - start < Self.forwardBudget { lineEnd += 1 }
        var cutRight = lineEnd < count && buffer[lineEnd] != 0x0A
        if !cutRight, lineEnd > lineStart, buffer[lineEnd - 1] == 0x0D, start < lineEnd { lineEnd -= 1 }

        // Display units.
        let secrets = source.redactions(overlapping: lineStart..<max(lineEnd, lineStart + 1))
        var units: [Unit] = []
        var cells = 0
        var index = lineStart
        while index < lineEnd {
            // Secrets (a key's private_key, a URL signature) are never shown, only marked.
            if let secret = secrets.first(where: { $0.offset <= index && index < $0.end }) {
                let text = "<redacted>"
                units.append(Unit(start: index, text: text, width: text.count))
                cells += text.count
                index = min(max(index + 1, secret.end), lineEnd)
                continue
            }
            let (scalar, length) = Self.decode(buffer, at: index, limit: lineEnd)
            var text: String
            var width: Int
            if let scalar {
                if scalar == "\t" {
                    width = Self.tabStop - cells % Self.tabStop
                    text = String(repeating: " ", count: width)
                } else if ReportTerminal.needsPlaceholder(scalar) {
                    text = ReportTerminal.placeholder(scalar)
                    width = text.count
                } else {
                    text = String(Character(scalar))
                    width = ReportTerminal.width(scalar)
                }
            } else {
                let hex = String(buffer[index], radix: 16, uppercase: true)
                text = "<0x" + (hex.count == 1 ? "0" + hex : hex) + ">"
                width = text.count
            }
            units.append(Unit(start: index, text: text, width: width))
            cells += width
            index += length
        }

        // Units under the range: [first, last).
        var first = units.count
        if start < lineEnd, let position = units.lastIndex(where: { $0.start <= start }) { first = position }
        var last = units.firstIndex { $0.start >= end } ?? units.count
        if end > lineEnd { last = units.count }
        last = max(last, first)

        // The visible window [from, to).
        var from = 0
        var to = units.count
        if cells > Self.maxWidth || cutLeft || cutRight {
            let budget = Self.maxWidth - 2
            from = first
            var used = 0
            while from > 0, used + units[from - 1].width <= Self.leftContext {
                from -= 1
                used += units[from].width
            }
            to = from
            used = 0
            while to < units.count, used + units[to].width <= budget {
                used += units[to].width
                to += 1
            }
            while from > 0, used + units[from - 1].width <= budget, to == units.count {
                from -= 1
                used += units[from].width
            }
            cutLeft = cutLeft || from > 0
            cutRight = cutRight || to < units.count
        }

        var line = cutLeft ? "…" : ""
        var indent = cutLeft ? 1 : 0
        var underline = 0
        for position in from..<to {
            line += units[position].text
            if position < first {
                indent += units[position].width
            } else if position < last {
                underline += units[position].width
            }
        }
        if cutRight { line += "…" }
        text = line
        markerIndent = indent
        markerWidth = max(1, underline)
    }

    /// One scalar at `index` of the line ending at `limit`, or nil (length 1) for a byte that does
    /// not start valid UTF-8 there.
    private static func decode(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int, limit: Int) -> (Unicode.Scalar?, Int) {
        let (value, length) = UTF8Decoding.decode(UnsafeBufferPointer(rebasing: buffer[..<limit]), at: index)
        return (value.flatMap(Unicode.Scalar.init), length)
    }
}
