import Foundation
import XCTest
@testable import AssetLint

/// Every documented example of HUB-FORMATS as published (`Fixtures/hub/docs`, byte for byte from
/// the hub's documentation) and what the SDK sends (`Fixtures/hub/sdk`), linted as the command
/// line lints them: the files the hub accepts must pass.
final class HubExampleTests: XCTestCase {
    /// Published examples that are not valid JSON (a fragment, a curl command, Python, a missing
    /// bracket or comma): each gives J001 and nothing else.
    static let invalidJSON: Set<String> = [
        "docs/labels-object-id-fragment.json", "docs/labels-group-relation.json", "docs/labels-nrrd.json",
        "docs/rest-cloud-upload.json", "docs/rest-attachment-creation.json", "docs/sdk-upload-files-cloud-batches.json",
    ]

    /// The asset-import examples whose URLs are public (on hosts that are not a bucket's): fine
    /// by default, errors once the configuration says the assets live in storage.
    static let publicURLExamples = [
        "docs/cloud-import-public.json", "docs/cloud-import-video-framerate.json", "docs/assets-with-attachments.json",
        "docs/multi-page-dataset.json",
    ]

    /// The kind each valid example is detected as.
    static func expectedKind(_ fixture: String) -> DocumentKind {
        let name = fixture.split(separator: "/").last.map(String.init) ?? fixture
        if name == "labels-pdf-area-object-id-fragment.json" { return .json }  // one object, out of its file
        if name.hasPrefix("labels-") || name.hasPrefix("sample-") { return .labels }
        if name.hasPrefix("attachment-import") || name == "create-attachment.json" { return .attachments }
        if name == "cors-s3-console.json" { return .corsS3 }
        if name == "cors-config.json" { return .corsGCS }
        return .manifest
    }

    private func fixtures() throws -> [String] {
        let all = try LintHelper.fixtures(under: "hub/docs") + LintHelper.fixtures(under: "hub/sdk")
        XCTAssertGreaterThanOrEqual(all.count, 51)
        return all.map { String($0.dropFirst("hub/".count)) }
    }

    private func errors(_ report: FileReport) -> [Diagnostic] { report.diagnostics.filter { $0.severity == .error } }

    func testInvalidJSONExamplesGiveJ001AndNothingElse() throws {
        for fixture in Self.invalidJSON.sorted() {
            let report = LintHelper.lintFixture("hub/" + fixture)
            XCTAssertEqual(report.diagnostics.map(\.ruleID), ["J001"], "\(fixture): \(LintHelper.findings(report))")
        }
    }

    func testValidExamplesAreDetectedAndPass() throws {
        for fixture in try fixtures() where !Self.invalidJSON.contains(fixture) {
            let report = LintHelper.lintFixture("hub/" + fixture)
            XCTAssertNil(report.failure, fixture)
            XCTAssertEqual(report.kind, Self.expectedKind(fixture), fixture)
            XCTAssertEqual(errors(report).map(\.ruleID), [], "\(fixture): \(LintHelper.findings(report))")
        }
    }

    /// Every valid example, asset imports included, passes through the command line with exit
    /// status 0 under the default configuration.
    func testValidExamplesExitZero() throws {
        let paths = try fixtures().filter { !Self.invalidJSON.contains($0) }
        XCTAssertGreaterThanOrEqual(paths.count, 45)
        let result = try Package.run(paths.map { Package.fixture("hub/" + $0) } + ["--format", "concise"])
        XCTAssertEqual(result.status, 0, result.standardOutput + result.standardError)
    }

    /// The public-URL examples fail once `storage.provider` (or `storage.buckets`) says where the
    /// assets live; the private-bucket examples pass with their own provider and bucket.
    func testPublicURLExamplesFailOnceStorageIsConfigured() throws {
        for yaml in ["storage:\n  provider: s3\n", "storage:\n  provider: any\n", "storage:\n  buckets: [bucket-name]\n"] {
            let configuration = try ConfigurationLoader.load(
                yaml: yaml, path: ".assetlint.yml", directory: ".", isKnownRuleSelector: { _ in true })
            let linter = Linter(configuration: configuration, options: LintOptions())
            for fixture in Self.publicURLExamples {
                let report = linter.lint(path: Package.fixture("hub/" + fixture))
                XCTAssertTrue(errors(report).contains { $0.ruleID == "U212" }, "\(yaml)\(fixture): \(LintHelper.findings(report))")
            }
            for fixture in ["docs/private-import-aws.json", "docs/private-import-gcp.json"] {
                let report = linter.lint(path: Package.fixture("hub/" + fixture))
                XCTAssertEqual(errors(report).map(\.ruleID), [], "\(yaml)\(fixture): \(LintHelper.findings(report))")
            }
        }
        let none = Linter(configuration: Configuration(directory: "."), options: LintOptions())
        for fixture in Self.publicURLExamples {
            XCTAssertEqual(errors(none.lint(path: Package.fixture("hub/" + fixture))).map(\.ruleID), [], fixture)
        }
    }

    /// The fixtures are the published bytes: the examples HUB-FORMATS quotes appear in it verbatim.
    func testQuotedExamplesAreHubFormatsBytes() throws {
        let reference = Package.root.deletingLastPathComponent().appendingPathComponent("shared/HUB-FORMATS.md").path
        guard let text = try? String(contentsOfFile: reference, encoding: .utf8) else {
            throw XCTSkip("HUB-FORMATS.md is not beside the checkout")
        }
        let quoted = [
            "cloud-import-public.json", "cloud-import-video-framerate.json", "private-import-aws.json", "private-import-gcp.json",
            "bulk-markdown.json", "assets-with-attachments.json", "attachment-import.json", "attachment-import-private.json",
            "multi-page-dataset.json", "rest-cloud-upload.json", "rest-attachment-creation.json", "labels-lock.json",
            "labels-audio-ner.json", "labels-brush.json", "labels-nrrd.json", "labels-sdk-import-labels.json", "cors-s3-console.json",
            "labels-pdf-area-object-id-fragment.json", "cors-config.json",
        ]
        for name in quoted {
            var body = try String(contentsOfFile: Package.fixture("hub/docs/" + name), encoding: .utf8)
            XCTAssertTrue(body.hasSuffix("\n"), name)
            body.removeLast()
            XCTAssertTrue(text.contains(body), "\(name) is not HUB-FORMATS' text")
        }
    }
}
