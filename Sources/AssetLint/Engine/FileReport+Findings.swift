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
        guard spool != nil else { return (diagnostics, omitted) }
        var kept: [Diagnostic] = []
        var seen: [String: Int] = [:]
        var counted: [OmittedFindings] = omitted
        forEachFinding { diagnostic in
            let count = seen[diagnostic.ruleID, default: 0]
            seen[diagnostic.ruleID] = count + 1
            if limit.map({ count < $0 }) ?? true {
                kept.append(diagnostic)
                return
            }
            let fix = diagnostic.fix
            if let index = counted.firstIndex(where: { $0.ruleID == diagnostic.ruleID && $0.severity == diagnostic.severity }) {
                counted[index].count += 1
                counted[index].fixable += fix == nil ? 0 : 1
                counted[index].safelyFixable += fix?.applicability == .safe ? 1 : 0
            } else {
                counted.append(OmittedFindings(
                    ruleID: diagnostic.ruleID, ruleName: diagnostic.ruleName, severity: diagnostic.severity, count: 1,
                    fixable: fix == nil ? 0 : 1, safelyFixable: fix?.applicability == .safe ? 1 : 0))
            }
        }
        return (kept, counted)
    }
}
