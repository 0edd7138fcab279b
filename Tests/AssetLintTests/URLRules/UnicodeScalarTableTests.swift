import XCTest
@testable import AssetLint

/// The per-scalar shortcuts agree with ICU.
final class UnicodeScalarTableTests: XCTestCase {
    /// Every scalar that can follow another in a canonical decomposition (the only ones NFC may
    /// compose with what precedes them) and every scalar that is not NFC on its own must be
    /// non-inert: then a string of inert scalars is NFC, and normalization never crosses the
    /// boundary before an inert scalar. Checked over all of Unicode with ICU's NFD.
    func testNFCInertCriterionAgainstEveryCanonicalDecomposition() {
        var followers: Set<UInt32> = []
        var notNFCAlone: [UInt32] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            let decomposed = Array(ICU.nfd(text).unicodeScalars)
            if decomposed.count > 1 { decomposed.dropFirst().forEach { followers.insert($0.value) } }
            if decomposed.count > 1 || decomposed.first != scalar {
                if !ICU.isNFC(text) { notNFCAlone.append(value) }
            }
        }
        XCTAssertGreaterThan(followers.count, 100)
        for value in followers {
            XCTAssertFalse(UnicodeScalarTable.isNFCInert(value), "U+\(String(value, radix: 16)) composes with what precedes it")
        }
        for value in notNFCAlone {
            XCTAssertFalse(UnicodeScalarTable.isNFCInert(value), "U+\(String(value, radix: 16)) is not NFC")
        }
        // The common letters of names stay on the fast path.
        for text in ["é", "ü", "ß", "東", "京", "한", "ж", "α", "ş", "ø"] {
            XCTAssertTrue(UnicodeScalarTable.isNFCInert(text.unicodeScalars.first!.value), text)
        }
    }

    func testNFCCheckAndChangedRunsAgreeWithICU() {
        let table = UnicodeScalarTable()
        let samples = ["café", "cafe\u{301}", "crème brûlée", "cre\u{300}me", "東京", "\u{1112}\u{1161}\u{11AB}", "한국",
                       "a\u{323}\u{301}", "a\u{301}\u{323}", "\u{212B}ngström", "ॐ नमः", "q\u{307}\u{323}", "x"]
        for text in samples {
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { NFCCheck.isNFC($0, table: table) }
            XCTAssertEqual(fast, ICU.isNFC(text), text)
            let runs = bytes.withUnsafeBufferPointer { NFCCheck.changedRuns($0, table: table) }
            // Normalizing only the runs gives the NFC of the whole string.
            var rebuilt: [UInt8] = []
            var cursor = 0
            for run in runs {
                rebuilt += bytes[cursor..<run.lowerBound]
                rebuilt += NFCCheck.nfc(bytes[run])
                cursor = run.upperBound
            }
            rebuilt += bytes[cursor...]
            XCTAssertEqual(String(decoding: rebuilt, as: UTF8.self), ICU.nfc(text), text)
            XCTAssertEqual(runs.isEmpty, ICU.isNFC(text), text)
        }
    }

    /// An id longer than the hashing piece hashes as its whole skeleton does, wherever its
    /// non-ASCII part starts, and the scratch buffer stays one piece long.
    func testLongIdsAreHashedPieceByPiece() {
        let table = UnicodeScalarTable()
        let piece = ExternalIDTable.skeletonPiece
        for asciiLength in [piece - 1, piece, piece + 1, 3 * piece + 17] {
            for tail in ["", "caf\u{E9}", "1l\u{0430}"] {
                let text = String(repeating: "a1-", count: asciiLength / 3 + 1).prefix(asciiLength) + tail
                var out: [UInt8] = []
                XCTAssertTrue(Array(text.utf8).withUnsafeBufferPointer { ExternalIDTable.appendSkeleton($0, to: &out, table: table) })
                var hasher = StreamHash()
                var scratch: [UInt8] = []
                XCTAssertTrue(Array(text.utf8).withUnsafeBufferPointer { ExternalIDTable.hashSkeleton($0, into: &hasher, table: table, scratch: &scratch) })
                XCTAssertEqual(hasher.finish(), out.withUnsafeBufferPointer(StreamHash.of), "\(asciiLength) + \(tail)")
                XCTAssertLessThanOrEqual(scratch.count, piece)
            }
        }
    }

    /// The skeleton built from cached per-scalar skeletons is ICU's skeleton of the whole string,
    /// or the shortcut declines.
    func testConcatenatedSkeletonsAreICUs() {
        let table = UnicodeScalarTable()
        let samples = ["paypal", "paypa1", "scan-а", "Ⅰmage", "ﬁle", "café", "cafe\u{301}", "東京", "ℌello", "𝐀𝐁𝐂", "x\u{323}\u{301}",
                       "ǅ", "㎏", "%20", "\"quoted\"", "rn", "m", "한", "\u{0F73}", "a\u{0F73}", "Å", "Å"]
        var declined = 0
        for text in samples {
            var out: [UInt8] = []
            let ok = Array(text.utf8).withUnsafeBufferPointer { ExternalIDTable.appendSkeleton($0, to: &out, table: table) }
            if ok {
                XCTAssertEqual(String(decoding: out, as: UTF8.self), ICU.confusableSkeleton(text), text)
                var hasher = StreamHash()
                var scratch: [UInt8] = []
                XCTAssertTrue(Array(text.utf8).withUnsafeBufferPointer { ExternalIDTable.hashSkeleton($0, into: &hasher, table: table, scratch: &scratch) })
                XCTAssertEqual(hasher.finish(), out.withUnsafeBufferPointer(StreamHash.of), text)
            } else {
                declined += 1
            }
        }
        XCTAssertLessThanOrEqual(declined, 4, "only strings with combining marks take ICU's whole-string path")
    }

    func testFingerprintDoesNotDependOnChunking() {
        let bytes = Array("asset-00000001-東京-crème".utf8)
        let whole = bytes.withUnsafeBufferPointer(StreamHash.of)
        for split in 0...bytes.count {
            var hasher = StreamHash()
            bytes[..<split].forEach { hasher.append($0) }
            bytes.withUnsafeBufferPointer { hasher.append(UnsafeBufferPointer(rebasing: $0[split...])) }
            XCTAssertEqual(hasher.finish(), whole, "split at \(split)")
        }
        XCTAssertNotEqual(Array("ab".utf8).withUnsafeBufferPointer(StreamHash.of), Array("ab\0".utf8).withUnsafeBufferPointer(StreamHash.of))
    }

    func testFingerprintTableFindsEveryEntryAfterGrowth() {
        for wide in [false, true] {
            var table = CandidateTable(wide: wide, capacity: 8)
            var fingerprints: [UInt64] = []
            for index in 0..<10_000 {
                let fingerprint = Array("id-\(index)".utf8).withUnsafeBufferPointer(StreamHash.of)
                fingerprints.append(fingerprint)
                table.insert(fingerprint, offset: index * 7, item: index)
            }
            for (index, fingerprint) in fingerprints.enumerated() {
                var found: [Int] = []
                table.forEachCandidate(fingerprint) { offset, item in if item == index { found.append(offset) } }
                XCTAssertTrue(found.contains(index * 7), "\(index) wide: \(wide)")
            }
        }
    }
}
