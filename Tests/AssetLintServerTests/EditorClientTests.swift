import Foundation
import XCTest

/// The real binary driven by a real LSP client: `Tests/lsp/` runs pytest-lsp (pygls) with the
/// capabilities VS Code and Neovim send, over standard input and output. Skipped, saying why, when
/// python3 lacks pytest-lsp (`pip install pytest-lsp`; CI installs it).
final class EditorClientTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var executable: URL? {
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("assetlint"), Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("assetlint")]
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent().appendingPathComponent("assetlint") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    private func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = Self.root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testARealClientOpensChangesFixesReloadsAndShutsDown() throws {
        guard let executable = Self.executable else { throw XCTSkip("the assetlint executable is not built next to the tests") }
        guard let probe = try? run(["python3", "-c", "import pytest_lsp"]), probe.status == 0 else {
            throw XCTSkip("python3 with pytest-lsp is not available (pip install pytest-lsp)")
        }
        let result = try run(["python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "Tests/lsp"], environment: ["ASSETLINT": executable.path])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains(" passed"), result.output)
    }
}
