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
/// A URL that the URL analysis' fast scan finds clean (`AssetURLAnalysis.fastScan`: nothing for
/// any U rule but U213 to say) is not parsed again, as in a manifest; with `fastScan` off (the
/// engine's shortcuts off) every URL is, and the tests compare both ways.
final class EmbeddedURLCheck: RuleCheck {
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
    static func wrapping(_ instances: [any RuleCheck], kind: DocumentKind, fastScan: Bool) -> [any RuleCheck] {
        guard kinds.contains(kind) else { return instances }
        let urlRules = instances.compactMap { $0 as? any URLRule }
        guard !urlRules.isEmpty else { return instances }
        let others = instances.filter { !($0 is any URLRule) }
        return others + [EmbeddedURLCheck(rules: urlRules, kind: kind, fastScan: fastScan)]
    }

    private let rules: [any URLRule]
    private let kind: DocumentKind
    private let fastScan: Bool
    private var nodes: [JSONTree.Index] = []

    private init(rules: [any URLRule], kind: DocumentKind, fastScan: Bool) {
        self.rules = rules
        self.kind = kind
        self.fastScan = fastScan
    }

    func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        nodes.removeAll(keepingCapacity: true)
        Self.urls(of: item, kind: kind, in: tree, into: &nodes)
        guard !nodes.isEmpty else { return }
        let analysis = fastScan ? AssetURLAnalysis.of(context) : nil
        for node in nodes {
            let value = tree[node]
            if let analysis, value.flags.isDisjoint(with: [.escaped, .nonASCII, .damaged]),
               analysis.fastScan(tree.rawStringContent(node)) != nil {
                continue
            }
            let text: [UInt8] = value.flags.contains(.escaped)
                ? JSONString.decodeBytes(tree.source.bytes, literalStart: value.start, literalEnd: value.end)
                : Array(tree.rawStringContent(node))
            let url = AssetURL(node: node, text: text)
            for rule in rules { rule.check(url, in: tree, context: context) }
        }
    }

    func finish(context: LintContext) {
        for rule in rules { rule.finish(context: context) }
    }

    static let maskKeys: [StaticString] = ["brushDataUrl", "medicalBrushDataUrl"]

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
            guard let attachments = MemberLookup.last("attachments", of: item, in: tree), tree[attachments].kind == .array else { return }
            var attachment = tree[attachments].firstChild
            while attachment != JSONNode.none {
                if tree[attachment].kind == .object, AttachmentRules.mediaType(of: attachment, in: tree) != nil,
                   let value = MemberLookup.last("value", of: attachment, in: tree), tree[value].kind == .string {
                    nodes.append(value)
                }
                attachment = tree[attachment].nextSibling
            }
        default:
            return
        }
    }
}
