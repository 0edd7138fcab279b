import Foundation

/// A file's findings written out as they are reported, instead of held as values, for a run whose
/// reports list every finding (json, junit, sarif, github): a million findings are a few hundred
/// bytes each as `Diagnostic`s, most of a gigabyte.
///
/// Each finding is encoded into a compact record (its rule as a number, varint offsets, the UTF-8
/// of its texts). Records gather in memory; past `memoryBudget` bytes they go to a temporary file
/// that is unlinked as soon as it is created, so nothing is left behind whatever happens to the
/// process (when no temporary file can be made, records simply stay in memory). What stays in
/// memory per finding is its entry in the index: where its record is and what orders it (byte
/// offset, then rule id, then message, as `Diagnostic.precedes`), plus counts by severity, fix
/// and rule, which is all the totals of the reports need. The parts of a split file append to
/// one spool from their threads.
final class FindingSpool: @unchecked Sendable {
    /// Bytes of records kept in memory before they are written out.
    let memoryBudget: Int

    private let lock = NSLock()
    private var chunk: [UInt8] = []
    /// Bytes of records already written to the temporary file (records start counting there).
    private var spilledBytes = 0
    private var descriptor: Int32 = -1
    /// No temporary file could be made or written: records stay in memory from then on.
    private var cannotSpill = false
    /// Chunks whose write failed, by where in the file they would have started: their records
    /// are read from here.
    private var unwritten: [(start: Int, bytes: [UInt8])] = []
    /// Writes a chunk at an offset of the temporary file; whether all of it was written.
    private let writeChunk: @Sendable (_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, _ offset: Int) -> Bool
    private var entries: [Entry] = []
    private var sorted = false

    /// Texts a rule's findings repeat, stored once (see `RepeatedTexts`).
    private var repeated = RepeatedTexts()

    /// Rule ids and names, numbered in the order they were first reported.
    private(set) var rules: [(id: String, name: String)] = []
    private var ruleNumbers: [String: Int] = [:]
    private(set) var tally = FindingTally()
    /// How many findings each rule (by number) has.
    private(set) var countsByRule: [Int] = []

    struct Entry {
        var offset: Int
        var location: Int
        var length: Int32
        /// The rule's number in the low 24 bits; above them the severity's rank (2 bits) and
        /// whether there is a fix, safe or unsafe (2 bits): what the counts of the findings a
        /// report leaves out need, without reading the record.
        private var packed: UInt32

        init(offset: Int, location: Int, length: Int32, rule: Int, severity: Severity, fix: Fix.Applicability?) {
            self.offset = offset
            self.location = location
            self.length = length
            let fixBits: UInt32 = fix == .safe ? 1 : fix == .unsafe ? 2 : 0
            packed = UInt32(truncatingIfNeeded: rule) & 0xFF_FFFF | UInt32(severity.rank) << 24 | fixBits << 26
        }

        var rule: Int32 { Int32(packed & 0xFF_FFFF) }
        var severity: Severity { Severity(rank: UInt8((packed >> 24) & 3)) }
        var fix: Fix.Applicability? { (packed >> 26) & 3 == 1 ? .safe : (packed >> 26) & 3 == 2 ? .unsafe : nil }
    }

    /// `writeChunk` is for the tests, which make writes fail.
    init(
        memoryBudget: Int = 8 << 20,
        writeChunk: @escaping @Sendable (_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, _ offset: Int) -> Bool = FindingSpool.writeAll
    ) {
        self.memoryBudget = memoryBudget
        self.writeChunk = writeChunk
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    var count: Int { lock.withLock { entries.count } }

    /// Bytes of records written so far, in memory or out (for the tests).
    var recordBytes: Int { lock.withLock { spilledBytes + chunk.count } }

    /// How many repeated texts are stored once (for the tests).
    var repeatedTextCount: Int { lock.withLock { repeated.texts.count } }

    /// Whether some records went to the temporary file (for the tests).
    var hasSpilled: Bool { lock.withLock { spilledBytes > 0 } }

    /// Bytes of memory the records not yet written out may take (for the tests).
    var bufferCapacity: Int { lock.withLock { chunk.capacity } }

    /// Bytes the spool holds in memory: the records not yet written out and the index (for the
    /// tests' bound: the budget plus a few dozen bytes per finding, whatever the findings say).
    var residentBytes: Int {
        lock.withLock { chunk.capacity + entries.capacity * MemoryLayout<Entry>.stride + countsByRule.capacity * 8 }
    }

    func append(_ diagnostic: Diagnostic) {
        var record = FindingRecord.Writer()
        var full: (start: Int, bytes: [UInt8])?
        lock.withLock {
            let rule = number(of: diagnostic.ruleID, name: diagnostic.ruleName)
            record.encode(diagnostic, rule: rule, texts: &repeated)
            tally.add(diagnostic)
            countsByRule[rule] += 1
            // Out before the budget is passed, so the buffer never grows beyond it (growing
            // doubles an array: twice the budget, and three times while it copies).
            if chunk.count + record.bytes.count > memoryBudget, !chunk.isEmpty, !cannotSpill { full = takeFullChunk() }
            if chunk.count + record.bytes.count > chunk.capacity, chunk.capacity < memoryBudget {
                chunk.reserveCapacity(min(memoryBudget, max(2 * chunk.capacity, chunk.count + record.bytes.count)))
            }
            entries.append(Entry(
                offset: diagnostic.range.offset, location: spilledBytes + chunk.count, length: Int32(record.bytes.count), rule: rule,
                severity: diagnostic.severity, fix: diagnostic.fix?.applicability))
            chunk.append(contentsOf: record.bytes)
            sorted = false
        }
        // The kernel's copy of a full chunk happens outside the lock: the other parts of the
        // file go on reporting meanwhile.
        if let full { write(full) }
    }

    private func number(of id: String, name: String) -> Int {
        if let known = ruleNumbers[id] { return known }
        rules.append((id, name))
        countsByRule.append(0)
        ruleNumbers[id] = rules.count - 1
        return rules.count - 1
    }

    /// Under the lock: the full chunk, with the place in the temporary file its records were
    /// given (they are found there from now on), and an empty chunk in its place; nil, changing
    /// nothing, when no temporary file can be made.
    private func takeFullChunk() -> (start: Int, bytes: [UInt8])? {
        if descriptor < 0 {
            descriptor = Self.makeTemporaryFile()
            if descriptor < 0 {
                cannotSpill = true
                return nil
            }
        }
        let start = spilledBytes
        spilledBytes += chunk.count
        var full: [UInt8] = []
        // The budget, not the old chunk's capacity: what malloc rounds up would add up, chunk
        // after chunk.
        full.reserveCapacity(min(chunk.capacity, memoryBudget))
        swap(&full, &chunk)
        return (start, full)
    }

    /// Outside the lock: writes a chunk where its records were placed. One that cannot be
    /// written (a full disk) stays in memory, and so do all records from then on: the report is
    /// still right, only larger.
    private func write(_ full: (start: Int, bytes: [UInt8])) {
        let written = full.bytes.withUnsafeBytes { writeChunk(descriptor, $0, full.start) }
        guard !written else { return }
        lock.withLock {
            cannotSpill = true
            unwritten.append(full)
        }
    }

    /// `pwrite` until every byte is written; false on an error.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, _ offset: Int) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = pwrite(descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(offset + written))
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += count
        }
        return true
    }

    /// An unlinked temporary file in `$TMPDIR` (else `/tmp`), or -1.
    private static func makeTemporaryFile() -> Int32 {
        var directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        if directory.isEmpty { directory = "/tmp" }
        var template = Array((directory + "/assetlint-findings-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor >= 0 { unlink(template.withUnsafeBufferPointer { $0.baseAddress! }) }
        return descriptor
    }

    /// Puts the index in report order; called once the file's rules are done.
    func finish() {
        lock.withLock {
            guard !sorted else { return }
            let ranks = ruleRanks()
            // By offset and rule id, then (rare: one rule reporting twice at one offset) by message;
            // full ties stay in the order they were reported.
            entries.sort { a, b in
                if a.offset != b.offset { return a.offset < b.offset }
                if a.rule != b.rule { return ranks[Int(a.rule)] < ranks[Int(b.rule)] }
                return a.location < b.location
            }
            var reader = Reader(self)
            var start = 0
            while start < entries.count {
                var end = start + 1
                while end < entries.count, entries[end].offset == entries[start].offset, entries[end].rule == entries[start].rule { end += 1 }
                if end - start > 1 {
                    let run = entries[start..<end].map { (message: reader.message(at: $0), entry: $0) }
                    let ordered = run.enumerated().sorted { ($0.element.message, $0.offset) < ($1.element.message, $1.offset) }
                    entries.replaceSubrange(start..<end, with: ordered.map(\.element.entry))
                }
                start = end
            }
            sorted = true
        }
    }

    /// Each rule number's position among the rule ids in string order.
    private func ruleRanks() -> [Int] {
        var ranks = [Int](repeating: 0, count: rules.count)
        for (rank, number) in rules.indices.sorted(by: { rules[$0].id < rules[$1].id }).enumerated() { ranks[number] = rank }
        return ranks
    }

    /// Calls `body` with each finding in report order (only those of rule `ruleID` when given).
    func forEach(rule ruleID: String? = nil, _ body: (Diagnostic) -> Void) {
        finish()
        let wanted = ruleID.map { ruleNumbers[$0].map(Int32.init) ?? -1 }
        var reader = Reader(self)
        for entry in entries where wanted == nil || entry.rule == wanted {
            body(reader.diagnostic(at: entry))
        }
    }

    /// Calls `kept` with the first `limit` findings of each rule in report order, and `omitted`
    /// with the rule, severity and fix of each of the others, which are not read back.
    func forEach(keepingPerRule limit: Int, kept: (Diagnostic) -> Void, omitted: (_ rule: (id: String, name: String), Severity, Fix.Applicability?) -> Void) {
        finish()
        var reader = Reader(self)
        var seen = [Int](repeating: 0, count: rules.count)
        for entry in entries {
            let rule = Int(entry.rule)
            seen[rule] += 1
            if seen[rule] <= limit {
                kept(reader.diagnostic(at: entry))
            } else {
                omitted(rules[rule], entry.severity, entry.fix)
            }
        }
    }

    /// Calls `body` with the rule number of each finding in report order.
    func forEachRuleNumberInOrder(_ body: (Int) -> Void) {
        finish()
        for entry in entries { body(Int(entry.rule)) }
    }

    /// Reads records back through a window of the temporary file, so findings read in about the
    /// order they were written cost one system call per window, not one per finding.
    private struct Reader {
        let spool: FindingSpool
        private var window: [UInt8] = []
        private var windowStart = 0
        static let windowSize = 1 << 20

        /// The spool's repeated texts: complete once its findings are all reported, when reading starts.
        private let texts: [String]

        init(_ spool: FindingSpool) {
            self.spool = spool
            texts = spool.repeated.texts
        }

        mutating func diagnostic(at entry: Entry) -> Diagnostic {
            let rules = spool.rules
            let texts = texts
            return withRecord(entry) { record in
                var decoder = FindingRecord.Reader(record, texts: texts)
                return decoder.decode(rules: rules)
            }
        }

        mutating func message(at entry: Entry) -> String {
            let texts = texts
            return withRecord(entry) { record in
                var decoder = FindingRecord.Reader(record, texts: texts)
                return decoder.decodeMessage()
            }
        }

        private mutating func withRecord<T>(_ entry: Entry, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
            let length = Int(entry.length)
            if entry.location >= spool.spilledBytes {
                let start = entry.location - spool.spilledBytes
                return spool.chunk.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<(start + length)])) }
            }
            if !spool.unwritten.isEmpty,
               let chunk = spool.unwritten.first(where: { $0.start <= entry.location && entry.location < $0.start + $0.bytes.count }) {
                let start = entry.location - chunk.start
                return chunk.bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<(start + length)])) }
            }
            if entry.location < windowStart || entry.location + length > windowStart + window.count {
                load(from: entry.location, atLeast: length)
            }
            let start = entry.location - windowStart
            return window.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<(start + length)])) }
        }

        private mutating func load(from location: Int, atLeast length: Int) {
            let size = min(max(Self.windowSize, length), spool.spilledBytes - location)
            if window.count != size { window = [UInt8](repeating: 0, count: size) }
            var read = 0
            window.withUnsafeMutableBytes { bytes in
                while read < size {
                    let count = pread(spool.descriptor, bytes.baseAddress! + read, size - read, off_t(location + read))
                    if count < 0, errno == EINTR { continue }
                    // The file is this process's own and unlinked: it cannot shrink. Should a read
                    // fail all the same, the record decodes as empty text rather than crash.
                    if count <= 0 { break }
                    read += count
                }
            }
            windowStart = location
        }
    }
}

/// Totals of a file's findings: what the summaries and exit status need, without the findings.
public struct FindingTally: Sendable, Equatable {
    public var errors = 0
    public var warnings = 0
    public var infos = 0
    public var fixable = 0
    public var safelyFixable = 0
    public var unsafelyFixable = 0

    public var total: Int { errors + warnings + infos }

    mutating func add(_ diagnostic: Diagnostic) {
        switch diagnostic.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .info: infos += 1
        }
        switch diagnostic.fix?.applicability {
        case .safe?: fixable += 1; safelyFixable += 1
        case .unsafe?: fixable += 1; unsafelyFixable += 1
        case nil: break
        }
    }

    public func count(_ severity: Severity) -> Int {
        switch severity {
        case .error: errors
        case .warning: warnings
        case .info: infos
        }
    }
}

/// Texts that a rule's findings repeat one after another (a note, a fix's description, often the
/// message itself: a million M121 findings on `"width": "603"` say the same three things), kept
/// once and written into records as a number. A text is kept when a finding of the same rule
/// repeats it in the same place right after it was first written in full, so telling costs one
/// comparison with the rule's last text; texts that vary cost nothing more. At most
/// `capacity` texts are kept, and the others are written in full.
struct RepeatedTexts {
    enum Slot: Int, CaseIterable {
        case message, note, fixDescription
    }

    static let capacity = 4096
    private(set) var texts: [String] = []
    /// Per rule and slot, the last text written and its number once it is kept.
    private var last: [(text: String, number: Int?)] = []

    /// The number of `text`, the `slot` of a finding of rule `rule`, when it is kept; nil when the
    /// text is to be written in full.
    mutating func number(of text: String, rule: Int, slot: Slot) -> Int? {
        guard text.utf8.count >= 8 else { return nil }
        let index = rule * Slot.allCases.count + slot.rawValue
        while last.count <= index { last.append(("", nil)) }
        // Bytes, not `==`: canonically equivalent texts (é as one scalar or two) are equal
        // strings with different bytes, and a record must give back its own bytes.
        if Self.sameBytes(last[index].text, text) {
            if let kept = last[index].number { return kept }
            guard texts.count < Self.capacity else { return nil }
            texts.append(text)
            last[index].number = texts.count - 1
            return texts.count - 1
        }
        last[index] = (text, nil)
        return nil
    }

    /// Whether two texts have the same UTF-8, compared as memory (a million findings compare
    /// three texts each, under the spool's lock).
    private static func sameBytes(_ first: String, _ second: String) -> Bool {
        var first = first, second = second
        return first.withUTF8 { a in
            second.withUTF8 { b in a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) }
        }
    }
}

/// The compact encoding of one finding: numbers as LEB128 varints, texts as a length and UTF-8
/// or as the number of a repeated text.
enum FindingRecord {
    struct Writer {
        var bytes: [UInt8] = []

        mutating func encode(_ diagnostic: Diagnostic, rule: Int, texts: inout RepeatedTexts) {
            bytes.reserveCapacity(diagnostic.message.utf8.count + diagnostic.pointer.utf8.count + 32)
            number(rule)
            bytes.append(UInt8(diagnostic.severity.rank))
            number(diagnostic.range.offset)
            number(diagnostic.range.length)
            text(diagnostic.message, repeated: texts.number(of: diagnostic.message, rule: rule, slot: .message))
            text(diagnostic.pointer)
            number(diagnostic.related.count)
            for related in diagnostic.related {
                text(related.message)
                number(related.range.offset)
                number(related.range.length)
            }
            if let note = diagnostic.note {
                bytes.append(1)
                text(note, repeated: texts.number(of: note, rule: rule, slot: .note))
            } else {
                bytes.append(0)
            }
            guard let fix = diagnostic.fix else {
                bytes.append(0)
                return
            }
            bytes.append(fix.applicability == .safe ? 1 : 2)
            text(fix.description, repeated: texts.number(of: fix.description, rule: rule, slot: .fixDescription))
            number(fix.edits.count)
            for edit in fix.edits {
                number(edit.range.offset)
                number(edit.range.length)
                text(edit.replacement)
            }
        }

        private mutating func number(_ value: Int) {
            var value = UInt64(bitPattern: Int64(value))
            while value >= 0x80 {
                bytes.append(UInt8(value & 0x7F) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }

        /// A text as its length (shifted left, low bit 0) and its UTF-8, or as the number of a
        /// repeated text (shifted left, low bit 1).
        private mutating func text(_ string: String, repeated: Int? = nil) {
            if let repeated {
                number(repeated << 1 | 1)
                return
            }
            number(string.utf8.count << 1)
            bytes.append(contentsOf: string.utf8)
        }
    }

    struct Reader {
        private let bytes: UnsafeBufferPointer<UInt8>
        private let texts: [String]
        private var index = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>, texts: [String]) {
            self.bytes = bytes
            self.texts = texts
        }

        mutating func decode(rules: [(id: String, name: String)]) -> Diagnostic {
            let rule = number()
            let severity = Severity(rank: byte())
            let range = ByteRange(offset: number(), length: number())
            let message = text()
            let pointer = text()
            let related = (0..<number()).map { _ in RelatedLocation(message: text(), range: ByteRange(offset: number(), length: number())) }
            let note = byte() == 1 ? text() : nil
            var fix: Fix?
            let applicability = byte()
            if applicability != 0 {
                let description = text()
                let edits = (0..<number()).map { _ in
                    let range = ByteRange(offset: number(), length: number())
                    return TextEdit(range: range, replacement: text())
                }
                fix = Fix(applicability == 1 ? .safe : .unsafe, description, edits: edits)
            }
            let names = rule < rules.count ? rules[rule] : (id: "", name: "")
            return Diagnostic(
                ruleID: names.id, ruleName: names.name, severity: severity, message: message, range: range,
                pointer: pointer, related: related, fix: fix, note: note)
        }

        mutating func decodeMessage() -> String {
            _ = number()
            _ = byte()
            _ = number()
            _ = number()
            return text()
        }

        private mutating func byte() -> UInt8 {
            guard index < bytes.count else { return 0 }
            defer { index += 1 }
            return bytes[index]
        }

        private mutating func number() -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count, shift < 64 {
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            return Int(Int64(bitPattern: value))
        }

        private mutating func text() -> String {
            let value = number()
            if value & 1 == 1 {
                let repeated = value >> 1
                return repeated >= 0 && repeated < texts.count ? texts[repeated] : ""
            }
            let count = min(max(0, value >> 1), bytes.count - index)
            defer { index += count }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + count)]), as: UTF8.self)
        }
    }
}

extension Severity {
    init(rank: UInt8) {
        self = rank == 2 ? .error : rank == 1 ? .warning : .info
    }
}
