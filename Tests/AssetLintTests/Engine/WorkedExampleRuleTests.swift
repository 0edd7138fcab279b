import XCTest

@testable import AssetLint

/// The README's recipe for adding a rule, followed once: the rule below is the one file a new
/// manifest rule takes (in `Sources/AssetLint/Rules/Manifest/` it would also get its registry line
/// from `scripts/generate-rule-registry.sh` and its page from `assetlint rules --output Rules`).
/// The tests run it the way the suite runs every built-in rule.
final class WorkedExampleRuleTests: XCTestCase {
    /// M199: a `dataset` with a single page.
    final class DatasetSinglePage: ItemRule {
        static let metadata = RuleMetadata(
            id: "M199", name: "dataset-single-page", severity: .warning, kinds: [.manifest],
            summary: "A `dataset` lists one page.",
            rationale: """
                `dataset` is for multi-page assets: the hub shows its URLs as the pages of one asset. With a \
                single URL the item is an ordinary asset, better written with `data`, which every export and \
                tool expects. The unsafe fix writes the URL as `data` (unsafe: the asset's kind changes).
                """,
            fix: .unsafe,
            triggering: [RuleExample(.manifest, #"[{"dataset": ["https://my-bucket.s3.amazonaws.com/p1.jpg"], "externalId": "scan-1"}]"#)],
            nonTriggering: [
                RuleExample(.manifest, #"[{"dataset": ["https://my-bucket.s3.amazonaws.com/p1.jpg", "https://my-bucket.s3.amazonaws.com/p2.jpg"], "externalId": "scan-1"}]"#),
            ])

        /// Only an item with a `dataset` can have a one-page one.
        static let reportsOn: ItemSignals = .has(.dataset)

        init() {}

        func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
            guard tree[item].kind == .object, let dataset = context.itemMembers.members(of: item, at: index, in: tree)[.dataset],
                  tree[dataset].kind == .array, tree[dataset].childCount == 1,
                  let page = tree.children(of: dataset).first(where: { _ in true }), tree[page].kind == .string,
                  let key = tree[dataset].keyRange else { return }
            context.report(
                Self.self, "item \(index) has a dataset of one page: write its URL as \"data\"", node: dataset, in: tree,
                fix: Fix(.unsafe, "write the URL as \"data\"", edits: [
                    TextEdit(range: ByteRange(start: key.offset, end: tree[page].start), replacement: #""data": "#),
                    TextEdit(range: ByteRange(start: tree[page].end, end: tree[dataset].end), replacement: ""),
                ]))
        }
    }

    private let rules: [any Rule.Type] = RuleRegistry.builtIn + [DatasetSinglePage.self]

    func testExamplesBehaveAsDocumented() {
        let linter = Linter(configuration: Configuration(directory: "."), options: LintOptions(kind: .manifest, select: ["M199"]), rules: rules)
        for example in DatasetSinglePage.metadata.triggering {
            let report = linter.lint(SourceFile(path: "a.json", text: example.text))
            XCTAssertEqual(report.diagnostics.map(\.ruleID), ["M199"])
            XCTAssertEqual(report.diagnostics.first?.fix?.applicability, .unsafe)
        }
        for example in DatasetSinglePage.metadata.nonTriggering {
            XCTAssertEqual(linter.lint(SourceFile(path: "a.json", text: example.text)).diagnostics.map(\.ruleID), [])
        }
        XCTAssertTrue(RulePages.files([DatasetSinglePage.metadata]).contains { $0.name == "M199.md" })
    }

    /// The declaration holds on the corpus, the engines agree, and the shortcut stays on.
    func testTheRuleIsHeldToItsDeclaration() {
        let reference = Linter(configuration: Configuration(directory: "."), options: LintOptions(kind: .manifest, engine: .reference), rules: rules)
        var reported = 0
        for item in ItemCorpus.members + ItemCorpus.urls.prefix(200) {
            let file = SourceFile(path: "assets.json", text: "[\n" + item + "\n]")
            guard let facts = ItemDeclarationTests.facts(of: file, configuration: Configuration(directory: ".")) else { continue }
            for diagnostic in reference.lint(file).diagnostics where diagnostic.ruleID == "M199" {
                reported += 1
                XCTAssertFalse(facts.signals.isDisjoint(with: DatasetSinglePage.reportsOn), item)
            }
        }
        XCTAssertGreaterThan(reported, 0)
        let items = (0..<3000).map { index in
            index % 10 == 0 ? #"{"dataset": ["https://my-bucket.s3.amazonaws.com/p\#(index).jpg"], "externalId": "s-\#(index)"}"#
                : ItemCorpus.item(id: "id-\(index)")
        }
        let text = "[" + items.joined(separator: ",\n") + "]"
        var options = LintOptions(kind: .manifest)
        options.splitThreshold = 0
        let bare = Captured()
        options.bareItemsObserver = { bare.append("\($0) ") }
        let fast = Linter(configuration: Configuration(directory: "."), options: options, rules: rules).lint(SourceFile(path: "a.json", text: text))
        let slow = reference.lint(SourceFile(path: "a.json", text: text))
        XCTAssertEqual(DifferentialTests.describe(fast), DifferentialTests.describe(slow))
        XCTAssertEqual(fast.diagnostics.filter { $0.ruleID == "M199" }.count, 300)
        // The clean items are taken from the bytes (but the first URL of a later part, which U213
        // looks at).
        XCTAssertGreaterThan(bare.text.split(separator: " ").compactMap { Int($0) }.reduce(0, +), 2690)
    }
}
