import XCTest
@testable import AssetLint

/// Real fixtures through the whole engine, in every format, byte for byte against
/// `Fixtures/golden/fixture-<name>.<format>`.
final class FixtureGoldenTests: XCTestCase {
    private func run(_ fixtures: [String]) throws -> LintRun {
        let linter = Linter(configuration: Configuration(directory: Package.root.path))
        let reports = try fixtures.map { relative in
            let file = try FileLoader.load(path: Package.fixture(relative), displayPath: "Fixtures/" + relative).get()
            return linter.lint(file)
        }
        return LintRun(files: reports, catalog: linter.catalog, toolVersion: "0.1.0")
    }

    private func check(_ name: String, _ fixtures: [String], status expected: Int32) throws {
        let run = try run(fixtures)
        for format in OutputFormat.allCases {
            Golden.check(format.reporter.render(run, options: ReportOptions()), "fixture-\(name).\(format.rawValue)")
        }
        XCTAssertEqual(LintSession.exitStatus(run, options: SessionOptions(), otherFailure: false), expected)
    }

    func testBrokenManifest() throws {
        try check("manifest-broken", ["manifests/broken.json"], status: 1)
    }

    func testHubExampleManifestIsClean() throws {
        let run = try run(["manifests/hub-example.json"])
        XCTAssertEqual(run.files.first?.kind, .manifest)
        XCTAssertEqual(run.diagnosticCount, 0)
        try check("manifest-hub-example", ["manifests/hub-example.json"], status: 0)
    }

    func testUnrelatedJSONPassesUntouched() throws {
        let run = try run(["json/package.json"])
        XCTAssertEqual(run.files.first?.kind, .json)
        XCTAssertEqual(run.diagnosticCount, 0)
    }

    func testBrokenCORSFilesOfEveryProvider() throws {
        try check("cors-broken", [
            "cors/C305/gcs-trailing-slash.json", "cors/C305/s3-upper-case.json", "cors/C305/azure-no-scheme.json",
            "cors/C304/gcs-api-only.json", "cors/C304/s3-upload-only.json",
        ], status: 1)
    }

    func testHubRecommendedCORSSnippetsAreClean() throws {
        let run = try run(["cors/hub/gcs-recommended.json", "cors/hub/s3-console-recommended.json", "cors/hub/s3-cli-recommended.json"])
        XCTAssertEqual(run.files.map(\.kind), [.corsGCS, .corsS3, .corsS3])
        XCTAssertEqual(run.diagnosticCount, 0)
    }

    func testBrokenJSONFiles() throws {
        try check("json-broken", ["json/broken-syntax.json", "json/bom-and-duplicate.json", "json/latin1.json", "json/utf16.json"], status: 1)
    }
}
