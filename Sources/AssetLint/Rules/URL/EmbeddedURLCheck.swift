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
    static func wrapping(_ instances: [any RuleCheck], kind: DocumentKind) -> [any RuleCheck] {
        guard kinds.contains(kind) else { return instances }
        let urlRules = instances.compactMap { $0 as? any URLRule }
        guard !urlRules.isEmpty else { return instances }
        let others = instances.filter { !($0 is any URLRule) }
        return others + [EmbeddedURLCheck(rules: urlRules, kind: kind)]
    }

    private let rules: [any URLRule]
    private let kind: DocumentKind
    private var nodes: [JSONTree.Index] = []

    private init(rules: [any URLRule], kind: DocumentKind) {
        self.rules = rules
        self.kind = kind
    }

    func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        nodes.removeAll(keepingCapacity: true)
        Self.urls(of: item, kind: kind, in: tree, into: &nodes)
        for node in nodes {
            let value = tree[node]
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

    /// The string nodes of item `item` that hold URLs the hub fetches, in document order.
    static func urls(of item: JSONTree.Index, kind: DocumentKind, in tree: JSONTree, into nodes: inout [JSONTree.Index]) {
        switch kind {
        case .labels:
            for member in tree.children(of: item) where tree[member].kind == .string {
                if tree.keyEquals(member, "brushDataUrl") || tree.keyEquals(member, "medicalBrushDataUrl") { nodes.append(member) }
            }
        case .attachments:
            guard let attachments = tree.member("attachments", of: item), tree[attachments].kind == .array else { return }
            for attachment in tree.children(of: attachments) where tree[attachment].kind == .object {
                guard let type = tree.member("type", of: attachment), let name = tree.string(type),
                      name == "IMAGE" || name == "VIDEO",
                      let value = tree.member("value", of: attachment), tree[value].kind == .string else { continue }
                nodes.append(value)
            }
        default:
            return
        }
    }
}
