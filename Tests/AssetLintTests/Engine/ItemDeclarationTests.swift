import XCTest

@testable import AssetLint

/// Every item rule declares the item signals under which it may report (`ItemRule.reportsOn`), and
/// the fast engine calls it on no other item. These tests hold each rule to its declaration on
/// `ItemCorpus`: each item is linted by the reference engine (every rule's full check, no facts),
/// and every finding of an item rule must come with one of that rule's signals in the item's facts
/// (or, for an observer, with `mustCheck`). A signal the reader misses, or a declaration that
/// leaves out a case its rule reports, fails here.
final class ItemDeclarationTests: XCTestCase {
    static let itemRules: [any ItemRule.Type] = RuleRegistry.builtIn.compactMap { $0 as? any ItemRule.Type }

    /// The whole corpus with the default configuration, and the items configuration bears on with
    /// a strict one (a provider, a bucket, a low dimension limit, few extensions).
    static var cases: [(name: String, configuration: Configuration, items: [String], inventory: Inventory)] {
        var strict = Configuration(directory: ".")
        strict.storage.provider = .s3
        strict.storage.buckets = ["my-bucket"]
        strict.assets.maxDimension = 5000
        strict.assets.extensions = ["jpg", "png", "mp4"]
        var markdown = Configuration(directory: ".")
        markdown.assets.type = .markdown
        var urls = Configuration(directory: ".")
        urls.assets.type = .url
        urls.storage.providerConfigured = true
        // With bucket listings of part of the URLs' objects: the I rules report.
        let listed = ItemCorpus.urls + ItemCorpus.members + ItemCorpus.hub
        return [("default", Configuration(directory: "."), ItemCorpus.all, .empty), ("strict", strict, ItemCorpus.configurable, .empty),
                ("markdown", markdown, ItemCorpus.configurable, .empty), ("url", urls, ItemCorpus.configurable, .empty),
                ("listings", Configuration(directory: "."), listed, ItemCorpus.inventory(of: listed))]
    }

    func testNoItemRuleReportsOutsideItsDeclaredSignals() {
        var reported: [String: Int] = [:]
        var raised = ItemSignals()
        for (name, configuration, corpus, inventory) in Self.cases {
            var options = LintOptions(kind: .manifest, engine: .reference)
            options.inventory = inventory
            let linter = Linter(configuration: configuration, options: options)
            for item in corpus {
                let file = SourceFile(path: "assets.json", text: "[\n" + item + "\n]")
                let report = linter.lint(file)
                guard let facts = Self.facts(of: file, configuration: configuration) else { continue }
                raised.formUnion(facts.signals)
                for diagnostic in report.diagnostics {
                    guard let rule = Self.itemRules.first(where: { $0.metadata.id == diagnostic.ruleID }) else { continue }
                    reported[diagnostic.ruleID, default: 0] += 1
                    if facts.signals.isDisjoint(with: rule.reportsOn),
                       !Self.mustCheck(rule, facts, file: file, configuration: configuration, inventory: inventory) {
                        XCTFail("\(name): \(diagnostic.ruleID) reports on an item without any of its signals \(rule.reportsOn) (the item has \(facts.signals)): \(diagnostic.message)\n\(item)")
                    }
                }
            }
        }
        // The corpus exercises every item rule that reports item by item, and raises every signal.
        // (I503 reports once the run is over, on the listing: its item calls only count the objects
        // the URLs name, and `DifferentialTests` compares its findings between the engines.)
        for rule in Self.itemRules where !rule.reportsOn.isEmpty && rule != ListedObjectUnused.self {
            XCTAssertGreaterThan(reported[rule.metadata.id] ?? 0, 0, "no item of the corpus makes \(rule.metadata.id) report")
            XCTAssertFalse(raised.isDisjoint(with: rule.reportsOn), "no item of the corpus raises a signal of \(rule.metadata.id)")
        }
    }

    /// The bare-item shortcut reads the facts straight from the bytes: they must be the parser's.
    func testFactsOfABareItemAreTheFactsOfTheParsedItem() {
        var bare = 0
        for (name, configuration, corpus, _) in Self.cases {
            for item in corpus {
                let file = SourceFile(path: "assets.json", text: "[\n" + item + "\n]")
                guard let parsed = Self.facts(of: file, configuration: configuration),
                      let item = BareItem.read(file.bytes, at: 2) else { continue }
                bare += 1
                let reader = ItemFactsReader(context: Self.context(file, configuration: configuration))
                let fromBytes = reader.read(item, at: 0, in: file.bytes)
                defer { withExtendedLifetime(reader) {} }
                XCTAssertEqual(fromBytes.signals, parsed.signals, "\(name): \(String(decoding: file.bytes, as: UTF8.self))")
                XCTAssertEqual(fromBytes.externalID.map(Array.init), parsed.externalID.map(Array.init))
                XCTAssertEqual(fromBytes.externalIDLiteral, parsed.externalIDLiteral)
                XCTAssertEqual(fromBytes.cleanDataURL?.provider, parsed.cleanDataURL?.provider)
                XCTAssertEqual(fromBytes.cleanDataURL?.literal, parsed.cleanDataURL?.literal)
                XCTAssertEqual(fromBytes.cleanDataURL.map { Array($0.bucket) }, parsed.cleanDataURL.map { Array($0.bucket) })
            }
        }
        XCTAssertGreaterThan(bare, 5000, "most items of the corpus are bare")
    }

    /// A clean `data` URL is what the storage analysis makes of it: same provider, same bucket, same
    /// key, and the URL parser gives it back unchanged.
    func testACleanURLIsItsOwnCanonicalFormInItsBucket() {
        var clean = 0
        for (_, configuration, corpus, _) in Self.cases {
            for item in corpus {
                let file = SourceFile(path: "assets.json", text: "[\n" + item + "\n]")
                guard let facts = Self.facts(of: file, configuration: configuration), let url = facts.cleanDataURL else { continue }
                clean += 1
                let text = Array(file.bytes[(url.literal.offset + 1)..<(url.literal.end - 1)])
                let analysis = AssetURL(node: 0, text: text)
                XCTAssertEqual(analysis.url?.href, String(decoding: text, as: UTF8.self))
                XCTAssertTrue(analysis.result.validationErrors.isEmpty, String(decoding: text, as: UTF8.self))
                XCTAssertEqual(analysis.location?.provider, url.provider)
                XCTAssertEqual(analysis.location.map { Array($0.bucket.utf8) }, Array(url.bucket))
                // The key the I rules look up: the URL's encoded key, percent-decoded.
                let encodedKey = Array(file.bytes[url.encodedKey.offset..<url.encodedKey.end])
                XCTAssertEqual(PercentDecoding.decode(encodedKey), analysis.location?.keyBytes, String(decoding: text, as: UTF8.self))
            }
        }
        XCTAssertGreaterThan(clean, 1000)
    }

    // MARK: - Support

    /// The facts of the one item of `file`, as the fast engine reads them; nil when it does not parse.
    static func facts(of file: SourceFile, configuration: Configuration) -> ItemFacts? {
        var parser = JSONParser(source: file, maxDepth: configuration.json.maxDepth)
        var tree = JSONTree(source: file)
        guard parser.openTopLevelArray(), parser.nextElement(into: &tree, index: 0) else { return nil }
        let reader = ItemFactsReader(context: context(file, configuration: configuration))
        return withExtendedLifetime(reader) {
            // Copies of the buffers, which point into the reader's scratch.
            var facts = reader.read(item: tree.root, at: 0, in: tree)
            facts.externalID = facts.externalID.map { UnsafeBufferPointer(copying: $0) }
            if let bucket = facts.cleanDataURL?.bucket { facts.cleanDataURL?.bucket = UnsafeBufferPointer(copying: bucket) }
            return facts
        }
    }

    static func mustCheck(
        _ rule: any ItemRule.Type, _ facts: ItemFacts, file: SourceFile, configuration: Configuration, inventory: Inventory = .empty
    ) -> Bool {
        guard let observer = rule.init() as? any ItemFactsObserver else { return false }
        return observer.recorder(in: context(file, configuration: configuration, inventory: inventory)).mustCheck(facts)
    }

    static func context(_ file: SourceFile, configuration: Configuration, inventory: Inventory = .empty) -> LintContext {
        let catalog = RuleRegistry.catalog
        return LintContext(
            file: file, kind: .manifest, configuration: configuration,
            severities: Dictionary(uniqueKeysWithValues: catalog.map { ($0.id, $0.severity) }),
            names: Dictionary(uniqueKeysWithValues: catalog.map { ($0.id, $0.name) }), inventory: inventory)
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// A copy that lives as long as the test process (test data only).
    init(copying buffer: UnsafeBufferPointer<UInt8>) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Swift.max(1, buffer.count))
        _ = copy.initialize(from: buffer)
        self.init(start: copy.baseAddress, count: buffer.count)
    }
}
