import Foundation

/// Key material and URL signatures are redacted in streamed files too (a manifest item may carry a
/// pasted key or a presigned URL): the items' bytes are scanned while they are in memory anyway,
/// every 64th item up to its end, and after a fatal issue the rest of the file (an unterminated
/// key runs to its end).
struct SecretRedaction {
    private let file: SourceFile
    private var scanned: Int
    private(set) var found: [ByteRange] = []

    init(file: SourceFile, from start: Int) {
        self.file = file
        scanned = start
    }

    /// Called after each item: one call over many items costs less than one per item.
    mutating func passed(item index: Int, end: Int) {
        if index & 0x3F == 0 { scan(upTo: end) }
    }

    mutating func scan(upTo end: Int) {
        guard end > scanned else { return }
        let window = UnsafeBufferPointer(rebasing: file.bytes[scanned..<end])
        // The rest of a file after a fatal issue can be hundreds of megabytes: scanned in steps,
        // its pages dropped behind.
        let step = ByteStorage.releaseStep
        let base = scanned
        let storage = file.storage
        let ranges = window.count <= step ? SecretScanner.ranges(in: window)
            : SecretScanner.ranges(in: window, from: 0, step: step) { storage.dropPages(in: (base + $0.lowerBound)..<(base + $0.upperBound)) }
        for range in ranges { found.append(ByteRange(offset: range.offset + base, length: range.length)) }
        scanned = end
    }
}

/// Hands the pages of a memory-mapped file back to the kernel behind the stream, in steps, so that
/// resident memory does not grow with the file.
struct PageRelease {
    private let storage: ByteStorage
    private var released: Int

    init(file: SourceFile, from start: Int) {
        storage = file.storage
        released = start
    }

    /// The stream has reached `position`.
    mutating func advance(to position: Int) {
        guard position - released >= ByteStorage.releaseStep else { return }
        storage.dropPages(in: released..<position)
        released = position
    }
}

/// Where a part of a file checked in parts ends: at the element where the next part begins, which
/// is known once the parser nears that part's nominal start. A part that does not find the parser
/// exactly there (a broken file) goes on to the end of the file, and the later parts are cancelled.
struct PartCut {
    private let plan: PartPlan
    private let part: Int
    private var end: PartBoundary?
    private var target: Int?
    /// Whether the part stopped exactly where the next one begins.
    private(set) var reachedEnd = false

    init(plan: PartPlan, part: Int) {
        self.plan = plan
        self.part = part
        target = plan.target(ofPart: part + 1)
    }

    /// Whether the part is done before item number `index`.
    mutating func endsBefore(item index: Int, in source: inout ItemSource) -> Bool {
        if let target, let next = source.nextElementStart(), next >= target {
            end = plan.boundary(ofPart: part + 1)
            self.target = nil
        }
        guard let boundary = end, index >= boundary.index else { return false }
        if index == boundary.index, source.endPart(at: boundary.offset) {
            reachedEnd = true
            return true
        }
        // The cut was not where the parser is: this part goes on to the end of the file.
        plan.cancel(from: part + 1)
        end = nil
        return false
    }

    /// The stream of this part is over.
    func finish() {
        if !reachedEnd { plan.cancel(from: part + 1) }
    }

    var isCancelled: Bool { plan.isCancelled(part) }
}

/// The progress of the threads streaming one file, summed for the progress bar.
final class StreamProgress: @unchecked Sendable {
    private let path: String
    private let total: Int
    private var bytes: [Int]
    private var items: [Int]
    private let report: @Sendable (LintProgress) -> Void
    private let lock = NSLock()

    init(path: String, total: Int, parts: Int, report: @escaping @Sendable (LintProgress) -> Void) {
        self.path = path
        self.total = total
        bytes = [Int](repeating: 0, count: parts)
        items = [Int](repeating: 0, count: parts)
        self.report = report
    }

    /// Part `part` has checked `items` items in its first `bytes` bytes.
    func advance(part: Int, bytes: Int, items: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.bytes[part] = bytes
        self.items[part] = items
        report(LintProgress(path: path, bytes: self.bytes.reduce(0, +), total: total, items: self.items.reduce(0, +)))
    }

    /// The final count of part `part`, shown by `finish`.
    func settle(part: Int, items: Int) {
        lock.lock()
        self.items[part] = items
        lock.unlock()
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        report(LintProgress(path: path, bytes: total, total: total, items: items.reduce(0, +), finished: true))
    }
}
