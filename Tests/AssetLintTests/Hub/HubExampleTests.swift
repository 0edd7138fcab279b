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

    /// Asset-import examples the hub accepts that still fail, each with the rules that fail it.
    /// They wait for the manifest side of hub fidelity: public URLs on any host (U212), Markdown
    /// assets (U201), and the SDK's `storage`, `classifications` and `null` members (M106, M105).
    /// Each entry must still fail (the test says when one passes), so the list shrinks to empty
    /// as that work lands.
    static let expectedUntilHubFields: [String: Set<String>] = [
        "docs/cloud-import-public.json": ["U212"],
        "docs/cloud-import-video-framerate.json": ["U212"],
        "docs/assets-with-attachments.json": ["U212"],
        "docs/multi-page-dataset.json": ["U212"],
        "docs/bulk-markdown.json": ["U201"],
        "sdk/upload-files-cloud-markdown.json": ["U201"],
        "sdk/asset-builder.json": ["M106", "U201"],
        "sdk/upload-files-cloud-private-gcs-storage.json": ["M106"],
        "sdk/upload-files-paths.json": ["M105"],
        "sdk/upload-files-dict.json": ["M105"],
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
            let failing = Set(errors(report).map(\.ruleID))
            if let pending = Self.expectedUntilHubFields[fixture] {
                XCTAssertFalse(failing.isEmpty, "\(fixture) passes now: remove it from expectedUntilHubFields")
                XCTAssertTrue(failing.isSubset(of: pending), "\(fixture) fails on \(failing.sorted()), expected only \(pending.sorted()): \(LintHelper.findings(report))")
            } else {
                XCTAssertEqual(failing, [], "\(fixture): \(LintHelper.findings(report))")
            }
        }
    }

    /// The label, attachment and CORS examples pass through the command line with exit status 0.
    func testLabelAttachmentAndCORSExamplesExitZero() throws {
        let paths = try fixtures().filter { !Self.invalidJSON.contains($0) && Self.expectedUntilHubFields[$0] == nil }
            .filter { Self.expectedKind($0) != .manifest }
        XCTAssertGreaterThanOrEqual(paths.count, 30)
        let result = try Package.run(paths.map { Package.fixture("hub/" + $0) } + ["--format", "concise"])
        XCTAssertEqual(result.status, 0, result.standardOutput + result.standardError)
    }

    func testTheListOfPendingExamplesStaysSmall() {
        XCTAssertLessThanOrEqual(Self.expectedUntilHubFields.count, 10)
        for pending in Self.expectedUntilHubFields.values {
            XCTAssertTrue(pending.isSubset(of: ["U212", "U201", "M106", "M105", "M130"]), "\(pending)")
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
