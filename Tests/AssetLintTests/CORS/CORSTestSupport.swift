import Foundation
import XCTest
@testable import AssetLint

/// One diagnostic as the tests look at it: positions resolved to lines and columns.
struct Finding: CustomStringConvertible {
    var rule: String
    var severity: Severity
    var line: Int
    var column: Int
    var endLine: Int
    var endColumn: Int
    var pointer: String
    var message: String
    var note: String?
    var fix: Fix?
    var related: [RelatedLocation]

    /// The message, note and fix description: everything the finding tells (see `Diagnostic.told`).
    var told: String { [message, note, fix?.description].compactMap { $0 }.joined(separator: "\n") }

    var description: String { "\(line):\(column) \(severity.rawValue)[\(rule)] \(pointer): \(message)" }
}

enum LintHelper {
    /// Lints `text` as the command line would (kind auto-detected unless given), with the default
    /// hub profile unless `configure` changes it.
    static func lint(
        _ text: String, kind: DocumentKind? = nil, path: String = "cors.json", select: [String]? = nil,
        ignore: [String] = [], configure: ((inout Configuration) -> Void)? = nil
    ) -> FileReport {
        var configuration = Configuration(directory: ".")
        configure?(&configuration)
        let linter = Linter(configuration: configuration, options: LintOptions(kind: kind, select: select, ignore: ignore))
        return linter.lint(SourceFile(path: path, text: text))
    }

    static func findings(_ report: FileReport, _ rule: String? = nil) -> [Finding] {
        guard let source = report.source else { return [] }
        return report.diagnostics.filter { rule == nil || $0.ruleID == rule }.map { d in
            let start = source.position(of: d.range.offset)
            let end = source.position(of: d.range.end)
            return Finding(
                rule: d.ruleID, severity: d.severity, line: start.line, column: start.column, endLine: end.line,
                endColumn: end.column, pointer: d.pointer, message: d.message, note: d.note, fix: d.fix, related: d.related)
        }
    }

    static func findings(_ text: String, _ rule: String, kind: DocumentKind? = nil, configure: ((inout Configuration) -> Void)? = nil) -> [Finding] {
        findings(lint(text, kind: kind, configure: configure), rule)
    }

    /// Applies the fixes of `report` (safe ones, or all) as `--fix` does: one round of the engine's
    /// FixApplier, which defers fixes that overlap one already taken.
    static func applyingFixes(_ report: FileReport, unsafe: Bool = false, only rule: String? = nil) -> String {
        guard let source = report.source else { return "" }
        let diagnostics = report.diagnostics.filter { rule == nil || $0.ruleID == rule }
        let result = FixApplier.apply(FixApplier.applicable(diagnostics, unsafe: unsafe), to: source.bytes)
        return String(decoding: result.bytes, as: UTF8.self)
    }

    /// The stable golden form of a report, independent of the output formats.
    static func golden(_ report: FileReport) -> String {
        var out = "kind: \(report.kind?.rawValue ?? "-")\n"
        guard let source = report.source else { return out }
        for d in report.diagnostics {
            let start = source.position(of: d.range.offset)
            let end = source.position(of: d.range.end)
            let pointer = d.pointer.isEmpty ? "\"\"" : d.pointer
            out += "\(start.line):\(start.column)-\(end.line):\(end.column) \(d.severity.rawValue)[\(d.ruleID)] \(pointer): \(d.message)\n"
            if let note = d.note { out += "  note: \(note)\n" }
            for related in d.related {
                let position = source.position(of: related.range.offset)
                out += "  related \(position.line):\(position.column): \(related.message)\n"
            }
            if let fix = d.fix {
                out += "  fix (\(fix.applicability.rawValue)): \(fix.description)\n"
                for edit in fix.edits {
                    out += "    @\(edit.range.offset)+\(edit.range.length) \(JSONText.quote(edit.replacement))\n"
                }
            }
        }
        return out
    }

    /// Every `*.json` below `Fixtures/<folder>`, relative to `Fixtures/`.
    static func fixtures(under folder: String) throws -> [String] {
        let root = Package.root.appendingPathComponent("Fixtures").path
        let enumerator = FileManager.default.enumerator(atPath: root + "/" + folder)
        var result: [String] = []
        while let entry = enumerator?.nextObject() as? String {
            if entry.hasSuffix(".json") { result.append(folder + "/" + entry) }
        }
        return result.sorted()
    }

    /// Lints a fixture through the file loader (as the command line reads it), kind auto-detected.
    static func lintFixture(_ relative: String, kind: DocumentKind? = nil) -> FileReport {
        let linter = Linter(configuration: Configuration(directory: "."), options: LintOptions(kind: kind))
        let report = linter.lint(path: Package.fixture(relative))
        return report
    }

    /// Compares `actual` with the golden file; `ASSETLINT_UPDATE_GOLDEN=1` rewrites it instead.
    static func assertGolden(_ actual: String, path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        if ProcessInfo.processInfo.environment["ASSETLINT_UPDATE_GOLDEN"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            XCTFail("golden file \(path) is missing; run the tests with ASSETLINT_UPDATE_GOLDEN=1 to create it", file: file, line: line)
            return
        }
        XCTAssertEqual(actual, expected, "golden output of \(path) changed; inspect, then regenerate with ASSETLINT_UPDATE_GOLDEN=1", file: file, line: line)
    }
}
