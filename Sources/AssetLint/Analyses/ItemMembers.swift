/// The known members of one item (the last one when a key repeats, as `JSONTree.member` does),
/// found in a single pass over its keys.
struct ItemMembers {
    private var slots: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) =
        (
            JSONNode.none, JSONNode.none, JSONNode.none, JSONNode.none, JSONNode.none, JSONNode.none, JSONNode.none,
            JSONNode.none, JSONNode.none, JSONNode.none, JSONNode.none
        )
    /// Members whose key is not a known field.
    private(set) var unknownCount = 0

    init() {}

    init(scanning item: JSONTree.Index, in tree: __shared JSONTree) {
        guard tree[item].kind == .object else { return }
        let bytes = tree.source.bytes
        var child = tree[item].firstChild
        while child != JSONNode.none {
            if let field = ManifestField(member: child, in: tree, bytes: bytes) {
                self[field] = child
            } else {
                unknownCount += 1
            }
            child = tree[child].nextSibling
        }
    }

    subscript(field: ManifestField) -> JSONTree.Index? {
        get {
            let value: Int32 =
                switch field {
                case .data: slots.0
                case .externalId: slots.1
                case .width: slots.2
                case .height: slots.3
                case .metadata: slots.4
                case .contextData: slots.5
                case .batches: slots.6
                case .attachments: slots.7
                case .dataset: slots.8
                case .storage: slots.9
                case .classifications: slots.10
                }
            return value == JSONNode.none ? nil : value
        }
        set {
            let value = newValue ?? JSONNode.none
            switch field {
            case .data: slots.0 = value
            case .externalId: slots.1 = value
            case .width: slots.2 = value
            case .height: slots.3 = value
            case .metadata: slots.4 = value
            case .contextData: slots.5 = value
            case .batches: slots.6 = value
            case .attachments: slots.7 = value
            case .dataset: slots.8 = value
            case .storage: slots.9 = value
            case .classifications: slots.10 = value
            }
        }
    }

    /// Unknown keys of the item that look like a misspelling of `field` (for "missing" messages).
    static func nearMisses(of field: ManifestField, in item: JSONTree.Index, tree: JSONTree) -> [String] {
        var found: [String] = []
        for child in tree.children(of: item) where ManifestField(member: child, in: tree) == nil {
            if let key = tree.key(of: child), ManifestField.suggestion(for: key) == field { found.append(key) }
        }
        return found
    }
}

/// What the M rules share about the item they are checking: its members, and where the extension
/// of its `data` URL is. The engine hands each item to every rule in turn; the first rule to ask
/// scans the item's keys and the others reuse the result. One per `LintContext`, so per file and
/// per part or rule group of a split file, each used by one thread.
final class ItemMembersCache {
    /// `assets.type`: a Markdown `data` has no path.
    private let assetType: Configuration.AssetType
    // Asked by every rule for every item: no dynamic exclusivity checks (one cache per context).
    @exclusivity(unchecked) private var itemIndex = -1
    @exclusivity(unchecked) private var itemStart = -1
    @exclusivity(unchecked) private var item: JSONTree.Index = JSONNode.none
    @exclusivity(unchecked) private var members = ItemMembers()
    @exclusivity(unchecked) private var dataPathDone = false
    @exclusivity(unchecked) private var dataPath: AssetPath?

    init(assetType: Configuration.AssetType) { self.assetType = assetType }

    /// The members of `item`, item number `index` of the file, in `tree`.
    @inline(__always)
    func members(of item: JSONTree.Index, at index: Int, in tree: JSONTree) -> ItemMembers {
        let start = tree[item].start
        if itemIndex == index, itemStart == start, self.item == item { return members }
        return scan(item, at: index, start: start, in: tree)
    }

    @inline(never)
    private func scan(_ item: JSONTree.Index, at index: Int, start: Int, in tree: JSONTree) -> ItemMembers {
        members = ItemMembers(scanning: item, in: tree)
        itemIndex = index
        itemStart = start
        self.item = item
        dataPathDone = false
        dataPath = nil
        return members
    }

    /// The members of `item`, and the path of its `data` URL when `data` is a hierarchical URL string
    /// (not a Markdown asset's content).
    func dataPath(of item: JSONTree.Index, at index: Int, in tree: JSONTree) -> (
        members: ItemMembers, data: JSONTree.Index?, path: AssetPath?
    ) {
        let members = self.members(of: item, at: index, in: tree)
        guard let data = members[.data] else { return (members, nil, nil) }
        if !dataPathDone {
            dataPath = AssetData.isMarkdown(data, in: tree, type: assetType) ? nil : AssetPath.of(data, in: tree)
            dataPathDone = true
        }
        return (members, data, dataPath)
    }
}
