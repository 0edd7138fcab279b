/// The assets of a project as its asset manifests describe them (`--assets`, `labels.assets`):
/// every item's `externalId` and `data`, so that label and attachment imports can be checked
/// against them (L509, A605). Read once per run, before any file is linted.
///
/// The strings are kept as UTF-8 bytes in one buffer with a hash table over them
/// (`ByteStringSet`): a million ids cost about their length plus 24 bytes each, not a `String`
/// object apiece, and membership is exact.
public final class AssetIndex: Sendable {
    /// The manifests, as given.
    public let manifests: [String]
    let externalIDs: ByteStringSet
    let dataURLs: ByteStringSet

    init(manifests: [String], externalIDs: ByteStringSet, dataURLs: ByteStringSet) {
        self.manifests = manifests
        self.externalIDs = externalIDs
        self.dataURLs = dataURLs
    }

    /// How many distinct externalIds the manifests hold.
    public var externalIDCount: Int { externalIDs.count }

    public func contains(externalID: String) -> Bool {
        var text = externalID
        return text.withUTF8 { externalIDs.contains($0) }
    }

    func contains(externalID bytes: UnsafeBufferPointer<UInt8>) -> Bool { externalIDs.contains(bytes) }
    func contains(data bytes: UnsafeBufferPointer<UInt8>) -> Bool { dataURLs.contains(bytes) }

    /// The manifests named in messages: `assets.json`, or `assets.json and 2 more`.
    var manifestNames: String {
        guard let first = manifests.first else { return "the asset manifests" }
        return manifests.count == 1 ? first : "\(first) and \(manifests.count - 1) more"
    }

    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "error: --assets \(path): \(message)" }
    }

    /// Reads the manifests at `paths` (each a JSON array of asset items). Fails on the first that
    /// cannot be read or is not a well-formed array: a partial list of ids would report every
    /// label for the ids it misses.
    public static func load(paths: [String], maxDepth: Int = 512) -> Result<AssetIndex, LoadError> {
        var files: [SourceFile] = []
        for path in paths {
            switch FileLoader.load(path: path) {
            case .success(let loaded): files.append(loaded)
            case .failure(let error): return .failure(LoadError(path: path, message: error.reason))
            }
        }
        return index(of: files, maxDepth: maxDepth)
    }

    /// The index of manifests already read (named by their paths).
    public static func index(of files: [SourceFile], maxDepth: Int = 512) -> Result<AssetIndex, LoadError> {
        var externalIDs = ByteStringSet()
        var dataURLs = ByteStringSet()
        for file in files {
            let path = file.path
            var parser = JSONParser(source: file, maxDepth: maxDepth)
            var tree = JSONTree(source: file)
            guard parser.openTopLevelArray() else {
                if let issue = parser.takeIssues().first(where: \.isFatal) {
                    return .failure(LoadError(path: path, message: describe(issue, in: file)))
                }
                return .failure(LoadError(path: path, message: "not an asset manifest: its top level is not a JSON array"))
            }
            var index = 0
            let bytes = file.bytes
            while parser.nextElement(into: &tree, index: index) {
                index += 1
                _ = parser.takeIssues()  // duplicate keys and the like are the manifest's own findings
                let item = tree.root
                guard tree[item].kind == .object else { continue }
                if let id = tree.member("externalId", of: item), tree[id].kind == .string {
                    insert(id, of: tree, bytes: bytes, into: &externalIDs)
                }
                if let data = tree.member("data", of: item), tree[data].kind == .string {
                    insert(data, of: tree, bytes: bytes, into: &dataURLs)
                }
            }
            if let issue = parser.takeIssues().first(where: \.isFatal) {
                return .failure(LoadError(path: path, message: describe(issue, in: file)))
            }
        }
        return .success(AssetIndex(manifests: files.map(\.path), externalIDs: externalIDs, dataURLs: dataURLs))
    }

    private static func insert(_ node: JSONTree.Index, of tree: JSONTree, bytes: UnsafeBufferPointer<UInt8>, into set: inout ByteStringSet) {
        let value = tree[node]
        if value.flags.contains(.escaped) {
            let decoded = JSONString.decodeBytes(bytes, literalStart: value.start, literalEnd: value.end)
            decoded.withUnsafeBufferPointer { set.insert($0) }
        } else {
            set.insert(tree.rawStringContent(node))
        }
    }

    private static func describe(_ issue: JSONIssue, in file: SourceFile) -> String {
        let position = file.position(of: issue.range.offset)
        return "not valid JSON at line \(position.line), column \(position.column) (\(issue.detail)); lint it on its own first"
    }
}

/// A set of byte strings: the bytes of all members in one buffer, and an open-addressing table
/// of member numbers keyed by a 64-bit FNV-1a hash, whose low 32 bits are kept to skip most
/// comparisons.
struct ByteStringSet: Sendable {
    private var storage: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt32] = []
    /// Member number + 1 per slot; 0 is empty. Its size is a power of two, at most half full.
    private var slots: [UInt32] = [UInt32](repeating: 0, count: 16)

    var count: Int { hashes.count }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        find(bytes, hash: Self.hash(bytes)).found
    }

    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) {
        let hash = Self.hash(bytes)
        let (found, slot) = find(bytes, hash: hash)
        if found { return }
        hashes.append(UInt32(truncatingIfNeeded: hash))
        storage.append(contentsOf: bytes)
        starts.append(storage.count)
        slots[slot] = UInt32(truncatingIfNeeded: hashes.count)
        if hashes.count * 2 > slots.count { grow() }
    }

    /// Whether `bytes` is a member, and the slot that holds it or where it would go.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (found: Bool, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 32) & mask
        let short = UInt32(truncatingIfNeeded: hash)
        while true {
            let entry = slots[slot]
            if entry == 0 { return (false, slot) }
            let member = Int(entry) - 1
            if hashes[member] == short, equals(member, bytes) { return (true, slot) }
            slot = (slot + 1) & mask
        }
    }

    private func equals(_ member: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[member]), end = Int(starts[member + 1])
        guard end - start == bytes.count else { return false }
        return storage.withUnsafeBufferPointer { stored in
            var index = 0
            while index < bytes.count {
                if stored[start + index] != bytes[index] { return false }
                index += 1
            }
            return true
        }
    }

    private mutating func grow() {
        var larger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        storage.withUnsafeBufferPointer { stored in
            for member in 0..<hashes.count {
                let bytes = UnsafeBufferPointer(rebasing: stored[Int(starts[member])..<Int(starts[member + 1])])
                var slot = Int(truncatingIfNeeded: Self.hash(bytes) >> 32) & mask
                while larger[slot] != 0 { slot = (slot + 1) & mask }
                larger[slot] = UInt32(truncatingIfNeeded: member + 1)
            }
        }
        slots = larger
    }
}
