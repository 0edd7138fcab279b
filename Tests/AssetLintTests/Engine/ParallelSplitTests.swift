import Foundation
import XCTest
@testable import AssetLint

/// Splitting a manifest's rules between two streaming groups gives exactly the serial result.
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

    /// A rule gated by a shared analysis is called for an item only when the analysis has not run
    /// for it yet or flagged it; rules with `.none` are never called, `.every` always.
    func testDispatcherCallsGatedRulesOnlyForFlaggedItems() {
        final class Probe: RuleCheck {
            let interest: (LintContext) -> ItemInterest
            let body: (Int) -> Void
            var calls: [Int] = []
            init(_ interest: @escaping (LintContext) -> ItemInterest, _ body: @escaping (Int) -> Void = { _ in }) {
                self.interest = interest
                self.body = body
            }
            func itemInterest(context: LintContext) -> ItemInterest { interest(context) }
            func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
                calls.append(index)
                body(index)
            }
        }
        let state = UnsafeMutablePointer<ItemState>.allocate(capacity: 1)
        state.initialize(to: ItemState())
        defer { state.deallocate() }
        // The first rule of the group plays the analysis: it flags odd items.
        let analysis = Probe({ _ in .gated(state) }) { index in state.pointee = ItemState(index: index, needsAttention: index % 2 == 1) }
        let gated = Probe({ _ in .gated(state) })
        let every = Probe({ _ in .every })
        let none = Probe({ _ in .none })
        deliverFourItems(to: [analysis, gated, every, none])
        XCTAssertEqual(analysis.calls, [0, 1, 2, 3])
        XCTAssertEqual(gated.calls, [1, 3])
        XCTAssertEqual(every.calls, [0, 1, 2, 3])
        XCTAssertEqual(none.calls, [])
    }

    func testDispatcherAsksEachScreenOncePerItemAndSkipsItsRulesOnPlainItems() {
        final class Screen: ItemScreen {
            var asked: [Int] = []
            func needsAttention(item: JSONTree.Index, at index: Int, in tree: JSONTree) -> Bool {
                asked.append(index)
                return index == 0 || index == 3
            }
        }
        final class Probe: RuleCheck {
            let screen: Screen
            var calls: [Int] = []
            init(_ screen: Screen) { self.screen = screen }
            func itemInterest(context: LintContext) -> ItemInterest { .screened(screen) }
            func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) { calls.append(index) }
        }
        let screen = Screen()
        let first = Probe(screen)
        let second = Probe(screen)
        deliverFourItems(to: [first, second])
        XCTAssertEqual(screen.asked, [0, 1, 2, 3])
        XCTAssertEqual(first.calls, [0, 3])
        XCTAssertEqual(second.calls, [0, 3])
    }

    /// Streams a four-item manifest through an `ItemDispatcher` holding `rules`.
    private func deliverFourItems(to rules: [any RuleCheck]) {
        let file = SourceFile(path: "m.json", text: "[{}, {}, {}, {}]")
        let context = LintContext(file: file, kind: .manifest, configuration: Configuration(directory: "."), severities: [:], names: [:])
        let dispatcher = ItemDispatcher(rules, context: context)
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
