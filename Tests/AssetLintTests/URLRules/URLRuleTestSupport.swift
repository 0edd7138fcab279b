import Foundation
import XCTest
@testable import AssetLint

/// The external-id rules that need ICU.
enum ExternalIDRuleTypes {
    static let unicode: [any Rule.Type] = [
        ExternalIDNormalizationDuplicate.self, ExternalIDConfusable.self, ExternalIDInvisible.self, ExternalIDNotNFC.self,
    ]
}

/// Lints manifests with chosen rules only (the rule list is given to the `Linter` directly).
enum URLRuleTesting {
    static let allRules: [any Rule.Type] = RuleRegistry.rules(in: .url) + ExternalIDRuleTypes.unicode

    static func configuration(_ yaml: String? = nil) throws -> Configuration {
        guard let yaml else { return Configuration(directory: NSTemporaryDirectory()) }
        let (configuration, errors) = ConfigurationLoader.validate(
            yaml: yaml, path: NSTemporaryDirectory() + "/.assetlint.yml") { RuleSelection.isKnown($0, in: RuleRegistry.catalog) }
        XCTAssertEqual(errors.map(\.description), [])
        return configuration
    }

    static func lint(_ text: String, rules: [any Rule.Type] = allRules, config: String? = nil) throws -> FileReport {
        let linter = Linter(configuration: try configuration(config), options: LintOptions(kind: .manifest), rules: rules)
        return linter.lint(SourceFile(path: "assets.json", text: text))
    }

    static func lint(_ text: String, _ rule: any Rule.Type, config: String? = nil) throws -> [Diagnostic] {
        try lint(text, rules: [rule], config: config).diagnostics
    }

    /// A one-item-per-URL manifest, one item per line, starting on line 2.
    static func manifest(_ urls: [String]) -> String {
        "[\n" + urls.enumerated().map { #"  {"data": "\#($0.element)", "externalId": "a\#($0.offset)"}"# }.joined(separator: ",\n") + "\n]\n"
    }

    static func manifest(_ url: String) -> String { manifest([url]) }

    /// Applies every fix of `diagnostics` (as `--fix` would in one round) to `text`.
    static func applyFixes(_ diagnostics: [Diagnostic], to text: String, unsafe: Bool = true) -> String {
        let fixes = FixApplier.applicable(diagnostics, unsafe: unsafe)
        let result = Array(text.utf8).withUnsafeBufferPointer { FixApplier.apply(fixes, to: $0) }
        return String(decoding: result.bytes, as: UTF8.self)
    }
}

/// Where a diagnostic is, as people read it.
struct Located: Equatable, CustomStringConvertible {
    var line: Int, column: Int, endLine: Int, endColumn: Int

    init(_ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int) {
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
    }

    init(_ diagnostic: Diagnostic, in source: SourceFile) {
        let start = source.position(of: diagnostic.range.offset)
        let end = source.position(of: diagnostic.range.end)
        self.init(start.line, start.column, end.line, end.column)
    }

    var description: String { "\(line):\(column)-\(endLine):\(endColumn)" }
}

extension XCTestCase {
    /// Asserts exactly one diagnostic of `rule` in `text`, at `location`, with `pointer`, its
    /// message containing every fragment; returns it.
    @discardableResult
    func expectOne(
        _ rule: any Rule.Type, in text: String, at location: Located, pointer: String, message fragments: [String],
        config: String? = nil, file: StaticString = #filePath, line: UInt = #line
    ) throws -> Diagnostic? {
        let source = SourceFile(path: "assets.json", text: text)
        let linter = Linter(configuration: try URLRuleTesting.configuration(config), options: LintOptions(kind: .manifest), rules: [rule])
        let diagnostics = linter.lint(source).diagnostics.filter { $0.ruleID == rule.metadata.id }
        XCTAssertEqual(diagnostics.count, 1, "\(rule.metadata.id): \(diagnostics.map(\.message))", file: file, line: line)
        guard let diagnostic = diagnostics.first else { return nil }
        XCTAssertEqual(Located(diagnostic, in: source), location, diagnostic.message, file: file, line: line)
        XCTAssertEqual(diagnostic.pointer, pointer, file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(diagnostic.message.contains(fragment), "\(rule.metadata.id) message lacks \"\(fragment)\": \(diagnostic.message)", file: file, line: line)
        }
        return diagnostic
    }

    /// Asserts that `rule` reports nothing on `text`.
    func expectClean(_ rule: any Rule.Type, in text: String, config: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let diagnostics = try URLRuleTesting.lint(text, rule, config: config)
        XCTAssertEqual(diagnostics.map(\.message), [], "\(rule.metadata.id) on \(text)", file: file, line: line)
    }
}
