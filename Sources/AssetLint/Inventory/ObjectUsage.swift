import Synchronization

/// Which listed objects of one bucket the asset URLs of the linted files name, for
/// `--inventory-unused`: a bit per key id, set from every thread in batches (`InventoryAnalysis`
/// collects a file's ids and hands them over a few thousand at a time), read once the run is over.
final class ObjectUsage: Sendable {
    private let bits: Mutex<[UInt64]>

    /// Room for ids below `ids` (`ObjectKeyStore.endID`).
    init(ids: Int) {
        bits = Mutex([UInt64](repeating: 0, count: (ids + 63) / 64))
    }

    func mark(_ ids: [UInt32]) {
        bits.withLock { bits in
            for id in ids { bits[Int(id) >> 6] |= 1 << UInt64(id & 63) }
        }
    }

    /// The bits as they are now: bit `id % 64` of word `id / 64` is set when key `id` is used.
    var snapshot: [UInt64] { bits.withLock { $0 } }
}

/// `--inventory-unused`: per listed bucket, one finding on its listing that counts the objects with
/// an image extension that no asset URL of the linted files names, with the first few of them.
public enum InventoryUsage {
    /// How many unused keys a finding names.
    static let named = 3

    /// The findings of I503, one file report per listing that has any; `severity` is I503's for
    /// that listing's path (nil: the rule is off there).
    public static func reports(of inventory: Inventory, severity: (String) -> Severity?) -> [FileReport] {
        var byListing: [(path: String, diagnostics: [Diagnostic])] = []
        for listed in inventory.buckets.values.sorted(by: { $0.bucket.description < $1.bucket.description }) {
            guard let usage = listed.usage, let path = listed.listings.first, let level = severity(path),
                  let diagnostic = finding(listed, usage: usage, severity: level) else { continue }
            if let position = byListing.firstIndex(where: { $0.path == path }) {
                byListing[position].diagnostics.append(diagnostic)
            } else {
                byListing.append((path, [diagnostic]))
            }
        }
        let metadata = RuleRegistry.metadata(of: ListedObjectUnused.self)
        return byListing.map { FileReport(path: $0.path, kind: nil, source: nil, diagnostics: $0.diagnostics, rulesRun: [metadata]) }
    }

    /// The listed keys with an image extension whose ids `usage` has not seen: how many, and the
    /// first `named` of them in listing order.
    static func unusedImages(_ listed: ListedBucket, usage: ObjectUsage) -> (count: Int, first: [String]) {
        let bits = usage.snapshot
        var count = 0
        var first: [String] = []
        listed.keys.forEachID { id in
            guard bits[id >> 6] & (1 << UInt64(id & 63)) == 0 else { return }
            listed.keys.withKey(id) { key in
                guard isImage(key) else { return }
                count += 1
                if first.count < named { first.append(String(decoding: key, as: UTF8.self)) }
            }
        }
        return (count, first)
    }

    private static func finding(_ listed: ListedBucket, usage: ObjectUsage, severity: Severity) -> Diagnostic? {
        let (count, first) = unusedImages(listed, usage: usage)
        guard count > 0 else { return nil }
        let names = first.map { ScalarNames.quoted($0, limit: 60) }.joined(separator: ", ")
        let more = count > first.count ? " and \(count - first.count) more" : ""
        let noun = count == 1 ? "listed image is" : "listed images are"
        let example = first.first.map { ", such as \(ScalarNames.quoted($0, limit: 40))" } ?? ""
        return Diagnostic(
            ruleID: ListedObjectUnused.metadata.id, ruleName: ListedObjectUnused.metadata.name, severity: severity,
            message: "\(listed.bucket): \(count) \(noun) named by no asset URL linted\(example)",
            range: ByteRange(offset: 0, length: 0), pointer: "", note: "in listing order: \(names)\(more)")
    }

    /// Whether the key's last segment has an image's extension (`DimensionOnNonImage.isImage`).
    static func isImage(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        var dot = key.count
        while dot > 0, key[dot - 1] != URLByte.dot, key[dot - 1] != URLByte.slash { dot -= 1 }
        guard dot > 1, key[dot - 1] == URLByte.dot, dot < key.count else { return false }
        return DimensionOnNonImage.isImage(FileExtension(key[dot...]))
    }
}
