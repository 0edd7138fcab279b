import Foundation

/// A declarative rule from the configuration's `custom:` list: the values a pointer pattern selects
/// must match a pattern, be among allowed values, have a length within bounds, be unique in the
/// file, or be URLs on given hosts. Its pointer may select anything, so in a manifest it is called
/// on every item (`ItemDeclaration.everyItem`).
final class CustomRule: DocumentRule, ItemChecker {
    let definition: Configuration.CustomRuleDefinition
    private let pointer: PointerPattern
    private let regex: NSRegularExpression?

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

    var itemDeclaration: ItemDeclaration { .everyItem }

    func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        check(tree, context: context)
    }

    func check(document tree: JSONTree, context: LintContext) {
        check(tree, context: context)
    }

    private func check(_ tree: JSONTree, context: LintContext) {
        for node in pointer.matches(in: tree) {
            var problems: [String] = []
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
            let finding = CustomValues.Finding(range: tree[node].range, pointer: tree.pointer(node), shown: shown, problems: problems)
            if definition.unique {
                // In a later part of a file checked in parts, whether the value is new is only known
                // once the parts are merged: the finding waits for `finish`.
                let values = CustomValues.of(context)
                if context.isLaterPart {
                    values.postpone(finding, ruleID: definition.id)
                    continue
                }
                report(finding, firstUse: values.firstOccurrence(of: finding.range, ruleID: definition.id, in: context.file), context: context)
            } else {
                report(finding, firstUse: nil, context: context)
            }
        }
    }

    /// The findings of the later parts, now that every earlier value is known.
    func finish(context: LintContext) {
        guard definition.unique, let values = context.existingFileState(CustomValues.self) else { return }
        for finding in values.takeDeferred(ruleID: definition.id) {
            report(finding, firstUse: values.firstOccurrence(of: finding.range, ruleID: definition.id, in: context.file), context: context)
        }
    }

    private func report(_ finding: CustomValues.Finding, firstUse: ByteRange?, context: LintContext) {
        var problems = finding.problems
        var related: [RelatedLocation] = []
        if let firstUse {
            problems.append("\(finding.shown) is not unique")
            related.append(RelatedLocation(message: "first used here", range: firstUse))
        }
        guard !problems.isEmpty else { return }
        context.report(
            ruleID: definition.id, "\(definition.message) (\(problems.joined(separator: "; ")))",
            at: finding.range, pointer: finding.pointer, related: related)
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

/// What the `unique` custom rules of a file remember: for each rule, the hash of each value seen
/// with where it was first seen (only hashes and ranges; a hash match is confirmed by comparing
/// the values in the file), and the findings of later parts waiting for the merge.
final class CustomValues: PartMergeable {
    /// A finding of a custom rule before uniqueness is decided.
    struct Finding {
        var range: ByteRange
        var pointer: String
        var shown: String
        var problems: [String]
    }

    private var firstByHash: [String: [Int: [ByteRange]]] = [:]
    private var deferred: [String: [Finding]] = [:]

    static func of(_ context: LintContext) -> CustomValues {
        context.fileState(CustomValues.self) { CustomValues() }
    }

    func postpone(_ finding: Finding, ruleID: String) {
        deferred[ruleID, default: []].append(finding)
    }

    func takeDeferred(ruleID: String) -> [Finding] {
        deferred.removeValue(forKey: ruleID) ?? []
    }

    /// The later part's deferred findings follow this part's, in file order.
    func absorb(_ later: AnyObject) {
        guard let later = later as? CustomValues else { return }
        for (ruleID, findings) in later.deferred { deferred[ruleID, default: []] += findings }
    }

    /// Records the value at `range` and returns where it was first seen if it was seen before.
    func firstOccurrence(of range: ByteRange, ruleID: String, in file: SourceFile) -> ByteRange? {
        let text = Self.canonicalText(file, range)
        var hasher = Hasher()
        hasher.combine(text)
        let hash = hasher.finalize()
        if let candidates = firstByHash[ruleID]?[hash] {
            for candidate in candidates where Self.canonicalText(file, candidate) == text { return candidate }
        }
        firstByHash[ruleID, default: [:]][hash, default: []].append(range)
        return nil
    }

    /// A value's identity: decoded for strings (so escapes do not matter), as written otherwise.
    private static func canonicalText(_ file: SourceFile, _ range: ByteRange) -> String {
        let bytes = file.bytes
        if bytes[range.offset] == UInt8(ascii: "\"") {
            return JSONString.decode(bytes, literalStart: range.offset, literalEnd: range.end)
        }
        return file.text(in: range.offset..<range.end)
    }
}
