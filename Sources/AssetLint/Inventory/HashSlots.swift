/// An open-addressing hash table of 32-bit values, probed linearly: each slot holds the upper half
/// of an entry's 64-bit hash and the value plus one (0 marks an empty slot). It stores no keys; its
/// owner confirms a candidate by comparing what the value stands for. Equal values may be entered
/// more than once (the near-miss indexes map several keys to one normalized form).
///
/// The home slot is taken from the same upper half (the hashes are well mixed), so a table that
/// grows places its entries again without their keys.
struct HashSlots: Sendable {
    private(set) var slots: [UInt64]
    private(set) var count = 0
    private var mask: Int

    /// Room for `expected` entries before the first growth.
    init(expected: Int = 0) {
        var capacity = 16
        while capacity * 7 / 10 < expected { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// Bytes held by the table.
    var memory: Int { slots.count * 8 }

    @inline(__always)
    private static func slot(hash: UInt64, value: UInt32) -> UInt64 { (hash & 0xFFFF_FFFF_0000_0000) | UInt64(value &+ 1) }

    /// Adds an entry; the caller has checked that it is not there when duplicates are unwanted.
    mutating func insert(hash: UInt64, value: UInt32) {
        if (count + 1) * 10 > slots.count * 7 { grow() }
        place(Self.slot(hash: hash, value: value))
        count += 1
    }

    /// Calls `body` with each value entered under a hash whose upper half equals `hash`'s, in
    /// probing order, until `body` returns true; returns that value, or nil.
    @inline(__always)
    func first(hash: UInt64, where body: (UInt32) -> Bool) -> UInt32? {
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = self.mask
        var index = Self.home(tag) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let slot = slots[index]
                if slot == 0 { return nil }
                if slot & 0xFFFF_FFFF_0000_0000 == tag {
                    let value = UInt32(truncatingIfNeeded: slot) &- 1
                    if body(value) { return value }
                }
                index = (index + 1) & mask
            }
        }
    }

    /// Every value entered under `hash` (see `first`).
    func all(hash: UInt64) -> [UInt32] {
        var found: [UInt32] = []
        _ = first(hash: hash) { value in
            found.append(value)
            return false
        }
        return found
    }

    @inline(__always)
    private static func home(_ slot: UInt64) -> Int { Int(truncatingIfNeeded: slot >> 32) }

    private mutating func place(_ slot: UInt64) {
        let mask = self.mask
        var index = Self.home(slot) & mask
        slots.withUnsafeMutableBufferPointer { slots in
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot != 0 { place(slot) }
    }
}
