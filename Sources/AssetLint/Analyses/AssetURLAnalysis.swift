/// What the U rules share about the asset URLs of one manifest item, computed once per item by
/// whichever U rule runs first, and U213's per-file bucket state.
///
/// Every URL value of the item (`data` unless it is a Markdown asset's content, every `dataset`
/// entry, the `value` of every IMAGE and VIDEO attachment), in document order, gets an `AssetURL`:
/// the full WHATWG parse and storage analysis the rules read. There is no shortcut here: the fast engine calls the U rules only on items whose
/// facts ask for them (`URLRule.reportsOn`), and the reference engine on every item.
final class AssetURLAnalysis: PartMergeable {
    /// One URL of the item.
    struct Entry {
        var url: AssetURL
        /// U213's finding on this URL.
        var bucket: BucketFinding?
    }

    private(set) var entries: [Entry] = []
    /// The item analysed last (-1 before the first).
    private var itemIndex = -1
    /// U213's per-file state.
    let buckets: BucketTracker
    private let checksBuckets: Bool

    init(context: LintContext) {
        buckets = BucketTracker(configured: context.configuration.storage.buckets, isLaterPart: context.isLaterPart)
        checksBuckets = context.isActive(URLBucketMismatch.metadata.id)
    }

    static func of(_ context: LintContext) -> AssetURLAnalysis {
        context.fileState(AssetURLAnalysis.self) { AssetURLAnalysis(context: context) }
    }

    /// The only state across items is U213's bucket tracking.
    func absorb(_ later: AnyObject) {
        guard let later = later as? AssetURLAnalysis else { return }
        buckets.absorb(later.buckets)
    }

    /// The URLs of item number `index`, analysed on the first call for that item.
    func urls(of item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) -> [Entry] {
        if itemIndex != index {
            itemIndex = index
            entries.removeAll(keepingCapacity: true)
            for node in Self.urlNodes(of: item, at: index, in: tree, context: context) { analyzeURL(node, in: tree) }
        }
        return entries
    }

    /// The string nodes of an item that hold asset URLs, in document order.
    static func urlNodes(of item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) -> [JSONTree.Index] {
        guard tree[item].kind == .object else { return [] }
        let members = context.itemMembers.members(of: item, at: index, in: tree)
        var nodes: [JSONTree.Index] = []
        for field in [ManifestField.data, .dataset, .attachments].compactMap({ field in members[field].map { (field, $0) } })
            .sorted(by: { $0.1 < $1.1 }) {
            switch field.0 {
            case .data:
                if !AssetData.isMarkdown(field.1, in: tree, context: context) { nodes.append(field.1) }
            case .dataset where tree[field.1].kind == .array:
                nodes += tree.children(of: field.1)
            case .attachments where tree[field.1].kind == .array:
                for attachment in tree.children(of: field.1) where tree[attachment].kind == .object {
                    guard AttachmentRules.mediaType(of: attachment, in: tree) != nil,
                          let value = tree.member("value", of: attachment) else { continue }
                    nodes.append(value)
                }
            default:
                break
            }
        }
        return nodes.filter { tree[$0].kind == .string }  // M105 reports other types
    }

    private func analyzeURL(_ node: JSONTree.Index, in tree: JSONTree) {
        let url = AssetURL.of(node, in: tree)
        var entry = Entry(url: url)
        if checksBuckets, let location = url.location {
            let bucket = Array(location.bucket.utf8)
            entry.bucket = bucket.withUnsafeBufferPointer {
                buckets.check(provider: location.provider, bucket: $0, url: tree[node].range)
            }
        }
        entries.append(entry)
    }
}
