import XCTest

@testable import AssetLint

/// The fast engine (item facts, declarations, the bare-item shortcut, parts on several cores) must
/// report exactly what the reference engine reports (every item through the parser and every
/// rule, one pass, one thread), finding for finding, with the same redactions.
final class DifferentialTests: XCTestCase {
    static var configurations: [(String, Configuration)] {
        var buckets = Configuration(directory: ".")
        buckets.storage.buckets = ["my-bucket", "gs://other-bucket"]
        var small = Configuration(directory: ".")
        small.assets.maxDimension = 5000
        small.assets.extensions = ["jpg", "png"]
        small.storage.provider = .gcs
        var ids = Configuration(directory: ".")
        ids.rules.select = ["M110", "M111", "M112", "M113"]
        var urls = Configuration(directory: ".")
        urls.rules.select = ["U"]
        var noTable = Configuration(directory: ".")
        noTable.rules.ignore = ["M110", "M111", "M112", "U213"]
        var markdown = Configuration(directory: ".")
        markdown.assets.type = .markdown
        var urlsOnly = Configuration(directory: ".")
        urlsOnly.assets.type = .url
        urlsOnly.storage.providerConfigured = true
        return [("default", Configuration(directory: ".")), ("buckets", buckets), ("small", small), ("ids", ids), ("urls", urls),
                ("no table", noTable), ("markdown", markdown), ("url type, any storage", urlsOnly)]
    }

    func testFastEngineReportsWhatTheReferenceReportsOnTheCorpus() {
        var generator = SeededGenerator(seed: 0xD1FF)
        var corpus = ItemCorpus.all
        corpus.shuffle(using: &generator)
        var taken = 0
        var compared = 0
        for (number, (name, configuration)) in Self.configurations.enumerated() {
            // The default configuration sees every variation, each other one a share of them.
            let variations = number == 0 ? corpus : corpus.enumerated().filter { $0.offset % 4 == number % 4 }.map(\.element)
            // Clean items between the variations, so that many items are bare and quiet.
            var items: [String] = []
            for (index, variation) in variations.enumerated() {
                items.append(variation)
                if index % 3 == 0 { items.append(ItemCorpus.item(id: "clean-\(index)")) }
            }
            compared += items.count
            for (chunk, start) in stride(from: 0, to: items.count, by: 3000).enumerated() {
                let text = "[\n" + items[start..<min(start + 3000, items.count)].joined(separator: ",\n") + "\n]\n"
                let (fast, reference, bare) = Self.lintBothWays(text, configuration: configuration, parts: chunk % 2 == 0)
                XCTAssertEqual(Self.describe(fast), Self.describe(reference), "\(name), chunk \(chunk)")
                XCTAssertEqual(fast.source?.redactions, reference.source?.redactions, "\(name), chunk \(chunk)")
                taken += bare
            }
        }
        // The comparison covered the shortcut: many items were taken from the bytes.
        XCTAssertGreaterThan(taken, compared / 3)
    }

    func testFastEngineReportsWhatTheReferenceReportsWithCustomRules() throws {
        let configuration = try ConfigurationLoader.load(
            yaml: """
                custom:
                  - id: X001
                    name: slug
                    kind: manifest
                    pointer: /*/externalId
                    pattern: "^[a-z0-9-]+$"
                    unique: true
                    message: slug
                  - id: X002
                    name: hosts
                    pointer: /*/data
                    hosts: ["*.amazonaws.com"]
                    message: host
                """,
            path: ".assetlint.yml", directory: ".", isKnownRuleSelector: { _ in false })
        let items = (0..<4000).map { index in
            ItemCorpus.item(data: ItemCorpus.hosts[index % 3] + "p/\(index).jpg", id: index % 7 == 0 ? "dup-\(index % 50)" : "Id-\(index)")
        }
        let text = "[\n" + items.joined(separator: ",\n") + "\n]\n"
        let (fast, reference, bare) = Self.lintBothWays(text, configuration: configuration, parts: true)
        XCTAssertEqual(bare, 0, "a custom rule is called on every item")
        XCTAssertEqual(Self.describe(fast), Self.describe(reference))
        XCTAssertTrue(reference.diagnostics.contains { $0.ruleID == "X001" && $0.message.contains("not unique") })
    }

    /// With bucket listings: the I rules' recorder looks each clean `data` URL's object up in the
    /// fast engine (the bare-item shortcut takes an item only when it is listed), the reference
    /// engine calls the I rules on every item.
    func testFastEngineReportsWhatTheReferenceReportsWithBucketListings() {
        let items = ItemCorpus.urls + ItemCorpus.members + ItemCorpus.hub + (0..<2000).map { index in
            ItemCorpus.item(data: ItemCorpus.hosts[index % 3] + "p/\(index)%20x.jpg", id: "clean-\(index)")
        }
        let inventory = ItemCorpus.inventory(of: items)
        var taken = 0
        var unusedOnly = Configuration(directory: ".")
        unusedOnly.rules.select = ["I503"]
        for (number, (name, configuration)) in (Self.configurations + [("I503 only", unusedOnly)]).enumerated() {
            let text = "[\n" + items.joined(separator: ",\n") + "\n]\n"
            // With `--inventory-unused` (each engine its own usage): the same objects count as named.
            let fastInventory = inventory.trackingUsage(), referenceInventory = inventory.trackingUsage()
            let (fast, reference, bare) = Self.lintBothWays(
                text, configuration: configuration, parts: number % 2 == 0, inventory: fastInventory, referenceInventory: referenceInventory)
            XCTAssertEqual(Self.describe(fast), Self.describe(reference), name)
            let unused = { (inventory: Inventory) in
                InventoryUsage.reports(of: inventory) { _ in .info }.flatMap(\.diagnostics).map(\.message)
            }
            XCTAssertEqual(unused(fastInventory), unused(referenceInventory), name)
            if name == "default" { XCTAssertFalse(unused(referenceInventory).isEmpty, "listed images are unused") }
            taken += bare
            if name == "default" {
                XCTAssertGreaterThan(reference.diagnostics.filter { $0.ruleID == "I501" }.count, 500, "objects are missed")
                XCTAssertTrue(reference.diagnostics.contains { $0.ruleID == "I501" && $0.fix != nil }, "near misses are named")
                XCTAssertTrue(reference.diagnostics.contains { $0.ruleID == "I502" }, "a bucket without a listing is noted")
            }
        }
        XCTAssertGreaterThan(taken, 1000, "the shortcut took listed objects")
    }

    // MARK: - Support

    /// The fast engine's report (in parts when `parts`), the reference engine's, and how many
    /// items the fast engine took from the bytes.
    static func lintBothWays(
        _ text: String, configuration: Configuration, parts: Bool, inventory: Inventory = .empty, referenceInventory: Inventory? = nil
    ) -> (fast: FileReport, reference: FileReport, bare: Int) {
        var fastOptions = LintOptions(kind: .manifest)
        fastOptions.splitThreshold = parts ? 0 : .max
        fastOptions.inventory = inventory
        let taken = Captured()
        fastOptions.bareItemsObserver = { taken.append("\($0) ") }
        let fast = Linter(configuration: configuration, options: fastOptions).lint(SourceFile(path: "assets.json", text: text))
        var referenceOptions = LintOptions(kind: .manifest, engine: .reference)
        referenceOptions.inventory = referenceInventory ?? inventory
        let reference = Linter(configuration: configuration, options: referenceOptions).lint(SourceFile(path: "assets.json", text: text))
        return (fast, reference, taken.text.split(separator: " ").compactMap { Int($0) }.reduce(0, +))
    }

    static func describe(_ report: FileReport) -> [String] {
        report.diagnostics.map { diagnostic in
            let fix = diagnostic.fix.map { fix in "\(fix.applicability) \(fix.description) \(fix.edits.map { "\($0.range.offset)+\($0.range.length)=\($0.replacement)" })" }
            return "\(diagnostic.ruleID) \(diagnostic.severity) \(diagnostic.range.offset)+\(diagnostic.range.length) \(diagnostic.pointer) \(diagnostic.message) \(diagnostic.related.map { "\($0.range.offset):\($0.message)" }) \(fix ?? "")"
        }
    }
}
