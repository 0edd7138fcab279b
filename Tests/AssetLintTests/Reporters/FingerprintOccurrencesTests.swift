import Foundation
import XCTest

@testable import AssetLint

/// SARIF's occurrence counters: the flat table counts exactly as a dictionary of counts does, and
/// holds 20 bytes a finding whatever the keys.
final class FingerprintOccurrencesTests: XCTestCase {
    func testCountsAsADictionaryDoes() {
        var random = SeededGenerator(seed: 3)
        // Keys drawn from a small pool repeat often; some share their first 64 bits (the probe's
        // start) and differ only after; the all-zero key is one too.
        let pool: [SIMD4<UInt32>] = (0..<300).map { index in
            let low = UInt32(truncatingIfNeeded: random.next())
            return index % 10 == 0 ? SIMD4(7, 7, low, UInt32(index)) : SIMD4(low, UInt32(truncatingIfNeeded: random.next()), UInt32(index), 1)
        } + [.zero]
        for expected in [0, 10, 6000] {
            var table = FingerprintOccurrences(expected: expected)
            var reference: [SIMD4<UInt32>: Int] = [:]
            for _ in 0..<6000 {
                let key = pool[Int(random.next() % UInt64(pool.count))]
                reference[key, default: 0] += 1
                XCTAssertEqual(table.record(key), reference[key], "sized for \(expected)")
            }
            XCTAssertEqual(reference.count, pool.count)
        }
    }

    func testHoldsTwentyBytesAFinding() {
        var random = SeededGenerator(seed: 5)
        var table = FingerprintOccurrences(expected: 100_000)
        for _ in 0..<100_000 {
            let key = SIMD4<UInt32>(UInt32(truncatingIfNeeded: random.next()), UInt32(truncatingIfNeeded: random.next()), 1, 2)
            XCTAssertEqual(table.record(key), 1)
        }
        XCTAssertLessThanOrEqual(table.residentBytes, 100_000 * 20 + 4096)
    }

    /// Two reports under one path (standard input named as a file on the command line) count
    /// their equal findings on, as one file would.
    func testOneCounterPerPathAcrossReports() throws {
        let text = "[1, 1]\n"
        let rule = ReporterFixtures.j003
        let diagnostic = ReporterFixtures.diagnostic(rule, "same", ByteRange(offset: 1, length: 1), pointer: "")
        func report(_ path: String) -> FileReport {
            FileReport(path: path, kind: .json, source: SourceFile(path: path, text: text), diagnostics: [diagnostic, diagnostic], rulesRun: [rule])
        }
        let sarif = SARIFReporter().render(LintRun(files: [report("a.json"), report("b.json"), report("a.json")], catalog: [rule]), options: ReportOptions())
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let results = try XCTUnwrap((document["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let counters = results.compactMap { ($0["partialFingerprints"] as? [String: String])?["primaryLocationLineHash"]?.split(separator: ":").last }
        XCTAssertEqual(counters, ["1", "2", "1", "2", "3", "4"])
    }
}
