import Foundation
import XCTest
@testable import AssetLint

final class ReporterLocatorTests: XCTestCase {
    /// The one-pass locator agrees with `SourceFile.position(of:)` at every offset.
    func testAgreesWithSourceFile() {
        let samples: [[UInt8]] = [
            Array("[\n  {\"a\": \"café\"},\r\n\t{\"b\": \"猫😀e\u{301}\"}\n]".utf8),
            Array("".utf8),
            Array("\n\n\n".utf8),
            [0x5B, 0xFF, 0x80, 0x0A, 0xC3, 0x0A, 0xE2, 0x82, 0xAC, 0x22, 0xF0, 0x9F],
        ]
        for bytes in samples {
            let source = SourceFile(path: "x", bytes: bytes)
            let offsets = Array(-2...(bytes.count + 2))
            let locator = ReportLocator(source: source, offsets: offsets.reversed())
            var scalars = 0
            for offset in offsets {
                let expected = source.position(of: offset)
                let actual = locator.location(offset)
                XCTAssertEqual(actual.line, expected.line, "line at \(offset) in \(bytes)")
                XCTAssertEqual(actual.column, expected.column, "column at \(offset) in \(bytes)")
                if offset >= 0, offset <= bytes.count {
                    let inside = offset < bytes.count && offset > 0 && bytes[offset] & 0xC0 == 0x80
                    XCTAssertEqual(actual.scalarOffset, inside ? scalars - 1 : scalars, "scalar offset at \(offset)")
                    if offset < bytes.count, bytes[offset] & 0xC0 != 0x80 { scalars += 1 }
                }
            }
        }
    }

    /// Offsets asked in any order: behind the cursor they are counted from the nearest note, with
    /// notes every 16 bytes here so that the notes, not the cursor, answer most of them.
    func testOffsetsBehindTheCursorComeFromItsNotes() {
        var random = SeededGenerator(seed: 11)
        let pieces: [[UInt8]] = [Array("abcdefgh".utf8), Array("café".utf8), Array("猫😀".utf8), [0x0A], [0x80, 0xFF], Array("e\u{301}".utf8)]
        for _ in 0..<10 {
            var bytes: [UInt8] = []
            while bytes.count < 3000 { bytes += pieces[random.below(pieces.count)] }
            let source = SourceFile(path: "x", bytes: bytes)
            let sparse = ReportLocator(source: source, checkpointSpacing: 16)
            let dense = ReportLocator(source: source)
            for _ in 0..<400 {
                let offset = random.below(bytes.count + 1)
                let expected = source.position(of: offset)
                for locator in [sparse, dense] {
                    let actual = locator.location(offset)
                    XCTAssertEqual(actual.line, expected.line, "line at \(offset)")
                    XCTAssertEqual(actual.column, expected.column, "column at \(offset)")
                }
                XCTAssertEqual(sparse.location(offset), dense.location(offset))
            }
        }
    }

    /// Far-apart offsets, so the locator's word-at-a-time path runs: long lines of mixed ASCII,
    /// multi-byte and invalid bytes, short lines, CR LF.
    func testAgreesWithSourceFileOnSparseOffsets() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("abcdefgh".utf8), Array("café".utf8), Array("猫😀".utf8), [0x0A], [0x0D, 0x0A], [0x80, 0xFF],
            Array(String(repeating: "x", count: 37).utf8), Array("e\u{301}".utf8),
        ]
        for _ in 0..<20 {
            var bytes: [UInt8] = []
            while bytes.count < 5000 { bytes += pieces.randomElement(using: &generator)! }
            let source = SourceFile(path: "x", bytes: bytes)
            let offsets = (0..<40).map { _ in Int.random(in: 0...bytes.count, using: &generator) }
            let locator = ReportLocator(source: source, offsets: offsets)
            for offset in offsets {
                let expected = source.position(of: offset)
                let actual = locator.location(offset)
                XCTAssertEqual(actual.line, expected.line, "line at \(offset)")
                XCTAssertEqual(actual.column, expected.column, "column at \(offset)")
                var scalars = 0
                for byte in bytes[..<offset] where byte & 0xC0 != 0x80 { scalars += 1 }
                let lineStart = (bytes[..<offset].lastIndex(of: 0x0A) ?? -1) + 1
                let inside = offset < bytes.count && offset > lineStart && bytes[offset] & 0xC0 == 0x80
                XCTAssertEqual(actual.scalarOffset, max(0, inside ? scalars - 1 : scalars), "scalar offset at \(offset)")
            }
        }
    }

    func testFileWithoutSource() {
        let locator = ReportLocator(report: .unreadable("x", reason: "gone"))
        XCTAssertEqual(locator.location(10), ReportLocator.Location(line: 1, column: 1, scalarOffset: 0))
    }
}

final class ReporterFactoryTests: XCTestCase {
    func testFactoryCoversEveryFormat() {
        XCTAssertTrue(OutputFormat.text.reporter is TextReporter)
        XCTAssertTrue(OutputFormat.concise.reporter is ConciseReporter)
        XCTAssertTrue(OutputFormat.json.reporter is JSONReporter)
        XCTAssertTrue(OutputFormat.junit.reporter is JUnitReporter)
        XCTAssertTrue(OutputFormat.sarif.reporter is SARIFReporter)
        XCTAssertTrue(OutputFormat.github.reporter is GitHubReporter)
    }

    /// Every unreadable file shows up in every format.
    func testUnreadableFilesAppearEverywhere() {
        let run = LintRun(files: [.unreadable("gone/file.json", reason: "Permission denied")], catalog: [])
        for format in OutputFormat.allCases {
            let output = format.reporter.render(run, options: ReportOptions())
            XCTAssertTrue(output.contains("Permission denied"), "\(format)")
            XCTAssertTrue(output.contains("gone/file.json"), "\(format)")
        }
    }
}

/// Runs `scripts/validate-reports.py` on the golden files: the JUnit ones against the Jenkins
/// JUnit XSD, the SARIF ones against the SARIF 2.1.0 schema, the json ones against the format's
/// own schema. Skipped where python3 lacks `xmlschema` or `jsonschema`.
final class ReporterValidationScriptTests: XCTestCase {
    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runTool("/usr/bin/env", arguments, in: Golden.packageRoot.path)
    }

    func testGoldenReportsValidateAgainstTheSchemas() throws {
        guard let probe = try? run(["python3", "-c", "import xmlschema, jsonschema"]), probe.status == 0 else {
            throw XCTSkip("python3 with xmlschema and jsonschema is not available (pip install xmlschema jsonschema)")
        }
        let result = try run(["python3", "scripts/validate-reports.py", "Fixtures/golden"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("0 invalid"), result.output)
        for name in ["handmade.junit", "handmade.sarif", "handmade.json", "real.junit", "real.sarif", "real.json"] {
            XCTAssertTrue(result.output.contains("valid   Fixtures/golden/\(name)"), "\(name) not validated:\n\(result.output)")
        }
    }

    func testFreshOutputValidates() throws {
        guard let probe = try? run(["python3", "-c", "import xmlschema, jsonschema"]), probe.status == 0 else {
            throw XCTSkip("python3 with xmlschema and jsonschema is not available (pip install xmlschema jsonschema)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assetlint-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = ReporterFixtures.handmadeRun()
        for format in [OutputFormat.junit, .sarif, .json] {
            let output = format.reporter.render(run, options: ReportOptions())
            try Data(output.utf8).write(to: directory.appendingPathComponent("fresh.\(format.rawValue)"))
        }
        // A broken report must be rejected.
        try Data("<testsuites><testsuite name=\"x\"/></testsuites>".utf8).write(to: directory.appendingPathComponent("broken.junit"))
        let result = try self.run(["python3", "scripts/validate-reports.py", directory.path])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("INVALID"), result.output)
        XCTAssertTrue(result.output.contains("3 valid, 1 invalid"), result.output)
    }
}

/// A minified manifest megabytes long with thousands of findings on its one line: every format
/// finishes (positions are resolved in one pass, excerpts read a bounded window).
final class ReporterScaleTests: XCTestCase {
    func testManyFindingsOnOneHugeLine() {
        let item = #"{"data": "https://b.s3.amazonaws.com/a+b.jpg", "externalId": "x"},"#
        let count = 4000
        let text = "[" + String(repeating: item, count: count) + "{}]"
        let itemLength = item.utf8.count
        let plusInItem = ReporterFixtures.range(of: "+", in: item).offset
        let rule = ReporterFixtures.u204
        let diagnostics = (0..<count).map { index in
            let range = ByteRange(offset: 1 + index * itemLength + plusInItem, length: 1)
            return ReporterFixtures.diagnostic(
                rule, "plus", range, pointer: "/\(index)/data",
                fix: Fix(.unsafe, "encode", edits: [TextEdit(range: range, replacement: "%20")]))
        }
        let report = FileReport(
            path: "big.json", kind: .manifest, source: SourceFile(path: "big.json", text: text), diagnostics: diagnostics,
            rulesRun: [rule])
        let run = LintRun(files: [report], catalog: [rule])
        // Uncapped, so every finding is rendered (the per-rule cap has its own tests).
        let all = ReportOptions(perRuleLimit: nil)
        let concise = ConciseReporter().render(run, options: all)
        XCTAssertEqual(concise.split(separator: "\n").count, count)
        XCTAssertTrue(concise.hasSuffix("big.json:1:\(1 + (count - 1) * itemLength + plusInItem + 1): error[U204] plus\n"))
        let textOutput = TextReporter().render(run, options: all)
        XCTAssertEqual(textOutput.components(separatedBy: "error[U204]").count - 1, count)
        for line in textOutput.split(separator: "\n") where line.hasPrefix("1 | ") {
            XCTAssertLessThanOrEqual(line.count, ReportExcerpt.maxWidth + 4)
        }
        for format in [OutputFormat.json, .junit, .sarif, .github] {
            XCTAssertFalse(format.reporter.render(run, options: ReportOptions()).isEmpty)
        }
    }
}
