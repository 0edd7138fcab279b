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

/// The near-miss indexes against a brute-force search over every listed key, with each kind's
/// relation written out plainly on strings: what the indexes name must be exactly what the
/// definitions give, up to the limit.
final class NearMissReferenceTests: XCTestCase {
    enum Reference {
        static func nfc(_ key: String) -> String { key.precomposedStringWithCanonicalMapping }

        /// `+` and space are one character for this relation.
        static func plusOrSpace(_ key: String) -> String { key.replacingOccurrences(of: " ", with: "+") }

        static func percentDecoded(_ key: String) -> String {
            var bytes: [UInt8] = []
            let utf8 = Array(key.utf8)
            var index = 0
            while index < utf8.count {
                if utf8[index] == 0x25, index + 2 < utf8.count, let value = UInt8(String(decoding: utf8[(index + 1)...(index + 2)], as: UTF8.self), radix: 16),
                   utf8[(index + 1)...(index + 2)].allSatisfy({ $0 != 0x2B && $0 != 0x2D }) {
                    bytes.append(value)
                    index += 3
                } else {
                    bytes.append(utf8[index])
                    index += 1
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        static func visible(_ key: String) -> String {
            var scalars = key.unicodeScalars.filter {
                $0.properties.isWhitespace || !($0.properties.generalCategory == .format || $0.properties.isDefaultIgnorableCodePoint)
            }
            while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
            var out = ""
            out.unicodeScalars.append(contentsOf: scalars)
            return out
        }

        static let families = ["jpg": "jpg", "jpeg": "jpg", "jpe": "jpg", "jfif": "jpg", "tif": "tif", "tiff": "tif", "png": "png",
                               "gif": "gif", "webp": "webp", "bmp": "bmp", "heic": "heic", "heif": "heic"]

        static func imageExtension(_ key: String) -> String {
            let utf8 = Array(key.utf8)
            guard let dot = utf8.lastIndex(of: 0x2E), dot >= 1, !utf8[(dot + 1)...].contains(0x2F) else { return key }
            let spelled = String(decoding: utf8[(dot + 1)...], as: UTF8.self)
            let asciiLower = String(spelled.unicodeScalars.map { $0.value >= 0x41 && $0.value <= 0x5A ? Character(Unicode.Scalar($0.value + 0x20)!) : Character($0) })
            guard let canonical = families[asciiLower] else { return key }
            return String(decoding: utf8[...dot], as: UTF8.self) + canonical
        }

        static func lowercased(_ key: String) -> String { key.lowercased() }

        static func normal(_ kind: NearMissKind, _ key: String) -> String {
            switch kind {
            case .unicodeNormalization: nfc(key)
            case .plusOrSpace: plusOrSpace(key)
            case .percentEncoding: percentDecoded(key)
            case .invisibleCharacter: visible(key)
            case .imageExtension: imageExtension(key)
            case .letterCase: lowercased(key)
            }
        }

        static func all(_ key: String) -> String {
            plusOrSpace(imageExtension(lowercased(visible(nfc(percentDecoded(key))))))
        }
    }

    func testIndexesNameWhatTheDefinitionsGive() {
        // Listed keys from pieces; wanted keys are listed keys bent by one or several kinds, or
        // anything at all. Only well-formed UTF-8: the definitions are on strings.
        let valid = KeyTraitsTests.generatedKeys(count: 6000, seed: 0xB10B).filter { $0.withUnsafeBufferPointer(UTF8Decoding.isValid) }
        let listedKeys = Array(Set(valid.prefix(3000))).map { String(decoding: $0, as: UTF8.self) }
        var store = ObjectKeyStore()
        for key in listedKeys { _ = store.insert(Array(key.utf8)) }
        let listed = ListedBucket(bucket: BucketName(provider: .gcs, name: "b"), listings: [], keys: store)
        let listedSet = Set(listedKeys.map { Array($0.utf8) })
        var generator = SeededGenerator(seed: 0x5EED)
        let bends: [(String) -> String] = [
            { $0.decomposedStringWithCanonicalMapping }, { $0.precomposedStringWithCanonicalMapping },
            { $0.replacingOccurrences(of: "+", with: " ") }, { $0.replacingOccurrences(of: " ", with: "+") },
            { $0.replacingOccurrences(of: " ", with: "%20") }, { $0.replacingOccurrences(of: "%20", with: " ") },
            { $0 + " " }, { "\u{200B}" + $0 }, { $0.uppercased() }, { $0.lowercased() }, { $0.replacingOccurrences(of: ".jpg", with: ".JPEG") },
            { $0.replacingOccurrences(of: ".jpeg", with: ".jpg") }, { $0.capitalized },
        ]
        var wanted: [String] = valid.suffix(1500).map { String(decoding: $0, as: UTF8.self) }
        for _ in 0..<3000 {
            var key = listedKeys[Int.random(in: 0..<listedKeys.count, using: &generator)]
            for _ in 0...Int.random(in: 0...2, using: &generator) { key = bends[Int.random(in: 0..<bends.count, using: &generator)](key) }
            wanted.append(key)
        }
        // Compared as bytes: `String`'s `==` is canonical equivalence, which would make NFC and NFD equal.
        // Every listed key under its normal form, per kind (a brute-force search, grouped).
        let references = Dictionary(uniqueKeysWithValues: NearMissKind.allCases.map { kind in
            (kind, Dictionary(grouping: listedKeys, by: { Array(Reference.normal(kind, $0).utf8) }))
        })
        let allReferences = Dictionary(grouping: listedKeys, by: { Array(Reference.all($0).utf8) })
        var named = 0
        for key in wanted where !listedSet.contains(Array(key.utf8)) {
            var expected: [String] = []
            var expectedKinds: [NearMissKind]?
            for kind in NearMissKind.allCases {
                let target = Array(Reference.normal(kind, key).utf8)
                expected = references[kind]![target] ?? []
                if !expected.isEmpty {
                    expectedKinds = [kind]
                    break
                }
            }
            if expected.isEmpty {
                let target = Array(Reference.all(key).utf8)
                expected = allReferences[target] ?? []
            }
            let found = listed.nearMisses(of: Array(key.utf8))
            let foundKeys = found.map(\.keyText)
            if expected.count <= NearMissIndex.limit {
                XCTAssertEqual(Set(foundKeys.map { Array($0.utf8) }), Set(expected.map { Array($0.utf8) }), "\(Array(key.unicodeScalars))")
                XCTAssertEqual(foundKeys.count, expected.count, "\(Array(key.unicodeScalars))")
            } else {
                XCTAssertEqual(foundKeys.count, NearMissIndex.limit, "\(Array(key.unicodeScalars))")
                XCTAssertTrue(Set(foundKeys.map { Array($0.utf8) }).isSubset(of: expected.map { Array($0.utf8) }), "\(Array(key.unicodeScalars))")
            }
            if let expectedKinds, !found.isEmpty { XCTAssertEqual(found[0].kinds, expectedKinds, "\(Array(key.unicodeScalars))") }
            named += found.isEmpty ? 0 : 1
        }
        XCTAssertGreaterThan(named, 1500, "most bent keys find the key they were bent from")
    }
}
