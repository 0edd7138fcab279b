/// How many times each fingerprint has occurred so far, for SARIF's occurrence counters
/// (`…:1`, `…:2` for equal findings).
///
/// A fingerprint covers the path, so equal fingerprints only occur within the findings of one
/// path: the counter is made for one path, sized for its findings up front (no rehashing on the
/// way), and dropped when they are written. It keys by the digest's first 128 bits in one flat
/// open-addressing table of 16 bytes a slot at most 80% full: 20 MB for a million findings, where
/// a `Dictionary` of the same keys and counts took 50 MB, and 75 MB while it grew. The counts
/// of the fingerprints seen more than once, which are few, are kept aside.
struct FingerprintOccurrences {
    /// All-zero marks an empty slot; the all-zero key itself is counted in `zeroKeyCount`.
    private var slots: [SIMD4<UInt32>]
    private var repeats: [SIMD4<UInt32>: Int] = [:]
    private var zeroKeyCount = 0
    private var stored = 0

    /// A counter for about `expected` findings (more are taken: the table then grows).
    init(expected: Int) {
        slots = [SIMD4<UInt32>](repeating: .zero, count: Self.slotCount(for: expected))
    }

    private static func slotCount(for keys: Int) -> Int {
        max(16, keys + keys / 4 + 1)
    }

    /// Counts one more occurrence of `key` and returns how many there have been, this one included.
    mutating func record(_ key: SIMD4<UInt32>) -> Int {
        if key == .zero {
            zeroKeyCount += 1
            return zeroKeyCount
        }
        let found = slots.withUnsafeBufferPointer { Self.probe(for: key, in: $0) }
        if slots[found] == key {
            let count = (repeats[key] ?? 1) + 1
            repeats[key] = count
            return count
        }
        if (stored + 1) * 5 > slots.count * 4 {
            grow()
            slots[slots.withUnsafeBufferPointer { Self.probe(for: key, in: $0) }] = key
        } else {
            slots[found] = key
        }
        stored += 1
        return 1
    }

    /// The slot holding `key`, or the empty slot where it belongs (linear probing from a start
    /// taken from the key's bits, which are a digest's and so evenly spread).
    private static func probe(for key: SIMD4<UInt32>, in slots: UnsafeBufferPointer<SIMD4<UInt32>>) -> Int {
        let bits = UInt64(key[0]) | UInt64(key[1]) << 32
        var index = Int(bits.multipliedFullWidth(by: UInt64(slots.count)).high)
        while true {
            let slot = slots[index]
            if slot == key || slot == .zero { return index }
            index += 1
            if index == slots.count { index = 0 }
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [SIMD4<UInt32>](repeating: .zero, count: Self.slotCount(for: old.count * 2))
        slots.withUnsafeMutableBufferPointer { table in
            for key in old where key != .zero {
                table[Self.probe(for: key, in: UnsafeBufferPointer(table))] = key
            }
        }
    }

    /// Bytes held, for the tests' bound.
    var residentBytes: Int { slots.capacity * MemoryLayout<SIMD4<UInt32>>.stride + repeats.capacity * 24 }
}
