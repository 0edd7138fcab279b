/// A listed key that an unlisted one misses by a hair, and how.
public struct NearMiss: Sendable, Equatable {
    /// The listed key's bytes.
    public var key: [UInt8]
    /// The differences, most telling first; several when only all normalizations together meet.
    public var kinds: [NearMissKind]

    public var keyText: String { String(decoding: key, as: UTF8.self) }
}

/// Indexes of one bucket's keys by their normalized forms, built the first time a key of the
/// bucket is missed. An index holds only the keys its normalization changes: a key already in
/// normal form is found in the key store itself. Entries are hashes and key numbers; a candidate
/// is confirmed by normalizing the listed key again, so a hash collision never names a wrong key.
struct NearMissIndex: Sendable {
    private var byKind: [HashSlots]
    /// Every normalization at once, for keys that differ in several ways.
    private var combined: HashSlots

    /// At most this many near misses are named for one key.
    static let limit = 3

    init(_ store: ObjectKeyStore) {
        var byKind = NearMissKind.allCases.map { _ in HashSlots() }
        var combined = HashSlots()
        var scalars = KeyScalarTable()
        store.forEachID { number in
            store.withKey(number) { key in
                // One pass says which normalizations may change the key; most keys need none.
                let traits = KeyTraits.of(key, scalars: &scalars)
                guard !traits.isEmpty else { return }
                var changed = false
                for (position, kind) in NearMissKind.allCases.enumerated() where traits.contains(KeyTraits(kind)) {
                    if let normal = kind.normalize(key, scalars: &scalars) {
                        changed = true
                        byKind[position].insert(hash: normal.withUnsafeBufferPointer(StreamHash.of), value: UInt32(number))
                    }
                }
                if let normal = KeyNormalization.all(key, anyChanges: changed, scalars: &scalars) {
                    combined.insert(hash: normal.withUnsafeBufferPointer(StreamHash.of), value: UInt32(number))
                }
            }
        }
        self.byKind = byKind
        self.combined = combined
    }

    var memory: Int { byKind.reduce(combined.memory) { $0 + $1.memory } }

    /// The listed keys that `wanted` (not itself listed) misses by one kind of difference, tried
    /// in `NearMissKind` order; else those it misses by several together; empty when none.
    func nearMisses(of wanted: [UInt8], in store: ObjectKeyStore) -> [NearMiss] {
        guard store.find(wanted) == nil else { return [] }
        var scalars = KeyScalarTable()
        return wanted.withUnsafeBufferPointer { wanted in
            for (position, kind) in NearMissKind.allCases.enumerated() {
                let numbers = candidates(
                    of: wanted, normal: kind.normalize(wanted, scalars: &scalars), index: byKind[position], in: store,
                    normalize: { kind.normalize($0, scalars: &scalars) })
                if !numbers.isEmpty {
                    return numbers.map { NearMiss(key: store.key($0), kinds: [kind]) }
                }
            }
            let numbers = candidates(
                of: wanted, normal: KeyNormalization.all(wanted, anyChanges: true, scalars: &scalars), index: combined, in: store,
                normalize: { KeyNormalization.all($0, anyChanges: true, scalars: &scalars) })
            return numbers.map { number in
                let key = store.key(number)
                let kinds = key.withUnsafeBufferPointer { key in
                    NearMissKind.allCases.filter {
                        $0.normalize(key, scalars: &scalars) != nil || $0.normalize(wanted, scalars: &scalars) != nil
                    }
                }
                return NearMiss(key: key, kinds: kinds)
            }
        }
    }

    /// The listed keys whose normal form is `wanted`'s: the key store holds those already normal,
    /// the index those the normalization changed.
    private func candidates(
        of wanted: UnsafeBufferPointer<UInt8>, normal: [UInt8]?, index: HashSlots, in store: ObjectKeyStore,
        normalize: (UnsafeBufferPointer<UInt8>) -> [UInt8]?
    ) -> [Int] {
        let target = normal ?? Array(wanted)
        var found: [Int] = []
        // A listed key equal to the target meets it only when normalizing leaves it as it is (a
        // normalization may not be idempotent: `%2520` decodes to `%20`, a trailing `+` becomes a
        // space after spaces were trimmed).
        if normal != nil, let number = store.find(target), (store.withKey(number, { normalize($0) }) ?? target) == target {
            found.append(number)
        }
        let hash = target.withUnsafeBufferPointer(StreamHash.of)
        _ = index.first(hash: hash) { value in
            let number = Int(value)
            if !found.contains(number), store.withKey(number, { normalize($0) }) == target { found.append(number) }
            return found.count >= Self.limit
        }
        return found
    }
}
