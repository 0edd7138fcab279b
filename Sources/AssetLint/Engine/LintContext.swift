/// What a rule sees of the file it checks, and where it reports.
public final class LintContext {
    public let file: SourceFile
    public let kind: DocumentKind
    public let configuration: Configuration
    public private(set) var diagnostics: [Diagnostic] = []
    private let severities: [String: Severity]
    private let names: [String: String]

    init(file: SourceFile, kind: DocumentKind, configuration: Configuration, severities: [String: Severity], names: [String: String]) {
        self.file = file
        self.kind = kind
        self.configuration = configuration
        self.severities = severities
        self.names = names
    }

    /// Whether a rule runs on this file (some rules defer to a more specific one).
    public func isActive(_ id: String) -> Bool { severities[id] != nil }

    public func report(
        _ rule: any Rule.Type, _ message: String, at range: ByteRange, pointer: String,
        related: [RelatedLocation] = [], fix: Fix? = nil
    ) {
        report(ruleID: rule.metadata.id, message, at: range, pointer: pointer, related: related, fix: fix)
    }

    /// Reports for the rule with id `ruleID` (used by configuration-defined rules).
    public func report(
        ruleID: String, _ message: String, at range: ByteRange, pointer: String,
        related: [RelatedLocation] = [], fix: Fix? = nil
    ) {
        guard let severity = severities[ruleID] else { return }
        diagnostics.append(Diagnostic(
            ruleID: ruleID, ruleName: names[ruleID] ?? ruleID, severity: severity, message: message, range: range,
            pointer: pointer, related: related, fix: fix))
    }

    /// Reports on JSON node `node` of `tree` (its whole value range).
    public func report(
        _ rule: any Rule.Type, _ message: String, node: JSONTree.Index, in tree: JSONTree,
        related: [RelatedLocation] = [], fix: Fix? = nil
    ) {
        report(rule, message, at: tree[node].range, pointer: tree.pointer(node), related: related, fix: fix)
    }

    /// Reports on the key of member `node` (falls back to the value for array elements).
    public func reportKey(
        _ rule: any Rule.Type, _ message: String, node: JSONTree.Index, in tree: JSONTree, fix: Fix? = nil
    ) {
        report(rule, message, at: tree[node].keyRange ?? tree[node].range, pointer: tree.pointer(node), fix: fix)
    }
}
