#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of a document open in an editor: its UTF-8 bytes in one buffer of its own, edited in
/// place, with conversions between byte offsets (what the engine reports) and the line and column
/// positions of the Language Server Protocol.
///
/// The buffer is the only copy of the text: `init(adopting:text:)` takes over the memory a
/// message was read into, `replace` moves the bytes after an edit within the buffer (growing it
/// with `realloc`, which moves large blocks by remapping pages, not by copying), and the engine
/// lints the buffer itself through `withSourceFile`.
public final class EditableText {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    public private(set) var count: Int
    private var lines = LineTable()

    public init<Bytes: Collection>(copying bytes: Bytes) where Bytes.Element == UInt8 {
        count = bytes.count
        capacity = max(1, count)
        base = Self.allocate(capacity)
        let base = base
        let copied = bytes.withContiguousStorageIfAvailable { buffer in
            if let source = buffer.baseAddress { base.update(from: source, count: buffer.count) }
        }
        guard copied == nil else { return }
        var offset = 0
        for byte in bytes {
            base[offset] = byte
            offset += 1
        }
    }

    public convenience init(_ text: String) {
        self.init(copying: text.utf8)
    }

    /// Takes over `allocation` (from `malloc`), whose bytes `text` are the document: they are
    /// moved to its start and the rest is given back.
    public init(adopting allocation: UnsafeMutablePointer<UInt8>, text: Range<Int>) {
        count = text.count
        if text.lowerBound > 0, count > 0 {
            (allocation).update(from: allocation + text.lowerBound, count: count)
        }
        capacity = max(1, count)
        guard let shrunk = realloc(allocation, capacity) else {
            // Shrinking cannot fail in practice; the larger block serves as well.
            base = allocation
            return
        }
        base = shrunk.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(base) }

    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// The text as a string (invalid UTF-8 repaired); for small texts and tests.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Replaces the bytes `range` (clamped to the text) with `replacement`.
    public func replace(_ range: Range<Int>, with replacement: UnsafeBufferPointer<UInt8>) {
        let lower = min(max(0, range.lowerBound), count)
        let upper = min(max(lower, range.upperBound), count)
        let newCount = count - (upper - lower) + replacement.count
        if newCount > capacity {
            // Room for more typing without a reallocation each time.
            let grown = max(newCount, capacity + capacity / 4 + 4096)
            guard let moved = realloc(base, grown) else { fatalError("out of memory for a \(grown)-byte document") }
            base = moved.assumingMemoryBound(to: UInt8.self)
            capacity = grown
        }
        let tail = count - upper
        if tail > 0 { (base + lower + replacement.count).update(from: base + upper, count: tail) }
        if let source = replacement.baseAddress, replacement.count > 0 {
            (base + lower).update(from: source, count: replacement.count)
        }
        count = newCount
        lines.invalidate(from: lower)
    }

    public func replace(_ range: Range<Int>, with replacement: String) {
        var replacement = replacement
        replacement.withUTF8 { replace(range, with: $0) }
    }

    /// Lets the engine read the text where it is, as a `SourceFile` named `path` that must not
    /// outlive `body` (the text may change afterwards).
    public func withSourceFile<Result>(path: String, _ body: (SourceFile) throws -> Result) rethrows -> Result {
        let file = SourceFile(path: path, storage: ByteStorage(buffer: bytes, release: {}))
        return try body(file)
    }

    // MARK: - Positions

    /// The number of lines (a text ending in a line terminator has an empty last line).
    public var lineCount: Int { lines.lineCount(in: bytes) }

    /// The byte offset of `position`. A line past the last gives the end of the text; a column
    /// past the end of its line gives the end of the line (the protocol says so); a column inside
    /// a character (the second half of a UTF-16 surrogate pair) gives the character's start.
    public func offset(of position: TextPosition, encoding: PositionEncoding) -> Int {
        let text = bytes
        guard let start = lines.start(ofLine: position.line, in: text) else { return count }
        let end = LineTable.contentEnd(ofLineAt: start, in: text)
        var offset = start
        var units = 0
        let wanted = max(0, position.character)
        while offset < end, units < wanted {
            if offset + 8 <= end, units + 8 <= wanted, Self.isASCIIWord(at: offset, in: text) {
                offset += 8
                units += 8
                continue
            }
            let length = min(Self.scalarLength(lead: text[offset]), end - offset)
            let scalarUnits = encoding == .utf8 ? length : encoding.units(ofByte: text[offset])
            if units + scalarUnits > wanted { break }
            units += scalarUnits
            offset += length
        }
        return offset
    }

    /// The position of byte `offset` (clamped to the text). An offset inside a line terminator
    /// is the end of its line; one inside a character is the character's position.
    public func position(of offset: Int, encoding: PositionEncoding) -> TextPosition {
        positions(of: [offset], encoding: encoding)[0]
    }

    /// The positions of many offsets, in their order, in one pass over the text: sorted, each is
    /// counted on from the one before when both are on one line, so a thousand findings on the
    /// one line of a minified hundred-megabyte manifest read it once, not a thousand times.
    public func positions(of offsets: [Int], encoding: PositionEncoding) -> [TextPosition] {
        let text = bytes
        var result = [TextPosition](repeating: TextPosition(line: 0, character: 0), count: offsets.count)
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        // The line the previous offset was on, where its content ends and the next line starts,
        // and how many units lie between its start and `counted`.
        var line = -1
        var contentEnd = 0
        var nextLine = 0
        var counted = 0
        var units = 0
        for index in order {
            let offset = min(max(0, offsets[index]), text.count)
            if line < 0 || offset >= nextLine || offset < counted {
                let found = lines.line(containing: offset, in: text)
                line = found.line
                let terminator = LineTable.terminator(in: text, from: found.start, before: text.count)
                contentEnd = terminator?.0 ?? text.count
                nextLine = terminator.map { $0.0 + $0.1 } ?? text.count + 1
                counted = found.start
                units = 0
            }
            // An offset inside a character is that character's position.
            var target = min(offset, contentEnd)
            while target > counted, target < text.count, text[target] & 0xC0 == 0x80 { target -= 1 }
            if target > counted {
                units += Self.units(in: text, from: counted, to: target, encoding: encoding)
                counted = target
            }
            result[index] = TextPosition(line: line, character: units)
        }
        return result
    }

    /// The units of `encoding` in bytes `[start, end)`: eight ASCII bytes at a time where they are.
    static func units(in text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, encoding: PositionEncoding) -> Int {
        if encoding == .utf8 { return end - start }
        var units = 0
        var offset = start
        while offset < end {
            if offset + 8 <= end, isASCIIWord(at: offset, in: text) {
                offset += 8
                units += 8
                continue
            }
            units += encoding.units(ofByte: text[offset])
            offset += 1
        }
        return units
    }

    @inline(__always)
    private static func isASCIIWord(at offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        UnsafeRawPointer(text.baseAddress! + offset).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
    }

    /// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
    @inline(__always)
    public static func scalarLength(lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    private static func allocate(_ size: Int) -> UnsafeMutablePointer<UInt8> {
        guard let memory = malloc(size) else { fatalError("out of memory for a \(size)-byte document") }
        return memory.assumingMemoryBound(to: UInt8.self)
    }
}
