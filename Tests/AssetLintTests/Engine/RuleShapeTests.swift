import XCTest

@testable import AssetLint

/// A rule says what it is: it takes a shape (issues, documents, items with a declaration), keeps
/// nothing across items in its instance (per-file state lives in a `PartMergeable` analysis of
/// the context, which parts merge), and no manifest rule falls back to every item or turns the
/// bare-item shortcut off unnoticed.
final class RuleShapeTests: XCTestCase {
    /// What the engine reads of an instance (`issueShape`, `documentShape`, `itemShape`).
    func testEveryRuleTakesAShape() {
        for rule in RuleRegistry.builtIn {
            let instance = rule.init()
            XCTAssertTrue(instance.issueShape != nil || instance.documentShape != nil || instance.itemShape != nil,
                          "\(rule.metadata.id) takes no shape: the engine would never call it")
            if rule.metadata.kinds.contains(.manifest), rule.metadata.family == .manifest || rule.metadata.family == .url {
                XCTAssertTrue(instance.itemShape != nil || instance.documentShape != nil, rule.metadata.id)
            }
        }
    }

    /// The engine meets each shape through a view the compiler fills in, never through a dynamic
    /// cast: every view is the instance itself exactly when the instance conforms to the shape's
    /// protocol (asked here at run time, as the engine no longer does), for every built-in rule and
    /// a custom rule. A rule that writes a view of its own, or a shape protocol whose view is
    /// missing, fails here.
    func testTheEngineSeesExactlyTheShapesARuleTakes() {
        var custom = Configuration.CustomRuleDefinition(id: "X001", name: "slug", pointer: "/*/externalId", message: "slug")
        custom.pattern = "^[a-z]+$"
        let instances: [(String, any RuleCheck)] = RuleRegistry.builtIn.map { ($0.metadata.id, $0.init()) }
            + [("custom", CustomRule.descriptor(custom).make())]
        let context = Self.manifestContext()
        for (id, instance) in instances {
            XCTAssertEqual(instance.issueShape.map { $0 === instance }, (instance is any IssueRule) ? true : nil, "\(id): issueShape")
            XCTAssertEqual(instance.documentShape.map { $0 === instance }, (instance is any DocumentRule) ? true : nil, "\(id): documentShape")
            XCTAssertEqual(instance.itemShape.map { $0.checker === instance }, (instance is any ItemChecker) ? true : nil, "\(id): itemShape")
            guard let checker = instance.itemShape?.checker else { continue }
            XCTAssertEqual(checker.urlShape.map { $0 === instance }, (instance is any URLRule) ? true : nil, "\(id): urlShape")
            let recorder = checker.factsRecorder(in: context)
            XCTAssertEqual(recorder != nil, instance is any ItemFactsObserver, "\(id): factsRecorder")
            if let observer = instance as? any ItemFactsObserver, let recorder {
                XCTAssertTrue(recorder === observer.recorder(in: context), "\(id): factsRecorder is not its recorder")
            }
        }
    }

    /// The rules that hear streamed items and the parser's issues have an instance per part of a
    /// file checked in parts: what an instance kept in a stored property would be split between the
    /// parts and lost in the merge. (A document rule checks one whole document.)
    func testRuleInstancesKeepNoState() {
        for rule in RuleRegistry.builtIn where rule.init() is any ItemChecker || rule.init() is any IssueRule {
            let stored = Mirror(reflecting: rule.init()).children.map { $0.label ?? "?" }
            XCTAssertEqual(stored, [], "\(rule.metadata.id) keeps \(stored) in its instance; keep per-file state in a PartMergeable analysis (LintContext.fileState)")
        }
    }

    /// No built-in manifest rule is called on every item, and every observer reads only what a bare
    /// item's facts provide: with the built-in rules, the shortcut is on. (The rules of label and
    /// attachment imports are called on every item of those kinds, which have no item facts.)
    func testNoBuiltInRuleTurnsTheBareItemShortcutOff() {
        for rule in RuleRegistry.builtIn {
            guard let checker = rule.init().itemShape?.checker else { continue }
            guard RuleRegistry.metadata(of: rule).kinds.contains(.manifest) else {
                XCTAssertTrue(checker is any ImportItemRule, "\(rule.metadata.id) is an item rule of no manifest: an ImportItemRule")
                continue
            }
            XCTAssertFalse(checker is any ImportItemRule, "\(rule.metadata.id) applies to manifests: declare reportsOn (ItemRule)")
            XCTAssertNotEqual(checker.itemDeclaration, .everyItem, "\(rule.metadata.id) is called on every item")
            let context = Self.manifestContext(severities: [rule.metadata.id: .error])
            if let observes = checker.factsRecorder(in: context)?.observes {
                XCTAssertTrue(BareItemShortcut.provides.isSuperset(of: observes),
                              "\(rule.metadata.id) observes \(observes), which a bare item does not provide: the shortcut would be off")
            }
        }
        let file = SourceFile(path: "assets.json", text: "[]")
        let context = LintContext(file: file, kind: .manifest, configuration: Configuration(directory: "."), severities: [:], names: [:])
        let manifestRules = RuleRegistry.builtIn.filter { RuleRegistry.metadata(of: $0).kinds.contains(.manifest) }
        let dispatcher = ItemDispatcher(manifestRules.map { $0.init() }, context: context, engine: .fast)
        XCTAssertTrue(BareItemShortcut.canStandIn(for: dispatcher))
        XCTAssertNotNil(BareItemShortcut(dispatcher: dispatcher, context: context, maxDepth: 512))
    }

    /// An item rule that declares no signal reports nothing item by item: it must be an observer
    /// (the id table), or it is never called.
    func testAnItemRuleWithoutSignalsObservesEveryItem() {
        for rule in RuleRegistry.builtIn {
            guard let item = rule as? any ItemRule.Type, item.reportsOn.isEmpty else { continue }
            XCTAssertNotNil(rule.init().itemShape?.checker.factsRecorder(in: Self.manifestContext()),
                            "\(rule.metadata.id) declares no signal and observes nothing: the fast engine never calls it")
        }
    }

    private static func manifestContext(severities: [String: Severity] = [:]) -> LintContext {
        LintContext(file: SourceFile(path: "a.json", text: "[]"), kind: .manifest, configuration: Configuration(directory: "."),
                    severities: severities, names: [:])
    }
}
