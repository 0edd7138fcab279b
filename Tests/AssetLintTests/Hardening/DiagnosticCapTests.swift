import Foundation
import XCTest
@testable import AssetLint

/// A file with a million findings reports quickly and readably: text and concise list at most
/// `ReportOptions.defaultPerRuleLimit` findings of each rule per file, then one "… and N more"
/// line; json lists every one.
final class DiagnosticCapTests: XCTestCase {
    private func run(findings: Int, rules: [RuleMetadata], files: Int = 1) -> LintRun {
        let text = "[" + String(repeating: #"{"width": "1"},"#, count: findings) + "{}]"
        let reports = (0..<files).map { fileIndex in
            let source = SourceFile(path: "f\(fileIndex).json", text: text)
            let diagnostics = (0..<findings).map { index in
                let rule = rules[index % rules.count]
                return Diagnostic(
                    ruleID: rule.id, ruleName: rule.name, severity: .error, message: "finding \(index)",
                    range: ByteRange(offset: 1 + index * 15 + 10, length: 3), pointer: "/\(index)/width")
            }
            return FileReport(path: source.path, kind: .manifest, source: source, diagnostics: diagnostics, rulesRun: rules)
        }
        return LintRun(files: reports, catalog: rules)
    }

    private var twoRules: [RuleMetadata] { Array(RuleRegistry.catalog.filter { ["M121", "M122"].contains($0.id) }) }

    func testTextShowsTwentyPerRulePerFileThenASummaryLine() {
        let run = run(findings: 1000, rules: twoRules, files: 2)
        let output = TextReporter().render(run, options: ReportOptions())
        XCTAssertEqual(output.components(separatedBy: "error[M121]").count - 1, 40)
        XCTAssertEqual(output.components(separatedBy: "error[M122]").count - 1, 40)
        for file in ["f0.json", "f1.json"] {
            XCTAssertTrue(output.contains("\(file): note: … and 480 more M121 (dimension-invalid) findings in this file; --format json lists them all"), output)
            XCTAssertTrue(output.contains("\(file): note: … and 480 more M122 (dimension-implausible) findings in this file"))
        }
        // The first twenty of each rule, in file order.
        XCTAssertTrue(output.contains("finding 38\n"))
        XCTAssertFalse(output.contains("finding 40\n"))
        XCTAssertTrue(output.hasSuffix("Found 2000 errors in 2 files.\n"), "the summary counts everything")
    }

    func testConciseIsCappedTooAndJSONIsComplete() throws {
        let run = run(findings: 1000, rules: twoRules)
        let concise = ConciseReporter().render(run, options: ReportOptions())
        let lines = concise.split(separator: "\n")
        XCTAssertEqual(lines.count, 42)
        XCTAssertEqual(lines.last, "f0.json: note: … and 480 more M122 (dimension-implausible) findings in this file; --format json lists them all")
        let json = JSONReporter().render(run, options: ReportOptions())
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let files = object["files"] as! [[String: Any]]
        XCTAssertEqual((files[0]["diagnostics"] as! [Any]).count, 1000)
        for format in [OutputFormat.junit, .sarif, .github] {
            XCTAssertEqual(format.reporter.render(run, options: ReportOptions()).components(separatedBy: "finding 999").count - 1, 1,
                           "\(format) is complete")
        }
    }

    func testNoCapListsEverything() {
        let run = run(findings: 100, rules: twoRules)
        let output = TextReporter().render(run, options: ReportOptions(perRuleLimit: nil))
        XCTAssertEqual(output.components(separatedBy: "error[M12").count - 1, 100)
        XCTAssertFalse(output.contains("more M12"))
        let small = TextReporter().render(self.run(findings: 40, rules: twoRules), options: ReportOptions())
        XCTAssertFalse(small.contains("note: …"), "exactly twenty of a rule: nothing hidden")
    }

    /// A million findings on one line of one file: the capped text renders a bounded number of
    /// excerpts, so the work does not grow with the findings (counted, not timed).
    func testAMillionFindingsRenderABoundedText() {
        let rule = twoRules[0]
        let text = "[" + String(repeating: "0,", count: 1_000_000) + "0]"
        let source = SourceFile(path: "m.json", text: text)
        let diagnostics = (0..<1_000_000).map { index in
            Diagnostic(ruleID: rule.id, ruleName: rule.name, severity: .error, message: "m",
                       range: ByteRange(offset: 1 + 2 * index, length: 1), pointer: "/\(index)")
        }
        let report = FileReport(path: "m.json", kind: .manifest, source: source, diagnostics: diagnostics, rulesRun: [rule])
        let capped = ReportLines.capped(report.diagnostics, limit: ReportOptions.defaultPerRuleLimit)
        XCTAssertEqual(capped.diagnostics.count, 20)
        XCTAssertEqual(capped.hidden.first?.count, 999_980)
        let output = TextReporter().render(LintRun(files: [report], catalog: [rule]), options: ReportOptions())
        XCTAssertLessThan(output.utf8.count, 20_000)
        XCTAssertTrue(output.contains("… and 999980 more M121"))
    }

    /// With `keepPerRule` the engine keeps only the findings text and concise show and counts the
    /// rest: the same text, statistics, counts and exit status, from at most twenty findings per
    /// rule in memory instead of thousands.
    func testEngineKeepsWhatTextShowsAndCountsTheRest() throws {
        // Out-of-order and mixed severities: M121 per item, U202 (warning for http, error for ftp).
        var items: [String] = []
        for index in 0..<3000 {
            let scheme = index % 3 == 0 ? "ftp" : "http"
            items.append(#"{"data": "\#(scheme)://b.s3.amazonaws.com/\#(index).jpg", "externalId": "id-\#(index)", "width": "w", "height": \#(index + 1)}"#)
        }
        let file = SourceFile(path: "many.json", text: "[\n" + items.joined(separator: ",\n") + "\n]\n")
        let all = Linter(configuration: Configuration(directory: "."), options: LintOptions(kind: .manifest)).lint(file)
        var keeping = LintOptions(kind: .manifest)
        keeping.keepPerRule = ReportOptions.defaultPerRuleLimit
        let few = Linter(configuration: Configuration(directory: "."), options: keeping).lint(file)

        XCTAssertGreaterThanOrEqual(all.diagnostics.count, 6000)
        for rule in Set(all.diagnostics.map(\.ruleID)) {
            XCTAssertLessThanOrEqual(few.diagnostics.filter { $0.ruleID == rule }.count, 20, rule)
        }
        XCTAssertLessThanOrEqual(few.diagnostics.count, 20 * Set(all.diagnostics.map(\.ruleID)).count)
        let fullRun = LintRun(files: [all], catalog: RuleRegistry.catalog)
        let fewRun = LintRun(files: [few], catalog: RuleRegistry.catalog)
        XCTAssertEqual(fewRun.diagnosticCount, fullRun.diagnosticCount)
        for severity in [Severity.error, .warning, .info] { XCTAssertEqual(fewRun.count(severity), fullRun.count(severity)) }
        XCTAssertEqual(fewRun.fixableCount, fullRun.fixableCount)
        for options in [ReportOptions(), ReportOptions(statistics: true)] {
            XCTAssertEqual(TextReporter().render(fewRun, options: options), TextReporter().render(fullRun, options: options))
            XCTAssertEqual(ConciseReporter().render(fewRun, options: options), ConciseReporter().render(fullRun, options: options))
        }
        XCTAssertEqual(
            LintSession.exitStatus(fewRun, options: SessionOptions(), otherFailure: false),
            LintSession.exitStatus(fullRun, options: SessionOptions(), otherFailure: false))
    }

    /// The session keeps every finding when an output lists them all (json here) or a fix or a
    /// baseline needs them; the text is the same either way.
    func testSessionKeepsEverythingOnlyWhenAnOutputNeedsIt() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path + "/many.json"
        let items = (0..<200).map { #"{"data": "https://b.s3.amazonaws.com/\#($0).jpg", "externalId": "id-\#($0)", "width": "w", "height": 4}"# }
        try ("[\n" + items.joined(separator: ",\n") + "\n]\n").write(toFile: path, atomically: true, encoding: .utf8)
        let textOnly = runSession { $0.paths = [path] }
        let withJSON = runSession {
            $0.paths = [path]
            $0.formats = [SessionOptions.FormatRequest(format: .text), SessionOptions.FormatRequest(format: .json, path: scratch.path + "/r.json")]
        }
        XCTAssertEqual(textOnly.status, 1)
        XCTAssertEqual(textOnly.standardOutput, withJSON.standardOutput)
        XCTAssertTrue(textOnly.standardOutput.contains("… and 180 more M121 (dimension-invalid) findings in this file"), textOnly.standardOutput)
        let json = try String(contentsOfFile: scratch.path + "/r.json", encoding: .utf8)
        XCTAssertEqual(json.components(separatedBy: #""rule": "M121""#).count - 1, 200)
    }

    /// End to end: the real executable on a file with 20,000 M121 findings (and more), under a
    /// memory and CPU limit, in text (capped) and json (complete) from one run.
    func testManyFindingsEndToEnd() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path + "/many.json"
        try Hardening.writeRepeated(
            path, head: "[", chunk: #"{"data":"https://b.s3.amazonaws.com/a.jpg","externalId":"","width":"603","height":450},"#,
            count: 20_000, tail: #"{"data":"https://b.s3.amazonaws.com/z.jpg","externalId":"z"}]"#)
        let json = scratch.path + "/report.json"
        let text = try Hardening.run([path, "--format", "text", "--format", "json=\(json)"], memoryMB: 1536, cpuSeconds: 120)
        XCTAssertEqual(text.status, 1, text.description)
        XCTAssertLessThan(text.standardOutput.utf8.count, 100_000, "a readable report")
        XCTAssertTrue(text.standardOutput.contains("… and 19980 more M121 (dimension-invalid) findings in this file"), text.description)
        let report = try String(contentsOfFile: json, encoding: .utf8)
        XCTAssertEqual(report.components(separatedBy: #""rule": "M121""#).count - 1, 20_000, "json is complete")
    }
}
