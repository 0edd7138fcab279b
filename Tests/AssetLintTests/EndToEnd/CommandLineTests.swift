import Foundation
import XCTest
@testable import AssetLint

final class CommandLineTests: XCTestCase {
    func testExitStatusZeroOneAndTwo() throws {
        let clean = try Package.run([Package.fixture("json/package.json")])
        XCTAssertEqual(clean.status, 0, clean.standardError)
        let broken = try Package.run([Package.fixture("json/broken-syntax.json")])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.standardOutput.contains("broken-syntax.json:3:92: error[J001]"), broken.standardOutput)
        let missing = try Package.run([Package.fixture("json/package.json"), "/no/such/file.json"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue((missing.standardOutput + missing.standardError).contains("/no/such/file.json"))
    }

    func testUsageErrorsExitTwo() throws {
        for arguments in [["--format", "yaml", "x.json"], ["--kind", "nope", "x.json"], ["--select", "Q999", "x.json"], ["--no-such-flag"]] {
            let result = try Package.run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.standardError)")
            XCTAssertFalse(result.standardError.isEmpty)
        }
    }

    func testStandardInputWithStdinFilename() throws {
        let result = try Package.run(["-", "--stdin-filename", "assets/import.json", "--format", "concise"], input: Data("[1,]".utf8))
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.standardOutput, "assets/import.json:1:3: error[J001] invalid JSON: trailing comma: JSON does not allow a ',' before ']'\n")
    }

    func testRulesAndExplain() throws {
        let rules = try Package.run(["rules", "--format", "json"])
        XCTAssertEqual(rules.status, 0)
        let object = try JSONSerialization.jsonObject(with: Data(rules.standardOutput.utf8)) as? [String: Any]
        let list = try XCTUnwrap(object?["rules"] as? [[String: Any]])
        XCTAssertEqual(list.count, RuleRegistry.catalog.count)
        let explain = try Package.run(["explain", "duplicate-key"])
        XCTAssertEqual(explain.status, 0)
        XCTAssertTrue(explain.standardOutput.hasPrefix("# J003 duplicate-key"))
        XCTAssertEqual(try Package.run(["explain", "X404"]).status, 2)
    }

    func testFolderWalkFindsJSONAndSurvivesSymlinkLoops() throws {
        let scratch = try ScratchFolder()
        try scratch.write("a/one.json", "[1,]")
        try scratch.write("a/b/two.json", "{}")
        try scratch.write("a/notes.txt", "not json")
        try scratch.write("node_modules/dep/package.json", "{,}")
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/a/b/loop", withDestinationPath: scratch.path + "/a")
        let result = try Package.run([scratch.path, "--format", "concise"])
        XCTAssertEqual(result.status, 1)
        let lines = result.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.standardOutput)
        XCTAssertTrue(lines.first?.hasSuffix("error[J001] invalid JSON: trailing comma: JSON does not allow a ',' before ']'") == true)
    }
}
