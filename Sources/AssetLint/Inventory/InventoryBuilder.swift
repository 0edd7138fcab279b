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

    /// Adds the key read on line `line` to `bucket`.
    mutating func add(key: UnsafeBufferPointer<UInt8>, to bucket: BucketName, line: Int) {
        if bucket != currentBucket { switchTo(bucket) }
        insert(key, line: line)
    }

    mutating func add(key: [UInt8], to bucket: BucketName, line: Int) {
        key.withUnsafeBufferPointer { add(key: $0, to: bucket, line: line) }
    }

    /// `add` for a bucket named by bytes of a line: the name becomes a string only when it
    /// changes from the line before.
    mutating func add(key: UnsafeBufferPointer<UInt8>, provider: StorageProvider, bucketName: UnsafeBufferPointer<UInt8>, line: Int) {
        if provider != currentProvider || !ListingBytes.equal(bucketName, currentNameBytes) {
            switchTo(BucketName(provider: provider, name: String(decoding: bucketName, as: UTF8.self)))
        }
        insert(key, line: line)
    }

    @inline(__always)
    private mutating func insert(_ key: UnsafeBufferPointer<UInt8>, line: Int) {
        guard current.insert(key) != nil else {
            warn(line: line, key.count > ObjectKeyStore.maximumKeyLength
                ? "a name of \(key.count) bytes, longer than any object key can be: not listed"
                : "more keys than one bucket's listing can hold (16 GiB): not listed")
            return
        }
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

    /// Puts the bucket being filled back with the others.
    private mutating func flush() {
        if let previous = currentBucket { stores[previous] = current }
        currentBucket = nil
        currentProvider = nil
        current = ObjectKeyStore()
    }

    /// Takes in what `later` read from listings given after this one's, as if it had been read
    /// here: its keys after the keys already held (each once), its listings and problems after
    /// these.
    mutating func merge(_ later: InventoryBuilder) {
        flush()
        var later = later
        later.flush()
        for (bucket, keys) in later.stores {
            guard var existing = stores.removeValue(forKey: bucket) else {
                stores[bucket] = keys
                continue
            }
            keys.forEachID { id in keys.withKey(id) { _ = existing.insert($0) } }
            stores[bucket] = existing
        }
        for (bucket, paths) in later.listingsOfBucket {
            for path in paths where listingsOfBucket[bucket]?.last != path { listingsOfBucket[bucket, default: []].append(path) }
        }
        problems += later.problems
        objectsRead += later.objectsRead
    }

    /// The inventory of every bucket read.
    mutating func build() -> Inventory {
        flush()
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
