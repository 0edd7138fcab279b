import Dispatch

/// The per-file table behind M110, M111 and M112: every distinct `externalId` of the manifest,
/// by fingerprint, with its first occurrence.
///
/// Cost on the common case: an ASCII id's confusable skeleton (for M112) comes from a per-byte
/// table ICU filled once per process, hashed as it is produced. Non-ASCII ids go scalar by scalar
/// through `UnicodeScalarTable`, which asks ICU once per distinct scalar; ICU sees a whole id only
/// when a scalar's skeleton cannot be concatenated.
///
/// Memory: uniqueness keeps one 8-byte slot per distinct id (a 32-bit fingerprint tag and the
/// 32-bit offset of the id in the file; 16 bytes for files over 4 GiB), never the strings. A
/// candidate with the same tag is confirmed by reading both ids again from the file and
/// recomputing their normalization and skeleton. Table lookups are made in batches, all slots of a
/// batch loaded before any is used, so that the cache misses of a table far bigger than the cache
/// overlap instead of queueing; M110, M111 and M112 therefore report when the file is finished.
final class ExternalIDTable: PartMergeable {
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

    // Read and written for every item: no dynamic exclusivity checks (one thread per file or part).
    /// M110, M111 and M112 findings, complete after `finishLookups()`.
    @exclusivity(unchecked) private(set) var matches: [Match] = []

    let scalars: UnicodeScalarTable
    /// What the active rules look for: with M112 the table is keyed by confusable skeleton (equal
    /// NFC forms and equal ids have equal skeletons, so M111 and M110 find their pairs there too),
    /// with M111 by NFC form, with M110 alone by the id's bytes, with none of them there is no
    /// table at all. Every distinct id is entered once, so the table also knows each id's first
    /// occurrence.
    enum MatchMode: Int, Comparable {
        case none, exact, normalization, skeleton
        static func < (lhs: MatchMode, rhs: MatchMode) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    let matchMode: MatchMode
    /// Whether byte-identical ids are recorded as matches (M110 is active).
    private let recordsExactDuplicates: Bool
    private var keyBySkeleton: Bool { matchMode == .skeleton }
    /// The item whose id was entered last: M110, M111 and M112 all enter each item's id, once.
    @exclusivity(unchecked) private var enteredItem = -1
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
    /// The ids longer than `CheckedPrefix.limit`, in file order: they are compared with the others
    /// byte for byte only, which M111 or M112 says on each of them.
    @exclusivity(unchecked) private(set) var overlongIDs: [(item: Int, literalStart: Int, length: Int)] = []

    init(context: LintContext) {
        scalars = context.scalars
        source = context.file
        recordsExactDuplicates = context.isActive(ExternalIDDuplicate.metadata.id)
        matchMode = context.isActive(ExternalIDConfusable.metadata.id) ? .skeleton
            : context.isActive(ExternalIDNormalizationDuplicate.metadata.id) ? .normalization
            : recordsExactDuplicates ? .exact : .none
        defersLookups = context.part != nil
        // A later part of a split file defers its lookups to the first part's table.
        let capacity = matchMode == .none || defersLookups ? 16 : CandidateTable.capacity(forFileSize: source.count)
        table = CandidateTable(wide: source.count >= Int(UInt32.max) - 1, capacity: capacity)
        pending.reserveCapacity(Self.batchSize)
    }

    static func of(_ context: LintContext) -> ExternalIDTable {
        context.fileState(ExternalIDTable.self) { ExternalIDTable(context: context) }
    }

    /// Enters the `externalId` of item number `index` (the root of `tree`), when it is a string:
    /// what M110, M111 and M112 do on each item.
    func enter(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard enteredItem != index, matchMode != .none else { return }
        enteredItem = index
        guard tree[item].kind == .object, let id = context.itemMembers.members(of: item, at: index, in: tree)[.externalId],
              tree[id].kind == .string else { return }
        ManifestText.withDecodedBytes(id, in: tree) { bytes in
            let isNFC = bytes.count > CheckedPrefix.limit || NFCCheck.isNFC(bytes, table: scalars)
            enter(bytes, isNFC: isNFC, item: index, literalStart: tree[id].start)
        }
    }

    /// Enters the id of an item from its facts, as `enter(item:)` would.
    func enter(_ facts: ItemFacts) {
        guard enteredItem != facts.index, matchMode != .none else { return }
        enteredItem = facts.index
        guard let id = facts.externalID else { return }
        // The signal may be raised for an id that is NFC after all: only its absence is certain.
        let isNFC = !facts.signals.contains(.idNotNFC) || id.count > CheckedPrefix.limit || NFCCheck.isNFC(id, table: scalars)
        enter(id, isNFC: isNFC, item: facts.index, literalStart: facts.externalIDLiteral)
    }

    @inline(__always)
    private func enter(_ bytes: UnsafeBufferPointer<UInt8>, isNFC: Bool, item: Int, literalStart: Int) {
        if bytes.count > CheckedPrefix.limit {
            // Keyed by its bytes: only an equal id (M110) can be its match (`IDMatcher`).
            overlongIDs.append((item, literalStart, bytes.count))
            pending.append((StreamHash.of(bytes), item, literalStart))
        } else {
            pending.append((fingerprint(bytes, isNFC: isNFC), item, literalStart))
        }
        if pending.count >= Self.batchSize { flush() }
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
        guard let later = later as? ExternalIDTable, matchMode != .none else { return }
        flush()
        later.flush()
        deferred += later.deferred
        later.deferred = []
        overlongIDs += later.overlongIDs
        later.overlongIDs = []
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
        let found = Parallel.map(shares) { share in
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
            return matcher.matches
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
            let (scalar, length) = UTF8Decoding.scalarOrReplacement(bytes, at: index)
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

