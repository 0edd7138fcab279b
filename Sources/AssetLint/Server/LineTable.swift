#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the lines of a text start, found lazily and forgotten from an edit on, as the Language
/// Server Protocol counts lines: each ends at `\n`, `\r\n` or a lone `\r`.
///
/// Only the start of every 64th line is kept (like `SourceFile`'s line table), so a text of a
/// hundred million empty lines costs 12 MB, not 800; a line is found from the nearest kept start
/// with a few `memchr` calls. The table is scanned only as far as a question needs, and an edit
/// drops only what lies after its offset, so typing at the end of a large document rescans a few
/// lines, not the document.
struct LineTable {
    static let stride = 64

    /// The start of lines 0, 64, 128, …, as far as scanned.
    private var checkpoints: [Int] = [0]
    /// The number of lines whose start is known; the last of them starts at `frontier`.
    private var known = 1
    private var frontier = 0
    /// Whether the line at `frontier` is the text's last (no terminator after it).
    private var complete = false

    /// Forgets every line start at or after `offset`: an edit there may move or remove them (a
    /// `\n` inserted right after a lone `\r` joins the two into one terminator).
    mutating func invalidate(from offset: Int) {
        complete = false
        guard offset <= frontier else { return }
        var keep = checkpoints.count - 1
        while keep > 0, checkpoints[keep] >= offset { keep -= 1 }
        checkpoints.removeSubrange((keep + 1)...)
        known = keep * Self.stride + 1
        frontier = checkpoints[keep]
    }

    /// The line holding `offset` (clamped to the text) and the offset its line starts at. An
    /// offset inside a `\r\n` belongs to the line the terminator ends.
    mutating func line(containing offset: Int, in text: UnsafeBufferPointer<UInt8>) -> (line: Int, start: Int) {
        let offset = min(max(0, offset), text.count)
        while !complete, frontier <= offset { scanLine(text) }
        // The last kept start at or before `offset`, then line by line.
        var low = 0
        var high = checkpoints.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if checkpoints[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        var line = low * Self.stride
        var start = checkpoints[low]
        while let (terminator, length) = Self.terminator(in: text, from: start, before: offset), terminator + length <= offset {
            line += 1
            start = terminator + length
        }
        return (line, start)
    }

    /// The offset line `line` starts at, or nil when the text has fewer lines.
    mutating func start(ofLine line: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard line >= 0 else { return nil }
        while !complete, known <= line { scanLine(text) }
        guard line < known else { return nil }
        var current = (line / Self.stride) * Self.stride
        var start = checkpoints[line / Self.stride]
        while current < line, let (terminator, length) = Self.terminator(in: text, from: start, before: text.count) {
            current += 1
            start = terminator + length
        }
        return start
    }

    /// The number of lines (a text ending in a terminator has an empty last line).
    mutating func lineCount(in text: UnsafeBufferPointer<UInt8>) -> Int {
        while !complete { scanLine(text) }
        return known
    }

    /// Finds the end of the line at `frontier`.
    private mutating func scanLine(_ text: UnsafeBufferPointer<UInt8>) {
        guard let (terminator, length) = Self.terminator(in: text, from: frontier, before: text.count) else {
            complete = true
            return
        }
        frontier = terminator + length
        if known % Self.stride == 0 { checkpoints.append(frontier) }
        known += 1
    }

    /// The first line terminator at or after `start` that begins before `limit`, and its length
    /// (2 for `\r\n`). One `memchr` for `\n`, then one for `\r` in the bytes before it.
    static func terminator(in text: UnsafeBufferPointer<UInt8>, from start: Int, before limit: Int) -> (Int, Int)? {
        let limit = min(limit, text.count)
        guard start < limit, let base = text.baseAddress else { return nil }
        let newline = memchr(base + start, 0x0A, limit - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
        let searched = (newline ?? limit) - start
        if searched > 0, let found = memchr(base + start, 0x0D, searched) {
            let carriageReturn = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let pairs = carriageReturn + 1 < text.count && text[carriageReturn + 1] == 0x0A
            return (carriageReturn, pairs ? 2 : 1)
        }
        return newline.map { ($0, 1) }
    }

    /// Where the content of the line starting at `start` ends (its terminator, or the text's end).
    static func contentEnd(ofLineAt start: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        terminator(in: text, from: start, before: text.count)?.0 ?? text.count
    }
}
