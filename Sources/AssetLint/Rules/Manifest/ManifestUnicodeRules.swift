import Dispatch
import CICU

/// The manifest rules that need ICU (M111, M112, M114, M116), in catalog order. They share one
/// analysis of each item's `externalId` (`ExternalIDAnalysis`).
public enum ManifestUnicodeRules {
    public static let all: [any Rule.Type] = [
        ExternalIDNormalizationDuplicate.self, ExternalIDConfusable.self, ExternalIDInvisible.self, ExternalIDNotNFC.self,
    ]
}

/// What the external-id Unicode rules share about the current item's `externalId`, computed once
/// per item by whichever of them runs first, and the per-file fingerprint table behind M111/M112.
///
/// Cost on the common case: an ASCII id is NFC and free of invisible characters by a look at its
/// node flags; its confusable skeleton (for M112) comes from a per-byte table ICU filled once per
/// process, hashed as it is produced. Non-ASCII ids go scalar by scalar through
/// `UnicodeScalarTable`, which asks ICU once per distinct scalar; ICU sees a whole id only when a
/// scalar is not normalization-inert or its skeleton cannot be concatenated.
///
/// Memory: uniqueness keeps one 8-byte slot per distinct id (a 32-bit fingerprint tag and the
/// 32-bit offset of the id in the file; 16 bytes for files over 4 GiB), never the strings. A
/// candidate with the same tag is confirmed by reading both ids again from the file and
/// recomputing their normalization and skeleton. Table lookups are made in batches, all slots of a
/// batch loaded before any is used, so that the cache misses of a table far bigger than the cache
/// overlap instead of queueing; M111 and M112 therefore report when the file is finished.
final class ExternalIDAnalysis: PartMergeable {
    enum MatchKind {
        /// Byte for byte equal to an earlier id (M110).
        case exactDuplicate
        /// Equal to an earlier, different id after NFC (M111).
        case normalizationDuplicate
        /// Same confusable skeleton as an earlier id that is different even after NFC (M112).
        case confusable
    }

    struct Match {
        var kind: MatchKind
        /// The item and the opening quote of its id.
        var item: Int
        var literalStart: Int
        /// The opening quote of the earlier id, and its item.
        var firstStart: Int
        var firstItem: Int
    }

    /// The item analysed last, and whether any rule has something to look at now.
    let itemState = UnsafeMutablePointer<ItemState>.allocate(capacity: 1)
    var itemIndex: Int { itemState.pointee.index }
    // Read by four rules per item: no dynamic exclusivity checks (one thread per file).
    /// The current item's `externalId` string, or `JSONNode.none`.
    @exclusivity(unchecked) private(set) var node: JSONTree.Index = JSONNode.none
    @exclusivity(unchecked) private(set) var isNFC = true
    /// A control, bidi-control, zero-width or unassigned character (M114's candidates).
    @exclusivity(unchecked) private(set) var mayHaveInvisible = false
    /// M110, M111 and M112 findings, complete after `flush()`.
    @exclusivity(unchecked) private(set) var matches: [Match] = []

    let scalars: UnicodeScalarTable
    /// What the rules of this context (a file, a part of a split file, or one rule group) look for; set by
    /// M110, M111 and M112 when they attach (`enable`): with M112 the table is keyed by confusable
    /// skeleton (equal NFC forms and equal ids have equal skeletons, so M111 and M110 find their
    /// pairs there too), with M111 by NFC form, with M110 alone by the id's bytes, with none of
    /// them there is no table at all. Every distinct id is entered once, so the table also knows
    /// each id's first occurrence.
    enum MatchMode: Int, Comparable {
        case none, exact, normalization, skeleton
        static func < (lhs: MatchMode, rhs: MatchMode) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    @exclusivity(unchecked) private(set) var matchMode = MatchMode.none
    /// Whether byte-identical ids are recorded as matches (M110 is active).
    @exclusivity(unchecked) private var recordsExactDuplicates = false
    private var wantsMatches: Bool { matchMode != .none }
    private var keyBySkeleton: Bool { matchMode == .skeleton }
    /// The current item and its id's opening quote, for `enable` during the first item.
    @exclusivity(unchecked) private var currentLiteralStart = -1
    @exclusivity(unchecked) private var table: CandidateTable
    @exclusivity(unchecked) private var pending: [(fingerprint: UInt64, item: Int, literalStart: Int)] = []
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    private let source: SourceFile
    static let batchSize = 64
    static let deferredChunk = 1 << 16
    /// In a manifest split into parts, ids are not looked up while streaming (the earlier ids are
    /// in other parts): they wait here, fingerprinted, for `finishLookups`.
    private let defersLookups: Bool
    /// 16 bytes an id: the table uses only a fingerprint's high 32 bits (its tag). In chunks, so
    /// that growing never copies what is already there.
    @exclusivity(unchecked) private var deferred: [[TaggedID]] = []
    /// The per-thread scalar tables of the parts absorbed (`finishLookups` uses one per core).
    private var laterScalars: [UnicodeScalarTable] = []

    init(context: LintContext) {
        itemState.initialize(to: ItemState())
        scalars = context.shared(UnicodeScalarTable.self) { UnicodeScalarTable() }
        // Sized by `enable` once a rule wants the table: without M110-M112 there is none.
        table = CandidateTable(wide: context.file.count >= Int(UInt32.max) - 1, capacity: 16)
        source = context.file
        defersLookups = context.part != nil
        pending.reserveCapacity(Self.batchSize)
    }

    deinit { itemState.deallocate() }

    /// Called by M110 (`.exact`), M111 (`.normalization`) and M112 (`.skeleton`) when they attach,
    /// before the first item (or during it, when a rule is called without the engine's setup): the
    /// table starts over in the stronger mode, with the current item's id if it was already examined.
    func enable(_ mode: MatchMode) {
        if mode == .exact { recordsExactDuplicates = true }
        guard mode > matchMode else { return }
        matchMode = mode
        // A later part of a split file defers its lookups to the first part's table.
        table = CandidateTable(wide: table.isWide, capacity: defersLookups ? 16 : CandidateTable.capacity(forFileSize: source.count))
        pending.removeAll(keepingCapacity: true)
        deferred.removeAll()
        matches.removeAll()
        guard itemIndex >= 0, currentLiteralStart >= 0,
              let (_, bytes) = Self.readString(at: currentLiteralStart, in: source) else { return }
        bytes.withUnsafeBufferPointer { bytes in
            let isNFC = NFCCheck.isNFC(bytes, table: scalars)
            pending.append((fingerprint(bytes, isNFC: isNFC), itemIndex, currentLiteralStart))
        }
    }

    /// The decoded bytes of the current id.
    func text(in tree: JSONTree) -> [UInt8] { Self.decoded(node, in: tree) }

    static func decoded(_ node: JSONTree.Index, in tree: JSONTree) -> [UInt8] {
        let value = tree[node]
        return value.flags.contains(.escaped)
            ? JSONString.decodeBytes(tree.source.bytes, literalStart: value.start, literalEnd: value.end)
            : Array(tree.rawStringContent(node))
    }

    func analyze(item: JSONTree.Index, at index: Int, in tree: JSONTree) {
        itemState.pointee = ItemState(index: index, needsAttention: false)
        currentLiteralStart = -1
        node = JSONNode.none
        isNFC = true
        mayHaveInvisible = false
        defer { itemState.pointee.needsAttention = !isNFC || mayHaveInvisible }
        guard item != JSONNode.none, tree[item].kind == .object, let id = MemberLookup.last("externalId", of: item, in: tree),
              tree[id].kind == .string else { return }
        node = id
        let value = tree[id]
        currentLiteralStart = value.start
        if value.flags.contains(.escaped) {
            let bytes = Self.decoded(id, in: tree)
            bytes.withUnsafeBufferPointer { examine($0, mayBeNonASCII: value.flags.contains(.nonASCII), item: index, literalStart: value.start) }
        } else {
            examine(tree.rawStringContent(id), mayBeNonASCII: value.flags.contains(.nonASCII), item: index, literalStart: value.start)
        }
    }

    private func examine(_ bytes: UnsafeBufferPointer<UInt8>, mayBeNonASCII: Bool, item: Int, literalStart: Int) {
        (isNFC, mayHaveInvisible) = inspect(bytes, mayBeNonASCII: mayBeNonASCII)
        enter(bytes, isNFC: isNFC, item: item, literalStart: literalStart)
    }

    /// Whether the decoded id `bytes` is NFC, and whether it may hold an invisible character.
    @inline(__always)
    private func inspect(_ bytes: UnsafeBufferPointer<UInt8>, mayBeNonASCII: Bool) -> (isNFC: Bool, mayHaveInvisible: Bool) {
        var mayHaveInvisible = false
        guard mayBeNonASCII else {
            let start = ByteWords.skipping(bytes, from: 0) { ByteWords.hasByte(below: 0x20, in: $0) || ByteWords.hasByte(0x7F, in: $0) }
            for byte in bytes[start...] where byte < 0x20 || byte == 0x7F { return (true, true) }
            return (true, false)
        }
        var index = 0
        var allInert = true
        while index < bytes.count {
            let (scalar, length) = UTF8Scalars.decode(bytes, at: index)
            index += length
            if scalar < 0x80 {
                if scalar < 0x20 || scalar == 0x7F { mayHaveInvisible = true }
                continue
            }
            let facts = scalars.facts(scalar)
            if !facts.contains(.nfcInert) { allInert = false }
            let kind = (facts.rawValue & UnicodeScalarTable.Facts.classMask) >> UnicodeScalarTable.Facts.classShift
            switch ICU.CharacterClass(rawValue: Int32(kind)) {
            case .control?, .bidiControl?, .zeroWidth?, .unassigned?: mayHaveInvisible = true
            default: break
            }
        }
        return (allInert || ICU.isNFC(utf8: bytes), mayHaveInvisible)
    }

    @inline(__always)
    private func enter(_ bytes: UnsafeBufferPointer<UInt8>, isNFC: Bool, item: Int, literalStart: Int) {
        guard wantsMatches else { return }
        pending.append((fingerprint(bytes, isNFC: isNFC), item, literalStart))
        if pending.count >= Self.batchSize { flush() }
    }

    /// For `BareItemShortcut`: whether the unescaped id `bytes` gives no rule of this analysis
    /// anything to look at by itself (NFC, nothing invisible). Changes nothing.
    func isQuiet(_ bytes: UnsafeBufferPointer<UInt8>, mayBeNonASCII: Bool) -> Bool {
        let facts = inspect(bytes, mayBeNonASCII: mayBeNonASCII)
        return facts.isNFC && !facts.mayHaveInvisible
    }

    /// For `BareItemShortcut`: enters a quiet id (`isQuiet`) of item `item` as `analyze` would.
    func enterQuiet(_ bytes: UnsafeBufferPointer<UInt8>, item: Int, literalStart: Int) {
        enter(bytes, isNFC: true, item: item, literalStart: literalStart)
    }

    // MARK: - M110, M111 and M112

    /// Looks the pending ids up and enters them, in order. All slots are loaded first, so their
    /// cache misses overlap.
    func flush() {
        guard !pending.isEmpty else { return }
        if defersLookups {
            if deferred.last.map({ $0.count + pending.count > Self.deferredChunk }) ?? true {
                deferred.append([])
                deferred[deferred.count - 1].reserveCapacity(Self.deferredChunk)
            }
            for (fingerprint, item, literalStart) in pending {
                deferred[deferred.count - 1].append(
                    TaggedID(tag: UInt32(truncatingIfNeeded: fingerprint >> 32), item: UInt32(truncatingIfNeeded: item), literalStart: literalStart))
            }
            pending.removeAll(keepingCapacity: true)
            return
        }
        var matcher = IDMatcher(mode: matchMode, recordsExactDuplicates: recordsExactDuplicates, scalars: scalars, source: source)
        table.enter(pending) { item, literalStart, candidates in
            matcher.resolve(item: item, literalStart: literalStart, candidates: candidates)
        }
        matches += matcher.matches
        pending.removeAll(keepingCapacity: true)
    }

    /// Takes the fingerprinted ids of the part that follows (they come after this part's); the
    /// pairs are found among all of them in `finishLookups`.
    func absorb(_ later: AnyObject) {
        guard let later = later as? ExternalIDAnalysis, wantsMatches else { return }
        flush()
        later.flush()
        deferred += later.deferred
        later.deferred = []
        laterScalars.append(later.scalars)
    }

    /// Completes `matches`: looks up what is still pending, and in a split file groups every
    /// part's ids by tag (`TaggedIDs`), the tags dealt over the cores: an id and all its
    /// look-alikes share a fingerprint, so each core finds all pairs of its share.
    func finishLookups() {
        flush()
        guard defersLookups, !deferred.isEmpty else { return }
        let shares = 1 + laterScalars.count
        let chunks = deferred
        deferred = []
        var found = [[Match]](repeating: [], count: shares)
        found.withUnsafeMutableBufferPointer { found in
            let slots = found
            DispatchQueue.concurrentPerform(iterations: shares) { share in
                var matcher = IDMatcher(mode: matchMode, recordsExactDuplicates: recordsExactDuplicates,
                                        scalars: share == 0 ? scalars : laterScalars[share - 1], source: source)
                // Tags are uniform: each share has about its part of the ids.
                var records = TaggedIDs(capacity: chunks.reduce(0) { $0 + $1.count } / shares * 21 / 20 + 1024)
                for chunk in chunks {
                    for record in chunk where Int((UInt64(record.tag) &* UInt64(shares)) >> 32) == share { records.append(record) }
                }
                // Ids with the same tag, in file order: the first is new; each later one is new
                // unless the matcher finds it equal to one of the new ones before it.
                records.forEachGroupOfEqualTags { group in
                    var candidates = [(offset: group[0].literalStart, item: Int(group[0].item))]
                    for record in group.dropFirst()
                    where matcher.resolve(item: Int(record.item), literalStart: record.literalStart, candidates: candidates) {
                        candidates.append((record.literalStart, Int(record.item)))
                    }
                }
                slots[share] = matcher.matches
            }
        }
        matches += found.joined()
    }

    /// The fingerprint of an id's table key (its skeleton or NFC form), hashed as it is produced.
    private func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>, isNFC: Bool) -> UInt64 {
        if !keyBySkeleton {
            if isNFC || matchMode == .exact { return StreamHash.of(bytes) }
            return NFCCheck.nfc(bytes).withUnsafeBufferPointer(StreamHash.of)
        }
        var hasher = StreamHash()
        if Self.hashSkeleton(bytes, into: &hasher, table: scalars, scratch: &scratch) { return hasher.finish() }
        return Self.key(bytes, isNFC: isNFC, mode: matchMode, table: scalars).withUnsafeBufferPointer(StreamHash.of)
    }

    /// The table key of an id: its confusable skeleton, its NFC form, or its bytes.
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, isNFC: Bool, mode: MatchMode, table: UnicodeScalarTable) -> [UInt8] {
        if mode == .skeleton {
            var out: [UInt8] = []
            if appendSkeleton(bytes, to: &out, table: table) { return out }
            return Array(ICU.confusableSkeleton(String(decoding: bytes, as: UTF8.self)).utf8)
        }
        return isNFC || mode == .exact ? Array(bytes) : NFCCheck.nfc(bytes)
    }

    /// The UTS #39 skeleton of `bytes` from per-scalar skeletons: skeleton(s) = NFD(concatenation
    /// of the prototypes of NFD(s)'s scalars), which is the concatenation of the single scalars'
    /// skeletons when every piece starts with a starter (nothing reorders across the joins). Returns
    /// false when that does not hold; the caller then asks ICU for the whole string.
    static func appendSkeleton(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], table: UnicodeScalarTable) -> Bool {
        var sink = SkeletonSink.bytes([])
        guard walkSkeleton(bytes, table: table, into: &sink), case .bytes(let produced) = sink else { return false }
        out.append(contentsOf: produced)
        return true
    }

    /// Bytes of ASCII skeleton hashed at a time.
    static let skeletonPiece = 1 << 16

    /// `appendSkeleton`, hashing instead of collecting. `scratch` holds a piece of the skeleton of
    /// the ASCII prefix whose bytes all have one-byte skeletons (usually the whole id).
    static func hashSkeleton(_ bytes: UnsafeBufferPointer<UInt8>, into hasher: inout StreamHash, table: UnicodeScalarTable,
                             scratch: inout [UInt8]) -> Bool {
        let ascii = ASCIIUnicode.singleByteSkeletons
        // The ASCII skeleton is hashed a piece at a time: a 256 MB id needs no 256 MB buffer.
        let piece = min(bytes.count, skeletonPiece)
        if scratch.count < piece { scratch = [UInt8](repeating: 0, count: max(piece, min(2 * scratch.count, skeletonPiece))) }
        let mapped: Int = ascii.withUnsafeBufferPointer { ascii in
            scratch.withUnsafeMutableBufferPointer { out in
                var index = 0
                var stopped = false
                while index < bytes.count, !stopped {
                    let start = index
                    let end = min(bytes.count, start + out.count)
                    while index < end {
                        let byte = bytes[index]
                        let skeleton = byte < 0x80 ? ascii[Int(byte)] : 0
                        guard skeleton != 0 else {
                            stopped = true
                            break
                        }
                        out[index - start] = skeleton
                        index += 1
                    }
                    hasher.append(UnsafeBufferPointer(rebasing: out[0..<(index - start)]))
                }
                return index
            }
        }
        if mapped == bytes.count { return true }
        var sink = SkeletonSink.hash(hasher)
        guard walkSkeleton(UnsafeBufferPointer(rebasing: bytes[mapped...]), table: table, into: &sink),
              case .hash(let finished) = sink else { return false }
        hasher = finished
        return true
    }

    enum SkeletonSink {
        case bytes([UInt8])
        case hash(StreamHash)

        mutating func append(_ bytes: some Collection<UInt8>) {
            switch self {
            case .bytes(var out):
                self = .bytes([])
                out.append(contentsOf: bytes)
                self = .bytes(out)
            case .hash(var hasher):
                for byte in bytes { hasher.append(byte) }
                self = .hash(hasher)
            }
        }
    }

    private static func walkSkeleton(_ bytes: UnsafeBufferPointer<UInt8>, table: UnicodeScalarTable, into sink: inout SkeletonSink) -> Bool {
        let ascii = ASCIIUnicode.skeletons
        guard ASCIIUnicode.skeletonsAppendable else { return false }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                sink.append(ascii.pool[Int(ascii.offsets[Int(byte)])..<Int(ascii.offsets[Int(byte) + 1])])
                index += 1
                continue
            }
            let (scalar, length) = UTF8Scalars.decode(bytes, at: index)
            let (skeleton, appendable) = table.skeleton(scalar)
            guard appendable else { return false }
            sink.append(skeleton)
            index += length
        }
        return true
    }

    /// The decoded id whose literal starts at `offset`, read with `ByteStorage.copy` rather than
    /// through the mapping: the table confirms its candidates after streaming, at scattered
    /// offsets whose pages are gone.
    static func readStringFromFile(at offset: Int, in source: SourceFile) -> [UInt8]? {
        var length = 256
        while true {
            let wanted = min(length, source.count - offset)
            guard wanted >= 2 else { return nil }
            var chunk = [UInt8](repeating: 0, count: wanted)
            guard chunk.withUnsafeMutableBytes({ source.storage.copy(into: $0, at: offset) }) == wanted, chunk[0] == 0x22 else { return nil }
            let decoded: [UInt8]? = chunk.withUnsafeBufferPointer { chunk in
                JSONString.closingQuote(chunk, from: 1).map { JSONString.decodeBytes(chunk, literalStart: 0, literalEnd: $0 + 1) }
            }
            if let decoded { return decoded }
            if wanted < length { return nil }
            length *= 4
        }
    }

    /// Reads the JSON string literal starting at `offset` (its opening quote) again from the file.
    static func readString(at offset: Int, in source: SourceFile) -> (ByteRange, [UInt8])? {
        let bytes = source.bytes
        guard offset < bytes.count, bytes[offset] == 0x22, let index = JSONString.closingQuote(bytes, from: offset + 1) else { return nil }
        let literal = ByteRange(start: offset, end: index + 1)
        return (literal, JSONString.decodeBytes(bytes, literalStart: offset, literalEnd: index + 1))
    }
}

/// Decides what an id whose fingerprint tag is already in the table is: the same id again (M110),
/// the same after NFC (M111) or a look-alike (M112), by reading the ids back from the file. One
/// per thread: it asks the thread's own `UnicodeScalarTable`.
struct IDMatcher {
    let mode: ExternalIDAnalysis.MatchMode
    let recordsExactDuplicates: Bool
    let scalars: UnicodeScalarTable
    let source: SourceFile
    var matches: [ExternalIDAnalysis.Match] = []

    init(mode: ExternalIDAnalysis.MatchMode, recordsExactDuplicates: Bool, scalars: UnicodeScalarTable, source: SourceFile) {
        self.mode = mode
        self.recordsExactDuplicates = recordsExactDuplicates
        self.scalars = scalars
        self.source = source
    }

    /// Confirms the candidates of an id against the file; returns whether the id is new (to be
    /// entered in the table), recording an M110, M111 or M112 finding.
    mutating func resolve(item: Int, literalStart: Int, candidates: [(offset: Int, item: Int)]) -> Bool {
        guard let current = ExternalIDAnalysis.readStringFromFile(at: literalStart, in: source) else { return true }
        let currentIsNFC = current.withUnsafeBufferPointer { NFCCheck.isNFC($0, table: scalars) }
        let currentKey = current.withUnsafeBufferPointer { key($0, isNFC: currentIsNFC) }
        var currentNFC: [UInt8]?
        var normalizationDuplicate: (offset: Int, item: Int)?
        var confusable: (offset: Int, item: Int)?
        for (offset, firstItem) in candidates {
            guard let earlier = earlier(at: offset) else { continue }
            let earlierIsNFC = earlier.withUnsafeBufferPointer { NFCCheck.isNFC($0, table: scalars) }
            guard earlier.withUnsafeBufferPointer({ key($0, isNFC: earlierIsNFC) }) == currentKey else { continue }
            // Byte-identical: M110's finding (an empty id is M115's); the first one is in the table.
            if earlier == current {
                if recordsExactDuplicates, !current.isEmpty {
                    matches.append(.init(kind: .exactDuplicate, item: item, literalStart: literalStart, firstStart: offset, firstItem: firstItem))
                }
                return false
            }
            if mode != .skeleton {
                normalizationDuplicate = normalizationDuplicate ?? (offset, firstItem)
                continue
            }
            let nfc = currentNFC ?? (currentIsNFC ? current : NFCCheck.nfc(current))
            currentNFC = nfc
            if (earlierIsNFC ? earlier : NFCCheck.nfc(earlier)) == nfc {
                normalizationDuplicate = normalizationDuplicate ?? (offset, firstItem)
            } else {
                confusable = confusable ?? (offset, firstItem)
            }
        }
        if let first = normalizationDuplicate {
            matches.append(.init(kind: .normalizationDuplicate, item: item, literalStart: literalStart, firstStart: first.offset, firstItem: first.item))
        } else if let first = confusable {
            matches.append(.init(kind: .confusable, item: item, literalStart: literalStart, firstStart: first.offset, firstItem: first.item))
        }
        return true
    }

    private func key(_ bytes: UnsafeBufferPointer<UInt8>, isNFC: Bool) -> [UInt8] {
        ExternalIDAnalysis.key(bytes, isNFC: isNFC, mode: mode, table: scalars)
    }

    /// The earlier id of a candidate; the last one read is kept, since a repeated id meets the
    /// same first occurrence again and again.
    private var lastEarlier: (offset: Int, bytes: [UInt8])? = nil

    private mutating func earlier(at offset: Int) -> [UInt8]? {
        if let lastEarlier, lastEarlier.offset == offset { return lastEarlier.bytes }
        guard let bytes = ExternalIDAnalysis.readStringFromFile(at: offset, in: source) else { return nil }
        lastEarlier = (offset, bytes)
        return bytes
    }
}

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

/// The common shape of the external-id Unicode rules: they remember the file's shared analysis
/// (owned by the `LintContext`, which outlives the rule instances' use of it).
protocol ExternalIDRule: Rule {
    var idAnalysis: SharedAnalysisLink<ExternalIDAnalysis> { get set }
    /// What the rule needs the analysis to look for (M111, M112).
    static func matchMode(in context: LintContext) -> ExternalIDAnalysis.MatchMode
}

extension ExternalIDRule {
    /// These rules share the file's id analysis: the engine calls them only for items whose id
    /// needs a closer look (M111 and M112 report from the analysis' table when the file is done).
    public func itemInterest(context: LintContext) -> ItemInterest {
        let analysis = context.shared(ExternalIDAnalysis.self) { ExternalIDAnalysis(context: context) }
        if idAnalysis.object == nil {
            idAnalysis = SharedAnalysisLink(analysis, state: analysis.itemState)
            analysis.enable(Self.matchMode(in: context))
        }
        return .gated(analysis.itemState)
    }

    /// The analysis of item `index`, or nil when the item has nothing for these rules.
    func analysis(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) -> ExternalIDAnalysis? {
        if idAnalysis.isQuiet(index) { return nil }
        let analysis = idAnalysis.object ?? context.shared(ExternalIDAnalysis.self) { ExternalIDAnalysis(context: context) }
        if idAnalysis.object == nil {
            idAnalysis = SharedAnalysisLink(analysis, state: analysis.itemState)
            analysis.enable(Self.matchMode(in: context))
        }
        if analysis.itemIndex != index { analysis.analyze(item: item, at: index, in: tree) }
        return analysis.itemState.pointee.needsAttention ? analysis : nil
    }
}

/// The two ids of an M111 or M112 finding, read back from the file.
struct ExternalIDPair {
    var range: ByteRange
    var text: [UInt8]
    var firstRange: ByteRange
    var firstText: [UInt8]
    var pointer: String
    var isNFC: Bool

    init?(_ match: ExternalIDAnalysis.Match, in file: SourceFile) {
        guard let (range, text) = ExternalIDAnalysis.readString(at: match.literalStart, in: file),
              let (firstRange, firstText) = ExternalIDAnalysis.readString(at: match.firstStart, in: file) else { return nil }
        self.range = range
        self.text = text
        self.firstRange = firstRange
        self.firstText = firstText
        pointer = "/\(match.item)/externalId"
        isNFC = text.withUnsafeBufferPointer { ICU.isNFC(utf8: $0) }
    }

    var shown: String { ScalarNames.quoted(String(decoding: text, as: UTF8.self)) }
    var firstShown: String { ScalarNames.quoted(String(decoding: firstText, as: UTF8.self)) }
}

extension ExternalIDRule {
    static func matchMode(in context: LintContext) -> ExternalIDAnalysis.MatchMode { .none }
}

/// M111 and M112 findings come from one table per file, kept by M112 when it is active (its
/// skeleton key finds both kinds of pair) and by M111 otherwise; the keeper reports both rules'
/// findings. So a file whose rules are split between two threads still builds one table, and the
/// findings do not depend on how the rules were grouped.
enum ExternalIDPairs {
    static func report(_ analysis: ExternalIDAnalysis, context: LintContext) {
        analysis.finishLookups()
        for match in analysis.matches {
            guard let pair = ExternalIDPair(match, in: context.file) else { continue }
            switch match.kind {
            case .exactDuplicate:
                continue  // M110 reports its own
            case .normalizationDuplicate:
                let form = pair.isNFC ? "this one is NFC, the other is not" : "this one is not NFC"
                context.report(ExternalIDNormalizationDuplicate.self,
                               "externalId \(pair.shown) equals \(pair.firstShown) after Unicode NFC normalization (\(form)): tools that normalize text treat them as one id, so exports and round trips mix up the two assets; use one spelling",
                               at: pair.range, pointer: pair.pointer,
                               related: [RelatedLocation(message: "the same id in another normalization form", range: pair.firstRange)])
            case .confusable:
                let difference = ExternalIDText.difference(pair.text, pair.firstText).map { ": this one has \($0)" } ?? ""
                context.report(ExternalIDConfusable.self,
                               "externalId \(pair.shown) looks like \(pair.firstShown) (same confusable skeleton)\(difference); people searching and reviewing by id will mix them up; rename one of them",
                               at: pair.range, pointer: pair.pointer,
                               related: [RelatedLocation(message: "the id it can be confused with", range: pair.firstRange)])
            }
        }
    }
}

/// Shared helpers of the external-id Unicode rules.
enum ExternalIDText {
    /// Where scalars `a` and `b` differ, as `'1' (U+0031 DIGIT ONE) where it has 'l' (U+006C …)`.
    static func difference(_ a: [UInt8], _ b: [UInt8]) -> String? {
        let left = Array(String(decoding: a, as: UTF8.self).unicodeScalars)
        let right = Array(String(decoding: b, as: UTF8.self).unicodeScalars)
        var prefix = 0
        while prefix < left.count, prefix < right.count, left[prefix] == right[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < left.count - prefix, suffix < right.count - prefix,
              left[left.count - 1 - suffix] == right[right.count - 1 - suffix] { suffix += 1 }
        let mine = left[prefix..<(left.count - suffix)]
        let theirs = right[prefix..<(right.count - suffix)]
        guard mine.count <= 4, theirs.count <= 4, !(mine.isEmpty && theirs.isEmpty) else { return nil }
        return "\(describe(mine)) where it has \(describe(theirs))"
    }

    static func describe(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        if scalars.isEmpty { return "nothing" }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        let names = scalars.map { ScalarNames.describe($0.value) }.joined(separator: ", ")
        return "\(ScalarNames.quoted(text)) (\(names))"
    }

    static func examples(_ ids: String...) -> String {
        "[\n" + ids.enumerated().map { #"  {"data": "https://storage.googleapis.com/my-bucket/\#($0.offset + 1).jpg", "externalId": "\#($0.element)"}"# }
            .joined(separator: ",\n") + "\n]"
    }
}
