import Testing
@testable import AssetLint

@Suite("Rule selection")
struct RuleSelectionTests {
    let catalog = RuleRegistry.catalog

    @Test("selectors match ids, names, prefixes and ALL", arguments: [
        ("ALL", "J003", true), ("all", "J001", true), ("J", "J003", true), ("J0", "J003", true), ("J003", "J003", true),
        ("j003", "J003", true), ("duplicate-key", "J003", true), ("Duplicate-Key", "J003", true), ("J1", "J003", false),
        ("M", "J003", false), ("duplicate", "J003", false), ("J0031", "J003", false),
    ])
    func matching(selector: String, id: String, expected: Bool) throws {
        let rule = try #require(catalog.first { $0.id == id })
        #expect(RuleSelection.matches(selector, rule) == expected)
    }

    @Test func ignoreRemovesAndMoreSpecificSelectWins() {
        let severities = RuleSelection.resolve(catalog, layers: [.init(select: ["J"], ignore: ["J00"])])
        #expect(severities.isEmpty)
        let specific = RuleSelection.resolve(catalog, layers: [.init(select: ["J"], ignore: ["J00"]), .init(select: ["J004"])])
        #expect(Array(specific.keys) == ["J004"])
        let exact = RuleSelection.resolve(catalog, layers: [.init(select: ["J003"], ignore: ["J"])])
        #expect(Array(exact.keys) == ["J003"])
    }

    @Test func severityOverridesPreferLaterLayersThenSpecificity() {
        let base = RuleSelection.Layer(select: ["ALL"], severity: ["J": .info, "J004": .error])
        let resolved = RuleSelection.resolve(catalog, layers: [base])
        #expect(resolved["J004"] == .error)
        #expect(resolved["J001"] == .info)
        let overridden = RuleSelection.resolve(catalog, layers: [base, .init(select: nil, severity: ["J": .warning])])
        #expect(overridden["J004"] == .warning)
    }

    @Test func unknownSelectorsAreRecognised() {
        #expect(RuleSelection.isKnown("J00", in: catalog))
        #expect(!RuleSelection.isKnown("Z9", in: catalog))
        #expect(!RuleSelection.isKnown("no-such-rule", in: catalog))
    }
}
