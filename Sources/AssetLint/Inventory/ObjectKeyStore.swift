#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The object keys of one bucket, each once, as records one after another in one arena (the
/// key's length in two bytes, its bytes, padding to a multiple of four), and a hash index of
/// where each record starts. A key's id is that start divided by four, so an id in 32 bits
/// reaches 16 GiB of keys, and ids grow in the order keys were added.
///
/// A lookup reads one hash slot and the record it names: the length is next to the bytes, so a
/// key never read before costs two cache misses, not three. A million keys of 40 bytes take
/// about 44 MB of arena and 16 MB of index, against several times that for a `Set<String>` (a
/// heap object and its header per key), and lookups hash bytes without making a string.
struct ObjectKeyStore: Sendable {
    /// The records, in the order the keys were first added.
    private(set) var arena: [UInt8] = []
    private(set) var count = 0
    private var index = HashSlots()

    /// Longer keys are refused (S3 and GCS allow 1,024 bytes, Azure 1,024 characters).
    static let maximumKeyLength = 0xFFFF
    /// The arena cannot grow past what 32-bit ids reach.
    static let maximumArena = Int(UInt32.max) << 2

    init() {}

    /// Bytes held, for the figures.
    var memory: Int { arena.capacity + index.memory }

    /// The id after the last record: `forEach` and `next(after:)` stop there.
    var endID: Int { arena.count >> 2 }

    @inline(__always)
    private static func record(_ arena: UnsafeBufferPointer<UInt8>, _ id: Int) -> UnsafeBufferPointer<UInt8> {
        let start = id << 2
        let length = Int(arena[start]) | Int(arena[start + 1]) << 8
        return UnsafeBufferPointer(rebasing: arena[(start + 2)..<(start + 2 + length)])
    }

    /// Calls `body` with the bytes of key `id`.
    @inline(__always)
    func withKey<T>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try arena.withUnsafeBufferPointer { try body(Self.record($0, id)) }
    }

    /// Key `id`'s bytes.
    func key(_ id: Int) -> [UInt8] { withKey(id) { Array($0) } }

    /// The id of the key added after key `id` (`endID` after the last).
    @inline(__always)
    func next(after id: Int) -> Int {
        let start = id << 2
        let length = Int(arena[start]) | Int(arena[start + 1]) << 8
        return (start + 2 + length + 3) >> 2
    }

    /// Calls `body` with every key's id, in the order the keys were added.
    func forEachID(_ body: (Int) -> Void) {
        var id = 0
        let end = endID
        while id < end {
            body(id)
            id = next(after: id)
        }
    }

    /// Adds `key` unless it is there; returns its id and whether it was added, or nil when the key
    /// is longer than `maximumKeyLength` or the arena is full.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int, added: Bool)? {
        let hash = StreamHash.of(key)
        if let found = find(key, hash: hash) { return (found, false) }
        let start = arena.count
        let end = (start + 2 + key.count + 3) & ~3
        guard key.count <= Self.maximumKeyLength, end <= Self.maximumArena else { return nil }
        arena.append(UInt8(truncatingIfNeeded: key.count))
        arena.append(UInt8(truncatingIfNeeded: key.count >> 8))
        arena.append(contentsOf: key)
        while arena.count < end { arena.append(0) }
        count += 1
        let id = start >> 2
        index.insert(hash: hash, value: UInt32(truncatingIfNeeded: id))
        return (id, true)
    }

    @discardableResult
    mutating func insert(_ key: [UInt8]) -> (id: Int, added: Bool)? {
        key.withUnsafeBufferPointer { insert($0) }
    }

    /// The id of `key`, or nil when it is not listed.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? { find(key, hash: StreamHash.of(key)) }

    func find(_ key: [UInt8]) -> Int? { key.withUnsafeBufferPointer { find($0) } }

    func contains(_ key: [UInt8]) -> Bool { find(key) != nil }

    /// `find`, trying key `hint` first: lookups in listing order (a manifest written from a
    /// listing) then read the arena in order and never touch the hash table, whose slots are
    /// scattered over megabytes and cost a cache miss each.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>, hint: Int) -> Int? {
        if hint < endID, withKey(hint, { ListingBytes.equal($0, key) }) { return hint }
        return find(key)
    }

    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        arena.withUnsafeBufferPointer { arena in
            index.first(hash: hash) { value in ListingBytes.equal(Self.record(arena, Int(value)), key) }.map(Int.init)
        }
    }

    /// Gives back the spare capacity the arena grew with.
    mutating func shrink() {
        arena = arena.withUnsafeBufferPointer { Array($0) }
    }
}
