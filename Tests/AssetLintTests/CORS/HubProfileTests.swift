import Foundation
import XCTest
@testable import AssetLint

/// The hub profile is a visible, adjustable default: C304 says where its origin comes from,
/// `hub.origins: []` turns it off, and the other C rules do not take every bucket for the hub's.
final class HubProfileTests: XCTestCase {
    private let gcs = #"[{"origin": ["https://www.example.com"], "method": ["GET"]}]"#

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assetlint-hub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    func testTheTextOutputSaysWhereTheOriginComesFrom() throws {
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("cors.json")
        try gcs.write(to: file, atomically: true, encoding: .utf8)
        let defaults = runSession { $0.paths = [file.path]; $0.workingDirectory = folder.path }
        XCTAssertEqual(defaults.status, 1)
        let notes = defaults.standardOutput.split(separator: "\n").filter { $0.contains("= note: required by hub.origins") }
        XCTAssertEqual(notes.count, 1, defaults.standardOutput)
        let note = notes.first.map(String.init) ?? ""
        XCTAssertTrue(note.contains("(default https://hub.ango.ai)") && note.contains("hub.origins: []"), note)
        // Not in the one-line formats.
        let concise = runSession { $0.paths = [file.path]; $0.workingDirectory = folder.path; $0.formats = [.init(format: .concise)] }
        XCTAssertFalse(concise.standardOutput.contains("note:"), concise.standardOutput)

        try "hub:\n  origins: [https://labeling.example.com]\n".write(to: folder.appendingPathComponent(".assetlint.yml"), atomically: true, encoding: .utf8)
        let configured = runSession { $0.paths = [file.path]; $0.workingDirectory = folder.path }
        XCTAssertTrue(configured.standardOutput.contains("= note: required by hub.origins in .assetlint.yml: edit the list, or set hub.origins: [] to turn C304 off"), configured.standardOutput)
        XCTAssertTrue(configured.standardOutput.contains("\"https://labeling.example.com\""), configured.standardOutput)
    }

    func testAnEmptyOriginListTurnsTheCheckOff() throws {
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("cors.json")
        try #"[{"origin": ["*"], "method": ["GET"]}, {"method": ["GET"]}]"#.write(to: file, atomically: true, encoding: .utf8)
        try "hub:\n  origins: []\n".write(to: folder.appendingPathComponent(".assetlint.yml"), atomically: true, encoding: .utf8)
        let result = runSession { $0.paths = [file.path]; $0.workingDirectory = folder.path; $0.formats = [.init(format: .concise)] }
        XCTAssertFalse(result.standardOutput.contains("C304"), result.standardOutput)
        XCTAssertFalse(result.standardOutput.contains("hub.ango.ai"), "no default comes back: \(result.standardOutput)")
        // C306 names no hub origin and offers none; C301 still reports the rule without origins, without inventing one.
        let report = LintHelper.lint(#"[{"origin": ["*"], "method": ["GET"]}, {"method": ["GET"]}]"#) { $0.hub.origins = [] }
        let wildcard = LintHelper.findings(report, "C306")
        XCTAssertEqual(wildcard.count, 1)
        XCTAssertNil(wildcard.first?.fix)
        XCTAssertFalse(wildcard.first?.message.contains("hub") ?? true, wildcard.first?.message ?? "")
        let shape = LintHelper.findings(report, "C301")
        XCTAssertEqual(shape.count, 1, "\(LintHelper.findings(report))")
        XCTAssertNil(shape.first?.fix)
        XCTAssertTrue(LintHelper.findings(report, "C304").isEmpty)
    }

    func testAnEmptyMethodListIsAConfigurationError() throws {
        let folder = try temporaryFolder()
        try gcs.write(to: folder.appendingPathComponent("cors.json"), atomically: true, encoding: .utf8)
        try "hub:\n  methods: []\n".write(to: folder.appendingPathComponent(".assetlint.yml"), atomically: true, encoding: .utf8)
        let result = runSession { $0.paths = [folder.appendingPathComponent("cors.json").path]; $0.workingDirectory = folder.path }
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains(".assetlint.yml:2:12: error: 'hub.methods' is empty"), result.standardError)
        XCTAssertTrue(result.standardError.contains("hub.origins: []"), result.standardError)
    }

    func testWildcardAndMethodWordingDoNotAssumeTheHub() {
        let any = LintHelper.findings(#"[{"origin": ["*"], "method": ["GET"]}]"#, "C306").first
        XCTAssertEqual(any?.message, #"origin "*" lets every website read this bucket's responses in its visitors' browsers: list only the origins that need access (for the hub: "https://hub.ango.ai", from hub.origins)"#)
        let delete = LintHelper.findings(#"[{"origin": ["https://www.example.com"], "method": ["GET", "DELETE"]}]"#, "C309").first
        XCTAssertTrue(delete?.message.contains("remove it unless a page of yours deletes objects") ?? false, delete?.message ?? "")
        XCTAssertFalse(delete?.message.contains("the hub") ?? true)
        let every = LintHelper.findings(#"[{"origin": ["https://www.example.com"], "method": ["*"]}]"#, "C309").first
        XCTAssertTrue(every?.message.contains("list the methods your pages use") ?? false, every?.message ?? "")
    }

    /// S3 website endpoints serve plain HTTP only: no https:// suggestion, no fix.
    func testS3WebsiteEndpointOrigins() {
        for origin in ["http://viewer.s3-website-eu-west-1.amazonaws.com", "http://viewer.s3-website.eu-central-1.amazonaws.com",
                       "http://viewer.s3-website.cn-north-1.amazonaws.com.cn"] {
            let found = LintHelper.findings(#"[{"AllowedOrigins": ["\#(origin)"], "AllowedMethods": ["GET"]}]"#, "C307")
            XCTAssertEqual(found.count, 1, origin)
            XCTAssertNil(found.first?.fix, origin)
            XCTAssertFalse(found.first?.message.contains("https://viewer") ?? true, found.first?.message ?? "")
            XCTAssertTrue(found.first?.message.contains("S3 website endpoint") ?? false, found.first?.message ?? "")
        }
        let ordinary = LintHelper.findings(#"[{"AllowedOrigins": ["http://viewer.s3.amazonaws.com"], "AllowedMethods": ["GET"]}]"#, "C307")
        XCTAssertEqual(ordinary.first?.fix?.edits.first?.replacement, "https://viewer.s3.amazonaws.com")
    }
}
