/// The I family: asset URLs checked against the bucket listings given with `--inventory`.
enum InventoryRules {
    static let all: [any Rule.Type] = [ObjectNotListed.self, BucketNotListed.self]
}

/// What the I rules share about one manifest: per item, the URLs into a listed bucket whose key
/// the listing does not have; over the file, the buckets no listing covers (the first URL into
/// each). Each asset URL is read through the U rules' `AssetURLAnalysis`: a URL its fast scan
/// finds clean gives its bucket and key straight from the bytes, any other its `AssetURL`'s
/// storage location.
///
/// The I rules share a gate (`itemState`): an item whose URLs are all listed, or point into
/// buckets already noted, is quiet for both. `BareItemShortcut` asks `isQuiet` about a bare
/// item's `data` URL and takes the item only when the object is listed, so the existence check
/// runs on every item either way.
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
    let urls: AssetURLAnalysis
    /// The item analysed last, and whether it has a miss.
    let itemState = UnsafeMutablePointer<ItemState>.allocate(capacity: 1)
    @exclusivity(unchecked) private(set) var misses: [Miss] = []
    /// Buckets that no listing covers, in file order, each with its first URL.
    private(set) var unlisted: [UnlistedBucket] = []
    private var unlistedNames: Set<BucketName> = []
    /// The buckets of recent clean URLs, so that a URL into one of them costs no string and no
    /// dictionary lookup (a manifest uses a bucket or two).
    @exclusivity(unchecked) private var recent: [RecentBucket] = []
    @exclusivity(unchecked) private var nextReplaced = 0
    /// The decoded key of a clean URL.
    private let key = DecodedKey()
    static let recentLimit = 8

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
        urls = AssetURLAnalysis.of(context)
        itemState.initialize(to: ItemState())
    }

    deinit { itemState.deallocate() }

    static func of(_ context: LintContext) -> InventoryAnalysis {
        context.shared(InventoryAnalysis.self) { InventoryAnalysis(context: context) }
    }

    func absorb(_ later: AnyObject) {
        guard let later = later as? InventoryAnalysis else { return }
        for entry in later.unlisted where unlistedNames.insert(entry.bucket).inserted { unlisted.append(entry) }
    }

    /// Looks up every asset URL of item `index` (once, whichever I rule asks first).
    func analyze(item: JSONTree.Index, at index: Int, in tree: JSONTree) {
        guard itemState.pointee.index != index else { return }
        itemState.pointee.index = index
        if !misses.isEmpty { misses.removeAll(keepingCapacity: true) }
        if urls.itemIndex != index { urls.analyze(item: item, at: index, in: tree) }
        for entry in urls.entries {
            if entry.detail >= 0 {
                guard let location = urls.details[Int(entry.detail)].location else { continue }
                let bucket = BucketName(location)
                guard let listed = listing(of: bucket, node: entry.node, in: tree) else { continue }
                let key = location.keyBytes
                if !listed.contains(key) { misses.append(Miss(node: entry.node, listed: listed, key: key)) }
                continue
            }
            let raw = tree.rawStringContent(entry.node)
            guard let (provider, bucketBytes, keyStart) = urls.cleanObject(raw) else { continue }
            let slot = recentSlot(provider, bucketBytes)
            guard let listed = recent[slot].listed else {
                noteUnlisted(recent[slot].bucket, node: entry.node, in: tree)
                continue
            }
            if !isListed(UnsafeBufferPointer(rebasing: raw[keyStart...]), in: listed, slot: slot) {
                misses.append(Miss(node: entry.node, listed: listed, key: key.bytes))
            }
        }
        itemState.pointee.needsAttention = !misses.isEmpty
    }

    /// For `BareItemShortcut`: whether the I rules have nothing to say about a bare item whose
    /// `data` URL is `raw`: the fast scan finds it clean (`provider` is its answer when the caller
    /// has just scanned it, nil to scan it here) and its key is listed, or its bucket has no
    /// listing and has been noted already. Records nothing.
    @inline(__always)
    func isQuiet(_ raw: UnsafeBufferPointer<UInt8>, scanned provider: StorageProvider?) -> Bool {
        guard let provider = provider ?? urls.fastScan(raw) else { return false }
        let (bucketBytes, keyStart) = urls.lastCleanObject
        let slot = recentSlot(provider, bucketBytes)
        guard let listed = recent[slot].listed else { return recent[slot].noted }
        return isListed(UnsafeBufferPointer(rebasing: raw[keyStart...]), in: listed, slot: slot)
    }

    /// Whether the key of a clean URL, `encoded` as its path writes it (a clean URL has no `+`),
    /// is listed; leaves it decoded in `key`.
    @inline(__always)
    private func isListed(_ encoded: UnsafeBufferPointer<UInt8>, in listed: ListedBucket, slot: Int) -> Bool {
        key.decode(encoded)
        guard let number = listed.keys.find(key.buffer, hint: recent[slot].hint) else { return false }
        recent[slot].hint = listed.keys.next(after: number)
        return true
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

    private func listing(of bucket: BucketName, node: JSONTree.Index, in tree: JSONTree) -> ListedBucket? {
        if let listed = inventory.listing(of: bucket) { return listed }
        noteUnlisted(bucket, node: node, in: tree)
        return nil
    }

    private func noteUnlisted(_ bucket: BucketName, node: JSONTree.Index, in tree: JSONTree) {
        guard unlistedNames.insert(bucket).inserted else { return }
        for position in recent.indices where recent[position].bucket == bucket { recent[position].noted = true }
        unlisted.append(UnlistedBucket(bucket: bucket, range: tree[node].range, pointer: tree.pointer(node)))
    }
}

/// The shape of the I rules: while listings are loaded, the items their shared analysis finds a
/// miss in (`InventoryAnalysis.itemState`); none otherwise.
protocol InventoryRule: Rule {}

extension InventoryRule {
    public func itemInterest(context: LintContext) -> ItemInterest {
        context.inventory.isEmpty ? .none : .gated(InventoryAnalysis.of(context).itemState)
    }

    func analysis(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) -> InventoryAnalysis {
        let analysis = InventoryAnalysis.of(context)
        analysis.analyze(item: item, at: index, in: tree)
        return analysis
    }
}
