import Foundation
import XCTest
@testable import AssetLint

/// A manifest checked in parts on several cores gives exactly the serial result.
final class ParallelSplitTests: XCTestCase {
    func testSplitRunMatchesSerialRunOnEveryManifestFixture() throws {
        let folder = Package.root.appendingPathComponent("Fixtures/manifests").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertFalse(names.isEmpty)
        var split = LintOptions(kind: .manifest)
        split.splitThreshold = 0
        for name in names {
            let file = try FileLoader.load(path: folder + "/" + name).get()
            let serial = Linter(configuration: Configuration(directory: folder), options: LintOptions(kind: .manifest)).lint(file)
            let parallel = Linter(configuration: Configuration(directory: folder), options: split).lint(file)
            XCTAssertEqual(describe(parallel), describe(serial), name)
            XCTAssertEqual(parallel.rulesRun.map(\.id), serial.rulesRun.map(\.id))
        }
    }

    func testSplitRunOnAGeneratedManifestWithDuplicatesAndSyntaxErrorAtTheEnd() {
        var lines = (0..<3000).map { #"{"data": "https://b.s3.amazonaws.com/\#($0).jpg", "externalId": "id-\#($0 % 2500)", "width": \#($0 % 7)}"# }
        lines.append(#"{"data": 1,}"#)
        let file = SourceFile(path: "m.json", text: "[\n" + lines.joined(separator: ",\n") + "\n]\n")
        var split = LintOptions(kind: .manifest)
        split.splitThreshold = 0
        let serial = Linter(configuration: Configuration(directory: "."), options: LintOptions(kind: .manifest)).lint(file)
        let parallel = Linter(configuration: Configuration(directory: "."), options: split).lint(file)
        XCTAssertGreaterThan(serial.diagnostics.count, 500)
        XCTAssertTrue(serial.diagnostics.contains { $0.ruleID == "J001" })
        XCTAssertEqual(describe(parallel), describe(serial))
    }

    /// In the fast engine an item check is called on an item only when the item's facts hold one
    /// of its declared signals; a check of every item always; in the reference engine every check
    /// on every item.
    func testDispatcherCallsAnItemCheckOnlyOnItemsWithItsSignals() {
        final class Probe: ItemChecker {
            let itemDeclaration: ItemDeclaration
            var calls: [Int] = []
            init(_ declaration: ItemDeclaration) { itemDeclaration = declaration }
            func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) { calls.append(index) }
        }
        let items = [#"{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a"}"#, #"{"data": 1, "externalId": "b"}"#,
                     #"{"data": "https://b.s3.amazonaws.com/c.jpg", "externalId": " c"}"#, "[]"]
        let wrongType = Probe(.reportsOn(.unexpectedKind))
        let whitespace = Probe(.reportsOn(.idEdgeWhitespace))
        let never = Probe(.reportsOn([]))
        let every = Probe(.everyItem)
        deliver(items, to: [wrongType, whitespace, never, every], engine: .fast)
        XCTAssertEqual(wrongType.calls, [1])
        XCTAssertEqual(whitespace.calls, [2])
        XCTAssertEqual(never.calls, [])
        XCTAssertEqual(every.calls, [0, 1, 2, 3])
        let reference = Probe(.reportsOn([]))
        deliver(items, to: [reference], engine: .reference)
        XCTAssertEqual(reference.calls, [0, 1, 2, 3])
    }

    /// Streams the manifest of `items` through an `ItemDispatcher` holding `checks`.
    private func deliver(_ items: [String], to checks: [any RuleCheck], engine: LintEngine) {
        let file = SourceFile(path: "m.json", text: "[" + items.joined(separator: ",") + "]")
        let context = LintContext(file: file, kind: .manifest, configuration: Configuration(directory: "."), severities: [:], names: [:])
        let dispatcher = ItemDispatcher(checks, context: context, engine: engine)
        var tree = JSONTree(source: file)
        var parser = JSONParser(source: file, maxDepth: 64)
        XCTAssertTrue(parser.openTopLevelArray())
        var index = 0
        while parser.nextElement(into: &tree, index: index) {
            dispatcher.deliver(item: index, of: tree, context: context)
            index += 1
        }
    }

    private func describe(_ report: FileReport) -> [String] {
        report.diagnostics.map { "\($0.ruleID) \($0.range.offset) \($0.range.length) \($0.pointer) \($0.message)" }
    }
}

final class ProgressTests: XCTestCase {
    func testProgressLine() {
        let line = ProgressBar.line(LintProgress(path: "data/assets.json", bytes: 80_000_000, total: 160_000_000, items: 500_000), elapsed: 0.5, width: 10)
        XCTAssertEqual(line, "assets.json [#####.....]  50%  80/160 MB  1.0M items/s")
    }

    func testStreamingReportsProgressAndFinishes() {
        let items = (0..<5000).map { #"{"data": "https://b.s3.amazonaws.com/\#($0).jpg", "externalId": "\#($0)"}"# }
        let file = SourceFile(path: "m.json", text: "[" + items.joined(separator: ",") + "]")
        let seen = Captured()
        var options = LintOptions(kind: .manifest)
        options.progress = { seen.append("\($0.items)\($0.finished ? "!" : "") ") }
        _ = Linter(configuration: Configuration(directory: "."), options: options).lint(file)
        XCTAssertEqual(seen.text, "1024 2048 3072 4096 5000! ")
    }
}
