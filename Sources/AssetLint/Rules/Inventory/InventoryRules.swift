/// The I family: asset URLs checked against the bucket listings given with `--inventory`.
enum InventoryRules {
    static let all: [any Rule.Type] = [ObjectNotListed.self, BucketNotListed.self]
}

/// What the I rules share about one manifest: per item, the URLs into a listed bucket whose key
/// the listing does not have; over the file, the buckets no listing covers (the first URL into
/// each). Each asset URL is read through the U rules' `AssetURLAnalysis`: a URL its fast scan
/// finds clean gives its bucket and key straight from the bytes, any other its `AssetURL`'s
/// storage location.
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
    private let urls: AssetURLAnalysis
    @exclusivity(unchecked) private(set) var misses: [Miss] = []
    @exclusivity(unchecked) private var analyzedIndex = -1
    /// Buckets that no listing covers, in file order, each with its first URL.
    private(set) var unlisted: [UnlistedBucket] = []
    private var unlistedNames: Set<BucketName> = []
    /// The bucket of the last clean URL, so that a run of URLs into one bucket is resolved once.
    @exclusivity(unchecked) private var lastProvider: StorageProvider?
    @exclusivity(unchecked) private var lastBucketBytes: [UInt8] = []
    @exclusivity(unchecked) private var lastBucket: BucketName?
    @exclusivity(unchecked) private var lastListed: ListedBucket?
    @exclusivity(unchecked) private var key: [UInt8] = []

    init(context: LintContext) {
        inventory = context.inventory
        urls = AssetURLAnalysis.of(context)
    }

    static func of(_ context: LintContext) -> InventoryAnalysis {
        context.shared(InventoryAnalysis.self) { InventoryAnalysis(context: context) }
    }

    func absorb(_ later: AnyObject) {
        guard let later = later as? InventoryAnalysis else { return }
        for entry in later.unlisted where unlistedNames.insert(entry.bucket).inserted { unlisted.append(entry) }
    }

    /// Looks up every asset URL of item `index` (once, whichever I rule asks first).
    func analyze(item: JSONTree.Index, at index: Int, in tree: JSONTree) {
        guard analyzedIndex != index else { return }
        analyzedIndex = index
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
            if provider != lastProvider || !bucketBytes.elementsEqual(lastBucketBytes) {
                lastProvider = provider
                lastBucketBytes = Array(bucketBytes)
                let bucket = BucketName(provider: provider, name: String(decoding: bucketBytes, as: UTF8.self))
                lastBucket = bucket
                lastListed = inventory.listing(of: bucket)
            }
            guard let listed = lastListed else {
                if let bucket = lastBucket { noteUnlisted(bucket, node: entry.node, in: tree) }
                continue
            }
            PercentDecoding.decode(UnsafeBufferPointer(rebasing: raw[keyStart...]), into: &key)
            if !listed.contains(key) { misses.append(Miss(node: entry.node, listed: listed, key: key)) }
        }
    }

    private func listing(of bucket: BucketName, node: JSONTree.Index, in tree: JSONTree) -> ListedBucket? {
        if let listed = inventory.listing(of: bucket) { return listed }
        noteUnlisted(bucket, node: node, in: tree)
        return nil
    }

    private func noteUnlisted(_ bucket: BucketName, node: JSONTree.Index, in tree: JSONTree) {
        guard unlistedNames.insert(bucket).inserted else { return }
        unlisted.append(UnlistedBucket(bucket: bucket, range: tree[node].range, pointer: tree.pointer(node)))
    }
}

extension PercentDecoding {
    /// `decode` into a reused buffer.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == URLByte.percent, index + 2 < bytes.count, URLByte.isHexDigit(bytes[index + 1]), URLByte.isHexDigit(bytes[index + 2]) {
                output.append(URLByte.hexValue(bytes[index + 1]) << 4 | URLByte.hexValue(bytes[index + 2]))
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
    }
}

/// The shape of the I rules: every item while listings are loaded (the bare-item shortcut is then
/// off), none otherwise.
protocol InventoryRule: Rule {}

extension InventoryRule {
    public func itemInterest(context: LintContext) -> ItemInterest { context.inventory.isEmpty ? .none : .every }

    func analysis(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) -> InventoryAnalysis {
        let analysis = InventoryAnalysis.of(context)
        analysis.analyze(item: item, at: index, in: tree)
        return analysis
    }
}
