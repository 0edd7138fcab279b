import Foundation

/// Where a later part of a large manifest begins: the offset of an element of the top-level array
/// and its item number.
struct PartBoundary: Equatable {
    var offset: Int
    var index: Int
}

/// Finds where to cut a manifest's top-level array into parts for the cores, by a structural scan
/// far quicker than parsing: it follows strings (and their escapes) and brackets only, counting
/// the commas between elements. It trusts the text to be JSON; the engine does not: a part's
/// results count only when the parser of the part before it ended exactly at the boundary with
/// the same item number (`JSONParser.endPart(at:)`), so a wrong cut costs time, never findings.
enum ManifestPartition {
    /// Scans the array whose first element may begin at `start` and calls `found` with the first
    /// element that begins at or after each of the ascending `targets`, in order; then with nil
    /// for each target the array does not reach (it ended, or the text broke off).
    /// `passed` hears every few megabytes which bytes the scan is done with (the caller may drop
    /// their pages: the scan runs far ahead of the part that checks them).
    static func boundaries(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, targets: [Int],
        passed: (Range<Int>) -> Void = { _ in }, found: (PartBoundary?) -> Void
    ) {
        var reported = 0
        defer { for _ in reported..<targets.count { found(nil) } }
        guard !targets.isEmpty else { return }
        walkElements(in: bytes, from: start, passed: passed) { element in
            guard element.offset >= targets[reported] else { return true }
            found(element)
            reported += 1
            return reported < targets.count
        }
    }

    /// A forward walk over the elements of a top-level array by the same scan: where item k
    /// begins, for reading the few items that have findings without parsing the others
    /// (`ItemIdentity`). It only moves forward; it can be started again at any element it passed.
    struct ElementCursor {
        private let bytes: UnsafeBufferPointer<UInt8>
        /// The element the walk is at; nil once the array has ended or broken off.
        private(set) var element: PartBoundary?

        /// At the first element of the array whose first element may begin at `start`.
        init(bytes: UnsafeBufferPointer<UInt8>, arrayStart start: Int) {
            self.bytes = bytes
            let first = JSONParser.skippingWhitespace(bytes, from: start)
            element = first < bytes.count && bytes[first] != UInt8(ascii: "]") ? PartBoundary(offset: first, index: 0) : nil
        }

        /// At an element an earlier walk passed.
        init(bytes: UnsafeBufferPointer<UInt8>, at element: PartBoundary) {
            self.bytes = bytes
            self.element = element
        }

        /// Moves on to item `index` (at or after the current one) and returns where it begins, or
        /// nil when the array ends before it (the cursor is then past the end). `passing` hears
        /// each element stepped onto on the way, the last one included.
        mutating func advance(to index: Int, passing: (PartBoundary) -> Void = { _ in }) -> Int? {
            guard let current = element, index >= current.index else { return nil }
            if index == current.index { return current.offset }
            var reached: PartBoundary?
            ManifestPartition.walkElements(in: bytes, from: current.offset, firstIndex: current.index) { next in
                passing(next)
                guard next.index >= index else { return true }
                reached = next
                return false
            }
            element = reached
            return reached?.index == index ? reached?.offset : nil
        }
    }

    /// The structural scan: follows the array whose first element may begin at `start` (or, with
    /// `firstIndex`, whose element number `firstIndex` begins there) and calls `visit` with every
    /// element that follows a separating comma (its offset and item number), until `visit`
    /// returns false or the array ends or the text breaks off.
    @inline(__always)
    private static func walkElements(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, firstIndex: Int = 0, passed: (Range<Int>) -> Void = { _ in },
        visit: (PartBoundary) -> Bool
    ) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var offset = start
        var depth = 0
        var index = firstIndex
        var released = start
        while offset < count {
            if offset - released >= ByteStorage.releaseStep {
                passed(released..<offset)
                released = offset
            }
            // Outside strings, only quotes, brackets and commas matter.
            offset = nextByte(in: base, count: count, from: offset, structural: true)
            guard offset < count else { return }
            switch base[offset] {
            case UInt8(ascii: "\""):
                // Inside a string, only its closing quote and escapes matter.
                offset += 1
                while true {
                    offset = nextByte(in: base, count: count, from: offset, structural: false)
                    guard offset < count else { return }
                    if base[offset] == UInt8(ascii: "\"") { break }
                    offset += 2
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth < 0 { return }
            case UInt8(ascii: ",") where depth == 0:
                index += 1
                let next = JSONParser.skippingWhitespace(bytes, from: offset + 1)
                // A `]` after the comma is a trailing comma, which the parser reports where it
                // reads the separator: no element begins there.
                if next >= count || base[next] != UInt8(ascii: "]") {
                    guard visit(PartBoundary(offset: next, index: index)) else { return }
                }
                offset = next - 1
            default:
                break
            }
            offset += 1
        }
    }

    /// The offset of the next byte at or after `start` that is a quote or backslash, or with
    /// `structural` a quote, bracket, brace or comma; `count` when there is none. Eight bytes at
    /// a time: in each word the lowest byte the has-zero test flags is a true match (the test's
    /// false positives only lie above a true one).
    @inline(__always)
    private static func nextByte(in base: UnsafePointer<UInt8>, count: Int, from start: Int, structural: Bool) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeros(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        var offset = start
        while offset + 8 <= count {
            let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            var found = zeros(word ^ (ones &* 0x22))
            if structural {
                // `{` and `[` (0x7B, 0x5B) and `}` and `]` (0x7D, 0x5D) differ only in bit 0x20.
                let folded = word | (ones &* 0x20)
                found |= zeros(folded ^ (ones &* 0x7B)) | zeros(folded ^ (ones &* 0x7D)) | zeros(word ^ (ones &* 0x2C))
            } else {
                found |= zeros(word ^ (ones &* 0x5C))
            }
            if found != 0 { return offset + found.trailingZeroBitCount / 8 }
            offset += 8
        }
        while offset < count {
            let byte = base[offset]
            if byte == 0x22 { return offset }
            if structural {
                if byte | 0x20 == 0x7B || byte | 0x20 == 0x7D || byte == 0x2C { return offset }
            } else if byte == 0x5C {
                return offset
            }
            offset += 1
        }
        return count
    }
}

/// The cuts of one file into parts, and which parts are no longer needed. The cuts are found by
/// the first thread that asks (normally the second part's, at its start, while the first part
/// parses): a thread never waits for another that may not be running, only for the lock while
/// the scan runs.
final class PartPlan: @unchecked Sendable {
    let parts: Int
    private let file: SourceFile
    private let arrayStart: Int
    /// The nominal start of part k ≥ 1 is `targets[k - 1]`.
    private let targets: [Int]
    private var boundaries: [PartBoundary?]?
    private var cancelledFrom = Int.max
    private let lock = NSLock()

    /// The part that scans for the cuts starts that much later; cutting past the even split gives
    /// it less to check. Measured on a million-item manifest: the scan of half the file takes
    /// about 70 ms, the checks of a percent of it about 10 ms, and the first part (which reads
    /// again the pages the scan released) checks about 7% slower than the second.
    static let scanCost = 0.07

    init(file: SourceFile, arrayStart: Int, parts: Int) {
        self.file = file
        self.arrayStart = arrayStart
        self.parts = parts
        let length = Double(file.count - arrayStart)
        targets = (1..<parts).map { part in
            arrayStart + Int(min(length, length * Double(part) / Double(parts) * (1 + Self.scanCost / 2)))
        }
    }

    /// Where part `part` (1 or more) nominally starts.
    func target(ofPart part: Int) -> Int? {
        part >= 1 && part < parts ? targets[part - 1] : nil
    }

    /// Where part `part` (1 or more) begins; nil when the array ends (or breaks off) before it.
    func boundary(ofPart part: Int) -> PartBoundary? {
        lock.lock()
        defer { lock.unlock() }
        if boundaries == nil {
            var found: [PartBoundary?] = []
            let storage = file.storage
            ManifestPartition.boundaries(
                in: file.bytes, from: arrayStart, targets: targets, passed: { storage.dropPages(in: $0) }, found: { found.append($0) })
            boundaries = found
        }
        guard part >= 1, part < parts else { return nil }
        return boundaries?[part - 1]
    }

    /// Parts `part` and later will not count (the part before did not end where they begin).
    func cancel(from part: Int) {
        lock.lock()
        cancelledFrom = min(cancelledFrom, part)
        lock.unlock()
    }

    func isCancelled(_ part: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return part >= cancelledFrom
    }
}
