import Foundation
import XCTest
@testable import AssetLint

/// Report files (`--format X=FILE`) and baselines are created as any other program creates a file:
/// 0666 less the umask; a file that already exists keeps its mode.
final class ReportFileTests: XCTestCase {
    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func testNewReportFilesAndBaselinesFollowTheUmask() throws {
        for (umask, expected) in [("022", 0o644), ("027", 0o640), ("077", 0o600), ("002", 0o664)] {
            let scratch = try ScratchFolder()
            try scratch.write("assets.json", #"[{"data": "https://b.s3.amazonaws.com/a b.jpg", "externalId": "a"}]"#)
            let result = try Hardening.run(
                ["assets.json", "--format", "junit=report.xml", "--format", "sarif=results.sarif", "--format", "concise"],
                in: scratch.path, prefix: "umask \(umask);")
            XCTAssertEqual(result.status, 1, result.description)
            XCTAssertEqual(try mode(scratch.path + "/report.xml"), expected, "umask \(umask)")
            XCTAssertEqual(try mode(scratch.path + "/results.sarif"), expected, "umask \(umask)")
            let baseline = try Hardening.run(["assets.json", "--write-baseline", "baseline.json"], in: scratch.path, prefix: "umask \(umask);")
            XCTAssertEqual(baseline.status, 0, baseline.description)
            XCTAssertEqual(try mode(scratch.path + "/baseline.json"), expected, "umask \(umask)")
            let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.contains(".assetlint-") }
            XCTAssertEqual(left, [], "no temporary file left behind")
        }
    }

    func testARewrittenReportKeepsItsMode() throws {
        let scratch = try ScratchFolder()
        try scratch.write("assets.json", #"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a"}]"#)
        let report = try scratch.write("report.xml", "old")
        try FileManager.default.setAttributes([.posixPermissions: 0o604], ofItemAtPath: report)
        let result = try Hardening.run(["assets.json", "--format", "junit=report.xml"], in: scratch.path, prefix: "umask 077;")
        XCTAssertEqual(result.status, 0, result.description)
        XCTAssertEqual(try mode(report), 0o604)
        XCTAssertTrue(try String(contentsOfFile: report, encoding: .utf8).hasPrefix("<?xml"))
    }

    /// `--format json=/dev/stdout` (or `json=-`) is `--format json`: the report alone on standard
    /// output, without the default text report before it; two formats cannot both take it.
    func testStandardOutputNamedAsAFile() throws {
        let scratch = try ScratchFolder()
        try scratch.write("assets.json", #"[{"data": "https://b.s3.amazonaws.com/a b.jpg", "externalId": "a"}]"#)
        for target in ["/dev/stdout", "-"] {
            let result = try Hardening.run(["assets.json", "--format", "json=\(target)"], in: scratch.path)
            XCTAssertEqual(result.status, 1, result.description)
            let report = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
            XCTAssertEqual((report?["files"] as? [Any])?.count, 1, result.description)
        }
        let both = try Hardening.run(["assets.json", "--format", "json=/dev/stdout", "--format", "concise"], in: scratch.path)
        XCTAssertEqual(both.status, 2, both.description)
        XCTAssertTrue(both.standardError.contains("only one --format can write to standard output"), both.description)
    }
}
