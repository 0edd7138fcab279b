/// Decides what an id whose fingerprint tag is already in the table is: the same id again (M110),
/// the same after NFC (M111) or a look-alike (M112), by reading the ids back from the file. One
/// per thread: it asks the thread's own `UnicodeScalarTable`.
struct IDMatcher {
    let mode: ExternalIDTable.MatchMode
    let recordsExactDuplicates: Bool
    let scalars: UnicodeScalarTable
    let source: SourceFile
    var matches: [ExternalIDTable.Match] = []

    init(mode: ExternalIDTable.MatchMode, recordsExactDuplicates: Bool, scalars: UnicodeScalarTable, source: SourceFile) {
        self.mode = mode
        self.recordsExactDuplicates = recordsExactDuplicates
        self.scalars = scalars
        self.source = source
    }

    /// Confirms the candidates of an id against the file; returns whether the id is new (to be
    /// entered in the table), recording an M110, M111 or M112 finding.
    mutating func resolve(item: Int, literalStart: Int, candidates: [(offset: Int, item: Int)]) -> Bool {
        guard let current = ExternalIDTable.readStringFromFile(at: literalStart, in: source) else { return true }
        if current.count > CheckedPrefix.limit {
            // Compared byte for byte only (`CheckedPrefix`).
            for (offset, firstItem) in candidates where earlier(at: offset) == current {
                if recordsExactDuplicates {
                    matches.append(.init(kind: .exactDuplicate, item: item, literalStart: literalStart, firstStart: offset, firstItem: firstItem))
                }
                return false
            }
            return true
        }
        let currentIsNFC = current.withUnsafeBufferPointer { NFCCheck.isNFC($0, table: scalars) }
        let currentKey = current.withUnsafeBufferPointer { key($0, isNFC: currentIsNFC) }
        var currentNFC: [UInt8]?
        var normalizationDuplicate: (offset: Int, item: Int)?
        var confusable: (offset: Int, item: Int)?
        for (offset, firstItem) in candidates {
            guard let earlier = earlier(at: offset), earlier.count <= CheckedPrefix.limit else { continue }
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
        ExternalIDTable.key(bytes, isNFC: isNFC, mode: mode, table: scalars)
    }

    /// The earlier id of a candidate; the last one read is kept, since a repeated id meets the
    /// same first occurrence again and again.
    private var lastEarlier: (offset: Int, bytes: [UInt8])? = nil

    private mutating func earlier(at offset: Int) -> [UInt8]? {
        if let lastEarlier, lastEarlier.offset == offset { return lastEarlier.bytes }
        guard let bytes = ExternalIDTable.readStringFromFile(at: offset, in: source) else { return nil }
        lastEarlier = (offset, bytes)
        return bytes
    }
}
