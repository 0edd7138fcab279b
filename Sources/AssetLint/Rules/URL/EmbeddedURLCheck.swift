/// The URL rules in label and attachment imports, where the URLs the hub fetches are not a
/// manifest's `data`: a label item's `brushDataUrl` and `medicalBrushDataUrl` (the masks the hub
/// downloads), and the `value` of an IMAGE or VIDEO attachment.
///
/// Each such URL goes through the same entry point the U rules use for a manifest URL that needs
/// a look (`URLRule.check(_:in:context:)` on an `AssetURL`), so a raw space, a `+`, a bad escape
/// or a missing scheme is reported by the same rule, with the same message and fix, wherever it
/// is. Only the rules about the URL's form take part: which storage and bucket a URL points into
/// (U212, U213) is a manifest's concern, and masks and attachments may be public files
/// (HUB-FORMATS sections 1.3 and 6.6).
///
/// In the fast engine each URL's facts are read as a manifest's `data` is
/// (`ItemFactsReader.urlSignals`), and a rule is called on the URL only when they hold a signal of
/// its `reportsOn`: a URL the URL fast scan finds clean goes to none of them. The reference engine
/// gives every URL to every rule; the differential tests and the fuzzer compare the two.
final class EmbeddedURLCheck: ItemChecker {
    /// The U rules that check embedded URLs: all but these.
    static let storageRuleIDs: Set<String> = [URLStorageProvider.metadata.id, URLBucketMismatch.metadata.id]

    /// The document kinds with embedded URLs.
    static let kinds: Set<DocumentKind> = [.labels, .attachments]

    /// A rule's metadata with the kinds where this check runs it added: the U rules' pages,
    /// `assetlint rules` and the engine's list of rules run on a file all read it from here.
    static func widened(_ metadata: RuleMetadata) -> RuleMetadata {
        guard metadata.family == .url, !storageRuleIDs.contains(metadata.id) else { return metadata }
        var widened = metadata
        widened.kinds.formUnion(kinds)
        return widened
    }

    /// `instances` for a file of `kind`, with the URL rules among them folded into one check when
    /// the kind has embedded URLs.
    static func wrapping(_ instances: [any RuleCheck], kind: DocumentKind, engine: LintEngine) -> [any RuleCheck] {
        guard kinds.contains(kind) else { return instances }
        let urlRules = instances.compactMap { $0.itemShape?.checker.urlShape }
        guard !urlRules.isEmpty else { return instances }
        let others = instances.filter { $0.itemShape?.checker.urlShape == nil }
        return others + [EmbeddedURLCheck(rules: urlRules, kind: kind, engine: engine)]
    }

    /// The wrapped rules, each with the signals it declared (nil in the reference engine: every URL).
    private let rules: [(rule: any URLRule, signals: ItemSignals?)]
    private let kind: DocumentKind
    private let engine: LintEngine
    /// Reads the URLs' facts in the fast engine; made for the file on its first item.
    private var reader: ItemFactsReader?

    private init(rules: [any URLRule], kind: DocumentKind, engine: LintEngine) {
        self.rules = rules.map { rule in
            guard engine == .fast, case .reportsOn(let signals) = rule.itemDeclaration else { return (rule, nil) }
            return (rule, signals)
        }
        self.kind = kind
        self.engine = engine
    }

    /// Every item: the kinds with embedded URLs have no item facts.
    var itemDeclaration: ItemDeclaration { .everyItem }

    func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        var nodes: [JSONTree.Index] = []
        Self.urls(of: item, kind: kind, in: tree, into: &nodes)
        for node in nodes {
            var signals = ItemSignals.dataURLNotClean
            if engine == .fast {
                if reader == nil { reader = ItemFactsReader(context: context) }
                signals = reader!.urlSignals(of: node, in: tree)
            }
            var url: AssetURL?
            for (rule, declared) in rules where declared.map({ !$0.isDisjoint(with: signals) }) ?? true {
                if url == nil { url = AssetURL.of(node, in: tree) }
                rule.inspect(url!, in: tree, context: context)
            }
        }
    }

    func finish(context: LintContext) {
        for (rule, _) in rules { rule.finish(context: context) }
    }

    static let maskKeys = ["brushDataUrl", "medicalBrushDataUrl"]

    /// The string nodes of item `item` that hold URLs the hub fetches, in document order.
    static func urls(of item: JSONTree.Index, kind: DocumentKind, in tree: JSONTree, into nodes: inout [JSONTree.Index]) {
        switch kind {
        case .labels:
            var member = tree[item].firstChild
            while member != JSONNode.none {
                if tree[member].kind == .string, KeyMatch.index(of: member, among: maskKeys, in: tree) != nil { nodes.append(member) }
                member = tree[member].nextSibling
            }
        case .attachments:
            guard let attachments = tree.member("attachments", of: item), tree[attachments].kind == .array else { return }
            var attachment = tree[attachments].firstChild
            while attachment != JSONNode.none {
                if tree[attachment].kind == .object, AttachmentRules.mediaType(of: attachment, in: tree) != nil,
                   let value = tree.member("value", of: attachment), tree[value].kind == .string {
                    nodes.append(value)
                }
                attachment = tree[attachment].nextSibling
            }
        default:
            return
        }
    }
}
