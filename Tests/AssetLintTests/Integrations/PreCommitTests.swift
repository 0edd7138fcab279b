import Foundation
import XCTest

/// The real `pre-commit` (from PyPI) builds this repository with `swift build -c release` through
/// `.pre-commit-hooks.yaml` and runs the hook on a scratch repository.
final class PreCommitTests: XCTestCase {
    private func shell(_ command: String, in directory: String, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        try runTool("/bin/sh", ["-c", command], in: directory, environment: environment)
    }

    func testHookFailsOnABrokenManifestAndPassesClean() throws {
        let root = Package.root.path
        guard try shell("command -v pre-commit", in: root).status == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("pre-commit is not installed in CI (.ci/run installs it)") }
            throw XCTSkip("pre-commit is not installed (pip install pre-commit)")
        }
        let scratch = try ScratchFolder()
        try scratch.write("assets/import.json", """
            [
              {"data": "https://bucket.s3.eu-central-1.amazonaws.com/cat.jpg", "externalId": "cat-1", "width": 603},
              {"data": "https://bucket.s3.eu-central-1.amazonaws.com/dog.jpg", "externalId": "cat-1", "width": 10, "height": 10}
            ]
            """)
        try scratch.write("package.json", #"{"name": "tools", "private": true, "scripts": {"lint": "assetlint"}}"#)
        let git = "git -c user.name=test -c user.email=test@example.invalid"
        XCTAssertEqual(try shell("git init -q . && \(git) add -A && \(git) commit -qm init", in: scratch.path).status, 0)
        // A cache of the hook's build beside the package's own, reused across runs of the same commit.
        let environment = ["PRE_COMMIT_HOME": root + "/.build/pre-commit-home", "NO_COLOR": "1"]
        let failing = try shell("pre-commit try-repo \(root) assetlint --files assets/import.json package.json", in: scratch.path, environment: environment)
        XCTAssertNotEqual(failing.status, 0, failing.output)
        XCTAssertTrue(failing.output.contains("M110"), failing.output)
        XCTAssertTrue(failing.output.contains("M120"), failing.output)

        try scratch.write("assets/import.json", """
            [
              {"data": "https://bucket.s3.eu-central-1.amazonaws.com/cat.jpg", "externalId": "cat-1", "width": 603, "height": 450},
              {"data": "https://bucket.s3.eu-central-1.amazonaws.com/dog.jpg", "externalId": "dog-1", "width": 10, "height": 10}
            ]
            """)
        let passing = try shell("pre-commit try-repo \(root) assetlint --files assets/import.json package.json", in: scratch.path, environment: environment)
        XCTAssertEqual(passing.status, 0, passing.output)
    }
}
