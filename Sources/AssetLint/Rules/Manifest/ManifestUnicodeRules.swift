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
/// process. Non-ASCII ids go scalar by scalar through `UnicodeScalarTable`, which asks ICU once per
/// distinct scalar; ICU sees a whole id only when a scalar is not normalization-inert or its
/// skeleton cannot be concatenated.
///
/// Memory: uniqueness keeps one 8-byte slot per distinct id (a 32-bit fingerprint tag and the
/// 32-bit offset of the id in the file; 16 bytes for files over 4 GiB), never the strings. A
/// candidate with the same tag is confirmed by reading the earlier id again from the file and
/// recomputing its normalization and skeleton.
final class ExternalIDAnalysis {
    enum Match {
        /// Equal to an earlier, different id after NFC (M111).
        case normalizationDuplicate(first: ByteRange, firstText: [UInt8])
        /// Same confusable skeleton as an earlier id that is different even after NFC (M112).
        case confusable(first: ByteRange, firstText: [UInt8])
    }

    private(set) var itemIndex = -1
    /// The current item's `externalId` string, or `JSONNode.none`.
    private(set) var node: JSONTree.Index = JSONNode.none
    private(set) var isNFC = true
    /// A control, bidi-control, zero-width or unassigned character (M114's candidates).
    private(set) var mayHaveInvisible = false
    private(set) var match: Match?

    let scalars: UnicodeScalarTable
    private let wantsMatches: Bool
    /// M112 is active: the table is keyed by confusable skeleton (equal NFC forms have equal
    /// skeletons, so M111 finds its pairs there too); otherwise by NFC form.
    private let keyBySkeleton: Bool
    private var table: FingerprintTable
    private var key: [UInt8] = []
    private var otherKey: [UInt8] = []
    private let source: SourceFile

    init(context: LintContext) {
        scalars = context.shared(UnicodeScalarTable.self) { UnicodeScalarTable() }
        keyBySkeleton = context.isActive(ExternalIDConfusable.metadata.id)
        wantsMatches = keyBySkeleton || context.isActive(ExternalIDNormalizationDuplicate.metadata.id)
        table = FingerprintTable(wide: context.file.count >= Int(UInt32.max) - 1)
        source = context.file
        key.reserveCapacity(64)
    }

    static func prepare(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) -> ExternalIDAnalysis {
        let analysis = context.shared(ExternalIDAnalysis.self) { ExternalIDAnalysis(context: context) }
        if analysis.itemIndex != index { analysis.analyze(item: item, at: index, in: tree) }
        return analysis
    }

    /// The decoded bytes of the current id.
    func text(in tree: JSONTree) -> [UInt8] { Self.decoded(node, in: tree) }

    static func decoded(_ node: JSONTree.Index, in tree: JSONTree) -> [UInt8] {
        let value = tree[node]
        return value.flags.contains(.escaped)
            ? JSONString.decodeBytes(tree.source.bytes, literalStart: value.start, literalEnd: value.end)
            : Array(tree.rawStringContent(node))
    }

    private func analyze(item: JSONTree.Index, at index: Int, in tree: JSONTree) {
        itemIndex = index
        node = JSONNode.none
        isNFC = true
        mayHaveInvisible = false
        match = nil
        guard item != JSONNode.none, tree[item].kind == .object, let id = tree.member("externalId", of: item),
              tree[id].kind == .string else { return }
        node = id
        let value = tree[id]
        if value.flags.contains(.escaped) {
            let bytes = Self.decoded(id, in: tree)
            bytes.withUnsafeBufferPointer { examine($0, mayBeNonASCII: value.flags.contains(.nonASCII), literalStart: value.start) }
        } else {
            examine(tree.rawStringContent(id), mayBeNonASCII: value.flags.contains(.nonASCII), literalStart: value.start)
        }
    }

    private func examine(_ bytes: UnsafeBufferPointer<UInt8>, mayBeNonASCII: Bool, literalStart: Int) {
        if mayBeNonASCII {
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
            if !allInert { isNFC = ICU.isNFC(utf8: bytes) }
        } else {
            for byte in bytes where byte < 0x20 || byte == 0x7F {
                mayHaveInvisible = true
                break
            }
        }
        guard wantsMatches else { return }
        findMatch(bytes, literalStart: literalStart)
    }

    // MARK: - M111 and M112

    private func findMatch(_ bytes: UnsafeBufferPointer<UInt8>, literalStart: Int) {
        computeKey(bytes, isNFC: isNFC, into: &key)
        let fingerprint = key.withUnsafeBufferPointer(Fingerprint.of)
        var exactDuplicate = false
        var normalizationDuplicate: (ByteRange, [UInt8])?
        var confusable: (ByteRange, [UInt8])?
        var currentNFC: [UInt8]?
        table.forEachCandidate(fingerprint) { offset in
            guard !exactDuplicate, let (literal, earlier) = Self.readString(at: offset, in: source) else { return }
            let earlierIsNFC = earlier.withUnsafeBufferPointer { NFCCheck.isNFC($0, table: scalars) }
            earlier.withUnsafeBufferPointer { computeKey($0, isNFC: earlierIsNFC, into: &otherKey) }
            guard otherKey == key else { return }  // a fingerprint collision
            if earlier.elementsEqual(bytes) {
                exactDuplicate = true  // M110's finding, reported with the first occurrence
                return
            }
            if !keyBySkeleton {
                if normalizationDuplicate == nil { normalizationDuplicate = (literal, earlier) }
                return
            }
            let nfc = currentNFC ?? (isNFC ? Array(bytes) : NFCCheck.nfc(bytes))
            currentNFC = nfc
            let earlierNFC = earlierIsNFC ? earlier : NFCCheck.nfc(earlier)
            if earlierNFC == nfc {
                if normalizationDuplicate == nil { normalizationDuplicate = (literal, earlier) }
            } else if confusable == nil {
                confusable = (literal, earlier)
            }
        }
        if exactDuplicate { return }
        if let (first, text) = normalizationDuplicate {
            match = .normalizationDuplicate(first: first, firstText: text)
        } else if let (first, text) = confusable {
            match = .confusable(first: first, firstText: text)
        }
        table.insert(fingerprint, offset: literalStart)
    }

    /// The table key of an id: its confusable skeleton, or its NFC form.
    private func computeKey(_ bytes: UnsafeBufferPointer<UInt8>, isNFC: Bool, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        if keyBySkeleton {
            if !Self.appendSkeleton(bytes, to: &out, table: scalars) {
                out.removeAll(keepingCapacity: true)
                out.append(contentsOf: ICU.confusableSkeleton(String(decoding: bytes, as: UTF8.self)).utf8)
            }
        } else if isNFC {
            out.append(contentsOf: bytes)
        } else {
            out.append(contentsOf: NFCCheck.nfc(bytes))
        }
    }

    /// The UTS #39 skeleton of `bytes` from per-scalar skeletons: skeleton(s) = NFD(concatenation
    /// of the prototypes of NFD(s)'s scalars), which is the concatenation of the single scalars'
    /// skeletons when every piece starts with a starter (nothing reorders across the joins). Returns
    /// false when that does not hold; the caller then asks ICU for the whole string.
    static func appendSkeleton(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], table: UnicodeScalarTable) -> Bool {
        let ascii = ASCIIUnicode.skeletons
        guard ASCIIUnicode.skeletonsAppendable else { return false }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                let start = Int(ascii.offsets[Int(byte)]), end = Int(ascii.offsets[Int(byte) + 1])
                if end - start == 1 { out.append(ascii.pool[start]) } else { out.append(contentsOf: ascii.pool[start..<end]) }
                index += 1
                continue
            }
            let (scalar, length) = UTF8Scalars.decode(bytes, at: index)
            let (skeleton, appendable) = table.skeleton(scalar)
            guard appendable else { return false }
            out.append(contentsOf: skeleton)
            index += length
        }
        return true
    }

    /// Reads the JSON string literal starting at `offset` (its opening quote) again from the file.
    static func readString(at offset: Int, in source: SourceFile) -> (ByteRange, [UInt8])? {
        let bytes = source.bytes
        guard offset < bytes.count, bytes[offset] == 0x22 else { return nil }
        var index = offset + 1
        while index < bytes.count, bytes[index] != 0x22 {
            index += bytes[index] == 0x5C ? 2 : 1
        }
        guard index < bytes.count else { return nil }
        let literal = ByteRange(start: offset, end: index + 1)
        return (literal, JSONString.decodeBytes(bytes, literalStart: offset, literalEnd: index + 1))
    }
}

/// An open-addressing set of fingerprints with the file offset of the first id that had each,
/// linear probing, power-of-two capacity. A slot is `tag << 32 | (offset + 1)` (0 = empty), the
/// tag being the fingerprint's high 32 bits, which also choose the slot, so the table can grow
/// without the full fingerprints. Files of 4 GiB and more use two words per slot.
struct FingerprintTable {
    private var slots: [UInt64]
    private let wide: Bool
    private var count = 0
    private var mask: Int

    init(wide: Bool, capacity: Int = 1024) {
        self.wide = wide
        mask = capacity - 1
        slots = [UInt64](repeating: 0, count: wide ? capacity * 2 : capacity)
    }

    private var capacity: Int { mask + 1 }

    func forEachCandidate(_ fingerprint: UInt64, _ body: (Int) -> Void) {
        let tag = fingerprint >> 32
        var slot = Int(truncatingIfNeeded: tag) & mask
        while true {
            let (entryTag, offset) = entry(slot)
            guard let offset else { return }
            if entryTag == tag { body(offset) }
            slot = (slot + 1) & mask
        }
    }

    mutating func insert(_ fingerprint: UInt64, offset: Int) {
        if (count + 1) * 4 > capacity * 3 { grow() }
        place(fingerprint >> 32, offset)
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

    private mutating func place(_ tag: UInt64, _ offset: Int) {
        var slot = Int(truncatingIfNeeded: tag) & mask
        while entry(slot).offset != nil { slot = (slot + 1) & mask }
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
        for slot in 0...old.mask {
            let (tag, offset) = old.entry(slot)
            if let offset { place(tag, offset) }
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
