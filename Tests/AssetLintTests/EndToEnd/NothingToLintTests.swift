import Foundation
import XCTest
@testable import AssetLint

/// A run that finds nothing to lint says so on standard error and never "All checks passed.";
/// the exit status is 0 (nothing linted, nothing found: a pre-commit hook whose staged files are
/// all excluded passes).
final class NothingToLintTests: XCTestCase {
    private func lint(_ scratch: ScratchFolder, _ paths: [String], quiet: Bool = false) -> SessionResult {
        runSession {
            $0.paths = paths.map { scratch.path + "/" + $0 }
            $0.workingDirectory = scratch.path
            $0.quiet = quiet
        }
    }

    func testAFolderWithoutJSONFilesIsAWarning() throws {
        let scratch = try ScratchFolder()
        try scratch.write("docs/readme.txt", "not json")
        try scratch.write("docs/node_modules/dep/package.json", "{}")
        let result = lint(scratch, ["docs"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.standardError, "warning: no JSON files to lint under \(scratch.path)/docs\n")
        XCTAssertEqual(result.standardOutput, "No files linted.\n")
        XCTAssertFalse(result.standardOutput.contains("All checks passed"))
        XCTAssertEqual(lint(scratch, ["docs"], quiet: true).standardError, "", "--quiet prints only findings")
    }

    func testExcludedFilesAreNamed() throws {
        let scratch = try ScratchFolder()
        try scratch.write(".assetlint.yml", "files:\n  exclude: [\"legacy/**\", \"vendor/*.json\"]\n")
        try scratch.write("legacy/old.json", "[1,]")
        try scratch.write("vendor/a.json", "{}")
        try scratch.write("vendor/b.json", "{}")
        try scratch.write("assets/good.json", "[]")
        let config = scratch.path + "/.assetlint.yml"

        let folder = lint(scratch, ["vendor"])
        XCTAssertEqual(folder.status, 0)
        XCTAssertEqual(folder.standardError, "warning: no JSON files to lint under \(scratch.path)/vendor (files.exclude in \(config) excludes 2 JSON files there)\n")
        XCTAssertEqual(folder.standardOutput, "No files linted.\n")

        let named = lint(scratch, ["legacy/old.json"])
        XCTAssertEqual(named.status, 0, "an excluded file is not linted, so its syntax error does not count")
        XCTAssertEqual(named.standardError, "warning: \(scratch.path)/legacy/old.json is not linted: files.exclude in \(config) matches it\n")

        let whole = lint(scratch, ["."])
        XCTAssertEqual(whole.status, 0)
        XCTAssertEqual(whole.standardError, "", "a folder with something to lint is not reported")
        XCTAssertEqual(whole.standardOutput, "All checks passed.\n")

        let root = lint(scratch, ["legacy"])
        XCTAssertEqual(root.standardError, "warning: no JSON files to lint under \(scratch.path)/legacy (files.exclude in \(config) excludes 1 JSON file there)\n")
    }

    func testOtherFilesAreStillLintedAndReported() throws {
        let scratch = try ScratchFolder()
        try FileManager.default.createDirectory(atPath: scratch.path + "/empty", withIntermediateDirectories: true)
        try scratch.write("broken.json", "[1,]")
        let result = lint(scratch, ["empty", "broken.json"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.standardError, "warning: no JSON files to lint under \(scratch.path)/empty\n")
        XCTAssertTrue(result.standardOutput.hasSuffix("Found 1 error in 1 file.\n"), result.standardOutput)
    }
}
