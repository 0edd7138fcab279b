import Foundation
import Yams

/// Reading `custom:`, the configuration's declarative rules.
extension ConfigurationDecoder {
    /// A custom rule being read.
    struct CustomRuleDraft {
        var id: String?
        var name: String?
        var pointer: String?
        var message: String?
        var kind: DocumentKind?
        var pattern: String?
        var allowedValues: [String]?
        var minLength: (Int, Node)?
        var maxLength: Int?
        var unique = false
        var hosts: [String]?
        var severity = Severity.error
        /// Where the first rule with each id and name is, for duplicates.
        var firstID: [String: Mark] = [:]
        var firstName: [String: Mark] = [:]
    }

    func readCustomRules(_ node: Node) -> [Configuration.CustomRuleDefinition] {
        if isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            typeMismatch(node, "custom", expected: "a list of rules (- id: X001 ...)")
            return []
        }
        var definitions: [Configuration.CustomRuleDefinition] = []
        var firstID: [String: Mark] = [:]
        var firstName: [String: Mark] = [:]
        for (index, item) in sequence.enumerated() {
            let keyPath = "custom[\(index)]"
            guard let entries = section(item, keyPath) else { continue }
            let errorCount = errors.count
            var draft = CustomRuleDraft(firstID: firstID, firstName: firstName)
            // `read` skips keys without a value: the required ones are reported below.
            for entry in entries {
                guard let key = ConfigurationSchema.custom.key(entry.key) else {
                    unknownKey(entry, section: keyPath, allowed: ConfigurationSchema.custom.names)
                    continue
                }
                key.read(self, entry, "\(keyPath).\(entry.key)", &draft)
            }
            firstID = draft.firstID
            firstName = draft.firstName
            let present = Set(entries.filter { !isNull($0.value) }.map(\.key))
            for required in ["id", "name", "pointer", "message"] where !present.contains(required) {
                fail(item, "custom rule is missing '\(required)'" + requiredHint(required))
            }
            let checks = ConfigurationSchema.custom.keys.filter(\.isCheck).map(\.name)
            let hasCheck = entries.contains { entry in
                checks.contains(entry.key) && !isNull(entry.value) && !(entry.key == "unique" && entry.value.bool == false)
            }
            if !hasCheck {
                fail(item, "custom rule \(draft.id.map { "'\($0)' " } ?? "")has no check: add one of " + checks.joined(separator: ", "))
            }
            if let (min, minNode) = draft.minLength, let maxLength = draft.maxLength, min > maxLength {
                fail(minNode, "'\(keyPath).minLength' (\(min)) is greater than 'maxLength' (\(maxLength))")
            }
            guard errors.count == errorCount, let id = draft.id, let name = draft.name, let pointer = draft.pointer,
                  let message = draft.message else { continue }
            var definition = Configuration.CustomRuleDefinition(id: id, name: name, pointer: pointer, message: message)
            definition.kind = draft.kind
            definition.pattern = draft.pattern
            definition.allowedValues = draft.allowedValues
            definition.minLength = draft.minLength?.0
            definition.maxLength = draft.maxLength
            definition.unique = draft.unique
            definition.hosts = draft.hosts
            definition.severity = draft.severity
            let mark = item.mark
            definition.line = mark?.line ?? 1
            definition.column = mark?.column ?? 1
            definitions.append(definition)
        }
        // Selectors may name every custom rule that was well formed enough to have an id or a name.
        customIDs = Array(firstID.keys)
        customNames = Set(firstName.keys)
        return definitions
    }

    func readCustomID(_ entry: Entry, _ keyPath: String, into draft: inout CustomRuleDraft) {
        guard let value = requiredString(entry, keyPath) else { return }
        if !isCustomID(value) {
            let fixed = value.uppercased()
            fail(entry.value, "invalid custom rule id '\(value)': custom ids are 'X' and three digits, like 'X001'"
                + (isCustomID(fixed) ? "; did you mean '\(fixed)'?" : ""))
        } else if let first = draft.firstID[value] {
            fail(entry.value, "duplicate custom rule id '\(value)': already used at \(position(first))")
        } else {
            draft.firstID[value] = entry.value.mark
            draft.id = value
        }
    }

    func readCustomName(_ entry: Entry, _ keyPath: String, into draft: inout CustomRuleDraft) {
        guard let value = requiredString(entry, keyPath) else { return }
        if !isKebabCase(value) {
            fail(entry.value, "invalid custom rule name '\(value)': use lower-case words joined by '-', like 'external-id-slug'")
        } else if let first = draft.firstName[value] {
            fail(entry.value, "duplicate custom rule name '\(value)': already used at \(position(first))")
        } else if isKnownRuleSelector(value) {
            fail(entry.value, "custom rule name '\(value)' is already the name of a built-in rule; choose another")
        } else {
            draft.firstName[value] = entry.value.mark
            draft.name = value
        }
    }

    func readCustomKind(_ entry: Entry, _ keyPath: String, into draft: inout CustomRuleDraft) {
        guard !isNull(entry.value), let value = string(entry.value, keyPath) else { return }
        if let parsed = DocumentKind(rawValue: value) {
            draft.kind = parsed
        } else {
            let kinds = DocumentKind.allCases.map(\.rawValue)
            fail(entry.value, "invalid kind '\(value)': expected one of \(kinds.joined(separator: ", "))" + suggestion(for: value, among: kinds))
        }
    }

    func readCustomPattern(_ entry: Entry, _ keyPath: String, into draft: inout CustomRuleDraft) {
        guard !isNull(entry.value), let value = string(entry.value, keyPath) else { return }
        if let problem = regexProblem(value) {
            fail(entry.value, "invalid regular expression in '\(keyPath)': \(problem)")
        } else {
            draft.pattern = value
        }
    }

    func readCustomHosts(_ entry: Entry, _ keyPath: String, into draft: inout CustomRuleDraft) {
        guard !isNull(entry.value), let items = stringItems(entry.value, keyPath) else { return }
        var values: [String] = []
        for (node, host) in items {
            if let problem = hostProblem(host) { fail(node, problem) } else { values.append(host.lowercased()) }
        }
        if items.isEmpty { fail(entry.value, "'\(keyPath)' is empty: list the allowed hosts") }
        draft.hosts = values
    }
    func requiredHint(_ key: String) -> String {
        switch key {
        case "id": return " (an id like 'X001')"
        case "name": return " (a kebab-case name like 'external-id-slug')"
        case "pointer": return " (the JSON Pointer of the checked values, like '/*/externalId')"
        default: return " (what the diagnostic says)"
        }
    }

    func requiredString(_ entry: Entry, _ keyPath: String, allowEmpty: Bool = false) -> String? {
        if isNull(entry.value) {
            fail(entry.value, "'\(keyPath)' has no value")
            return nil
        }
        guard let value = string(entry.value, keyPath) else { return nil }
        if !allowEmpty, value.trimmingCharacters(in: .whitespaces).isEmpty {
            fail(entry.value, "'\(keyPath)' is empty")
            return nil
        }
        return value
    }
}
