import AssetLint

/// The bucket listings that configurations name (`inventory:`), each set read once and kept while
/// its files are unchanged: configurations read again after an edit take the same inventory, and a
/// set with a file that changed (its size, time or inode) is read again the next time it is asked for.
final class ListingCache {
    private struct Entry {
        var sources: [InventorySource]
        var identities: [FileIdentity?]
        var load: InventoryLoad
        var used: Bool
    }

    private var entries: [Entry] = []

    /// The inventory of `sources`, and whether it was read now (its problems are then new).
    func inventory(of sources: [InventorySource]) -> (load: InventoryLoad, readNow: Bool) {
        let identities = sources.map { FileIdentity.current(of: $0.path) }
        if let position = entries.firstIndex(where: { $0.sources == sources }) {
            entries[position].used = true
            if entries[position].identities == identities { return (entries[position].load, false) }
            entries.remove(at: position)
        }
        let load = InventoryLoader.load(sources)
        entries.append(Entry(sources: sources, identities: identities, load: load, used: true))
        return (load, true)
    }

    /// Whether `path` is a listing of a set held.
    func isListing(_ path: String) -> Bool {
        entries.contains { $0.sources.contains { $0.path == path } }
    }

    /// The listing files of the sets held.
    var paths: [String] {
        var seen = Set<String>()
        return entries.flatMap { $0.sources.map(\.path) }.filter { seen.insert($0).inserted }
    }

    /// Configurations are read again: the sets not asked for since the last time are let go.
    func sweep() {
        entries.removeAll { !$0.used }
        for position in entries.indices { entries[position].used = false }
    }
}
