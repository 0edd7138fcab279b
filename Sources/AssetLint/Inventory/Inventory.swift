import Synchronization

/// A bucket as listings and asset URLs name it: the provider and the bucket (for Azure
/// `ACCOUNT/CONTAINER`, as `StorageLocation.bucket` has it).
public struct BucketName: Hashable, Sendable, CustomStringConvertible {
    public var provider: StorageProvider
    public var name: String

    public init(provider: StorageProvider, name: String) {
        self.provider = provider
        self.name = name
    }

    /// The bucket of an asset URL's location.
    public init(_ location: StorageLocation) {
        self.init(provider: location.provider, name: location.bucket)
    }

    /// How the provider's own tools write it.
    public var description: String {
        switch provider {
        case .gcs: return "gs://\(name)"
        case .s3: return "s3://\(name)"
        case .azure:
            let parts = name.split(separator: "/", maxSplits: 1)
            return parts.count == 2 ? "https://\(parts[0]).blob.core.windows.net/\(parts[1])" : "azure:\(name)"
        }
    }
}

/// The listed keys of one bucket, from one or more listings, and their near-miss indexes, built
/// when a key of the bucket is first missed (a manifest whose objects are all listed never pays
/// for them).
public final class ListedBucket: Sendable {
    public let bucket: BucketName
    /// The listings it was read from.
    public let listings: [String]
    let keys: ObjectKeyStore
    private let index = Mutex<NearMissIndex?>(nil)
    /// Which keys the linted files' asset URLs name, with `--inventory-unused`; nil otherwise.
    let usage: ObjectUsage?

    init(bucket: BucketName, listings: [String], keys: ObjectKeyStore, tracksUsage: Bool = false) {
        self.bucket = bucket
        self.listings = listings
        self.keys = keys
        usage = tracksUsage ? ObjectUsage(ids: keys.endID) : nil
    }

    public var count: Int { keys.count }

    /// Whether an object with exactly these key bytes is listed.
    public func contains(_ key: [UInt8]) -> Bool { keys.find(key) != nil }

    /// Whether an object with exactly these key bytes is listed.
    @inline(__always)
    func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool { keys.find(key) != nil }

    /// The listed keys that `key` (not listed) misses by a hair; empty when none. The first call
    /// builds the near-miss indexes; calls from other threads wait for them.
    public func nearMisses(of key: [UInt8]) -> [NearMiss] {
        guard !contains(key) else { return [] }
        // Built under the lock, read outside it (it does not change once built).
        let built = index.withLock { index in
            if index == nil { index = NearMissIndex(keys) }
            return index!
        }
        return built.nearMisses(of: key, in: keys)
    }

    /// Whether the near-miss indexes have been built.
    var hasNearMissIndex: Bool { index.withLock { $0 != nil } }

    /// Every listed key, in listing order.
    public func forEachKey(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        keys.forEachID { keys.withKey($0, body) }
    }

    /// Bytes held by the keys and the indexes (once built), for the figures.
    public var memory: Int { keys.memory + index.withLock { $0?.memory ?? 0 } }
}

/// Everything the listings given with `--inventory` and `inventory:` say exists.
public struct Inventory: Sendable {
    public private(set) var buckets: [BucketName: ListedBucket]

    public init(buckets: [ListedBucket] = []) {
        self.buckets = Dictionary(buckets.map { ($0.bucket, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static let empty = Inventory()

    public var isEmpty: Bool { buckets.isEmpty }

    /// Whether the lint records which listed objects the asset URLs name (`--inventory-unused`).
    public var tracksUsage: Bool { buckets.values.contains { $0.usage != nil } }

    /// The same listings, recording which objects the linted files' asset URLs name, so that
    /// `InventoryUsage` can report the listed images no URL names.
    public func trackingUsage() -> Inventory {
        Inventory(buckets: buckets.values.map { ListedBucket(bucket: $0.bucket, listings: $0.listings, keys: $0.keys, tracksUsage: true) })
    }

    /// The listing of `bucket`, or nil when no listing covers it.
    public func listing(of bucket: BucketName) -> ListedBucket? { buckets[bucket] }

    /// Whether a listing covers the bucket of `url`: then the listing, through I501, decides
    /// whether the object's name is NFC or NFD (U207, U203's note and `NFDNameLink` step aside).
    func covers(_ url: AssetURL) -> Bool {
        guard !buckets.isEmpty, let location = url.location else { return false }
        return buckets[BucketName(location)] != nil
    }

    static func build(_ stores: [(BucketName, [String], ObjectKeyStore)]) -> Inventory {
        Inventory(buckets: stores.map { ListedBucket(bucket: $0.0, listings: $0.1, keys: $0.2) })
    }
}

/// A line of a listing that could not be read (a warning: the other lines still count), or a
/// listing that could not be used at all (an error: exit status 2).
public struct ListingProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }

    public var path: String
    /// 1-based; 0 when the problem is the whole listing.
    public var line: Int
    public var severity: Severity
    public var message: String

    public init(path: String, line: Int, severity: Severity, message: String) {
        self.path = path
        self.line = line
        self.severity = severity
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(path):\(line): \(severity.rawValue): \(message)" : "\(path): \(severity.rawValue): \(message)"
    }
}
