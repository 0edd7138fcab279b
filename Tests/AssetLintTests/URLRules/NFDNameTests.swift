import Foundation
import XCTest
@testable import AssetLint

/// A decomposed (NFD) name from a Mac, in a URL and the id beside it, is one mistake: one finding
/// at its root, the rest as notes; the safe fix leaves only what needs a decision, and the unsafe
/// rounds leave nothing.
final class NFDNameTests: XCTestCase {
    private let raw = "[\n  {\"data\": \"https://storage.googleapis.com/my-bucket/cafe\u{301}.jpg\", \"externalId\": \"cafe\u{301}.jpg\"}\n]\n"

    private func lint(_ text: String, ignore: [String] = []) -> FileReport {
        var configuration = Configuration(directory: NSTemporaryDirectory())
        configuration.rules.ignore = ignore
        return Linter(configuration: configuration, options: LintOptions(kind: .manifest)).lint(SourceFile(path: "assets.json", text: text))
    }

    private func rounds(_ text: String, unsafe: Bool) -> FixRounds.Outcome {
        let linter = Linter(configuration: Configuration(directory: NSTemporaryDirectory()), options: LintOptions(kind: .manifest))
        let source = SourceFile(path: "assets.json", text: text)
        return FixRounds.run(linter.lint(source), source: source, linter: linter, unsafe: unsafe)
    }

    private func text(_ report: FileReport, _ range: ByteRange) -> String {
        report.source!.text(in: range.offset..<range.end)
    }

    func testRawDecomposedNameIsOneFinding() {
        let report = lint(raw)
        XCTAssertEqual(report.diagnostics.map(\.ruleID), ["U203"], report.summary)
        guard let finding = report.diagnostics.first(where: { $0.ruleID == "U203" }) else { return XCTFail(report.summary) }
        XCTAssertEqual(text(report, finding.range), "\u{301}")
        XCTAssertTrue(finding.message.contains("part of a decomposed (NFD) \"é\""), finding.message)
        XCTAssertEqual(finding.fix?.applicability, .safe)
        guard finding.related.count == 2 else { return XCTFail("expected the U207 and M116 notes: \(finding.related)") }
        XCTAssertTrue(finding.related[0].message.hasPrefix("the path is not NFC here (U207)"), finding.related[0].message)
        XCTAssertEqual(text(report, finding.related[0].range), "e\u{301}")
        XCTAssertEqual(finding.related[1].message, "externalId \"café.jpg\" has the same decomposed name (M116)")
        XCTAssertEqual(text(report, finding.related[1].range), "e\u{301}")
        XCTAssertGreaterThan(finding.related[1].range.offset, finding.range.offset)
    }

    /// `--fix` encodes the name as written (what the browser sends, so an object stored NFD is still
    /// found) and leaves exactly the warning the note announced, which no safe fix can settle.
    func testSafeFixLeavesOnlyTheAnnouncedDecision() {
        let outcome = rounds(raw, unsafe: false)
        let fixed = String(decoding: outcome.bytes, as: UTF8.self)
        XCTAssertTrue(fixed.contains("my-bucket/cafe%CC%81.jpg"), fixed)
        XCTAssertEqual(outcome.report.diagnostics.map(\.ruleID), ["U207"], outcome.report.summary)
        guard let left = outcome.report.diagnostics.first else { return XCTFail("the U207 warning should be left") }
        XCTAssertEqual(left.fix?.applicability, .unsafe)
        XCTAssertTrue(left.message.contains("the object may be stored under this NFD name"), left.message)
        XCTAssertEqual(left.related.map(\.message), ["externalId \"café.jpg\" has the same decomposed name (M116)"])
        XCTAssertFalse(outcome.report.diagnostics.contains { $0.fix?.applicability == .safe }, "nothing a safe fix could have done is left")
    }

    /// `--unsafe-fixes` writes the URL and then the id in NFC, over rounds, and nothing is left.
    func testUnsafeRoundsLeaveNothing() {
        let outcome = rounds(raw, unsafe: true)
        let fixed = String(decoding: outcome.bytes, as: UTF8.self)
        XCTAssertEqual(fixed, "[\n  {\"data\": \"https://storage.googleapis.com/my-bucket/caf%C3%A9.jpg\", \"externalId\": \"caf\u{E9}.jpg\"}\n]\n")
        XCTAssertEqual(outcome.report.diagnostics.map(\.ruleID), [], outcome.report.summary)
    }

    func testEscapedDecomposedNameIsU207WithTheIDAsItsNote() {
        let report = lint("[{\"data\": \"https://storage.googleapis.com/b/cafe%CC%81.jpg\", \"externalId\": \"cafe\\u0301.jpg\"}]")
        XCTAssertEqual(report.diagnostics.map(\.ruleID), ["U207"], report.summary)
        XCTAssertEqual(report.diagnostics.first?.related.map(\.message), ["externalId \"café.jpg\" has the same decomposed name (M116)"])
        XCTAssertEqual(report.diagnostics.first?.related.first.map { text(report, $0.range) }, "e\\u0301")
    }

    /// An id that is not the URL's name is its own mistake; without the URL rules, M116 reports.
    func testM116StaysWhereNoURLFindingCarriesIt() {
        let other = lint("[{\"data\": \"https://storage.googleapis.com/b/cafe%CC%81.jpg\", \"externalId\": \"cre\\u0300me\"}]")
        XCTAssertEqual(Set(other.diagnostics.map(\.ruleID)), ["U207", "M116"], other.summary)
        XCTAssertTrue(other.diagnostics.allSatisfy(\.related.isEmpty))
        let nfcURL = lint("[{\"data\": \"https://storage.googleapis.com/b/caf%C3%A9.jpg\", \"externalId\": \"cafe\\u0301.jpg\"}]")
        XCTAssertEqual(nfcURL.diagnostics.map(\.ruleID), ["M116"], nfcURL.summary)
        let withoutURLRules = lint(raw, ignore: ["U203", "U207"])
        XCTAssertEqual(withoutURLRules.diagnostics.map(\.ruleID), ["M116"], withoutURLRules.summary)
    }

    /// Each rule alone still reports what it sees, and the note goes with whichever reports.
    func testEachRuleAloneStillReports() {
        let withoutU207 = lint(raw, ignore: ["U207"])
        XCTAssertEqual(withoutU207.diagnostics.map(\.ruleID), ["U203"], withoutU207.summary)
        XCTAssertEqual(withoutU207.diagnostics.first?.related.map(\.message), ["externalId \"café.jpg\" has the same decomposed name (M116)"])
        let withoutU203 = lint(raw, ignore: ["U203"])
        XCTAssertEqual(withoutU203.diagnostics.map(\.ruleID), ["U207"], withoutU203.summary)
        XCTAssertEqual(withoutU203.diagnostics.first?.related.map(\.message), ["externalId \"café.jpg\" has the same decomposed name (M116)"])
    }

    /// Raw bytes that are not UTF-8 are the file's encoding, J002's: one finding, not also U203's.
    func testBytesThatAreNotUTF8AreJ002s() {
        var bytes = Array("[{\"data\": \"https://storage.googleapis.com/b/caf".utf8)
        bytes.append(0xE9)
        bytes += Array(" menu.jpg\", \"externalId\": \"a\"}]".utf8)
        let source = SourceFile(path: "assets.json", bytes: bytes)
        let linter = Linter(configuration: Configuration(directory: NSTemporaryDirectory()), options: LintOptions(kind: .manifest))
        let report = linter.lint(source)
        XCTAssertEqual(report.diagnostics.map(\.ruleID), ["J002", "U203"], report.summary)
        guard report.diagnostics.count == 2 else { return }
        XCTAssertEqual(report.diagnostics[1].range.length, 1, "the space is U203's, the byte J002's")
        XCTAssertNotEqual(report.diagnostics[0].range, report.diagnostics[1].range)
        var configuration = Configuration(directory: NSTemporaryDirectory())
        configuration.rules.ignore = ["J002"]
        let alone = Linter(configuration: configuration, options: LintOptions(kind: .manifest)).lint(source)
        XCTAssertEqual(alone.diagnostics.filter { $0.ruleID == "U203" }.count, 2, alone.summary)
    }
}
