/// Resolves `select`, `ignore` and `severity` settings (ids, names, prefixes, `ALL`) to the set of
/// rules that run and the severity each reports with.
public struct RuleSelection: Sendable {
    public struct Layer: Sendable {
        public var select: [String]?
        public var ignore: [String]
        public var severity: [String: Severity]

        public init(select: [String]?, ignore: [String] = [], severity: [String: Severity] = [:]) {
            self.select = select
            self.ignore = ignore
            self.severity = severity
        }
    }

    /// Whether `selector` names at least one rule of `catalog`.
    public static func isKnown(_ selector: String, in catalog: [RuleMetadata]) -> Bool {
        catalog.contains { matches(selector, $0) }
    }

    /// The rule id or name closest to a selector that names no rule (`U2044` → `U204`,
    /// `url-plus-in-pth` → `url-plus-in-path`), as the configuration suggests its values.
    public static func suggestion(for selector: String, in catalog: [RuleMetadata]) -> String? {
        let candidates = catalog.flatMap { [$0.id, $0.name] }
        return ConfigurationLoader.closestMatch(to: selector.trimmingCharacters(in: " "), among: candidates)
    }

    /// `ALL`, an exact id or name (case-insensitive), or an id prefix such as `U` or `U2`.
    public static func matches(_ selector: String, _ rule: RuleMetadata) -> Bool {
        let selector = selector.trimmingCharacters(in: " ")
        if selector.uppercased() == "ALL" { return true }
        if selector.caseInsensitiveEquals(rule.name) { return true }
        let upper = selector.uppercased()
        guard let first = upper.first, first.isLetter, upper.dropFirst().allSatisfy(\.isNumber) else { return false }
        return rule.id.hasPrefix(upper)
    }

    /// More specific selectors win: an id beats a prefix, a longer prefix a shorter one, anything beats ALL.
    static func specificity(_ selector: String) -> Int {
        let upper = selector.uppercased()
        if upper == "ALL" { return 0 }
        if upper.first?.isLetter == true, upper.dropFirst().allSatisfy(\.isNumber) { return upper.count }
        return 100  // a rule name
    }

    /// The active rules and their severities after applying `layers` in order.
    public static func resolve(_ catalog: [RuleMetadata], layers: [Layer]) -> [String: Severity] {
        var active: Set<String> = []
        // Later layers win; within a layer, the more specific selector wins.
        var severities: [String: (Severity, Int, Int)] = [:]
        for (layerIndex, layer) in layers.enumerated() {
            if let select = layer.select {
                for rule in catalog {
                    let selectedBy = select.filter { matches($0, rule) }.map(specificity).max()
                    let ignoredBy = layer.ignore.filter { matches($0, rule) }.map(specificity).max()
                    if let selectedBy, selectedBy > (ignoredBy ?? -1) { active.insert(rule.id) }
                }
            }
            for rule in catalog where layer.ignore.contains(where: { matches($0, rule) }) {
                let ignoredBy = layer.ignore.filter { matches($0, rule) }.map(specificity).max() ?? 0
                let selectedBy = (layer.select ?? []).filter { matches($0, rule) }.map(specificity).max() ?? -1
                if ignoredBy >= selectedBy { active.remove(rule.id) }
            }
            for (selector, severity) in layer.severity {
                let weight = specificity(selector)
                for rule in catalog where matches(selector, rule) {
                    if let existing = severities[rule.id], (existing.1, existing.2) > (layerIndex, weight) { continue }
                    severities[rule.id] = (severity, layerIndex, weight)
                }
            }
        }
        var result: [String: Severity] = [:]
        for rule in catalog where active.contains(rule.id) {
            result[rule.id] = severities[rule.id]?.0 ?? rule.severity
        }
        return result
    }
}

extension String {
    func trimmingCharacters(in character: Character) -> String {
        var slice = Substring(self)
        while slice.first == character { slice = slice.dropFirst() }
        while slice.last == character { slice = slice.dropLast() }
        return String(slice)
    }

    func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
