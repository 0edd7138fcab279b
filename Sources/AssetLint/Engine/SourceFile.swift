import Foundation

/// A 1-based line and column; columns count Unicode scalars.
public struct SourcePosition: Hashable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// The bytes of one input file, owned for the duration of a lint, with offset-to-position mapping.
///
/// The bytes are held in one contiguous buffer so the JSON layer can scan them with raw pointers;
/// large files are memory-mapped rather than copied.
public final class SourceFile: Sendable {
    /// The path as the user gave it (or the `--stdin-filename`), used in every report.
    public let path: String
    public let storage: ByteStorage
    /// The storage's bytes, held here too: read for every item, a stored constant costs no
    /// reference counting.
    private let shared: SharedBytes
    /// What is filled in while the file is linted and reported, from any thread.
    private let state = Locked(State())

    private struct State {
        var identity: FileIdentity?
        var redactedRanges: [ByteRange] = []
        /// `redactedRanges` sorted by offset, with the running maximum of their ends, built on first use.
        var redactionIndex: (ranges: [ByteRange], maxEnd: [Int])?
        /// Offsets of the first byte of every `linesPerCheckpoint`-th line (lines 1, 65, 129, …),
        /// filled lazily as positions are asked for: a position is found from the nearest checkpoint
        /// with a few memchr calls, and a million-line manifest needs 16,000 entries instead of a
        /// million.
        var checkpoints: [Int] = [0]
        var linesFound = 1
        var scannedUpTo = 0
    }

    private static let linesPerCheckpoint = 64

    /// What the file was on disk when read (nil for standard input), so a fix is never written
    /// over a file that changed in the meantime.
    public var identity: FileIdentity? {
        get { state.withLock { $0.identity } }
        set { state.withLock { $0.identity = newValue } }
    }

    /// Byte ranges whose content must never be printed (key material, URL signatures); reporters
    /// show `<redacted>` instead. Filled by the engine while linting.
    public var redactions: [ByteRange] {
        get { state.withLock { $0.redactedRanges } }
        set {
            state.withLock { state in
                state.redactedRanges = newValue
                state.redactionIndex = nil
            }
        }
    }

    public init(path: String, storage: ByteStorage) {
        self.path = path
        self.storage = storage
        shared = SharedBytes(buffer: storage.buffer)
    }

    public convenience init(path: String, bytes: [UInt8]) {
        self.init(path: path, storage: ByteStorage(copying: bytes))
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The redacted ranges that overlap `window`, in offset order. A binary search: reporters ask
    /// once per excerpt, and a file may hold millions of secrets.
    public func redactions(overlapping window: Range<Int>) -> [ByteRange] {
        state.withLock { state in
            if state.redactedRanges.isEmpty { return [] }
            if state.redactionIndex == nil {
                let sorted = state.redactedRanges.sorted { ($0.offset, $0.end) < ($1.offset, $1.end) }
                var maxEnd: [Int] = []
                maxEnd.reserveCapacity(sorted.count)
                for range in sorted { maxEnd.append(max(maxEnd.last ?? Int.min, range.end)) }
                state.redactionIndex = (sorted, maxEnd)
            }
            let (ranges, maxEnd) = state.redactionIndex!
            // First range starting at or after the window's end: none from there on overlaps.
            var low = 0
            var high = ranges.count
            while low < high {
                let mid = (low + high) / 2
                if ranges[mid].offset < window.upperBound { low = mid + 1 } else { high = mid }
            }
            var found: [ByteRange] = []
            var index = low - 1
            while index >= 0, maxEnd[index] > window.lowerBound {
                if ranges[index].end > window.lowerBound { found.append(ranges[index]) }
                index -= 1
            }
            return found.reversed()
        }
    }

    public var bytes: UnsafeBufferPointer<UInt8> { shared.buffer }
    public var count: Int { shared.buffer.count }

    /// The position of byte `offset` (clamped to the file).
    public func position(of offset: Int) -> SourcePosition {
        let buffer = bytes
        let offset = min(max(0, offset), buffer.count)
        return state.withLock { state in
            scanLines(upTo: offset, in: &state)
            // The last checkpoint at or before offset, then line by line from there.
            let checkpoints = state.checkpoints
            var low = 0
            var high = checkpoints.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if checkpoints[mid] <= offset { low = mid } else { high = mid - 1 }
            }
            var line = low * Self.linesPerCheckpoint + 1
            var start = checkpoints[low]
            let before = UnsafeBufferPointer(rebasing: buffer[..<offset])
            while let newline = ByteSearch.find(0x0A, in: before, from: start) {
                line += 1
                start = newline + 1
            }
            var column = 1
            var index = start
            while index < offset {
                if buffer[index] & 0xC0 != 0x80 { column += 1 }
                index += 1
            }
            // An offset inside a multi-byte scalar belongs to that scalar.
            if offset < buffer.count, offset > start, buffer[offset] & 0xC0 == 0x80 { column -= 1 }
            return SourcePosition(line: line, column: column)
        }
    }

    /// The byte range of the line holding `offset`, without its line terminator.
    public func lineRange(containing offset: Int) -> Range<Int> {
        let buffer = bytes
        let offset = min(max(0, offset), buffer.count)
        var start = offset
        while start > 0, buffer[start - 1] != 0x0A { start -= 1 }
        var end = offset
        while end < buffer.count, buffer[end] != 0x0A { end += 1 }
        var trimmed = end
        if trimmed > start, buffer[trimmed - 1] == 0x0D { trimmed -= 1 }
        return start..<trimmed
    }

    public func text(in range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, count))
        let upper = max(lower, min(range.upperBound, count))
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
    }

    private func scanLines(upTo offset: Int, in state: inout State) {
        guard offset >= state.scannedUpTo else { return }
        let buffer = bytes
        let end = min(buffer.count, offset + 1)
        // Line by line with memchr. A line table asked for after a large manifest has streamed
        // (a finding's line) reads the whole file again: the pages it has passed are dropped
        // again as it goes, so they do not all become resident at once.
        let window = UnsafeBufferPointer(rebasing: buffer[..<end])
        var index = state.scannedUpTo
        var released = index
        while let newline = ByteSearch.find(0x0A, in: window, from: index) {
            if state.linesFound % Self.linesPerCheckpoint == 0 { state.checkpoints.append(newline + 1) }
            state.linesFound += 1
            index = newline + 1
            if index - released >= ByteStorage.releaseStep {
                storage.dropPages(before: index)
                released = index
            }
        }
        state.scannedUpTo = end
    }
}

/// Owner of a file's bytes: a heap copy or a read-only memory mapping.
public final class ByteStorage: Sendable {
    private let shared: SharedBytes
    public var buffer: UnsafeBufferPointer<UInt8> { shared.buffer }
    private let release: @Sendable () -> Void
    /// Drops the resident pages of a page-aligned range of a memory mapping (they are read again
    /// from the file if touched later); nil for heap storage.
    private let dropPages: (@Sendable (Range<Int>) -> Void)?
    /// Reads the file itself (pread) for a mapped file; nil for heap storage.
    private let readAt: (@Sendable (UnsafeMutableRawBufferPointer, Int) -> Int)?
    private let droppedUpTo = Locked(0)

    public init(copying bytes: [UInt8]) {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.initialize(from: base, count: source.count) }
        }
        let shared = SharedBytes(buffer: UnsafeBufferPointer(start: pointer, count: bytes.count))
        self.shared = shared
        release = { UnsafeMutablePointer(mutating: shared.buffer.baseAddress!).deallocate() }
        dropPages = nil
        readAt = nil
    }

    public init(
        buffer: UnsafeBufferPointer<UInt8>, release: @escaping @Sendable () -> Void, dropPages: (@Sendable (Range<Int>) -> Void)? = nil,
        readAt: (@Sendable (UnsafeMutableRawBufferPointer, Int) -> Int)? = nil
    ) {
        shared = SharedBytes(buffer: buffer)
        self.release = release
        self.dropPages = dropPages
        self.readAt = readAt
    }

    /// Copies the bytes at `offset` into `destination`; returns how many. A mapped file is read
    /// with `pread`, not through the mapping: a few reads at scattered offsets after streaming
    /// (ids read back to confirm a match) would otherwise bring the pages around each into
    /// memory, which on some page caches is megabytes a read.
    public func copy(into destination: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        let buffer = self.buffer
        let count = max(0, min(destination.count, buffer.count - offset))
        guard count > 0, offset >= 0 else { return 0 }
        if let readAt { return readAt(UnsafeMutableRawBufferPointer(rebasing: destination[0..<count]), offset) }
        destination.baseAddress!.copyMemory(from: buffer.baseAddress! + offset, byteCount: count)
        return count
    }

    /// Lets the kernel reclaim the pages before `offset` of a mapped file, so streaming a huge file
    /// keeps resident memory flat. Only whole chunks are released, to keep the calls rare.
    /// Drops the resident pages before `offset` even when they were dropped before and have been
    /// read again since (`releasePages` only moves forward).
    func dropPages(before offset: Int) {
        dropPages(in: 0..<offset)
    }

    /// Drops the resident pages that lie wholly inside bytes `range`.
    func dropPages(in range: Range<Int>) {
        guard let dropPages else { return }
        let lower = (range.lowerBound + 4095) & ~4095
        let upper = range.upperBound & ~4095
        if upper > lower { dropPages(lower..<upper) }
    }

    /// Pages are released in steps of this many bytes.
    static let releaseStep = 8 << 20

    public func releasePages(before offset: Int) {
        guard let dropPages else { return }
        let chunk = Self.releaseStep
        droppedUpTo.withLock { droppedUpTo in
            guard offset - droppedUpTo >= chunk else { return }
            let end = offset & ~(chunk - 1)
            guard end > droppedUpTo else { return }
            dropPages(droppedUpTo..<end)
            droppedUpTo = end
        }
    }

    deinit { release() }
}

/// The on-disk identity of a file at the time it was read.
public struct FileIdentity: Equatable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modificationSeconds: Int64
    public var modificationNanoseconds: Int64
    public var mode: UInt32
}
