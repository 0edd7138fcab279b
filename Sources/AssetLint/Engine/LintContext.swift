/// What a rule sees of the file it checks, and where it reports.
public final class LintContext {
    public let file: SourceFile
    public let kind: DocumentKind
    public let configuration: Configuration
    public private(set) var diagnostics: [Diagnostic] = []
    private let severities: [String: Severity]

    init(file: SourceFile, kind: DocumentKind, configuration: Configuration, severities: [String: Severity]) {
        self.file = file
        self.kind = kind
        self.configuration = configuration
        self.severities = severities
    }

    /// Whether a rule runs on this file (some rules defer to a more specific one).
    public func isActive(_ id: String) -> Bool { severities[id] != nil }

    public func report(
        _ rule: any Rule.Type, _ message: String, at range: ByteRange, pointer: String,
        related: [RelatedLocation] = [], fix: Fix? = nil
    ) {
        let metadata = rule.metadata
        guard let severity = severities[metadata.id] else { return }
        diagnostics.append(Diagnostic(
            ruleID: metadata.id, ruleName: metadata.name, severity: severity, message: message, range: range,
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
