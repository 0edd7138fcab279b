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
        let broken = lint(scratch)
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.standardError.contains("not an assetlint baseline"))
    }
}
