import Foundation
import XCTest
@testable import AssetLint

/// The realistic manifests of `Fixtures/urls/`, linted by the U rules and M111/M112/M114/M116,
/// against their expected text reports and fixed files in `Fixtures/urls/golden/`
/// (regenerate with `ASSETLINT_UPDATE_GOLDEN=1 swift test --filter URLFixtureGoldenTests`).
final class URLFixtureGoldenTests: XCTestCase {
    static let folder = Package.root.appendingPathComponent("Fixtures/urls")
    static let goldenFolder = folder.appendingPathComponent("golden")

    static var fixtures: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted() + ["configured/assets.json"]
    }

    private func linter(for name: String) throws -> Linter {
        var configuration = Configuration(directory: Self.folder.path)
        let configPath = Self.folder.appendingPathComponent(name).deletingLastPathComponent().appendingPathComponent(".assetlint.yml").path
        if FileManager.default.fileExists(atPath: configPath) {
            configuration = try ConfigurationLoader.load(path: configPath) { RuleSelection.isKnown($0, in: RuleRegistry.catalog) }
        }
        return Linter(configuration: configuration, options: LintOptions(kind: .manifest), rules: URLRuleTesting.allRules)
    }

    private func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
    }

    private func source(_ name: String) throws -> SourceFile {
        SourceFile(path: "Fixtures/urls/" + name, bytes: try bytes(name))
    }

    func testReports() throws {
        XCTAssertGreaterThanOrEqual(Self.fixtures.count, 12)
        for name in Self.fixtures {
            let linter = try linter(for: name)
            let report = linter.lint(try source(name))
            let run = LintRun(files: [report], catalog: linter.rules.map { $0.metadata }, toolVersion: "0.1.0")
            check(OutputFormat.text.reporter.render(run, options: ReportOptions()), name.replacingOccurrences(of: "/", with: "-") + ".text")
        }
    }

    /// `--fix` and `--fix --unsafe-fixes` (rounds until nothing changes, as the fix session does).
    func testFixedFiles() throws {
        for name in Self.fixtures {
            let linter = try linter(for: name)
            for unsafe in [false, true] {
                var bytes = try self.bytes(name)
                for _ in 0..<10 {
                    let report = linter.lint(SourceFile(path: name, bytes: bytes))
                    let fixes = FixApplier.applicable(report.diagnostics, unsafe: unsafe)
                    let next = bytes.withUnsafeBufferPointer { FixApplier.apply(fixes, to: $0) }.bytes
                    if next == bytes { break }
                    bytes = next
                }
                let suffix = unsafe ? ".unsafe-fixed.json" : ".fixed.json"
                check(String(decoding: bytes, as: UTF8.self), name.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".json", with: suffix))
                // Still valid JSON, and nothing left to fix.
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(bytes)), name)
                let again = linter.lint(SourceFile(path: name, bytes: bytes))
                XCTAssertEqual(FixApplier.applicable(again.diagnostics, unsafe: unsafe).map(\.description), [], name)
            }
        }
    }

    /// Large manifests are checked by two rule groups in parallel, each with its own shared
    /// analyses: the U and M11x rules give exactly the serial result wherever they land.
    func testSplitRunMatchesSerialRun() throws {
        var split = LintOptions(kind: .manifest)
        split.splitThreshold = 0
        for name in Self.fixtures {
            let file = try source(name)
            let serial = Linter(configuration: Configuration(directory: Self.folder.path), options: LintOptions(kind: .manifest)).lint(file)
            let parallel = Linter(configuration: Configuration(directory: Self.folder.path), options: split).lint(file)
            XCTAssertEqual(parallel.diagnostics.map(Self.describe), serial.diagnostics.map(Self.describe), name)
        }
        let generated = SourceFile(path: "generated.json", text: URLFixSessionTests.manifest(items: 3000, fixedBy: nil))
        let serial = Linter(configuration: Configuration(directory: "/"), options: LintOptions(kind: .manifest)).lint(generated)
        let parallel = Linter(configuration: Configuration(directory: "/"), options: split).lint(generated)
        XCTAssertGreaterThan(serial.diagnostics.filter { $0.ruleID.hasPrefix("U") }.count, 300)
        XCTAssertEqual(parallel.diagnostics.map(Self.describe), serial.diagnostics.map(Self.describe))
    }

    static func describe(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.ruleID) \(diagnostic.range.offset) \(diagnostic.range.length) \(diagnostic.pointer) \(diagnostic.message)"
    }

    func testCleanFixtureIsClean() throws {
        XCTAssertEqual(try linter(for: "clean.json").lint(try source("clean.json")).diagnostics.map(\.message), [])
    }

    private func check(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = Self.goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ASSETLINT_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            XCTAssertNoThrow(try Data(actual.utf8).write(to: url), file: file, line: line)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden file \(name); run with ASSETLINT_UPDATE_GOLDEN=1", file: file, line: line)
            return
        }
        XCTAssertEqual(actual, expected, name, file: file, line: line)
    }
}
