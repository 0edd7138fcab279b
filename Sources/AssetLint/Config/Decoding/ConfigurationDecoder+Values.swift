import Yams

/// Reading the values of `.assetlint.yml`: each reader checks the value's type and reports what
/// is wrong with it, at its line and column.
extension ConfigurationDecoder {
    typealias Entry = (key: String, keyNode: Node, value: Node)

    /// The entries of a mapping, with `<<` merge keys expanded; reports keys that are not strings
    /// and keys that appear twice.
    func mappingEntries(_ node: Node) -> [Entry] {
        guard case .mapping(let mapping) = node else { return [] }
        var entries: [Entry] = []
        var merged: [Entry] = []
        var seen: [String: Mark?] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                fail(keyNode, "keys must be plain strings, found \(describe(keyNode))")
                continue
            }
            if scalar.string == "<<", keyNode.tag.description == Tag.Name.merge.rawValue {
                let sources: [Node]
                switch value {
                case .mapping: sources = [value]
                case .sequence(let sequence): sources = Array(sequence)
                default:
                    fail(value, "a merge key '<<' needs a mapping or a list of mappings, found \(describe(value))")
                    continue
                }
                for source in sources {
                    guard case .mapping = source else {
                        fail(source, "a merge key '<<' needs mappings, found \(describe(source))")
                        continue
                    }
                    mergeBudget -= 1
                    guard mergeBudget >= 0 else {
                        if mergeBudget == -1 { fail(keyNode, "too many merge keys ('<<') to expand") }
                        continue
                    }
                    merged.append(contentsOf: mappingEntries(source))
                }
                continue
            }
            let key = scalar.string
            if let first = seen[key] {
                fail(keyNode, "duplicate key '\(key)': it is already set at \(first.map(position) ?? "an earlier line"); YAML keeps only one of them")
                continue
            }
            seen[key] = keyNode.mark
            entries.append((key, keyNode, value))
        }
        // Explicit keys win over merged ones; among merged ones the first wins.
        for entry in merged where seen[entry.key] == nil {
            seen[entry.key] = entry.keyNode.mark
            entries.append(entry)
        }
        return entries
    }

    /// The entries of a section that must be a mapping.
    func section(_ node: Node, _ keyPath: String) -> [Entry]? {
        guard case .mapping = node else {
            typeMismatch(node, keyPath, expected: "a mapping")
            return nil
        }
        return mappingEntries(node)
    }

    /// A scalar read as the text written (YAML would read `yes` or `2024` as a boolean or a number,
    /// but every field read here is a string, so the text is what the user meant).
    func string(_ node: Node, _ keyPath: String) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            typeMismatch(node, keyPath, expected: "a string")
            return nil
        }
        return scalar.string
    }

    /// A list of strings, each with its node.
    func stringItems(_ node: Node, _ keyPath: String) -> [(node: Node, value: String)]? {
        guard case .sequence(let sequence) = node else {
            if case .scalar(let scalar) = node {
                fail(node, "'\(keyPath)' must be a list, found \(describe(node)); write [\(quoted(scalar.string))]")
            } else {
                typeMismatch(node, keyPath, expected: "a list")
            }
            return nil
        }
        var items: [(node: Node, value: String)] = []
        var valid = true
        for (index, item) in sequence.enumerated() {
            guard case .scalar(let scalar) = item, !isNull(item) else {
                typeMismatch(item, "\(keyPath)[\(index)]", expected: "a string")
                valid = false
                continue
            }
            items.append((item, scalar.string))
        }
        return valid ? items : nil
    }

    func globList(_ node: Node, _ keyPath: String) -> [String]? {
        guard let items = stringItems(node, keyPath) else { return nil }
        var valid = true
        for (node, pattern) in items {
            if let problem = Glob.syntaxError(in: pattern) {
                fail(node, "invalid glob '\(pattern)' in '\(keyPath)': \(problem)")
                valid = false
            }
        }
        return valid ? items.map(\.value) : nil
    }

    func selectorList(_ node: Node, _ keyPath: String) -> [String]? {
        guard let items = stringItems(node, keyPath) else { return nil }
        var selectors: [String] = []
        for (node, selector) in items {
            if checkSelector(selector, node: node, keyPath: keyPath) { selectors.append(selector) }
        }
        return selectors
    }

    func severityMap(_ node: Node, _ keyPath: String) -> [String: Severity]? {
        guard let entries = section(node, keyPath) else { return nil }
        var map: [String: Severity] = [:]
        for entry in entries {
            guard checkSelector(entry.key, node: entry.keyNode, keyPath: keyPath) else { continue }
            if isNull(entry.value) {
                fail(entry.value, "no severity for '\(entry.key)': expected one of error, warning, info")
                continue
            }
            if let severity = severity(entry.value, "\(keyPath).\(entry.key)") { map[entry.key] = severity }
        }
        return map
    }

    func checkSelector(_ selector: String, node: Node, keyPath: String) -> Bool {
        if isKnownSelector(selector) { return true }
        var message = "unknown rule '\(selector)' in '\(keyPath)'"
        let candidates = [selector.uppercased(), selector.lowercased().replacingOccurrences(of: "_", with: "-")]
        if let fixed = candidates.first(where: { $0 != selector && isKnownSelector($0) }) {
            message += "; did you mean '\(fixed)'?"
        } else {
            message += ": expected a rule id (U204), a name (url-plus-in-path), an id prefix (U, U2) or ALL"
        }
        fail(node, message)
        return false
    }

    func isKnownSelector(_ selector: String) -> Bool {
        if selector == "ALL" || isKnownRuleSelector(selector) { return true }
        if customNames.contains(selector) { return true }
        return selector.hasPrefix("X") && customIDs.contains { $0.hasPrefix(selector) }
    }

    func severity(_ node: Node, _ keyPath: String) -> Severity? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            typeMismatch(node, keyPath, expected: "one of error, warning, info")
            return nil
        }
        let value = scalar.string
        if let severity = Severity(rawValue: value) { return severity }
        let choices = ["error", "warning", "info"]
        var message = "invalid severity '\(value)': expected one of error, warning, info"
        if ["off", "false", "no", "none", "ignore", "disable", "disabled"].contains(value.lowercased()) {
            message += " (to turn a rule off, list it in 'ignore')"
        } else {
            message += suggestion(for: value, among: choices)
        }
        fail(node, message)
        return nil
    }

    func positiveInteger(_ node: Node, _ keyPath: String) -> Int? {
        guard let value = integer(node, keyPath, requirement: "a positive integer") else { return nil }
        guard value > 0 else {
            fail(node, "'\(keyPath)' must be a positive integer, found \(value)")
            return nil
        }
        return value
    }

    func nonNegativeInteger(_ node: Node, _ keyPath: String) -> Int? {
        guard let value = integer(node, keyPath, requirement: "a non-negative integer") else { return nil }
        guard value >= 0 else {
            fail(node, "'\(keyPath)' must be a non-negative integer, found \(value)")
            return nil
        }
        return value
    }

    func integer(_ node: Node, _ keyPath: String, requirement: String) -> Int? {
        guard case .scalar(let scalar) = node, scalarType(node) == .int else {
            if case .scalar(let scalar) = node, scalar.style != .plain, Int(scalar.string) != nil {
                fail(node, "'\(keyPath)' must be \(requirement), found a quoted string; remove the quotes")
            } else {
                typeMismatch(node, keyPath, expected: requirement)
            }
            return nil
        }
        guard let value = Int.construct(from: scalar) else {
            fail(node, "'\(keyPath)' is out of range: \(scalar.string)")
            return nil
        }
        return value
    }

    func boolean(_ node: Node, _ keyPath: String) -> Bool? {
        guard case .scalar(let scalar) = node, scalarType(node) == .bool, let value = Bool.construct(from: scalar) else {
            typeMismatch(node, keyPath, expected: "true or false")
            return nil
        }
        return value
    }
}
