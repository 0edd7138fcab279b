#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The object keys of one bucket, each once: their bytes one after another in one arena, where
/// each key ends, and a hash index of key numbers. A million keys of 40 bytes take about 40 MB of
/// arena, 8 MB of ends and 16 MB of index, against several times that for a `Set<String>` (a
/// heap object and its header per key), and lookups hash bytes without making a string.
struct ObjectKeyStore: Sendable {
    /// Every key's bytes, in the order they were first added.
    private(set) var arena: [UInt8] = []
    /// Where key `n` ends in `arena`; it starts where key `n - 1` ends.
    private(set) var ends: [Int] = []
    private var index = HashSlots()

    init() {}

    var count: Int { ends.count }

    /// Bytes held, for the figures.
    var memory: Int { arena.capacity + ends.capacity * 8 + index.memory }

    /// The range of key `number` in `arena`.
    @inline(__always)
    func range(of number: Int) -> Range<Int> {
        (number == 0 ? 0 : ends[number - 1])..<ends[number]
    }

    /// Key `number`'s bytes.
    func key(_ number: Int) -> [UInt8] { Array(arena[range(of: number)]) }

    /// Calls `body` with key `number`'s bytes.
    @inline(__always)
    func withKey<T>(_ number: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let range = range(of: number)
        return try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Adds `key` unless it is there; returns its number and whether it was added.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (number: Int, added: Bool) {
        let hash = StreamHash.of(key)
        if let found = find(key, hash: hash) { return (found, false) }
        arena.append(contentsOf: key)
        ends.append(arena.count)
        let number = ends.count - 1
        index.insert(hash: hash, value: UInt32(truncatingIfNeeded: number))
        return (number, true)
    }

    mutating func insert(_ key: [UInt8]) -> (number: Int, added: Bool) {
        key.withUnsafeBufferPointer { insert($0) }
    }

    /// The number of `key`, or nil when it is not listed.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? { find(key, hash: StreamHash.of(key)) }

    func find(_ key: [UInt8]) -> Int? { key.withUnsafeBufferPointer { find($0) } }

    /// `find`, trying key number `hint` first: lookups in listing order (a manifest written from a
    /// listing) then read the arena in order and never touch the hash table, whose slots are
    /// scattered over megabytes and cost a cache miss each.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>, hint: Int) -> Int? {
        if hint < ends.count, withKey(hint, { Self.equal($0, key) }) { return hint }
        return find(key)
    }

    func contains(_ key: [UInt8]) -> Bool { find(key) != nil }

    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        arena.withUnsafeBufferPointer { arena in
            ends.withUnsafeBufferPointer { ends in
                index.first(hash: hash) { value in
                    let number = Int(value)
                    let start = number == 0 ? 0 : ends[number - 1]
                    guard ends[number] - start == key.count else { return false }
                    return key.count == 0 || memcmp(arena.baseAddress! + start, key.baseAddress!, key.count) == 0
                }.map(Int.init)
            }
        }
    }

    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    /// Gives back the spare capacity the arrays grew with.
    mutating func shrink() {
        arena = arena.withUnsafeBufferPointer { Array($0) }
        ends = ends.withUnsafeBufferPointer { Array($0) }
    }
}
