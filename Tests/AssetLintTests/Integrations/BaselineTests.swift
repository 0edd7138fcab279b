import Foundation
import XCTest
@testable import AssetLint

final class BaselineTests: XCTestCase {
    private func items(_ lines: [String]) -> String { "[\n" + lines.joined(separator: ",\n") + "\n]\n" }

    private let broken = [
        #"  {"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a", "width": 10}"#,
        #"  {"data": "https://b.s3.amazonaws.com/b.jpg", "externalId": "a", "height": "768"}"#,
    ]

    private func lint(_ scratch: ScratchFolder, _ configure: (inout SessionOptions) -> Void = { _ in }) -> SessionResult {
        runSession {
            $0.paths = [scratch.path + "/assets.json"]
            $0.workingDirectory = scratch.path
            $0.formats = [SessionOptions.FormatRequest(format: .concise)]
            configure(&$0)
        }
    }

    func testBaselineSilencesRecordedFindingsAndSurvivesInsertedItems() throws {
        let scratch = try ScratchFolder()
        try scratch.write("assets.json", items(broken))
        let before = lint(scratch)
        XCTAssertEqual(before.status, 1)
        let findings = before.standardOutput.split(separator: "\n").count
        XCTAssertGreaterThanOrEqual(findings, 3)

        let baselinePath = scratch.path + "/baseline.json"
        let write = lint(scratch) { $0.writeBaselinePath = baselinePath }
        XCTAssertEqual(write.status, 0, write.standardError)
        XCTAssertTrue(write.standardError.contains("Wrote \(findings) findings"))

        let silenced = lint(scratch) { $0.baselinePath = baselinePath }
        XCTAssertEqual(silenced.status, 0, silenced.standardOutput)
        XCTAssertEqual(silenced.standardOutput, "")

        // A clean item inserted at the top shifts every line and item index.
        try scratch.write("assets.json", items([#"  {"data": "https://b.s3.amazonaws.com/new.jpg", "externalId": "new"}"#] + broken))
        let shifted = lint(scratch) { $0.baselinePath = baselinePath }
        XCTAssertEqual(shifted.status, 0, shifted.standardOutput)
        XCTAssertEqual(shifted.standardOutput, "")

        // A new problem still fails the run, and only it is reported.
        try scratch.write("assets.json", items(broken + [#"  {"data": "https://b.s3.amazonaws.com/c.jpg", "externalId": "c", "width": 0, "height": 5}"#]))
        let added = lint(scratch) { $0.baselinePath = baselinePath }
        XCTAssertEqual(added.status, 1)
        let lines = added.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, added.standardOutput)
        XCTAssertTrue(lines.first?.contains("error[M121]") == true)
    }

    func testFixedFindingsAreReportedSoTheBaselineCanShrink() throws {
        let scratch = try ScratchFolder()
        try scratch.write("assets.json", items(broken))
        let baselinePath = scratch.path + "/baseline.json"
        XCTAssertEqual(lint(scratch) { $0.writeBaselinePath = baselinePath }.status, 0)
        try scratch.write("assets.json", items([#"  {"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a"}"#]))
        let result = lint(scratch) { $0.baselinePath = baselinePath }
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("no longer occur"), result.standardError)
    }

    func testConfiguredBaselineAndBrokenBaselineFiles() throws {
        let scratch = try ScratchFolder()
        try scratch.write("assets.json", items(broken))
        XCTAssertEqual(lint(scratch) { $0.writeBaselinePath = scratch.path + "/known.json" }.status, 0)
        try scratch.write(".assetlint.yml", "baseline: known.json\n")
        XCTAssertEqual(lint(scratch).status, 0)
        try scratch.write("known.json", "{\"version\": 7}")
        let newer = lint(scratch)
        XCTAssertEqual(newer.status, 2)
        XCTAssertTrue(newer.standardError.contains("baseline version 7 was written by a newer assetlint"), newer.standardError)
        try scratch.write("known.json", "[]")
        let broken = lint(scratch)
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.standardError.contains("not an assetlint baseline"))
    }

    // MARK: Findings stay with their items

    /// `assets.json:LINE:COL: severity[ID]` of each finding, without the folder.
    private func findings(_ result: SessionResult) -> [String] {
        result.standardOutput.split(separator: "\n").map { line in
            let text = String(line)
            guard let range = text.range(of: "assets.json:") else { return text }
            return String(text[range.lowerBound...].prefix { $0 != "]" }) + "]"
        }
    }

    private let widthOnly = [
        #"  {"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a", "width": 10}"#,
        #"  {"data": "https://b.s3.amazonaws.com/b.jpg", "externalId": "b"}"#,
        #"  {"data": "https://b.s3.amazonaws.com/c.jpg", "externalId": "c", "width": 10}"#,
        #"  {"data": "https://b.s3.amazonaws.com/d.jpg", "externalId": "d", "height": "20", "width": 5}"#,
    ]

    func testADefectiveItemInsertedAboveABaselinedOneIsReportedAtItsOwnLine() throws {
        let scratch = try ScratchFolder()
        try scratch.write("assets.json", items(widthOnly))
        let baselinePath = scratch.path + "/baseline.json"
        XCTAssertEqual(lint(scratch) { $0.writeBaselinePath = baselinePath }.status, 0)
        // The same defect as item "a" (and "c"), in a new item above both.
        let new = #"  {"data": "https://b.s3.amazonaws.com/n.jpg", "externalId": "n", "width": 10}"#
        try scratch.write("assets.json", items([new] + widthOnly))
        let result = lint(scratch) { $0.baselinePath = baselinePath }
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(findings(result), ["assets.json:2:3: error[M120]"], result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("item 0 "), result.standardOutput)
        XCTAssertEqual(result.standardError, "")

        // Below them, in the middle: still the new one, wherever it is.
        try scratch.write("assets.json", items([widthOnly[0], widthOnly[1], new, widthOnly[2], widthOnly[3]]))
        XCTAssertEqual(findings(lint(scratch) { $0.baselinePath = baselinePath }), ["assets.json:4:3: error[M120]"])
    }

    func testMovingItemsAroundReportsNothing() throws {
        let scratch = try ScratchFolder()
        try scratch.write("assets.json", items(widthOnly + broken))
        let baselinePath = scratch.path + "/baseline.json"
        let write = lint(scratch) { $0.writeBaselinePath = baselinePath }
        XCTAssertEqual(write.status, 0)
        XCTAssertTrue(write.standardError.contains("Wrote 8 findings"), write.standardError)
        for order in [[5, 4, 3, 2, 1, 0], [2, 0, 5, 1, 4, 3], [1, 3, 5, 0, 2, 4]] {
            let all = widthOnly + broken
            try scratch.write("assets.json", items(order.map { all[$0] }))
            let result = lint(scratch) { $0.baselinePath = baselinePath }
            XCTAssertEqual(result.status, 0, "\(order): \(result.standardOutput)")
            XCTAssertEqual(result.standardOutput, "")
            XCTAssertEqual(result.standardError, "", "nothing recorded went away")
        }
    }

    func testCORSRulesAreRecognisedByTheirOriginsAndMethods() throws {
        let scratch = try ScratchFolder()
        let api = #"  {"origin": ["https://api.ango.ai/"], "method": ["GET"]}"#
        let hub = #"  {"origin": ["https://hub.ango.ai"], "method": ["GET", "DELETE"]}"#
        func lintCORS(_ configure: (inout SessionOptions) -> Void) -> SessionResult {
            runSession {
                $0.paths = [scratch.path + "/cors.json"]
                $0.workingDirectory = scratch.path
                $0.formats = [SessionOptions.FormatRequest(format: .concise)]
                configure(&$0)
            }
        }
        try scratch.write("cors.json", items([api, hub]))
        let baselinePath = scratch.path + "/baseline.json"
        XCTAssertEqual(lintCORS { $0.writeBaselinePath = baselinePath }.status, 0)
        try scratch.write("cors.json", items([hub, api]))
        let moved = lintCORS { $0.baselinePath = baselinePath }
        XCTAssertEqual(moved.status, 0, moved.standardOutput)
        XCTAssertEqual(moved.standardOutput, "")
        // A new rule with the same trailing-slash origin as the recorded one, above it.
        let upload = #"  {"origin": ["https://api.ango.ai/"], "method": ["PUT"]}"#
        try scratch.write("cors.json", items([upload, hub, api]))
        let added = lintCORS { $0.baselinePath = baselinePath }
        XCTAssertEqual(added.status, 1)
        let lines = added.standardOutput.split(separator: "\n")
        XCTAssertFalse(lines.isEmpty)
        XCTAssertTrue(lines.allSatisfy { $0.contains("cors.json:2:") }, added.standardOutput)
    }

    func testEqualFindingsOfOneIdentityAreMatchedInFileOrder() throws {
        // A duplicated item: the same id, the same defect.
        let scratch = try ScratchFolder()
        let copy = #"  {"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a", "width": 10}"#
        try scratch.write("assets.json", items([copy, copy]))
        let baselinePath = scratch.path + "/baseline.json"
        XCTAssertEqual(lint(scratch) { $0.writeBaselinePath = baselinePath }.status, 0)
        try scratch.write("assets.json", items([copy, copy, copy]))
        let result = lint(scratch) { $0.baselinePath = baselinePath }
        XCTAssertEqual(findings(result), ["assets.json:4:3: error[M120]", "assets.json:4:62: error[M110]"], result.standardOutput)
    }

    // MARK: Subsets and older baselines

    func testLintingSomeOfTheFilesDoesNotAdviseShrinkingTheBaselineToThem() throws {
        let scratch = try ScratchFolder()
        try scratch.write("one/assets.json", items(broken))
        try scratch.write("two/assets.json", items(widthOnly))
        let baselinePath = scratch.path + "/baseline.json"
        func run(_ paths: [String], baseline: Bool = true) -> SessionResult {
            runSession {
                $0.paths = paths.map { scratch.path + "/" + $0 }
                $0.workingDirectory = scratch.path
                $0.formats = [SessionOptions.FormatRequest(format: .concise)]
                if baseline { $0.baselinePath = baselinePath } else { $0.writeBaselinePath = baselinePath }
            }
        }
        XCTAssertEqual(run(["one", "two"], baseline: false).status, 0)
        // A pre-commit hook passes the one staged file: nothing of the other file is "gone".
        let staged = run(["two/assets.json"])
        XCTAssertEqual(staged.status, 0, staged.standardOutput)
        XCTAssertEqual(staged.standardError, "")

        // A finding fixed in the file linted is gone, but rewriting the baseline from this run
        // would drop the other file's: the advice says so.
        try scratch.write("two/assets.json", items(Array(widthOnly.dropFirst())))
        let fixed = run(["two/assets.json"])
        XCTAssertEqual(fixed.status, 0)
        XCTAssertTrue(fixed.standardError.contains("info: 1 finding recorded in the baseline \(baselinePath) no longer occurs in the files linted"), fixed.standardError)
        XCTAssertTrue(fixed.standardError.contains("over every path it covers (1 file it records was not linted this time)"), fixed.standardError)

        // Over every file, the plain advice.
        let whole = run(["one", "two"])
        XCTAssertTrue(whole.standardError.contains("no longer occurs; run with --write-baseline \(baselinePath) to shrink it"), whole.standardError)
        // A recorded file that no longer exists counts as gone.
        try FileManager.default.removeItem(atPath: scratch.path + "/one/assets.json")
        let deleted = run(["two"])
        XCTAssertTrue(deleted.standardError.contains("info: 5 findings recorded in the baseline \(baselinePath) no longer occur; run with"), deleted.standardError)
    }

    func testAVersionOneBaselineIsStillReadAndAsksToBeRecordedAgain() throws {
        // Written by the previous version over the same manifest (Fixtures/baselines/).
        let scratch = try ScratchFolder()
        try scratch.write("assets.json", Data(contentsOf: URL(fileURLWithPath: Package.fixture("baselines/assets.json"))))
        try scratch.write("old.json", Data(contentsOf: URL(fileURLWithPath: Package.fixture("baselines/v1-baseline.json"))))
        let baselinePath = scratch.path + "/old.json"
        let result = lint(scratch) { $0.baselinePath = baselinePath }
        XCTAssertEqual(result.status, 0, result.standardOutput)
        XCTAssertEqual(result.standardOutput, "")
        // The item with the misspelt "externalID" had M104 and M106 then; it is one finding now
        // (M106, with M104 as its note), so the recorded M104 is gone.
        XCTAssertEqual(
            result.standardError,
            "info: 1 finding recorded in the baseline \(baselinePath) no longer occurs; run with --write-baseline \(baselinePath) to shrink it\n"
                + "info: the baseline \(baselinePath) is in an older format (version 1), which tells equal findings apart by their order "
                + "in the file; run with --write-baseline \(baselinePath) to record each finding with the item it is about\n")
        // Recorded again, it is a version 2 baseline that hides the same findings.
        XCTAssertEqual(lint(scratch) { $0.writeBaselinePath = baselinePath }.status, 0)
        XCTAssertTrue(try String(contentsOfFile: baselinePath, encoding: .utf8).contains("\"version\": 2"))
        let again = lint(scratch) { $0.baselinePath = baselinePath }
        XCTAssertEqual(again.status, 0)
        XCTAssertEqual(again.standardOutput + again.standardError, "")
    }
}
