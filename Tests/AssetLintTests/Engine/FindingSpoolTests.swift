import Foundation
import XCTest
@testable import AssetLint

/// Findings written to a `FindingSpool` come back exactly as reported, in report order, whether
/// they stayed in memory or went to its temporary file; and a run that spools gives every format
/// the same bytes as a run that keeps its findings as values.
final class FindingSpoolTests: XCTestCase {
    func testRecordsComeBackExactlyInReportOrder() {
        var random = SeededGenerator(seed: 7)
        for budget in [1 << 20, 512, 1] {
            let spool = FindingSpool(memoryBudget: budget)
            var expected: [Diagnostic] = []
            for _ in 0..<3000 {
                let diagnostic = Self.randomDiagnostic(&random)
                spool.append(diagnostic)
                expected.append(diagnostic)
            }
            // Report order; full ties in the order they were reported.
            expected = expected.enumerated().sorted {
                Diagnostic.precedes($0.element, $1.element) || (!Diagnostic.precedes($1.element, $0.element) && $0.offset < $1.offset)
            }.map(\.element)
            var actual: [Diagnostic] = []
            spool.forEach { actual.append($0) }
            XCTAssertEqual(actual.map(Self.describe), expected.map(Self.describe), "budget \(budget)")
            XCTAssertEqual(spool.hasSpilled, budget < 1 << 20, "budget \(budget)")
            var tally = FindingTally()
            for diagnostic in expected { tally.add(diagnostic) }
            XCTAssertEqual(spool.tally, tally)
            var m121: [String] = []
            spool.forEach(rule: "M121") { m121.append(Self.describe($0)) }
            XCTAssertEqual(m121, expected.filter { $0.ruleID == "M121" }.map(Self.describe))
        }
    }

    /// The parts of a file append from their threads, and a full chunk is written to the
    /// temporary file outside the lock while the others go on appending: whatever the budget,
    /// the findings come back as from a spool that never wrote anything. Unique offsets, so that
    /// report order does not depend on which thread came first.
    func testConcurrentAppendsWithWritesOutsideTheLock() {
        let findings = Self.randomFindingsAtDistinctOffsets(seed: 11, count: 6000)
        let plain = FindingSpool(memoryBudget: 1 << 30)
        for diagnostic in findings { plain.append(diagnostic) }
        let expected = Self.described(plain)
        XCTAssertFalse(plain.hasSpilled)
        for budget in [64, 4096, 65536] {
            let spool = FindingSpool(memoryBudget: budget)
            DispatchQueue.concurrentPerform(iterations: 4) { part in
                for index in stride(from: part, to: findings.count, by: 4) { spool.append(findings[index]) }
            }
            XCTAssertTrue(spool.hasSpilled, "budget \(budget)")
            XCTAssertEqual(Self.described(spool), expected, "budget \(budget)")
            XCTAssertEqual(spool.tally, plain.tally)
        }
    }

    /// Texts a rule repeats are stored once: findings that say the same message, note and fix
    /// description take a fraction of the bytes, texts that vary are written in full, and the
    /// table stops growing at its capacity. Every finding comes back as it was reported.
    func testRepeatedTextsAreStoredOnce() {
        func finding(_ index: Int, message: String, note: String?, description: String) -> Diagnostic {
            Diagnostic(
                ruleID: index % 2 == 0 ? "M121" : "U204", ruleName: index % 2 == 0 ? "dimension-invalid" : "url-plus-in-path",
                severity: .error, message: message, range: ByteRange(offset: index * 10, length: 5), pointer: "/\(index)/width",
                fix: Fix(.unsafe, description, edits: [TextEdit(range: ByteRange(offset: index * 10, length: 5), replacement: "603")]),
                note: note)
        }
        let same = (0..<4000).map { finding($0, message: "\"width\" must be a number, found the string \"603\"", note: "the hub reads numbers", description: "replace the string by 603") }
        let varying = (0..<4000).map { finding($0, message: "item \($0 + 1) is wrong", note: $0 % 3 == 0 ? nil : "note \($0 % 7) is long enough", description: "fix number \($0)") }
        // Pairs of equal notes, each pair new: one kept text per pair, up to the capacity.
        let pairs = (0..<(2 * RepeatedTexts.capacity + 200)).map { finding($0 * 2, message: "m", note: "pair note \($0 / 2)", description: "d") }
        for findings in [same, varying, pairs] {
            let spool = FindingSpool(memoryBudget: 1 << 30)
            let plain = findings.map(Self.describe)
            for diagnostic in findings { spool.append(diagnostic) }
            XCTAssertEqual(Self.described(spool), plain)
            if findings.count == pairs.count { XCTAssertEqual(spool.repeatedTextCount, RepeatedTexts.capacity) }
            if findings.count == same.count, findings[0].message == same[0].message { XCTAssertEqual(spool.repeatedTextCount, 6, "three texts of each rule") }
        }
        // Canonically equivalent texts are equal strings with different bytes: each comes back
        // with its own bytes.
        let forms = ["duplicate key \"caf\u{E9}\"", "duplicate key \"cafe\u{301}\"", "duplicate key \"caf\u{E9}\"", "duplicate key \"cafe\u{301}\""]
        let equivalent = (0..<8).map { finding($0 * 2, message: forms[$0 % 4], note: forms[($0 + 1) % 4], description: forms[$0 / 2 % 4]) }
        let spool = FindingSpool(memoryBudget: 1 << 30)
        for diagnostic in equivalent { spool.append(diagnostic) }
        var texts: [[UInt8]] = []
        spool.forEach { texts.append(Array(($0.message + "|" + ($0.note ?? "") + "|" + ($0.fix?.description ?? "")).utf8)) }
        XCTAssertEqual(texts, equivalent.map { Array(($0.message + "|" + ($0.note ?? "") + "|" + ($0.fix?.description ?? "")).utf8) })

        let recordBytes = { (findings: [Diagnostic]) -> Int in
            let spool = FindingSpool(memoryBudget: 1 << 30)
            for diagnostic in findings { spool.append(diagnostic) }
            return spool.recordBytes
        }
        // The message alone is 48 bytes, note and description 46 more: a record that held them
        // would be over a hundred bytes.
        XCTAssertLessThan(recordBytes(same), same.count * 40, "the repeated texts are not written out again")
        XCTAssertGreaterThan(recordBytes(varying), varying.count * 40)
    }

    /// A chunk that cannot be written (a full disk) keeps its records in memory, and so does
    /// everything after it: nothing is lost, whichever write fails.
    func testAFailedWriteKeepsTheRecords() {
        let findings = Self.randomFindingsAtDistinctOffsets(seed: 12, count: 3000)
        let plain = FindingSpool(memoryBudget: 1 << 30)
        for diagnostic in findings { plain.append(diagnostic) }
        let expected = Self.described(plain)
        for failing in [1, 2, 5] {
            let writes = PipelineResult<Int>()
            let spool = FindingSpool(memoryBudget: 2048) { descriptor, bytes, offset in
                let count = (writes.value ?? 0) + 1
                writes.value = count
                return count < failing && FindingSpool.writeAll(descriptor, bytes, offset)
            }
            for diagnostic in findings { spool.append(diagnostic) }
            XCTAssertEqual(Self.described(spool), expected, "the write number \(failing) fails")
            XCTAssertEqual(writes.value, failing, "no write is tried after one failed")
        }
    }

    /// The text formats keep the first findings of each rule and count the others from the
    /// spool's index: the same findings and the same counts (by severity, fixable, safely
    /// fixable) as counting the findings themselves.
    func testKeptFindingsCountTheOthersFromTheIndex() {
        var random = SeededGenerator(seed: 20)
        let spool = FindingSpool(memoryBudget: 4096)
        var all: [Diagnostic] = []
        for _ in 0..<2000 {
            let diagnostic = Self.randomDiagnostic(&random)
            spool.append(diagnostic)
            all.append(diagnostic)
        }
        var report = FileReport(path: "a.json", kind: .manifest, source: nil, diagnostics: [], rulesRun: [])
        report.spool = spool
        var ordered: [Diagnostic] = []
        spool.forEach { ordered.append($0) }
        for limit in [0, 3, 20, 5000] {
            var expectedKept: [Diagnostic] = []
            var expectedOmitted: [String: (count: Int, fixable: Int, safe: Int)] = [:]
            var seen: [String: Int] = [:]
            for diagnostic in ordered {
                seen[diagnostic.ruleID, default: 0] += 1
                if seen[diagnostic.ruleID]! <= limit {
                    expectedKept.append(diagnostic)
                } else {
                    let key = "\(diagnostic.ruleID) \(diagnostic.severity)"
                    var counts = expectedOmitted[key] ?? (0, 0, 0)
                    counts.count += 1
                    counts.fixable += diagnostic.fix == nil ? 0 : 1
                    counts.safe += diagnostic.fix?.applicability == .safe ? 1 : 0
                    expectedOmitted[key] = counts
                }
            }
            let (kept, omitted) = report.keptFindings(perRule: limit)
            XCTAssertEqual(kept.map(Self.describe), expectedKept.map(Self.describe), "limit \(limit)")
            XCTAssertEqual(omitted.count, expectedOmitted.count, "limit \(limit)")
            for entry in omitted {
                let counts = expectedOmitted["\(entry.ruleID) \(entry.severity)"]
                XCTAssertEqual(counts?.count, entry.count, "limit \(limit) \(entry.ruleID)")
                XCTAssertEqual(counts?.fixable, entry.fixable, "limit \(limit) \(entry.ruleID)")
                XCTAssertEqual(counts?.safe, entry.safelyFixable, "limit \(limit) \(entry.ruleID)")
                XCTAssertEqual(entry.ruleName, all.first { $0.ruleID == entry.ruleID }?.ruleName)
            }
        }
    }

    /// What a spool keeps in memory is its budget plus its index, whatever the findings hold: here
    /// 100,000 findings with 300-byte messages (30 MB of text) in at most 1 MB and 40 bytes each.
    func testMemoryStaysWithinTheBudgetPlusTheIndex() {
        let spool = FindingSpool(memoryBudget: 1 << 20)
        let message = String(repeating: "m", count: 300)
        for index in 0..<100_000 {
            spool.append(Diagnostic(
                ruleID: "M121", ruleName: "dimension-invalid", severity: .error, message: message + "\(index)",
                range: ByteRange(offset: index * 100, length: 5), pointer: "/\(index)/width",
                fix: Fix(.unsafe, "replace the string by the number 603", edits: [TextEdit(range: ByteRange(offset: index * 100, length: 5), replacement: "603")])))
        }
        XCTAssertTrue(spool.hasSpilled)
        XCTAssertLessThan(spool.residentBytes, (1 << 20) + 100_000 * 40)
        XCTAssertLessThanOrEqual(spool.bufferCapacity, (1 << 20) + (16 << 10), "the buffer never grows past the budget (and what malloc rounds it to)")
        var count = 0
        var last = -1
        spool.forEach { diagnostic in
            XCTAssertGreaterThan(diagnostic.range.offset, last)
            last = diagnostic.range.offset
            count += 1
        }
        XCTAssertEqual(count, 100_000)
    }

    func testSpoolingRunsReportTheSameBytesInEveryFormat() throws {
        // A split manifest (parts on several threads append to one spool) with findings of many
        // rules, related locations, fixes, non-ASCII text and a syntax error at the end.
        var lines = (0..<600).map { index -> String in
            let id = index % 3 == 0 ? "id-\(index % 700)" : "caf\u{E9}-\(index)"
            let url = index % 5 == 0 ? "https://b.s3.amazonaws.com/a b+\(index).jpg" : "https://b.s3.amazonaws.com/\(index).jpg"
            return #"{"data": "\#(url)", "externalId": "\#(id)", "width": "\#(index % 9)", "heigth": 1}"#
        }
        lines.append(#"{"data": 1,}"#)
        let file = SourceFile(path: "assets/m\u{E9}.json", text: "[\n" + lines.joined(separator: ",\n") + "\n]\n")
        for split in [false, true] {
            var plain = LintOptions(kind: .manifest)
            if split { plain.splitThreshold = 0 }
            var spooled = plain
            spooled.spoolsFindings = true
            let values = Linter(configuration: Configuration(directory: "."), options: plain).lint(file)
            let written = Linter(configuration: Configuration(directory: "."), options: spooled).lint(file)
            XCTAssertNil(values.spool)
            XCTAssertTrue(written.diagnostics.isEmpty)
            XCTAssertGreaterThan(written.findingCount, 600)
            XCTAssertEqual(written.findingCount, values.findingCount)
            for format in OutputFormat.allCases {
                let expected = format.reporter.render(LintRun(files: [values, values], catalog: RuleRegistry.catalog), options: ReportOptions())
                let actual = format.reporter.render(LintRun(files: [written, written], catalog: RuleRegistry.catalog), options: ReportOptions())
                XCTAssertTrue(actual == expected, "\(format) differs (split: \(split))")
            }
        }
    }

    // MARK: - Generated findings

    static func describe(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.ruleID) \(diagnostic.ruleName) \(diagnostic.severity) \(diagnostic.range) \(diagnostic.message.debugDescription) "
            + "\(diagnostic.pointer.debugDescription) \(diagnostic.related) \(String(describing: diagnostic.fix)) \(String(describing: diagnostic.note))"
    }

    /// A spool's findings in report order, described.
    private static func described(_ spool: FindingSpool) -> [String] {
        var result: [String] = []
        spool.forEach { result.append(describe($0)) }
        return result
    }

    /// Random findings, each at its own offset: report order does not depend on the order they
    /// were appended in.
    private static func randomFindingsAtDistinctOffsets(seed: UInt64, count: Int) -> [Diagnostic] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { index in
            var diagnostic = randomDiagnostic(&random)
            diagnostic.range = ByteRange(offset: index * 5, length: diagnostic.range.length)
            return diagnostic
        }
    }

    private static func randomDiagnostic(_ random: inout SeededGenerator) -> Diagnostic {
        let rules = [("M121", "dimension-invalid"), ("U204", "url-plus-in-path"), ("J003", "duplicate-key"), ("X001", "custom")]
        let texts = ["", "plain", "caf\u{E9} \u{1F600} e\u{301}", String(repeating: "long ", count: 60), "a\u{0}b\n\"q\""]
        let rule = rules[random.below(rules.count)]
        let offset = random.below(50) * (random.below(3) == 0 ? 1_000_000_000 : 1)
        let related = (0..<random.below(3)).map { _ in
            RelatedLocation(message: texts[random.below(texts.count)], range: ByteRange(offset: random.below(900), length: random.below(4)))
        }
        var fix: Fix?
        if random.below(2) == 0 {
            let edits = (0..<random.below(3)).map { _ in
                TextEdit(range: ByteRange(offset: random.below(1 << 40), length: random.below(9)), replacement: texts[random.below(texts.count)])
            }
            fix = Fix(random.below(2) == 0 ? .safe : .unsafe, texts[random.below(texts.count)], edits: edits)
        }
        return Diagnostic(
            ruleID: rule.0, ruleName: rule.1, severity: Severity.allCases[random.below(3)],
            message: texts[random.below(texts.count)] + "\(random.below(4))", range: ByteRange(offset: offset, length: random.below(7)),
            pointer: "/\(random.below(100))/" + texts[random.below(texts.count)], related: related, fix: fix,
            note: random.below(2) == 0 ? nil : texts[random.below(texts.count)])
    }
}
