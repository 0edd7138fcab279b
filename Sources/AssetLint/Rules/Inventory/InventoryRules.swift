/// The shape of the I rules: item rules that report on the URLs the fast scan does not find clean
/// and on the other URL members (`dataset`, attachments), and whose shared state,
/// `InventoryAnalysis`, asks for every other item whose clean `data` URL names an object the
/// listing lacks, or a bucket no listing covers that has not been noted yet. So the existence
/// check runs on every item: in the rules, or in the recorder on the facts (bare items included).
protocol InventoryRule: ItemFactsObserver {}

extension InventoryRule {
    static var reportsOn: ItemSignals { ItemSignals.dataURLNotClean.union(.otherURLMembers) }

    func recorder(in context: LintContext) -> any FactsRecorder { InventoryAnalysis.of(context) }

    func analysis(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) -> InventoryAnalysis {
        let analysis = InventoryAnalysis.of(context)
        analysis.analyze(item: item, at: index, in: tree, context: context)
        return analysis
    }

    /// Hands the objects the file's URLs named over to their buckets (`--inventory-unused`).
    public func finish(context: LintContext) {
        context.existingFileState(InventoryAnalysis.self)?.flushUsage()
    }
}

/// What the I rules share about one manifest or attachment import: per item, the asset URLs into a listed bucket whose
/// key the listing does not have; over the file, the buckets no listing covers (the first URL into
/// each). A URL the fast scan finds clean gives its bucket and key straight from the bytes, any
/// other its `AssetURL`'s storage location. It reads the URLs itself rather than through the U
/// rules' `AssetURLAnalysis`, whose bucket tracking (U213) must hear each item once.
final class InventoryAnalysis: PartMergeable {
    struct Miss {
        var node: JSONTree.Index
        var listed: ListedBucket
        var key: [UInt8]
    }

    struct UnlistedBucket {
        var bucket: BucketName
        var range: ByteRange
        var pointer: String
    }

    private let inventory: Inventory
    private let bytes: UnsafeBufferPointer<UInt8>
    private let scan: URLFastScan
    /// The misses of the item analysed last.
    private(set) var misses: [Miss] = []
    private var itemIndex = -1
    /// Buckets that no listing covers, in file order, each with its first URL.
    private(set) var unlisted: [UnlistedBucket] = []
    private var unlistedNames: Set<BucketName> = []
    /// The buckets of recent clean URLs, so that a URL into one of them costs no string and no
    /// dictionary lookup (a manifest uses a bucket or two). Read for every item: no dynamic
    /// exclusivity checks (one thread per context).
    @exclusivity(unchecked) private var recent: [RecentBucket] = []
    @exclusivity(unchecked) private var nextReplaced = 0
    /// The decoded key of a clean URL.
    private let key = DecodedKey()
    static let recentLimit = 8
    /// With `--inventory-unused`: the ids of the listed objects the file's URLs named, per bucket,
    /// not yet handed over (`flushUsage`), and the object `mustCheck` found last, which `record`
    /// then counts as named.
    private let tracksUsage: Bool
    private var named: [(listed: ListedBucket, ids: [UInt32])] = []
    private var namedCount = 0
    @exclusivity(unchecked) private var lastFound: (index: Int, listed: ListedBucket, id: Int)?
    static let usageBatch = 4096

    private struct RecentBucket {
        var provider: StorageProvider
        var bytes: [UInt8]
        var bucket: BucketName
        var listed: ListedBucket?
        /// Not listed, and noted (I502) already.
        var noted: Bool
        /// The id of the key after the last one found: manifests are often written from a listing,
        /// in its order, so the next key is usually that one (`ObjectKeyStore.find(_:hint:)`).
        var hint = 0
    }

    init(context: LintContext) {
        inventory = context.inventory
        tracksUsage = context.inventory.tracksUsage
        bytes = context.file.bytes
        scan = URLFastScan(configuration: context.configuration, scalars: context.scalars)
    }

    static func of(_ context: LintContext) -> InventoryAnalysis {
        context.fileState(InventoryAnalysis.self) { InventoryAnalysis(context: context) }
    }

    func absorb(_ later: AnyObject) {
        guard let later = later as? InventoryAnalysis else { return }
        for entry in later.unlisted where unlistedNames.insert(entry.bucket).inserted { unlisted.append(entry) }
        later.flushUsage()
    }

    /// Notes that the linted file names listed object `id` (with `--inventory-unused`).
    @inline(__always)
    private func noteNamed(_ listed: ListedBucket, id: Int) {
        guard tracksUsage else { return }
        if let position = named.firstIndex(where: { $0.listed === listed }) {
            named[position].ids.append(UInt32(truncatingIfNeeded: id))
        } else {
            named.append((listed, [UInt32(truncatingIfNeeded: id)]))
        }
        namedCount += 1
        if namedCount >= Self.usageBatch { flushUsage() }
    }

    /// Hands the ids noted so far to their buckets' `ObjectUsage`.
    func flushUsage() {
        for (listed, ids) in named where !ids.isEmpty { listed.usage?.mark(ids) }
        named.removeAll(keepingCapacity: true)
        namedCount = 0
    }

    /// Looks up every asset URL of item `index` (once, whichever I rule asks first).
    func analyze(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard itemIndex != index else { return }
        itemIndex = index
        misses.removeAll(keepingCapacity: true)
        for node in Self.urlNodes(of: item, at: index, in: tree, context: context) {
            let value = tree[node]
            if value.flags.isDisjoint(with: [.escaped, .nonASCII, .damaged]) {
                let raw = tree.rawStringContent(node)
                if let clean = scan.scan(raw) {
                    let slot = recentSlot(clean.provider, clean.bucket)
                    guard let listed = recent[slot].listed else {
                        noteUnlisted(recent[slot].bucket, node: node, in: tree)
                        continue
                    }
                    if let id = listedID(UnsafeBufferPointer(rebasing: raw[clean.keyStart...]), in: listed, slot: slot) {
                        noteNamed(listed, id: id)
                    } else {
                        misses.append(Miss(node: node, listed: listed, key: key.bytes))
                    }
                    continue
                }
            }
            let url = AssetURL(node: node, text: ManifestText.decodedBytes(node, in: tree))
            guard let location = url.location else { continue }
            let bucket = BucketName(location)
            guard let listed = inventory.listing(of: bucket) else {
                noteUnlisted(bucket, node: node, in: tree)
                continue
            }
            let key = location.keyBytes
            if let id = listed.keys.find(key) {
                noteNamed(listed, id: id)
            } else {
                misses.append(Miss(node: node, listed: listed, key: key))
            }
        }
    }

    /// The asset URLs of an item: a manifest's `data` (unless Markdown content), `dataset` entries
    /// and IMAGE and VIDEO attachments; an attachment import's IMAGE and VIDEO attachments.
    static func urlNodes(of item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) -> [JSONTree.Index] {
        guard context.kind == .attachments else { return AssetURLAnalysis.urlNodes(of: item, at: index, in: tree, context: context) }
        guard tree[item].kind == .object else { return [] }
        var nodes: [JSONTree.Index] = []
        EmbeddedURLCheck.urls(of: item, kind: .attachments, in: tree, into: &nodes)
        return nodes
    }

    /// The id of the key of a clean URL, `encoded` as its path writes it (a clean URL has no `+`),
    /// when it is listed; leaves the key decoded in `key`.
    @inline(__always)
    private func listedID(_ encoded: UnsafeBufferPointer<UInt8>, in listed: ListedBucket, slot: Int) -> Int? {
        key.decode(encoded)
        guard let id = listed.keys.find(key.buffer, hint: recent[slot].hint) else { return nil }
        recent[slot].hint = listed.keys.next(after: id)
        return id
    }

    /// The position in `recent` of the bucket of a clean URL, resolved on first sight.
    @inline(__always)
    private func recentSlot(_ provider: StorageProvider, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        for position in recent.indices where recent[position].provider == provider && ListingBytes.equal(bytes, recent[position].bytes) {
            return position
        }
        return resolve(provider, bytes)
    }

    @inline(never)
    private func resolve(_ provider: StorageProvider, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let bucket = BucketName(provider: provider, name: String(decoding: bytes, as: UTF8.self))
        let listed = inventory.listing(of: bucket)
        let entry = RecentBucket(
            provider: provider, bytes: Array(bytes), bucket: bucket, listed: listed,
            noted: listed == nil && unlistedNames.contains(bucket))
        if recent.count < Self.recentLimit {
            recent.append(entry)
            return recent.count - 1
        }
        let position = nextReplaced
        nextReplaced = (nextReplaced + 1) % Self.recentLimit
        recent[position] = entry
        return position
    }

    private func noteUnlisted(_ bucket: BucketName, node: JSONTree.Index, in tree: JSONTree) {
        guard unlistedNames.insert(bucket).inserted else { return }
        for position in recent.indices where recent[position].bucket == bucket { recent[position].noted = true }
        unlisted.append(UnlistedBucket(bucket: bucket, range: tree[node].range, pointer: tree.pointer(node)))
    }
}

/// For an item the I rules are not called on, `data` is a clean URL (or absent): the recorder looks
/// its object up from the facts, and asks for the item when the object is not listed or its
/// bucket, without a listing, has not been noted; with `--inventory-unused`, `record` counts the
/// object it found as named.
extension InventoryAnalysis: FactsRecorder {
    var observes: ItemFacts.Parts { .cleanDataURL }

    func mustCheck(_ facts: ItemFacts) -> Bool {
        lastFound = nil
        guard let url = facts.cleanDataURL else { return false }
        let slot = recentSlot(url.provider, url.bucket)
        guard let listed = recent[slot].listed else { return !recent[slot].noted }
        let encoded = UnsafeBufferPointer(rebasing: bytes[url.encodedKey.offset..<(url.encodedKey.offset + url.encodedKey.length)])
        guard let id = listedID(encoded, in: listed, slot: slot) else { return true }
        if tracksUsage { lastFound = (facts.index, listed, id) }
        return false
    }

    /// With `--inventory-unused`, the object `mustCheck` found for this item counts as named.
    func record(_ facts: ItemFacts) {
        guard let found = lastFound, found.index == facts.index else { return }
        noteNamed(found.listed, id: found.id)
    }
}
