import Foundation
import XCTest
@testable import AssetLint

/// The catalog is the single source of truth: examples are run, pages are compared.
final class RuleCatalogTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A rule's example linted as its page says: its kind, its configuration, its asset manifest.
    static func lint(_ example: RuleExample, only id: String) throws -> [Diagnostic] {
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
        if let assets = example.assets {
            options.assets = try AssetIndex.index(of: [SourceFile(path: "assets.json", text: assets)]).get()
        }
        if let listing = example.listing {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assetlint-listing-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("listing.txt").path
            try listing.write(toFile: path, atomically: true, encoding: .utf8)
            let load = InventoryLoader.load([InventorySource(path: path)])
            XCTAssertEqual(load.problems, [], "the example's listing reads cleanly")
            // I503's examples run with `--inventory-unused`; its findings come after the lint.
            options.inventory = id == ListedObjectUnused.metadata.id ? load.inventory.trackingUsage() : load.inventory
        }
        let linter = Linter(configuration: configuration, options: options)
        var diagnostics = linter.lint(SourceFile(path: "example.json", text: example.text)).diagnostics
        if options.inventory.tracksUsage {
            diagnostics += InventoryUsage.reports(of: options.inventory) { linter.severity(of: id, forPath: $0) }.flatMap(\.diagnostics)
        }
        return diagnostics
    }

    func testEveryRuleHasMetadataAndExamples() {
        var ids: Set<String> = []
        var names: Set<String> = []
        for rule in RuleRegistry.catalog {
            XCTAssertTrue(ids.insert(rule.id).inserted, "duplicate id \(rule.id)")
            XCTAssertTrue(names.insert(rule.name).inserted, "duplicate name \(rule.name)")
            XCTAssertNotNil(rule.id.range(of: #"^[JMUILACK][0-9]{3}$"#, options: .regularExpression), rule.id)
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
                let diagnostics = try Self.lint(example, only: rule.id)
                XCTAssertTrue(diagnostics.contains { $0.ruleID == rule.id }, "\(rule.id) should trigger on \(example.text.prefix(200).debugDescription)")
            }
        }
    }

    func testNonTriggeringExamplesDoNotReportTheirRule() throws {
        for rule in RuleRegistry.catalog {
            for example in rule.nonTriggering {
                let diagnostics = try Self.lint(example, only: rule.id)
                XCTAssertFalse(diagnostics.contains { $0.ruleID == rule.id },
                               "\(rule.id) should not trigger on \(example.text.prefix(200).debugDescription): \(diagnostics.map(\.message))")
            }
        }
    }

    /// The fix availability a rule's metadata declares (and its page shows) is what its triggering
    /// examples produce: no fix, only safe ones, only unsafe ones, or sometimes one (some findings
    /// without, or both kinds).
    func testDeclaredFixAvailabilityIsWhatTheExamplesProduce() throws {
        for rule in RuleRegistry.catalog {
            var fixes: [Fix?] = []
            for example in rule.triggering {
                fixes += try Self.lint(example, only: rule.id).filter { $0.ruleID == rule.id }.map(\.fix)
            }
            let produced: RuleMetadata.FixAvailability
            if fixes.allSatisfy({ $0 == nil }) {
                produced = .none
            } else if fixes.allSatisfy({ $0?.applicability == .safe }) {
                produced = .safe
            } else if fixes.allSatisfy({ $0?.applicability == .unsafe }) {
                produced = .unsafe
            } else {
                produced = .sometimes
            }
            XCTAssertEqual(rule.fix, produced, "\(rule.id) declares \(rule.fix) fixes; its triggering examples give \(fixes.map { $0.map { "\($0.applicability)" } ?? "none" })")
        }
    }

    /// `RuleRegistry+Generated.swift` lists every rule class under `Rules/`.
    func testRuleRegistryIsGenerated() throws {
        let root = Self.packageRoot.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root + "/scripts/generate-rule-registry.sh", "--stdout"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let current = try String(contentsOfFile: root + "/Sources/AssetLint/Engine/RuleRegistry+Generated.swift", encoding: .utf8)
        XCTAssertEqual(current, output, "regenerate with: scripts/generate-rule-registry.sh")
        XCTAssertEqual(RuleRegistry.builtIn.count, output.components(separatedBy: ".self,").count - 1)
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
