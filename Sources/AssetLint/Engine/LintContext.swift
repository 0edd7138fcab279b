/// What a rule sees of the file it checks, and where it reports.
public final class LintContext {
    public let file: SourceFile
    public let kind: DocumentKind
    public let configuration: Configuration
    /// The bucket listings asset URLs are checked against (empty without `--inventory`).
    public let inventory: Inventory
    public private(set) var diagnostics: [Diagnostic] = []
    private let severities: [String: Severity]
    private let names: [String: String]
    /// Per-file state shared between rules (see `shared(_:make:)`), by type. Linear lists: a file
    /// has a handful of shared analyses at most, and scanning two keys beats hashing. Rules ask for
    /// them once per item each, so the lookup skips dynamic exclusivity checks (a context is used
    /// by one thread: each part or rule group of a split file has its own).
    @exclusivity(unchecked) private var sharedKeys: [ObjectIdentifier] = []
    @exclusivity(unchecked) private var sharedValues: [AnyObject] = []

    /// The members of the item being checked, scanned once for all M rules.
    let itemMembers = ItemMembersCache()

    /// Which part of a manifest split across cores this context checks (nil: the whole file).
    /// Shared analyses keep what needs other parts' items for the merge (`PartMergeable`) instead
    /// of deciding it alone.
    let part: Int?
    /// Whether this context checks a part after the first.
    var isLaterPart: Bool { (part ?? 0) > 0 }

    /// See `LintOptions.keepPerRule`.
    private let keepPerRule: Int?
    /// Where each rule's kept findings are in `diagnostics` (only with `keepPerRule`).
    private var kept: [String: [Int]] = [:]
    public private(set) var omitted: [OmittedFindings] = []

    init(
        file: SourceFile, kind: DocumentKind, configuration: Configuration, severities: [String: Severity], names: [String: String],
        keepPerRule: Int? = nil, part: Int? = nil, inventory: Inventory = .empty
    ) {
        self.inventory = inventory
        self.keepPerRule = keepPerRule
        self.part = part
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
        store(Diagnostic(
            ruleID: ruleID, ruleName: names[ruleID] ?? ruleID, severity: severity, message: message, range: range,
            pointer: pointer, related: related, fix: fix))
    }

    /// Keeps a finding; with `keepPerRule`, only the first findings of its rule in report order,
    /// counting the others, so memory does not grow with the number of findings.
    private func store(_ diagnostic: Diagnostic) {
        guard let limit = keepPerRule else {
            diagnostics.append(diagnostic)
            return
        }
        var indices = kept[diagnostic.ruleID] ?? []
        if indices.count < limit {
            indices.append(diagnostics.count)
            kept[diagnostic.ruleID] = indices
            diagnostics.append(diagnostic)
            return
        }
        guard var last = indices.first else { return omit(diagnostic) }
        for index in indices where Diagnostic.precedes(diagnostics[last], diagnostics[index]) { last = index }
        if Diagnostic.precedes(diagnostic, diagnostics[last]) {
            omit(diagnostics[last])
            diagnostics[last] = diagnostic
        } else {
            omit(diagnostic)
        }
    }

    private func omit(_ diagnostic: Diagnostic) {
        let fix = diagnostic.fix
        omit(OmittedFindings(
            ruleID: diagnostic.ruleID, ruleName: diagnostic.ruleName, severity: diagnostic.severity, count: 1,
            fixable: fix == nil ? 0 : 1, safelyFixable: fix?.applicability == .safe ? 1 : 0))
    }

    /// Adds `findings` to the count of their rule and severity.
    private func omit(_ findings: OmittedFindings) {
        guard let position = omitted.firstIndex(where: { $0.ruleID == findings.ruleID && $0.severity == findings.severity }) else {
            omitted.append(findings)
            return
        }
        omitted[position].count += findings.count
        omitted[position].fixable += findings.fixable
        omitted[position].safelyFixable += findings.safelyFixable
    }

    /// Reports with the rule's configured severity, or `atMost` when that is lower: for the milder
    /// case of a rule that the specification names (U202's `http://` is a warning where other
    /// schemes are errors). Configuring the rule lower still lowers both cases.
    public func report(
        _ rule: any Rule.Type, _ message: String, at range: ByteRange, pointer: String,
        related: [RelatedLocation] = [], fix: Fix? = nil, atMost: Severity
    ) {
        let metadata = rule.metadata
        guard let configured = severities[metadata.id] else { return }
        store(Diagnostic(
            ruleID: metadata.id, ruleName: names[metadata.id] ?? metadata.name, severity: min(configured, atMost), message: message,
            range: range, pointer: pointer, related: related, fix: fix))
    }

    /// The shared value of `type` when some rule has made it.
    func existing<T: AnyObject>(_ type: T.Type) -> T? {
        let key = ObjectIdentifier(type)
        guard let index = sharedKeys.firstIndex(of: key) else { return nil }
        return unsafeDowncast(sharedValues[index], to: T.self)
    }

    /// The one instance of `type` for this file, created by `make` on first use. Rules that look at
    /// the same values (the U rules all analyse each asset URL) compute that analysis once per file
    /// and item through it instead of once per rule.
    public func shared<T: AnyObject>(_ type: T.Type, make: () -> T) -> T {
        let key = ObjectIdentifier(type)
        var index = 0
        while index < sharedKeys.count {
            if sharedKeys[index] == key { return unsafeDowncast(sharedValues[index], to: T.self) }
            index += 1
        }
        let value = make()
        sharedKeys.append(key)
        sharedValues.append(value)
        return value
    }

    /// Takes in what the context of the next part of the same file found and holds: its findings
    /// and its shared per-file state (see `PartMergeable`).
    func absorb(_ later: LintContext) {
        for diagnostic in later.diagnostics { store(diagnostic) }
        for findings in later.omitted { omit(findings) }
        for (key, value) in zip(later.sharedKeys, later.sharedValues) {
            if let index = sharedKeys.firstIndex(of: key) {
                (sharedValues[index] as? PartMergeable)?.absorb(value)
            } else {
                sharedKeys.append(key)
                sharedValues.append(value)
            }
        }
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
