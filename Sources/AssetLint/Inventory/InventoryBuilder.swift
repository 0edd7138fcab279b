/// Collects what the listings say, listing after listing: each bucket's keys and the problems
/// found, at most `problemLimit` reported per listing and the rest counted.
struct InventoryBuilder {
    private var stores: [BucketName: ObjectKeyStore] = [:]
    private var listingsOfBucket: [BucketName: [String]] = [:]
    private(set) var problems: [ListingProblem] = []
    /// Objects read, duplicates included.
    private(set) var objectsRead = 0

    /// The listing being read.
    private(set) var path = ""
    private var warningsInListing = 0
    private var objectsInListing = 0
    static let problemLimit = 20

    /// The bucket being filled, held out of `stores` so that adding a key copies nothing.
    private var currentBucket: BucketName?
    private var current = ObjectKeyStore()
    /// The provider and name bytes of `currentBucket`, compared with each line's.
    private var currentProvider: StorageProvider?
    private var currentNameBytes: [UInt8] = []

    mutating func begin(listing path: String) {
        // The next key switches to its bucket, which records this listing as one of its sources.
        if let previous = currentBucket { stores[previous] = current }
        currentBucket = nil
        currentProvider = nil
        current = ObjectKeyStore()
        self.path = path
        warningsInListing = 0
        objectsInListing = 0
    }

    /// Ends the listing; returns how many objects it listed.
    @discardableResult
    mutating func end() -> Int {
        if warningsInListing > Self.problemLimit {
            let more = warningsInListing - Self.problemLimit
            problems.append(ListingProblem(
                path: path, line: 0, severity: .warning,
                message: "… and \(more) more unreadable line\(more == 1 ? "" : "s") in this listing"))
        }
        return objectsInListing
    }

    mutating func add(key: UnsafeBufferPointer<UInt8>, to bucket: BucketName) {
        if bucket != currentBucket { switchTo(bucket) }
        current.insert(key)
        objectsRead += 1
        objectsInListing += 1
    }

    mutating func add(key: [UInt8], to bucket: BucketName) {
        key.withUnsafeBufferPointer { add(key: $0, to: bucket) }
    }

    /// `add` for a bucket named by bytes of a line: the name becomes a string only when it
    /// changes from the line before.
    mutating func add(key: UnsafeBufferPointer<UInt8>, provider: StorageProvider, bucketName: UnsafeBufferPointer<UInt8>) {
        if provider != currentProvider || !bucketName.elementsEqual(currentNameBytes) {
            switchTo(BucketName(provider: provider, name: String(decoding: bucketName, as: UTF8.self)))
        }
        current.insert(key)
        objectsRead += 1
        objectsInListing += 1
    }

    private mutating func switchTo(_ bucket: BucketName) {
        if let previous = currentBucket { stores[previous] = current }
        current = stores.removeValue(forKey: bucket) ?? ObjectKeyStore()
        currentBucket = bucket
        currentProvider = bucket.provider
        currentNameBytes = Array(bucket.name.utf8)
        if listingsOfBucket[bucket]?.last != path { listingsOfBucket[bucket, default: []].append(path) }
    }

    /// A line that could not be read; the listing goes on.
    mutating func warn(line: Int, _ message: String) {
        warningsInListing += 1
        guard warningsInListing <= Self.problemLimit else { return }
        problems.append(ListingProblem(path: path, line: line, severity: .warning, message: message))
    }

    /// The listing cannot be used (unreadable, unknown format, no bucket).
    mutating func fail(line: Int = 0, _ message: String) {
        problems.append(ListingProblem(path: path, line: line, severity: .error, message: message))
    }

    /// The inventory of every bucket read, with its near-miss indexes built.
    mutating func build() -> Inventory {
        if let previous = currentBucket { stores[previous] = current }
        currentBucket = nil
        current = ObjectKeyStore()
        var entries: [(BucketName, [String], ObjectKeyStore)] = []
        for (bucket, var keys) in stores {
            keys.shrink()
            entries.append((bucket, listingsOfBucket[bucket] ?? [], keys))
        }
        stores.removeAll()
        entries.sort { $0.0.description < $1.0.description }
        return Inventory.build(entries)
    }
}
