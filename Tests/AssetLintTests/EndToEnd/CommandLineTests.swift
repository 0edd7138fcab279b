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

    func testHelpShowsTheLintOptionsAndTheSubcommands() throws {
        for arguments in [["--help"], ["-h"], ["help"]] {
            let result = try Package.run(arguments)
            XCTAssertEqual(result.status, 0, "\(arguments)")
            let help = result.standardOutput
            XCTAssertTrue(help.contains("USAGE: assetlint [<options>] [<paths> ...]\n       assetlint <subcommand>"), help)
            for option in ["--format <format[=file]>", "--kind <kind>", "--select <rules>", "--fix", "--diff", "--baseline", "--statistics", "--version"] {
                XCTAssertTrue(help.contains("  " + option), "\(arguments) lacks \(option):\n\(help)")
            }
            for subcommand in ["check (default)", "rules", "explain", "url"] {
                XCTAssertTrue(help.contains("\n  " + subcommand + " "), "\(arguments) lacks \(subcommand)")
            }
            XCTAssertFalse(help.contains("assetlint check ["), "the bare command lints")
        }
        // The subcommands keep their own help.
        XCTAssertTrue(try Package.run(["help", "url"]).standardOutput.contains("USAGE: assetlint url"))
    }

    func testTyposGetTheClosestValue() throws {
        let cases: [([String], String)] = [
            (["--format", "sarf", "x.json"], "error: unknown format 'sarf'; did you mean 'sarif'?"),
            (["--format", "JUNT=r.xml", "x.json"], "error: unknown format 'JUNT'; did you mean 'junit'?"),
            (["--format", "yaml", "x.json"], "error: unknown format 'yaml': expected text, concise, json, junit, sarif or github, optionally followed by =FILE"),
            (["--kind", "manfest", "x.json"], "error: unknown kind 'manfest'; did you mean 'manifest'?"),
            (["--kind", "cors_s3", "x.json"], "error: unknown kind 'cors_s3'; did you mean 'cors-s3'?"),
            (["--select", "U2044", "x.json"], "error: unknown rule or prefix 'U2044' in --select; did you mean 'U204'?"),
            (["--ignore", "M121,url-plus-in-pth", "x.json"], "error: unknown rule or prefix 'url-plus-in-pth' in --ignore; did you mean 'url-plus-in-path'?"),
            (["--select", "Q999", "x.json"], "error: unknown rule or prefix 'Q999' in --select (see 'assetlint rules')"),
            (["explain", "U2044"], "error: unknown rule 'U2044'; did you mean 'U204'?"),
            (["explain", "duplicate-kee"], "error: unknown rule 'duplicate-kee'; did you mean 'duplicate-key'?"),
        ]
        for (arguments, expected) in cases {
            let result = try Package.run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertTrue(result.standardError.hasPrefix(expected + "\n"), "\(arguments):\n\(result.standardError)")
        }
    }

    func testEveryUsageErrorStartsWithLowerCaseError() throws {
        for arguments in [["--format", "yaml"], ["--kind", "nope"], ["--no-such-flag"], ["--max-warnings", "-1"], ["--baseline", "a", "--write-baseline", "b"],
                          ["--select", "Q999"], ["explain", "X404"], ["url"], ["rules", "--output", "x"]] {
            let result = try Package.run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertTrue(result.standardError.hasPrefix("error: "), "\(arguments): \(result.standardError)")
            XCTAssertFalse(result.standardError.contains("Error:"), "\(arguments): \(result.standardError)")
        }
    }

    func testExplainShowsCustomRulesOfTheConfiguration() throws {
        let scratch = try ScratchFolder()
        let config = try scratch.write("lint/assetlint.yml", """
            custom:
              - id: X001
                name: split-name
                pointer: /*/metadata/split
                enum: [train, test]
                severity: warning
                message: metadata.split names a dataset split
            """)
        let explicit = try Package.run(["explain", "X001", "--config", config])
        XCTAssertEqual(explicit.status, 0, explicit.standardError)
        XCTAssertTrue(explicit.standardOutput.hasPrefix("# X001 split-name\n"), explicit.standardOutput)
        XCTAssertTrue(explicit.standardOutput.contains("| Default severity | warning |"))
        // Found like a lint run finds it: the nearest .assetlint.yml.
        try scratch.write(".assetlint.yml", try String(contentsOfFile: config, encoding: .utf8))
        let nearest = try Package.run(["explain", "split-nme"], in: scratch.path)
        XCTAssertEqual(nearest.status, 2)
        XCTAssertTrue(nearest.standardError.hasPrefix("error: unknown rule 'split-nme'; did you mean 'split-name'?"), nearest.standardError)
        XCTAssertEqual(try Package.run(["explain", "split-name"], in: scratch.path).status, 0)
        // Built-in rules need no configuration.
        try scratch.write(".assetlint.yml", "rules: [broken\n")
        XCTAssertEqual(try Package.run(["explain", "U204"], in: scratch.path).status, 0)
        XCTAssertEqual(try Package.run(["explain", "X001"], in: scratch.path).status, 2)
    }

    func testStatisticsExplainTheirMarks() throws {
        let result = try Package.run([Package.fixture("manifests/broken.json"), "--statistics", "--format", "concise"])
        XCTAssertEqual(result.status, 1)
        let lines = result.standardOutput.split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.hasSuffix("[~]") }, result.standardOutput)
        XCTAssertEqual(lines.last, "[~] fixable with --unsafe-fixes")
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
