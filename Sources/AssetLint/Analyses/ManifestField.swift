/// The fields a manifest item may carry, as the hub documents them and its SDK sends them
/// (`storage`, the integration id the SDK sets on every asset; `classifications`, the asset
/// builder's pre-labels).
enum ManifestField: Int, CaseIterable {
    case data, externalId, width, height, metadata, contextData, batches, attachments, dataset, storage, classifications

    var name: String { staticName.description }

    /// The JSON type M105 expects; nil for the dimensions, which M121 checks.
    var expectedKind: JSONKind? {
        switch self {
        case .data, .externalId, .storage: .string
        case .width, .height: nil
        case .metadata, .contextData: .object
        case .batches, .attachments, .dataset, .classifications: .array
        }
    }

    /// Whether `null` is read as an absent value: the SDK sends `"metadata": null` and
    /// `"contextData": null` for every asset it uploads without them.
    var acceptsNull: Bool { self == .metadata || self == .contextData }

    /// Whether a value of JSON type `kind` is what the hub reads for this field (dimensions aside).
    @inline(__always)
    func accepts(_ kind: JSONKind) -> Bool {
        guard let expected = expectedKind else { return true }
        return kind == expected || (kind == .null && acceptsNull)
    }

    /// The name as static bytes, for comparisons without `String`.
    var staticName: StaticString {
        switch self {
        case .data: "data"
        case .externalId: "externalId"
        case .width: "width"
        case .height: "height"
        case .metadata: "metadata"
        case .contextData: "contextData"
        case .batches: "batches"
        case .attachments: "attachments"
        case .dataset: "dataset"
        case .storage: "storage"
        case .classifications: "classifications"
        }
    }

    /// The field named by the key of member `member`, comparing bytes without allocating for the
    /// usual unescaped key.
    init?(member: JSONTree.Index, in tree: __shared JSONTree) {
        self.init(member: member, in: tree, bytes: tree.source.bytes)
    }

    /// As `init(member:in:)`, with the source bytes already at hand (hot loops fetch them once).
    @inline(__always)
    init?(member: JSONTree.Index, in tree: __shared JSONTree, bytes: UnsafeBufferPointer<UInt8>) {
        let node = tree[member]
        guard node.keyStart >= 0 else { return nil }
        if node.flags.contains(.keyEscaped) {
            guard let key = tree.key(of: member), let field = ManifestField(name: key) else { return nil }
            self = field
            return
        }
        guard let base = bytes.baseAddress else { return nil }
        self.init(key: base + node.keyStart + 1, count: node.keyEnd - node.keyStart - 2)
    }

    /// The field whose name is exactly the `count` bytes at `key`.
    @inline(__always)
    init?(key: UnsafePointer<UInt8>, count: Int) {
        let candidate: ManifestField
        switch count {
        case 4: candidate = .data
        case 5: candidate = .width
        case 6: candidate = .height
        case 7: candidate = key[0] == UInt8(ascii: "b") ? .batches : key[0] == UInt8(ascii: "d") ? .dataset : .storage
        case 8: candidate = .metadata
        case 10: candidate = .externalId
        case 11: candidate = key[0] == UInt8(ascii: "c") ? .contextData : .attachments
        case 15: candidate = .classifications
        default: return nil
        }
        let name = candidate.staticName.utf8Start
        var offset = 0
        while offset < count {
            if key[offset] != name[offset] { return nil }
            offset += 1
        }
        self = candidate
    }

    init?(name: String) {
        guard let field = ManifestField.allCases.first(where: { $0.name == name }) else { return nil }
        self = field
    }

    /// Common names people use for a field, compared after `normalized(_:)`; they are too far from
    /// the field's name for the edit distance to find them.
    private var aliases: [String] {
        switch self {
        case .data: ["url", "uri", "src", "href", "link", "imageurl", "fileurl", "asseturl", "dataurl"]
        case .externalId: ["id", "extid", "assetid", "externalkey"]
        case .metadata: ["meta"]
        case .dataset: ["pages", "images", "urls"]
        default: []
        }
    }

    /// The known field an unknown key most likely meant: a case-insensitive (and `_`/`-`-insensitive)
    /// match first, then the closest field by Damerau-Levenshtein distance (at most 2, and small
    /// relative to the length), then a few common synonyms such as `url` for `data`.
    static func suggestion(for key: String) -> ManifestField? {
        let lower = Array(key.lowercased().unicodeScalars)
        for field in allCases where Array(field.name.lowercased().unicodeScalars) == lower { return field }
        let normal = normalized(key)
        for field in allCases where normalized(field.name) == normal { return field }
        var best: (field: ManifestField, distance: Int)?
        for field in allCases {
            let target = Array(field.name.lowercased().unicodeScalars)
            guard abs(target.count - normal.count) <= 2 else { continue }
            let distance = ManifestRules.editDistance(normal, target, limit: 2)
            guard distance <= 2, distance * 3 <= max(normal.count, target.count) else { continue }
            if best == nil || distance < best!.distance { best = (field, distance) }
        }
        if let best { return best.field }
        let normalString = String(String.UnicodeScalarView(normal))
        return allCases.first { $0.aliases.contains(normalString) }
    }

    /// Lower case without `_`, `-`, `.` and spaces: `External_ID` and `externalid` compare equal.
    static func normalized(_ key: String) -> [Unicode.Scalar] {
        key.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " && $0 != "." }
    }
}
