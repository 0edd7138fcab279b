import XCTest
@testable import AssetLint

/// The catalog is the single source of truth: examples are run, pages are compared.
final class RuleCatalogTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private func lint(_ example: RuleExample, only id: String) throws -> [Diagnostic] {
        var configuration = Configuration(directory: NSTemporaryDirectory())
        if let config = example.config {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assetlint-example-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent(".assetlint.yml").path
            try config.write(toFile: path, atomically: true, encoding: .utf8)
            configuration = try ConfigurationLoader.load(path: path) { RuleSelection.isKnown($0, in: RuleRegistry.catalog) }
        }
        var options = LintOptions(kind: example.kind, select: [id])
        if let listing = example.listing {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assetlint-listing-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("listing.txt").path
            try listing.write(toFile: path, atomically: true, encoding: .utf8)
            let load = InventoryLoader.load([InventorySource(path: path)])
            XCTAssertEqual(load.problems, [], "the example's listing reads cleanly")
            options.inventory = load.inventory
        }
        let linter = Linter(configuration: configuration, options: options)
        return linter.lint(SourceFile(path: "example.json", text: example.text)).diagnostics
    }

    func testEveryRuleHasMetadataAndExamples() {
        var ids: Set<String> = []
        var names: Set<String> = []
        for rule in RuleRegistry.catalog {
            XCTAssertTrue(ids.insert(rule.id).inserted, "duplicate id \(rule.id)")
            XCTAssertTrue(names.insert(rule.name).inserted, "duplicate name \(rule.name)")
            XCTAssertNotNil(rule.id.range(of: #"^[JMUCKI][0-9]{3}$"#, options: .regularExpression), rule.id)
            XCTAssertNotNil(rule.name.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression), rule.name)
            XCTAssertFalse(rule.summary.isEmpty, rule.id)
            XCTAssertGreaterThan(rule.rationale.count, 80, "\(rule.id) needs a real rationale")
            XCTAssertFalse(rule.triggering.isEmpty, "\(rule.id) has no triggering example")
            XCTAssertFalse(rule.nonTriggering.isEmpty, "\(rule.id) has no non-triggering example")
            XCTAssertFalse(rule.kinds.isEmpty, rule.id)
        }
    }

    func testTriggeringExamplesReportTheirRule() throws {
        for rule in RuleRegistry.catalog {
            for example in rule.triggering {
                let diagnostics = try lint(example, only: rule.id)
                XCTAssertTrue(diagnostics.contains { $0.ruleID == rule.id }, "\(rule.id) should trigger on \(example.text.prefix(200).debugDescription)")
            }
        }
    }

    func testNonTriggeringExamplesDoNotReportTheirRule() throws {
        for rule in RuleRegistry.catalog {
            for example in rule.nonTriggering {
                let diagnostics = try lint(example, only: rule.id)
                XCTAssertFalse(diagnostics.contains { $0.ruleID == rule.id },
                               "\(rule.id) should not trigger on \(example.text.prefix(200).debugDescription): \(diagnostics.map(\.message))")
            }
        }
    }

    func testRulePagesAreCurrent() throws {
        let folder = Self.packageRoot.appendingPathComponent("Rules")
        let expected = RulePages.files(RuleRegistry.catalog)
        let hint = "regenerate with: swift run assetlint rules --format markdown --output Rules"
        for page in expected {
            let path = folder.appendingPathComponent(page.name).path
            let actual = try? String(contentsOfFile: path, encoding: .utf8)
            XCTAssertNotNil(actual, "Rules/\(page.name) is missing; \(hint)")
            XCTAssertEqual(actual, page.content, "Rules/\(page.name) is stale; \(hint)")
        }
        let present = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        let stale = Set(present).subtracting(expected.map(\.name))
        XCTAssertTrue(stale.isEmpty, "pages without a rule: \(stale.sorted()); \(hint)")
    }
}
