import Foundation
import XCTest
@testable import AssetLint

/// `AssetLintVersion.current` is the one source of the version: `--version`, the reports' tool
/// version, and what the release scripts read (the tarball's and the wheel's names, the version the
/// pre-commit package requires) must all say it.
final class VersionSourceTests: XCTestCase {
    private func script(_ command: String) throws -> (status: Int32, output: String) {
        try runTool("/bin/sh", ["-c", command], in: Package.root.path)
    }

    func testTheReleaseScriptsReadTheSwiftConstant() throws {
        let result = try script("scripts/release/version")
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(result.output, AssetLintVersion.current + "\n")
    }

    func testTheVersionScriptRefusesAFileWithoutTheConstant() throws {
        let scratch = try ScratchFolder()
        try scratch.write("scripts/release/version", try String(contentsOfFile: Package.root.path + "/scripts/release/version", encoding: .utf8))
        try scratch.write("Sources/AssetLint/Version.swift", "public enum AssetLintVersion { public static var current: String { \"1.2.3\" } }\n")
        let result = try runTool("/bin/sh", [scratch.path + "/scripts/release/version"])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("no 'current = \"X.Y.Z\"' line"), result.output)
    }

    func testCommandLineAndReportsSayTheVersion() throws {
        let version = try Package.run(["--version"])
        XCTAssertEqual(version.standardOutput, AssetLintVersion.current + "\n")
        let hubExample = Package.fixture("manifests/hub-example.json")
        for (format, path) in [("json", ["tool", "version"]), ("sarif", ["runs", "0", "tool", "driver", "version"])] {
            let result = try Package.run(["--format", format, hubExample])
            XCTAssertEqual(result.status, 0, result.standardError)
            var value: Any? = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
            for key in path {
                value = Int(key).map { (value as? [Any])?[$0] } ?? (value as? [String: Any])?[key]
            }
            XCTAssertEqual(value as? String, AssetLintVersion.current, format)
        }
    }

    /// The package pre-commit installs for the `assetlint-wheel` hook requires the wheel of this
    /// version; its build backend runs here as pip runs it, with nothing but the standard library.
    func testThePreCommitPackageRequiresThisVersion() throws {
        guard try script("command -v python3").status == 0 else { throw XCTSkip("python3 is not installed") }
        let scratch = try ScratchFolder()
        let build = try script("""
            cd scripts/release && python3 -c 'import sys, pre_commit_backend as b; print(b.build_wheel(sys.argv[1]))' \(scratch.path)
            """)
        XCTAssertEqual(build.status, 0, build.output)
        let wheel = "assetlint_pre_commit-\(AssetLintVersion.current)-py3-none-any.whl"
        XCTAssertEqual(build.output, wheel + "\n")
        let metadata = try script("""
            python3 -c 'import sys, zipfile; w = zipfile.ZipFile(sys.argv[1]); print(w.read(next(n for n in w.namelist() if n.endswith(".dist-info/METADATA"))).decode())' \(scratch.path)/\(wheel)
            """)
        XCTAssertEqual(metadata.status, 0, metadata.output)
        XCTAssertTrue(metadata.output.contains("\nRequires-Dist: assetlint==\(AssetLintVersion.current)\n"), metadata.output)
    }
}
