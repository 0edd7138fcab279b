import XCTest

@testable import AssetLint

/// The engine skips every `StructuralItemRule` on an item `PlainItemScreen` passes, so each such
/// rule must find nothing there. These tests call the rules directly (no screen in between) on
/// generated items and hold the screen to that promise.
final class PlainItemScreenTests: XCTestCase {
    static let structuralRules: [any Rule.Type] = RuleRegistry.builtIn.filter { $0 is any StructuralItemRule.Type }

    func testEveryStructuralRuleIsCoveredAndOnlyManifestRules() {
        XCTAssertEqual(Self.structuralRules.count, 15)
        for rule in Self.structuralRules {
            XCTAssertEqual(rule.metadata.family, .manifest, rule.metadata.id)
            XCTAssertFalse(rule is any ExternalIDRule.Type, rule.metadata.id)
        }
    }

    func testNoStructuralRuleReportsOnAPlainItem() {
        var generator = SeededGenerator(seed: 0x5C4EE2)
        var plain = 0
        var flagged = 0
        for configuration in [Configuration(directory: "."), Self.strictConfiguration] {
            for _ in 0..<4000 {
                let item = Self.randomItem(using: &generator)
                let (isPlain, findings) = Self.check(item, configuration: configuration)
                if isPlain {
                    plain += 1
                    XCTAssertEqual(findings, [], "the screen passed \(item)")
                } else {
                    flagged += 1
                }
            }
        }
        // Both verdicts are common, so the promise was tested on many plain items.
        XCTAssertGreaterThan(plain, 800)
        XCTAssertGreaterThan(flagged, 800)
    }

    func testTheScreenFlagsEveryTriggeringExample() throws {
        for rule in Self.structuralRules {
            for example in rule.metadata.triggering where example.config == nil {
                let file = SourceFile(path: "assets.json", text: example.text)
                let context = Self.context(file, configuration: Configuration(directory: "."))
                let screen = PlainItemScreen(context: context)
                var verdicts: [Bool] = []
                Self.forEachItem(in: file) { item, index, tree in
                    verdicts.append(screen.needsAttention(item: item, at: index, in: tree))
                }
                XCTAssertTrue(verdicts.contains(true), "\(rule.metadata.id): no item of its example was flagged")
            }
        }
    }

    func testTypicalItemsArePlain() {
        let items = [
            #"{"data": "https://storage.googleapis.com/b/cat.jpg", "externalId": "cat-1", "width": 640, "height": 480}"#,
            #"{"data": "https://b.s3.eu-central-1.amazonaws.com/a/b%20c.png", "externalId": "東京-2"}"#,
            #"{"data": "gs://b/c.JPEG", "externalId": "x", "metadata": {"k": 1}}"#,
        ]
        for item in items {
            let (isPlain, findings) = Self.check(item, configuration: Configuration(directory: "."))
            XCTAssertTrue(isPlain, item)
            XCTAssertEqual(findings, [])
        }
    }

    // MARK: - Support

    static var strictConfiguration: Configuration {
        var configuration = Configuration(directory: ".")
        configuration.assets.maxDimension = 5000
        configuration.assets.extensions = ["jpg", "png", "mp4"]
        return configuration
    }

    /// The screen's verdict on `item` and what the structural rules, called directly, report on it.
    static func check(_ item: String, configuration: Configuration) -> (plain: Bool, findings: [String]) {
        let file = SourceFile(path: "assets.json", text: "[\n" + item + "\n]")
        let context = context(file, configuration: configuration)
        let screen = PlainItemScreen(context: context)
        let rules = structuralRules.map { $0.init() }
        var plain = true
        forEachItem(in: file) { node, index, tree in
            if screen.needsAttention(item: node, at: index, in: tree) { plain = false }
            for rule in rules { rule.check(item: node, at: index, in: tree, context: context) }
        }
        return (plain, context.diagnostics.map { "\($0.ruleID): \($0.message)" })
    }

    static func context(_ file: SourceFile, configuration: Configuration) -> LintContext {
        let catalog = RuleRegistry.builtIn.map { $0.metadata }
        return LintContext(
            file: file, kind: .manifest, configuration: configuration,
            severities: Dictionary(uniqueKeysWithValues: catalog.map { ($0.id, $0.severity) }),
            names: Dictionary(uniqueKeysWithValues: catalog.map { ($0.id, $0.name) }))
    }

    static func forEachItem(in file: SourceFile, _ body: (JSONTree.Index, Int, JSONTree) -> Void) {
        var parser = JSONParser(source: file, maxDepth: 64)
        var tree = JSONTree(source: file)
        guard parser.openTopLevelArray() else { return }
        var index = 0
        while parser.nextElement(into: &tree, index: index) {
            body(tree.root, index, tree)
            index += 1
        }
    }

    /// An item made of usual and unusual members, with values that are mostly fine.
    static func randomItem(using generator: inout SeededGenerator) -> String {
        if Int.random(in: 0..<40, using: &generator) == 0 {
            return ["[]", "\"https://b.s3.amazonaws.com/a.jpg\"", "12", "null", "[{}]"].randomElement(using: &generator)!
        }
        let urls = [
            "https://storage.googleapis.com/b/cat.jpg", "https://b.s3.amazonaws.com/a/dog.PNG", "gs://b/clip.mp4",
            "https://b.s3.amazonaws.com/folder/", "https://b.s3.amazonaws.com/noext", "https://host.example/x.tiff",
            "https://b.s3.amazonaws.com/a.gif", "https://b.s3.amazonaws.com/doc.pdf", "not a url", "",
            "https://b.s3.amazonaws.com/a.jpg?x=1", "s3://b/k.webp", "https://b.s3.amazonaws.com/caf\\u00e9.jpg",
        ]
        let ids = ["cat-1", "", " cat", "cat ", "a\\tb", "a\\u0020", "x", "東京", "\\u00a0id", "id\u{2028}x", "a b"]
        let dimensions = ["640", "0", "-3", "1.5", "1e3", "640.0", "\"640\"", "true", "null", "99999999", "4999", "5001",
                          "123456789012345678901234", "{}"]
        var members: [String] = []
        func maybe(_ percent: Int, _ member: @autoclosure () -> String) {
            if Int.random(in: 0..<100, using: &generator) < percent { members.append(member()) }
        }
        // Mostly the first (plain) value, so that plain items are common too.
        func pick(_ values: [String]) -> String {
            Int.random(in: 0..<100, using: &generator) < 60 ? values[0] : values.randomElement(using: &generator)!
        }
        maybe(95, #""data": "\#(pick(urls))""#)
        maybe(3, #""data": 7"#)
        maybe(95, #""externalId": "\#(pick(ids))""#)
        maybe(2, #""externalId": 12"#)
        switch Int.random(in: 0..<10, using: &generator) {
        case 0..<6:
            members.append(#""width": \#(pick(dimensions))"#)
            members.append(#""height": \#(pick(dimensions))"#)
        case 6: members.append(#""width": \#(pick(dimensions))"#)
        case 7: members.append(#""height": \#(pick(dimensions))"#)
        default: break
        }
        maybe(6, #""metadata": \#(pick(["{}", "[]", "\"m\"", #"{"a": 1}"#]))"#)
        maybe(4, #""contextData": \#(pick(["{}", "3"]))"#)
        maybe(3, #""dataset": \#(pick(["[]", #"["https://b.s3.amazonaws.com/p1.jpg"]"#, "{}"]))"#)
        maybe(3, #""batches": \#(pick(["[]", #"["b1", "b1"]"#, #"[" "]"#]))"#)
        maybe(3, #""attachments": \#(pick(["[]", #"[{"type": "RAW_TEXT"}]"#, "1"]))"#)
        maybe(3, #""\#(pick(["url", "Data", "external_id", "note", "widht"]))": "v""#)
        members.shuffle(using: &generator)
        return "{" + members.joined(separator: ", ") + "}"
    }
}
