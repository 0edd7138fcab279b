import Foundation

/// A declarative rule from the configuration's `custom:` list: the values a pointer pattern selects
/// must match a pattern, be among allowed values, have a length within bounds, be unique in the
/// file, or be URLs on given hosts.
final class CustomRule: RuleCheck {
    let definition: Configuration.CustomRuleDefinition
    private let pointer: PointerPattern
    private let regex: NSRegularExpression?
    /// For `unique`: the hash of each value seen, with where it was first seen.
    private var firstByHash: [Int: [ByteRange]] = [:]

    init(_ definition: Configuration.CustomRuleDefinition) {
        self.definition = definition
        pointer = PointerPattern(definition.pointer)
        regex = definition.pattern.flatMap { try? NSRegularExpression(pattern: $0) }
    }

    static func descriptor(_ definition: Configuration.CustomRuleDefinition) -> RuleDescriptor {
        RuleDescriptor(metadata: metadata(definition), make: { CustomRule(definition) })
    }

    static func metadata(_ definition: Configuration.CustomRuleDefinition) -> RuleMetadata {
        var checks: [String] = []
        if let pattern = definition.pattern { checks.append("matches `\(pattern)`") }
        if let values = definition.allowedValues { checks.append("is one of \(values.map { "`\($0)`" }.joined(separator: ", "))") }
        if let minimum = definition.minLength { checks.append("is at least \(minimum) characters long") }
        if let maximum = definition.maxLength { checks.append("is at most \(maximum) characters long") }
        if definition.unique { checks.append("is unique in the file") }
        if let hosts = definition.hosts { checks.append("is a URL on \(hosts.map { "`\($0)`" }.joined(separator: ", "))") }
        let kinds = definition.kind.map { Set([$0]) } ?? Set(DocumentKind.allCases)
        return RuleMetadata(
            id: definition.id, name: definition.name, severity: definition.severity, kinds: kinds,
            summary: definition.message,
            rationale: "Defined in the configuration: every value at `\(definition.pointer)` \(checks.joined(separator: " and ")).",
            triggering: [], nonTriggering: [])
    }

    /// `unique` remembers every value of the file in this instance, so such a rule sees all items.
    func checksInParts(context: LintContext) -> Bool { !definition.unique }

    func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        check(tree, context: context)
    }

    func check(document tree: JSONTree, context: LintContext) {
        check(tree, context: context)
    }

    private func check(_ tree: JSONTree, context: LintContext) {
        for node in pointer.matches(in: tree) {
            var problems: [String] = []
            var related: [RelatedLocation] = []
            let value = tree[node].kind == .string ? tree.string(node) : nil
            let shown = value.map { "\"\(Self.shorten($0))\"" } ?? tree[node].kind.name
            if let regex {
                if let value {
                    let range = NSRange(value.startIndex..<value.endIndex, in: value)
                    if regex.firstMatch(in: value, range: range) == nil {
                        problems.append("\(shown) does not match \(definition.pattern ?? "")")
                    }
                } else {
                    problems.append("expected a string, found \(shown)")
                }
            }
            if let allowed = definition.allowedValues {
                let text = value ?? tree.sourceText(node)
                if !allowed.contains(text) { problems.append("\(shown) is not one of \(allowed.joined(separator: ", "))") }
            }
            if definition.minLength != nil || definition.maxLength != nil {
                if let value {
                    let length = value.unicodeScalars.count
                    if let minimum = definition.minLength, length < minimum { problems.append("\(length) characters, fewer than \(minimum)") }
                    if let maximum = definition.maxLength, length > maximum { problems.append("\(length) characters, more than \(maximum)") }
                } else if problems.isEmpty {
                    problems.append("expected a string, found \(shown)")
                }
            }
            if let hosts = definition.hosts {
                if let value {
                    let host = URLParser.parse(value).url?.hostname
                    if let host, !hosts.contains(where: { Self.host(host, matches: $0) }) {
                        problems.append("host \(host) is not one of \(hosts.joined(separator: ", "))")
                    } else if host == nil {
                        problems.append("\(shown) is not a URL with a host")
                    }
                } else {
                    problems.append("expected a URL string, found \(shown)")
                }
            }
            if definition.unique, let first = firstOccurrence(of: node, in: tree, file: context.file) {
                problems.append("\(shown) is not unique")
                related.append(RelatedLocation(message: "first used here", range: first))
            }
            guard !problems.isEmpty else { continue }
            context.report(
                ruleID: definition.id, "\(definition.message) (\(problems.joined(separator: "; ")))",
                at: tree[node].range, pointer: tree.pointer(node), related: related)
        }
    }

    /// Records the value and returns where it was first seen if it was seen before. Only a hash
    /// and ranges are kept; a hash match is confirmed by comparing the bytes in the file.
    private func firstOccurrence(of node: JSONTree.Index, in tree: JSONTree, file: SourceFile) -> ByteRange? {
        let range = tree[node].range
        let text = canonicalText(file, range)
        var hasher = Hasher()
        hasher.combine(text)
        let hash = hasher.finalize()
        if let candidates = firstByHash[hash] {
            for candidate in candidates where canonicalText(file, candidate) == text { return candidate }
        }
        firstByHash[hash, default: []].append(range)
        return nil
    }

    /// A value's identity: decoded for strings (so escapes do not matter), as written otherwise.
    private func canonicalText(_ file: SourceFile, _ range: ByteRange) -> String {
        let bytes = file.bytes
        if bytes[range.offset] == UInt8(ascii: "\"") {
            return JSONString.decode(bytes, literalStart: range.offset, literalEnd: range.end)
        }
        return file.text(in: range.offset..<range.end)
    }

    static func host(_ host: String, matches pattern: String) -> Bool {
        let pattern = pattern.lowercased()
        if pattern.hasPrefix("*.") { return host.hasSuffix(pattern.dropFirst(1)) }
        return host == pattern
    }

    static func shorten(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
