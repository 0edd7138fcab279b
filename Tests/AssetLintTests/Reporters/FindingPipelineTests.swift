import Foundation
import XCTest

@testable import AssetLint

/// Findings read ahead on another thread reach the reporter all, once and in order, and a report
/// written that way is the one written without the thread.
final class FindingPipelineTests: XCTestCase {
    func testEveryElementArrivesOnceInOrder() {
        for threaded in [false, true] {
            for (count, batch) in [(0, 7), (1, 7), (10_000, 1), (10_000, 333), (50_000, 1024)] {
                var received: [Int] = []
                FindingPipeline.run(threaded: threaded) { send in
                    var pending: [Int] = []
                    for value in 0..<count {
                        pending.append(value)
                        if pending.count == batch {
                            send(pending)
                            pending.removeAll(keepingCapacity: true)
                        }
                    }
                    send(pending)
                } consume: { (value: Int) in
                    received.append(value)
                }
                XCTAssertEqual(received, Array(0..<count), "threaded \(threaded), \(count) in batches of \(batch)")
            }
        }
    }

    /// A producer far quicker than its consumer is held back: at most a few batches wait.
    func testTheProducerWaitsForTheConsumer() {
        let produced = PipelineResult<Int>()
        var consumed = 0
        FindingPipeline.run(threaded: true) { send in
            for batch in 0..<200 {
                send([Int](repeating: batch, count: 10))
                produced.value = batch + 1
            }
        } consume: { (_: Int) in
            consumed += 1
            if consumed % 10 == 0 {
                // Batches produced but not yet consumed: the one being sent at most beyond the depth.
                XCTAssertLessThanOrEqual((produced.value ?? 0) - consumed / 10, 6)
            }
        }
        XCTAssertEqual(consumed, 2000)
    }

    /// SARIF and json of a report with enough findings to be read on another thread: the
    /// fingerprints are the baseline's (computed on this thread, item by item), the findings
    /// those of the report, in order.
    func testThreadedReportsAreTheReport() throws {
        let items = (0..<6000).map { index in
            #"{"data": "https://b.s3.amazonaws.com/a\#(index).jpg", "externalId": "id-\#(index % 3000)", "width": "\#(index % 3000)", "height": 1}"#
        }
        let file = SourceFile(path: "m.json", text: "[\n" + items.joined(separator: ",\n") + "\n]\n")
        var options = LintOptions(kind: .manifest)
        options.spoolsFindings = true
        let report = Linter(configuration: Configuration(directory: "."), options: options).lint(file)
        XCTAssertGreaterThanOrEqual(report.findingCount, 2 * FindingPipeline.threadedFrom)
        let run = LintRun(files: [report], catalog: RuleRegistry.catalog)

        let sarif = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(SARIFReporter().render(run, options: ReportOptions()).utf8)) as? [String: Any])
        let results = try XCTUnwrap((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let fingerprints = results.compactMap { ($0["partialFingerprints"] as? [String: String])?["assetlint/v2"] }
        let expected = Fingerprint.all(in: report, path: "m.json")
        XCTAssertEqual(fingerprints.map { String($0.prefix { $0 != ":" }) }, expected)
        // Occurrence counters: the n-th finding with a fingerprint says n.
        var seen: [String: Int] = [:]
        let counters = expected.map { fingerprint -> String in
            seen[fingerprint, default: 0] += 1
            return "\(fingerprint):\(seen[fingerprint]!)"
        }
        XCTAssertEqual(fingerprints, counters)
        XCTAssertTrue(seen.values.contains { $0 > 1 }, "equal findings on items with one id")

        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(JSONReporter().render(run, options: ReportOptions()).utf8)) as? [String: Any])
        let diagnostics = try XCTUnwrap((json["files"] as? [[String: Any]])?.first?["diagnostics"] as? [[String: Any]])
        var offsets: [Int] = []
        report.forEachFinding { offsets.append($0.range.offset) }
        XCTAssertEqual(diagnostics.compactMap { $0["offset"] as? Int }, offsets)
    }
}
