import XCTest

@testable import AssetLint

/// Each kind of near miss is found in both directions and named; keys that differ in anything
/// else are never offered.
final class NearMissTests: XCTestCase {
    private func bucket(_ keys: [String]) -> ListedBucket {
        var store = ObjectKeyStore()
        for key in keys { store.insert(Array(key.utf8)) }
        return ListedBucket(bucket: BucketName(provider: .s3, name: "b"), listings: [], keys: store)
    }

    private func misses(_ wanted: String, in listed: ListedBucket) -> [(String, [NearMissKind])] {
        listed.nearMisses(of: Array(wanted.utf8)).map { ($0.keyText, $0.kinds) }
    }

    private func assertNearMiss(
        _ wanted: String, listed: String, _ kind: NearMissKind, file: StaticString = #filePath, line: UInt = #line
    ) {
        let found = misses(wanted, in: bucket([listed, "unrelated/other.png"]))
        XCTAssertEqual(found.map(\.0), [listed], "\(wanted) → \(listed)", file: file, line: line)
        XCTAssertEqual(found.first?.1, [kind], "\(wanted) → \(listed)", file: file, line: line)
    }

    func testUnicodeNormalizationBothWays() {
        assertNearMiss("photos/café.jpg", listed: "photos/cafe\u{301}.jpg", .unicodeNormalization)
        assertNearMiss("photos/cafe\u{301}.jpg", listed: "photos/café.jpg", .unicodeNormalization)
    }

    func testPlusAndSpaceBothWays() {
        assertNearMiss("a b.jpg", listed: "a+b.jpg", .plusOrSpace)
        assertNearMiss("a+b.jpg", listed: "a b.jpg", .plusOrSpace)
    }

    func testPercentEncodingBothWays() {
        assertNearMiss("a b.jpg", listed: "a%20b.jpg", .percentEncoding)
        assertNearMiss("a%20b.jpg", listed: "a b.jpg", .percentEncoding)
        assertNearMiss("caf%C3%A9.jpg", listed: "café.jpg", .percentEncoding)
    }

    func testTrailingSpaceAndInvisibleCharacters() {
        assertNearMiss("photo.jpg", listed: "photo.jpg ", .invisibleCharacter)
        assertNearMiss("photo.jpg ", listed: "photo.jpg", .invisibleCharacter)
        assertNearMiss("photo.jpg\t", listed: "photo.jpg", .invisibleCharacter)
        assertNearMiss("photo.jpg", listed: "photo\u{200B}.jpg", .invisibleCharacter)
        assertNearMiss("\u{FEFF}photo.jpg", listed: "photo.jpg", .invisibleCharacter)
        assertNearMiss("東京.jpg\u{3000}", listed: "東京.jpg", .invisibleCharacter)
    }

    func testImageExtensionSpellings() {
        assertNearMiss("img.jpeg", listed: "img.jpg", .imageExtension)
        assertNearMiss("img.jpg", listed: "img.JPG", .imageExtension)
        assertNearMiss("img.JPEG", listed: "img.jpg", .imageExtension)
        assertNearMiss("scan.tif", listed: "scan.tiff", .imageExtension)
    }

    func testLetterCase() {
        assertNearMiss("photos/img_0001.jpg", listed: "photos/IMG_0001.jpg", .letterCase)
        assertNearMiss("Photos/a.png", listed: "photos/a.png", .letterCase)
        assertNearMiss("ÉTÉ/a.png", listed: "été/a.png", .letterCase)
    }

    func testSeveralDifferencesAtOnceAreNamedTogether() {
        let found = misses("photos/img 0001.jpeg", in: bucket(["photos/IMG+0001.JPG"]))
        XCTAssertEqual(found.map(\.0), ["photos/IMG+0001.JPG"])
        XCTAssertEqual(Set(found.first?.1 ?? []), [.plusOrSpace, .imageExtension, .letterCase])
    }

    func testNoFalseNearMiss() {
        let listed = bucket([
            "photos/a.jpg", "photos/b.png", "img.jpg", "scan.tiff", "x y.jpg", "cafe.jpg", "data/2024/01.jpg", "report.pdf",
        ])
        for wanted in [
            "photos/c.jpg", "photos/a.png", "photos/b.jpg", "img.png", "img.gif", "scan.tif.bak", "x-y.jpg", "xy.jpg",
            "café.jpg", "data/2024/1.jpg", "data/2024/01.jpeg.jpg", "report.PDF ", "photos/a.jpg/", "/photos/a.jpg", "",
        ] {
            let found = misses(wanted, in: listed)
            // "report.PDF " is a case and a trailing space away from report.pdf: two differences
            // on a non-image file, found only together; everything else is far.
            if wanted == "report.PDF " {
                XCTAssertEqual(found.map(\.0), ["report.pdf"])
                continue
            }
            XCTAssertEqual(found.map(\.0), [], "\(wanted)")
        }
        // A listed key is not a near miss of itself.
        XCTAssertEqual(misses("photos/a.jpg", in: listed).count, 0)
    }

    func testSeveralCandidatesAreAllNamedUpToTheLimit() {
        let spellings = ["IMG.jpg", "Img.jpg", "iMg.jpg", "IMg.jpg"]
        let found = misses("img.jpg", in: bucket(spellings))
        XCTAssertEqual(found.count, NearMissIndex.limit)
        XCTAssertTrue(found.allSatisfy { spellings.contains($0.0) && $0.1 == [.letterCase] })
        // The closest kind wins: an extension spelled in capitals is found before a case change.
        XCTAssertEqual(misses("img.jpg", in: bucket(["IMG.jpg", "img.JPG"])).map(\.0), ["img.JPG"])
    }

    func testIndexesHoldOnlyKeysTheirNormalizationChanges() {
        let plain = bucket((0..<1000).map { "images/\($0).jpg" })
        let index = NearMissIndex(plain.keys)
        // Every key is already normal: each index is its empty starting table.
        XCTAssertEqual(index.memory, (NearMissKind.allCases.count + 1) * HashSlots().memory)
    }
}
