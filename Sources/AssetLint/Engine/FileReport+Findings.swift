/// A file's findings, whether the report holds them as values (`diagnostics`) or they were written
/// to a `FindingSpool`: reporters read them here, one at a time, in report order.
extension FileReport {
    /// Calls `body` with each finding in report order; only rule `ruleID`'s when given.
    public func forEachFinding(rule ruleID: String? = nil, _ body: (Diagnostic) -> Void) {
        if let spool {
            spool.forEach(rule: ruleID, body)
            return
        }
        for diagnostic in diagnostics where ruleID == nil || diagnostic.ruleID == ruleID { body(diagnostic) }
    }

    /// How many findings the report lists (those only counted, `omitted`, are not among them).
    public var findingCount: Int { diagnostics.count + (spool?.count ?? 0) }

    /// The listed findings' totals.
    public var tally: FindingTally {
        var tally = spool?.tally ?? FindingTally()
        for diagnostic in diagnostics { tally.add(diagnostic) }
        return tally
    }

    /// The ids and names of the rules that reported, in the order of their first finding.
    public var reportingRules: [(id: String, name: String)] {
        if let spool {
            // The spool numbers rules as they first reported, which is not report order.
            var first: [String: Int] = [:]
            var position = 0
            spool.forEachRuleNumberInOrder { number in
                let id = spool.rules[number].id
                if first[id] == nil { first[id] = position }
                position += 1
            }
            return spool.rules.sorted { first[$0.id, default: .max] < first[$1.id, default: .max] }
        }
        var seen = Set<String>()
        return diagnostics.compactMap { seen.insert($0.ruleID).inserted ? ($0.ruleID, $0.ruleName) : nil }
    }

    /// The findings a report that shows at most `limit` per rule needs as values (the first of
    /// each rule in report order), with the rest counted as `omitted`.
    public func keptFindings(perRule limit: Int?) -> (diagnostics: [Diagnostic], omitted: [OmittedFindings]) {
        guard let spool else { return (diagnostics, omitted) }
        var kept: [Diagnostic] = []
        var counted: [OmittedFindings] = omitted
        // The findings left out are counted from the spool's index, not read back.
        spool.forEach(keepingPerRule: limit ?? .max, kept: { kept.append($0) }) { rule, severity, fix in
            if let index = counted.firstIndex(where: { $0.ruleID == rule.id && $0.severity == severity }) {
                counted[index].count += 1
                counted[index].fixable += fix == nil ? 0 : 1
                counted[index].safelyFixable += fix == .safe ? 1 : 0
            } else {
                counted.append(OmittedFindings(
                    ruleID: rule.id, ruleName: rule.name, severity: severity, count: 1,
                    fixable: fix == nil ? 0 : 1, safelyFixable: fix == .safe ? 1 : 0))
            }
        }
        return (kept, counted)
    }
}
