import Foundation
import XCTest
@testable import AssetLint

/// The fixtures under `Fixtures/cors`: golden outputs, each rule's bad file and clean twin, the
/// hub's recommended snippets and the Azure templates, and the exit status of the real executable.
final class CORSFixtureTests: XCTestCase {
    func testGoldenOutputs() throws {
        let fixtures = try LintHelper.fixtures(under: "cors")
        XCTAssertGreaterThan(fixtures.count, 80)
        for fixture in fixtures {
            let report = LintHelper.lintFixture(fixture)
            XCTAssertNil(report.failure, fixture)
            let golden = Package.fixture(String(fixture.dropLast(".json".count)) + ".expected")
            try LintHelper.assertGolden(LintHelper.golden(report), path: golden)
        }
    }

    /// `Fixtures/cors/C3xx/*.json` trigger C3xx, their `*.clean.json` twins do not.
    func testEveryRuleTriggersOnItsFixturesAndNotOnTheCleanTwins() throws {
        var providers: [String: Set<DocumentKind>] = [:]
        for fixture in try LintHelper.fixtures(under: "cors") {
            let parts = fixture.split(separator: "/")
            guard parts.count == 3, parts[1].hasPrefix("C3") else { continue }
            let rule = String(parts[1])
            let report = LintHelper.lintFixture(fixture)
            let found = LintHelper.findings(report, rule)
            if fixture.hasSuffix(".clean.json") {
                XCTAssertTrue(found.isEmpty, "\(fixture) should not trigger \(rule): \(found)")
                XCTAssertFalse(report.diagnostics.contains { $0.severity == .error }, "\(fixture): \(LintHelper.findings(report))")
            } else {
                XCTAssertFalse(found.isEmpty, "\(fixture) should trigger \(rule): \(LintHelper.findings(report))")
                providers[rule, default: []].insert(report.kind!)
                let twin = String(fixture.dropLast(".json".count)) + ".clean.json"
                let hasTwin = FileManager.default.fileExists(atPath: Package.fixture(twin))
                XCTAssertTrue(hasTwin || fixture.hasSuffix("any-method.json"), "\(fixture) has no clean twin")
            }
        }
        // Every rule has a realistic fixture for each provider where the rule applies.
        let all: Set<DocumentKind> = [.corsGCS, .corsS3, .corsAzure]
        for id in (1...14).map({ String(format: "C3%02d", $0) }) {
            XCTAssertEqual(providers[id], all, "\(id) fixtures cover \(providers[id]?.map(\.rawValue).sorted() ?? [])")
        }
    }

    func testHubSnippetsAndAzureTemplatesAreClean() throws {
        let clean = try LintHelper.fixtures(under: "cors/hub") + LintHelper.fixtures(under: "cors/azure")
        XCTAssertGreaterThanOrEqual(clean.count, 9)
        for fixture in clean {
            let report = LintHelper.lintFixture(fixture)
            XCTAssertTrue(report.kind?.isCORS == true, fixture)
            XCTAssertEqual(LintHelper.findings(report).map(\.description), [], fixture)
        }
    }

    func testTheRecommendedSnippetsAreTheSpecsBytes() throws {
        let gcs = try String(contentsOfFile: Package.fixture("cors/hub/gcs-recommended.json"), encoding: .utf8)
        XCTAssertEqual(gcs, #"[{"origin": ["https://api.ango.ai","https://hub.ango.ai"],"method": ["GET","POST","PUT","HEAD"],"responseHeader": ["Content-Type","Access-Control-Allow-Origin"]}]"# + "\n")
        let s3 = try String(contentsOfFile: Package.fixture("cors/hub/s3-console-recommended.json"), encoding: .utf8)
        XCTAssertEqual(s3, #"[{"AllowedHeaders":["*"],"AllowedMethods":["GET","POST","PUT","HEAD"],"AllowedOrigins":["https://api.ango.ai","https://hub.ango.ai"],"ExposeHeaders":[]}]"# + "\n")
    }

    func testExitStatusOfTheExecutable() throws {
        let hub = try Package.run([Package.fixture("cors/hub/gcs-recommended.json"), Package.fixture("cors/hub/s3-console-recommended.json"), "--format", "concise"])
        XCTAssertEqual(hub.status, 0, hub.standardOutput + hub.standardError)
        XCTAssertFalse(hub.standardOutput.contains("error"), hub.standardOutput)
        XCTAssertFalse(hub.standardOutput.contains("warning"), hub.standardOutput)
        let templates = try Package.run([Package.fixture("cors/azure"), Package.fixture("cors/hub"), "--format", "concise"])
        XCTAssertEqual(templates.status, 0, templates.standardOutput + templates.standardError)
        let bad = try Package.run([Package.fixture("cors/C305/gcs-trailing-slash.json"), "--format", "concise"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.standardOutput.contains("gcs-trailing-slash.json:4:7: error[C305]"), bad.standardOutput)
        let warningsOnly = try Package.run([Package.fixture("cors/C306/gcs-any-origin.json"), "--format", "concise"])
        XCTAssertEqual(warningsOnly.status, 0, warningsOnly.standardOutput)
        XCTAssertTrue(warningsOnly.standardOutput.contains("warning[C306]"), warningsOnly.standardOutput)
    }

    /// Safe fixes leave valid JSON, remove their own findings and are idempotent.
    func testSafeFixesRoundTrip() throws {
        for fixture in try LintHelper.fixtures(under: "cors") {
            let report = LintHelper.lintFixture(fixture)
            let fixedRules = Set(report.diagnostics.filter { $0.fix?.applicability == .safe }.map(\.ruleID))
            guard !fixedRules.isEmpty else { continue }
            let fixed = LintHelper.applyingFixes(report)
            let again = LintHelper.lint(fixed, path: fixture)
            XCTAssertFalse(again.diagnostics.contains { $0.ruleID.hasPrefix("J") }, "\(fixture): \(LintHelper.findings(again))")
            XCTAssertFalse(again.diagnostics.contains { $0.fix?.applicability == .safe }, "\(fixture) not idempotent: \(LintHelper.findings(again))")
        }
    }
}
