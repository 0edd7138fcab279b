import CICU

/// An open-addressing set of fingerprints with the file offset and item number of the first id that
/// had each, linear probing, power-of-two capacity. A slot is `tag << 32 | (offset + 1)` (0 =
/// empty), the tag being the fingerprint's high 32 bits, which also choose the slot, so the table
/// can grow without the full fingerprints; the item numbers sit in a parallel array. Files of 4 GiB
/// and more use two words per slot. 12 bytes a slot, at most three quarters of them used.
struct CandidateTable {
    private var slots: [UInt64]
    private var items: [UInt32]
    private let wide: Bool
    var isWide: Bool { wide }
    private var count = 0
    private var mask: Int

    init(wide: Bool, capacity: Int = 1024) {
        self.wide = wide
        mask = capacity - 1
        slots = [UInt64](repeating: 0, count: wide ? capacity * 2 : capacity)
        items = [UInt32](repeating: 0, count: capacity)
    }

    private var capacity: Int { mask + 1 }

    /// A starting capacity for a file of `size` bytes: room for an id every 128 bytes (items are
    /// rarely shorter), so a large manifest's table does not rehash itself again and again while
    /// it fills (each rehash moves every entry to a random place in a table larger than the cache).
    static func capacity(forFileSize size: Int) -> Int {
        let expected = max(1024, min(size / 128, 1 << 26))
        var capacity = 1024
        while capacity * 3 < expected * 4 { capacity *= 2 }
        return capacity
    }

    /// Calls `body` with the offset and item of every entry whose tag is `fingerprint`'s.
    func forEachCandidate(_ fingerprint: UInt64, _ body: (_ offset: Int, _ item: Int) -> Void) {
        let tag = fingerprint >> 32
        var slot = Int(truncatingIfNeeded: tag) & mask
        while true {
            let (entryTag, offset) = entry(slot)
            guard let offset else { return }
            if entryTag == tag { body(offset, Int(items[slot])) }
            slot = (slot + 1) & mask
        }
    }

    /// Looks up a batch of ids and enters the new ones, in order; `resolve` decides for an id whose
    /// tag is already in the table. The batch's slots are loaded first, so their cache misses
    /// overlap. A mutating method, so the loop reaches the arrays without reference counting.
    mutating func enter(
        _ batch: [(fingerprint: UInt64, item: Int, literalStart: Int)],
        resolve: (_ item: Int, _ literalStart: Int, _ candidates: [(offset: Int, item: Int)]) -> Bool
    ) {
        prefetch(batch.lazy.map(\.fingerprint))
        var candidates: [(offset: Int, item: Int)] = []
        for (fingerprint, item, literalStart) in batch {
            if !candidates.isEmpty { candidates.removeAll(keepingCapacity: true) }
            forEachCandidate(fingerprint) { candidates.append(($0, $1)) }
            if !candidates.isEmpty, !resolve(item, literalStart, candidates) { continue }
            insert(fingerprint, offset: literalStart, item: item)
        }
    }

    /// Starts loading the home slots (and item numbers) of `fingerprints`, so that the cache misses
    /// of a batch overlap before the lookups and inserts.
    func prefetch(_ fingerprints: some Sequence<UInt64>) {
        slots.withUnsafeBufferPointer { slots in
            items.withUnsafeBufferPointer { items in
                for fingerprint in fingerprints {
                    let slot = Int(truncatingIfNeeded: fingerprint >> 32) & mask
                    cicu_prefetch(slots.baseAddress! + (wide ? slot * 2 : slot))
                    cicu_prefetch(items.baseAddress! + slot)
                }
            }
        }
    }

    /// Enters an id; item numbers past 2^32 are kept modulo 2^32 (for messages only).
    mutating func insert(_ fingerprint: UInt64, offset: Int, item: Int) {
        if (count + 1) * 4 > capacity * 3 { grow() }
        place(fingerprint >> 32, offset, UInt32(truncatingIfNeeded: item))
        count += 1
    }

    @inline(__always)
    private func entry(_ slot: Int) -> (tag: UInt64, offset: Int?) {
        if wide {
            let stored = slots[slot * 2 + 1]
            return (slots[slot * 2], stored == 0 ? nil : Int(stored - 1))
        }
        let value = slots[slot]
        return (value >> 32, value == 0 ? nil : Int(value & 0xFFFF_FFFF) - 1)
    }

    private mutating func place(_ tag: UInt64, _ offset: Int, _ item: UInt32) {
        var slot = Int(truncatingIfNeeded: tag) & mask
        while entry(slot).offset != nil { slot = (slot + 1) & mask }
        items[slot] = item
        if wide {
            slots[slot * 2] = tag
            slots[slot * 2 + 1] = UInt64(offset + 1)
        } else {
            slots[slot] = tag << 32 | UInt64(offset + 1)
        }
    }

    private mutating func grow() {
        let old = self
        mask = capacity * 2 - 1
        slots = [UInt64](repeating: 0, count: wide ? capacity * 2 : capacity)
        items = [UInt32](repeating: 0, count: capacity)
        for slot in 0...old.mask {
            let (tag, offset) = old.entry(slot)
            if let offset { place(tag, offset, old.items[slot]) }
        }
    }
}
