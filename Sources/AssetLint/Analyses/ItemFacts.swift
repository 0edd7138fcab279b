/// What the fast engine knows about one manifest item before it calls any rule: its signals, and
/// the parts of it that per-file state needs from every item (`ItemFactsObserver`). Read once per
/// item by `ItemFactsReader`, from the parsed item or straight from a bare item's bytes.
///
/// The buffers point into the file or into the reader's scratch, valid until the next item.
struct ItemFacts {
    /// The parts an observer may read besides the signals.
    struct Parts: OptionSet, Sendable {
        let rawValue: UInt8
        /// `externalID` and `externalIDLiteral`.
        static let externalID = Parts(rawValue: 1 << 0)
        /// `cleanDataURL`.
        static let cleanDataURL = Parts(rawValue: 1 << 1)
    }

    /// A `data` URL the fast scan found clean.
    struct CleanURL {
        /// The string literal, quotes included.
        var literal: ByteRange
        var provider: StorageProvider
        /// `BUCKET`, or `ACCOUNT/CONTAINER` for Azure.
        var bucket: UnsafeBufferPointer<UInt8>
        /// The object key as the URL writes it (percent-encoded), in the file's bytes.
        var encodedKey: ByteRange
    }

    var index: Int
    var signals: ItemSignals = []
    /// The decoded `externalId` when it is a string, and the offset of its literal's opening quote.
    var externalID: UnsafeBufferPointer<UInt8>?
    var externalIDLiteral = -1
    /// `data` when it is a string and no `dataURLNotClean` signal is raised.
    var cleanDataURL: CleanURL?

    init(index: Int) { self.index = index }
}

/// Reads the facts of manifest items for one file (one part of a split file: one thread).
final class ItemFactsReader {
    private let maximumDimension: Int
    private let allowedExtensions: [FileExtension]
    private let scalars: UnicodeScalarTable
    private let urls: URLFastScan
    private let members: ItemMembersCache
    private let assetType: Configuration.AssetType
    /// The verdict on the extension seen last (manifests use a handful).
    @exclusivity(unchecked) private var lastExtension: (FileExtension, accepted: Bool, image: Bool)?
    /// The decoded `externalId` of an item whose literal has escapes.
    @exclusivity(unchecked) private var decodedID = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)

    init(context: LintContext) {
        maximumDimension = context.configuration.assets.maxDimension
        allowedExtensions = UnsupportedExtension.allowedExtensions(in: context.configuration)
        scalars = context.scalars
        urls = URLFastScan(configuration: context.configuration, scalars: context.scalars)
        members = context.itemMembers
        assetType = context.configuration.assets.type
    }

    deinit { decodedID.deallocate() }

    /// `bytes`, copied into the reader's scratch.
    private func keep(_ bytes: [UInt8]) -> UnsafeBufferPointer<UInt8> {
        if bytes.count > decodedID.count {
            decodedID.deallocate()
            decodedID = .allocate(capacity: max(bytes.count, 2 * decodedID.count))
        }
        _ = decodedID.initialize(from: bytes)
        return UnsafeBufferPointer(rebasing: decodedID[0..<bytes.count])
    }

    // MARK: - A parsed item

    /// The facts of item number `index`, node `item` of `tree`.
    func read(item: JSONTree.Index, at index: Int, in tree: JSONTree) -> ItemFacts {
        var facts = ItemFacts(index: index)
        let node = tree[item]
        guard node.kind == .object else {
            facts.signals = node.kind == .array ? [.notObject, .nestedValue] : .notObject
            return facts
        }
        // The item's tree holds the item and what is below it: more nodes than its members
        // means a value nested in one of them.
        if tree.nodes.count > Int(node.childCount) + 1 { facts.signals.insert(.nestedValue) }
        let members = self.members.members(of: item, at: index, in: tree)
        if members.unknownCount > 0 { facts.signals.insert(.unknownMember) }
        for field in ManifestField.allCases {
            guard let value = members[field] else { continue }
            facts.signals.insert(.has(field))
            if !field.accepts(tree[value].kind) { facts.signals.insert(.unexpectedKind) }
        }
        if members[.data] == nil { facts.signals.insert(.noData) }
        if members[.externalId] == nil { facts.signals.insert(.noExternalID) }

        if let id = members[.externalId], tree[id].kind == .string {
            let value = tree[id]
            facts.externalIDLiteral = value.start
            if value.flags.contains(.escaped) {
                facts.externalID = keep(JSONString.decodeBytes(tree.source.bytes, literalStart: value.start, literalEnd: value.end))
            } else {
                facts.externalID = tree.rawStringContent(id)
            }
            facts.signals.formUnion(ExternalIDFacts.signals(of: facts.externalID!, table: scalars))
            // Bytes that are not UTF-8 (J002's): every rule on the id takes its own look.
            if value.flags.contains(.damaged) { facts.signals.formUnion(ExternalIDFacts.all) }
        }

        var path: AssetPath?
        var markdown = false
        if let data = members[.data], tree[data].kind == .string {
            if assetType != .markdown, let clean = cleanURL(data, in: tree) {
                let raw = tree.rawStringContent(data)
                let literal = tree[data].range
                facts.cleanDataURL = ItemFacts.CleanURL(
                    literal: literal, provider: clean.provider, bucket: clean.bucket,
                    encodedKey: ByteRange(start: literal.offset + 1 + clean.keyStart, end: literal.offset + 1 + raw.count))
                path = AssetPath(raw, lastSegment: clean.lastSegmentStart..<raw.count)
            } else if AssetData.isMarkdown(data, in: tree, type: assetType) {
                markdown = true
            } else {
                facts.signals.insert(.dataURLNotClean)
                path = AssetPath.of(data, in: tree)
            }
        }
        let hasDimensions = members[.width] != nil || members[.height] != nil
        if markdown { readMarkdown(hasDimensions: hasDimensions, into: &facts) }
        readPath(path, hasDimensions: hasDimensions, into: &facts)
        if hasDimensions {
            if (members[.width] == nil) != (members[.height] == nil) { facts.signals.insert(.unpairedDimension) }
            for dimension in [members[.width], members[.height]] {
                guard let dimension else { continue }
                readDimension(DimensionValue(dimension, in: tree), into: &facts)
            }
        }
        return facts
    }

    /// String node `node` read by the URL fast scan: the clean storage URL it holds, or nil.
    private func cleanURL(_ node: JSONTree.Index, in tree: JSONTree) -> URLFastScan.Clean? {
        guard tree[node].flags.isDisjoint(with: [.escaped, .nonASCII, .damaged]) else { return nil }
        return urls.scan(tree.rawStringContent(node))
    }

    /// The facts of a URL the hub fetches that is not a manifest's `data` (a label's mask, an
    /// attachment's file), string node `node`: read as `data` is, `dataURLNotClean` unless the
    /// URL fast scan finds it clean.
    func urlSignals(of node: JSONTree.Index, in tree: JSONTree) -> ItemSignals {
        cleanURL(node, in: tree) == nil ? .dataURLNotClean : []
    }

    // MARK: - A bare item

    /// The members of a bare item.
    private static let bare: ItemSignals = [.has(.data), .has(.externalId)]
    private static let bareWithDimensions: ItemSignals = bare.union([.has(.width), .has(.height)])

    /// The facts of item number `index`, the bare item `item` of `bytes`.
    func read(_ item: BareItem, at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> ItemFacts {
        var facts = ItemFacts(index: index)
        let id = UnsafeBufferPointer(rebasing: bytes[(item.externalID.lowerBound + 1)..<(item.externalID.upperBound - 1)])
        facts.externalID = id
        facts.externalIDLiteral = item.externalID.lowerBound
        facts.signals = ExternalIDFacts.signals(of: id, table: scalars).union(item.width == nil ? Self.bare : Self.bareWithDimensions)
        let data = UnsafeBufferPointer(rebasing: bytes[(item.data.lowerBound + 1)..<(item.data.upperBound - 1)])
        let path: AssetPath?
        if assetType != .markdown, let clean = urls.scan(data) {
            facts.cleanDataURL = ItemFacts.CleanURL(
                literal: ByteRange(start: item.data.lowerBound, end: item.data.upperBound), provider: clean.provider, bucket: clean.bucket,
                encodedKey: ByteRange(start: item.data.lowerBound + 1 + clean.keyStart, end: item.data.upperBound - 1))
            path = AssetPath(data, lastSegment: clean.lastSegmentStart..<data.count)
        } else if AssetData.isMarkdown(data, type: assetType) {
            // A bare item's strings have no escapes: the bytes are the decoded text.
            readMarkdown(hasDimensions: item.width != nil, into: &facts)
            path = nil
        } else {
            facts.signals.insert(.dataURLNotClean)
            path = AssetPath(data)
        }
        readPath(path, hasDimensions: item.width != nil, into: &facts)
        if let width = item.width, let height = item.height {
            readDimension(.valid(width), into: &facts)
            readDimension(.valid(height), into: &facts)
        }
        return facts
    }

    // MARK: - Shared

    /// A Markdown `data`: no URL, no extension, and dimensions on something that is not an image.
    private func readMarkdown(hasDimensions: Bool, into facts: inout ItemFacts) {
        facts.signals.insert(.markdownData)
        if hasDimensions { facts.signals.insert(.dimensionOnNonImage) }
    }

    private func readPath(_ path: AssetPath?, hasDimensions: Bool, into facts: inout ItemFacts) {
        guard let path else { return }
        guard let ext = path.fileExtension else {
            facts.signals.insert(.extensionNotAccepted)
            return
        }
        let verdict = verdict(on: ext)
        if !verdict.accepted { facts.signals.insert(.extensionNotAccepted) }
        if hasDimensions, !verdict.image { facts.signals.insert(.dimensionOnNonImage) }
    }

    @inline(__always)
    private func readDimension(_ value: DimensionValue, into facts: inout ItemFacts) {
        guard case .valid(let number) = value else {
            facts.signals.insert(.dimensionNotPlainInteger)
            return
        }
        if number > maximumDimension { facts.signals.insert(.dimensionAboveMaximum) }
    }

    private func verdict(on ext: FileExtension) -> (accepted: Bool, image: Bool) {
        if let last = lastExtension, last.0 == ext { return (last.accepted, last.image) }
        let verdict = (accepted: allowedExtensions.contains(ext), image: DimensionOnNonImage.isImage(ext))
        lastExtension = (ext, verdict.accepted, verdict.image)
        return verdict
    }
}

/// The signals of a decoded `externalId`.
enum ExternalIDFacts {
    /// Every signal about the id's text but `idEmpty`.
    static let all: ItemSignals = [.idEdgeWhitespace, .idLineBreakOrTab, .idControl, .idInvisible, .idNotNFC]

    static func signals(of id: UnsafeBufferPointer<UInt8>, table: UnicodeScalarTable) -> ItemSignals {
        guard !id.isEmpty else { return .idEmpty }
        // The rules that check only a prefix of a longer id say so on every such id
        // (`CheckedPrefix`): they are all called, without reading the id here.
        guard id.count <= CheckedPrefix.limit else { return all }
        var signals: ItemSignals = []
        let first = UTF8Decoding.scalarOrReplacement(id, at: 0).scalar
        let last = UTF8Decoding.scalarOrReplacement(id, at: UTF8Decoding.lastScalarStart(id)).scalar
        if UnicodeWhitespace.contains(first) || UnicodeWhitespace.contains(last) { signals.insert(.idEdgeWhitespace) }
        // Printable ASCII says nothing more: skip the words that hold only that.
        var index = ByteWords.skipping(id, from: 0) { word in
            ByteWords.hasByte(below: 0x20, in: word) || ByteWords.hasByte(0x7F, in: word) || word & 0x8080_8080_8080_8080 != 0
        }
        var allInert = true
        while index < id.count {
            let byte = id[index]
            if byte < 0x80 {
                if byte < 0x20 || byte == 0x7F {
                    signals.insert(.idControl)
                    if UnicodeWhitespace.isLineBreakOrTab(UInt32(byte)) { signals.insert(.idLineBreakOrTab) }
                }
                index += 1
                continue
            }
            let (decoded, length) = UTF8Decoding.decode(id, at: index)
            index += length
            guard let scalar = decoded else {
                signals.formUnion([.idInvisible, .idNotNFC])
                continue
            }
            if UnicodeWhitespace.isLineBreakOrTab(scalar) { signals.insert(.idLineBreakOrTab) }
            let facts = table.facts(scalar)
            if !facts.contains(.nfcInert) { allInert = false }
            switch table.characterClass(facts) {
            case .control: signals.insert(.idControl)
            case .bidiControl, .zeroWidth, .unassigned: signals.insert(.idInvisible)
            default: break
            }
        }
        if !allInert, !signals.contains(.idNotNFC), !ICU.isNFC(utf8: id) { signals.insert(.idNotNFC) }
        return signals
    }
}
