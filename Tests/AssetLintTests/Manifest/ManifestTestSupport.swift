import Foundation
import XCTest

@testable import AssetLint

/// Lints `text` as a manifest named assets.json with the default configuration (or `configure`'s changes).
func lintManifest(
    _ text: String, rules: [any Rule.Type] = RuleRegistry.builtIn, configure: (inout Configuration) -> Void = { _ in }
) -> FileReport {
    var configuration = Configuration(directory: ".")
    configure(&configuration)
    let linter = Linter(configuration: configuration, options: LintOptions(kind: .manifest), rules: rules)
    return linter.lint(SourceFile(path: "assets.json", text: text))
}

extension FileReport {
    func diagnostics(_ ruleID: String) -> [Diagnostic] { diagnostics.filter { $0.ruleID == ruleID } }

    /// The M diagnostics only, so "clean" assertions do not depend on other families.
    var manifestDiagnostics: [Diagnostic] { diagnostics.filter { $0.ruleID.hasPrefix("M") } }

    func position(_ diagnostic: Diagnostic) -> SourcePosition { source!.position(of: diagnostic.range.offset) }

    /// The source text a diagnostic underlines.
    func text(_ diagnostic: Diagnostic) -> String {
        source!.text(in: diagnostic.range.offset..<diagnostic.range.end)
    }

    var summary: String {
        diagnostics.map { d in
            let p = position(d)
            return "\(d.ruleID) \(p.line):\(p.column) \(d.pointer) \(d.message)"
        }.joined(separator: "\n")
    }
}

/// Asserts exactly one diagnostic of `rule` at `line`:`column` with `pointer`, whose message contains
/// every fragment; returns it for further checks.
@discardableResult
func assertOne(
    _ report: FileReport, _ rule: String, line: Int, column: Int, pointer: String, _ fragments: [String] = [],
    file: StaticString = #filePath, testLine: UInt = #line
) -> Diagnostic? {
    let found = report.diagnostics(rule)
    guard found.count == 1, let diagnostic = found.first else {
        XCTFail("expected one \(rule), got \(found.count):\n\(report.summary)", file: file, line: testLine)
        return nil
    }
    let position = report.position(diagnostic)
    XCTAssertEqual(position.line, line, "line of \(rule)", file: file, line: testLine)
    XCTAssertEqual(position.column, column, "column of \(rule)", file: file, line: testLine)
    XCTAssertEqual(diagnostic.pointer, pointer, "pointer of \(rule)", file: file, line: testLine)
    for fragment in fragments {
        XCTAssertTrue(
            diagnostic.told.contains(fragment),
            "\(rule) finding does not say \(fragment.debugDescription): \(diagnostic.told)",
            file: file, line: testLine)
    }
    return diagnostic
}

func assertClean(_ report: FileReport, _ rule: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
    let found = rule.map { report.diagnostics($0) } ?? report.manifestDiagnostics
    XCTAssertTrue(found.isEmpty, "expected no \(rule ?? "M") diagnostics:\n\(report.summary)", file: file, line: line)
}

/// Applies a diagnostic's fix edits to the source text.
func applyFix(_ diagnostic: Diagnostic, to report: FileReport) -> String {
    var bytes = Array(report.source!.bytes)
    for edit in (diagnostic.fix?.edits ?? []).sorted(by: { $0.range.offset > $1.range.offset }) {
        bytes.replaceSubrange(edit.range.offset..<edit.range.end, with: Array(edit.replacement.utf8))
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// A one-item manifest line: `{"data": URL, "externalId": ID` plus `extra` members.
func item(_ file: String, id: String, _ extra: String = "") -> String {
    let members = extra.isEmpty ? "" : ", " + extra
    return #"{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/\#(file)", "externalId": "\#(id)"\#(members)}"#
}

/// The repository's Fixtures/manifests folder.
let manifestFixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/manifests")

func lintFixture(_ name: String) throws -> FileReport {
    let text = try String(contentsOf: manifestFixtures.appendingPathComponent(name), encoding: .utf8)
    return lintManifest(text)
}
