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
        guard let base = bytes.baseAddress, !targets.isEmpty else { return }
        let count = bytes.count
        var offset = start
        var depth = 0
        var index = 0
        var released = start
        while offset < count {
            if offset - released >= 8 << 20 {
                passed(released..<offset)
                released = offset
            }
            let byte = base[offset]
            switch byte {
            case UInt8(ascii: "\""):
                guard let end = endOfString(base, count: count, from: offset + 1) else { return }
                offset = end
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth < 0 { return }
            case UInt8(ascii: ",") where depth == 0:
                index += 1
                var next = offset + 1
                while next < count, base[next] == 0x20 || base[next] == 0x0A || base[next] == 0x0D || base[next] == 0x09 { next += 1 }
                if next >= targets[reported] {
                    found(PartBoundary(offset: next, index: index))
                    reported += 1
                    if reported == targets.count { return }
                }
                offset = next - 1
            default:
                break
            }
            offset += 1
        }
    }

    /// The offset just past the closing quote of a string whose content starts at `start`, or nil
    /// when the text ends first. Words of eight bytes without a quote or backslash are skipped whole.
    @inline(__always)
    private static func endOfString(_ base: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var offset = start
        while true {
            while offset + 8 <= count {
                let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                if ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & highs != 0 { break }
                offset += 8
            }
            guard offset < count else { return nil }
            switch base[offset] {
            case UInt8(ascii: "\""): return offset + 1
            case UInt8(ascii: "\\"): offset += 2
            default: offset += 1
            }
        }
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
