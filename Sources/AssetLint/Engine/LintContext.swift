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
    /// Per-file state of the rules (see `fileState(_:make:)`), by type. Linear lists: a file has a
    /// handful of them at most, and scanning two keys beats hashing.
    /// Rules ask for them item by item: no dynamic exclusivity checks (a context is used by one
    /// thread: each part of a split file has its own).
    @exclusivity(unchecked) private var stateKeys: [ObjectIdentifier] = []
    @exclusivity(unchecked) private var stateValues: [any PartMergeable] = []

    /// The members of the item being checked, scanned once for all rules.
    let itemMembers: ItemMembersCache
    /// ICU's answers about single scalars, asked once per scalar and thread.
    private(set) lazy var scalars = UnicodeScalarTable()

    /// Which part of a manifest checked in parts this context checks (nil: the whole file).
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
    /// Where findings go instead of `diagnostics` (see `LintOptions.spoolsFindings`); the parts of a
    /// split file share it.
    private let spool: FindingSpool?

    /// The asset manifests label and attachment imports are joined with (`--assets`), if any.
    public let assets: AssetIndex?

    init(
        file: SourceFile, kind: DocumentKind, configuration: Configuration, severities: [String: Severity], names: [String: String],
        keepPerRule: Int? = nil, part: Int? = nil, spool: FindingSpool? = nil, assets: AssetIndex? = nil, inventory: Inventory = .empty
    ) {
        self.assets = assets
        self.inventory = inventory
        self.keepPerRule = keepPerRule
        self.spool = keepPerRule == nil ? spool : nil
        self.part = part
        self.file = file
        self.kind = kind
        self.configuration = configuration
        itemMembers = ItemMembersCache(assetType: configuration.assets.type)
        self.severities = severities
        self.names = names
    }

    /// Whether a rule runs on this file (some rules defer to a more specific one).
    public func isActive(_ id: String) -> Bool { severities[id] != nil }

    public func report(
        _ rule: any Rule.Type, _ message: String, at range: ByteRange, pointer: String,
        related: [RelatedLocation] = [], fix: Fix? = nil, note: String? = nil
    ) {
        report(ruleID: rule.metadata.id, message, at: range, pointer: pointer, related: related, fix: fix, note: note)
    }

    /// Reports for the rule with id `ruleID` (used by configuration-defined rules).
    public func report(
        ruleID: String, _ message: String, at range: ByteRange, pointer: String,
        related: [RelatedLocation] = [], fix: Fix? = nil, note: String? = nil
    ) {
        guard let severity = severities[ruleID] else { return }
        store(Diagnostic(
            ruleID: ruleID, ruleName: names[ruleID] ?? ruleID, severity: severity, message: message, range: range,
            pointer: pointer, related: related, fix: fix, note: note))
    }

    /// Keeps a finding; with `keepPerRule`, only the first findings of its rule in report order,
    /// counting the others, so memory does not grow with the number of findings.
    private func store(_ diagnostic: Diagnostic) {
        if let spool {
            spool.append(diagnostic)
            return
        }
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
        related: [RelatedLocation] = [], fix: Fix? = nil, note: String? = nil, atMost: Severity
    ) {
        let metadata = rule.metadata
        guard let configured = severities[metadata.id] else { return }
        store(Diagnostic(
            ruleID: metadata.id, ruleName: names[metadata.id] ?? metadata.name, severity: min(configured, atMost), message: message,
            range: range, pointer: pointer, related: related, fix: fix, note: note))
    }

    /// The one instance of `type` for this file (this part of a file checked in parts), created by
    /// `make` on first use: what rules remember across items (the id table of M110-M112, U213's
    /// buckets), and what several rules compute once per item (the U rules' URL analysis). A part's
    /// state is merged into the first part's before the rules finish.
    func fileState<T: PartMergeable>(_ type: T.Type, make: () -> T) -> T {
        let key = ObjectIdentifier(type)
        var index = 0
        while index < stateKeys.count {
            if stateKeys[index] == key { return unsafeDowncast(stateValues[index], to: T.self) }
            index += 1
        }
        let value = make()
        stateKeys.append(key)
        stateValues.append(value)
        return value
    }

    /// The instance of `type` for this file when some rule has made it.
    func existingFileState<T: PartMergeable>(_ type: T.Type) -> T? {
        let key = ObjectIdentifier(type)
        guard let index = stateKeys.firstIndex(of: key) else { return nil }
        return unsafeDowncast(stateValues[index], to: T.self)
    }

    /// Takes in what the context of the next part of the same file found and holds: its findings
    /// and its shared per-file state (see `PartMergeable`).
    func absorb(_ later: LintContext) {
        for diagnostic in later.diagnostics { store(diagnostic) }
        for findings in later.omitted { omit(findings) }
        for (key, value) in zip(later.stateKeys, later.stateValues) {
            if let index = stateKeys.firstIndex(of: key) {
                stateValues[index].absorb(value)
            } else {
                stateKeys.append(key)
                stateValues.append(value)
            }
        }
    }

    /// Reports on JSON node `node` of `tree` (its whole value range).
    public func report(
        _ rule: any Rule.Type, _ message: String, node: JSONTree.Index, in tree: JSONTree,
        related: [RelatedLocation] = [], fix: Fix? = nil, note: String? = nil
    ) {
        report(rule, message, at: tree[node].range, pointer: tree.pointer(node), related: related, fix: fix, note: note)
    }

    /// Reports on the key of member `node` (falls back to the value for array elements).
    public func reportKey(
        _ rule: any Rule.Type, _ message: String, node: JSONTree.Index, in tree: JSONTree, related: [RelatedLocation] = [],
        fix: Fix? = nil, note: String? = nil
    ) {
        report(rule, message, at: tree[node].keyRange ?? tree[node].range, pointer: tree.pointer(node), related: related, fix: fix, note: note)
    }
}
