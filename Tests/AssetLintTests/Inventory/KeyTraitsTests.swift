import XCTest

@testable import AssetLint

/// `KeyTraits` lets the near-miss indexes skip the normalizations that cannot change a key: it
/// must never leave out one that does. And the table-driven lower-casing must be the standard
/// library's.
final class KeyTraitsTests: XCTestCase {
    /// Pieces that set off every normalization, and some that set off none.
    static let pieces: [[UInt8]] = [
        "a", "Z", "photo", "IMG_", "%", "%20", "%2B", "%C3%A9", "%zz", "+", " ", "\t", "\u{3000}", "\u{A0}", "\u{85}",
        "é", "e\u{301}", "\u{200B}", "\u{FEFF}", "\u{AD}", "\u{202E}", "İ", "ß", "Σ", "ǅ", "東京", "가", "\u{1161}", "\u{0BBE}",
        ".jpg", ".JPG", ".jpeg", ".Jpeg", ".tiff", ".png", ".pdf", "/", ".", "😀",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE6, 0x9D], [0xED, 0xA0, 0x80]]

    static func generatedKeys(count: Int, seed: UInt64) -> [[UInt8]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...6, using: &generator)).flatMap { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }
        }
    }

    /// The normalizations get a table of their own.
    private var normalizationScalars = KeyScalarTable()

    private func assertTraitsCover(_ key: [UInt8], scalars: inout KeyScalarTable, file: StaticString = #filePath, line: UInt = #line) {
        key.withUnsafeBufferPointer { key in
            let traits = KeyTraits.of(key, scalars: &scalars)
            for kind in NearMissKind.allCases where kind.normalize(key, scalars: &normalizationScalars) != nil {
                XCTAssertTrue(traits.contains(KeyTraits(kind)), "\(kind) changes \(Array(key)) but the traits leave it out", file: file, line: line)
            }
        }
    }

    func testTraitsCoverEveryNormalizationThatChangesAGeneratedKey() {
        var scalars = KeyScalarTable()
        for key in Self.generatedKeys(count: 20_000, seed: 0x7EA5) { assertTraitsCover(key, scalars: &scalars) }
    }

    func testTraitsCoverEveryScalarAtTheStartInTheMiddleAndAtTheEnd() {
        var scalars = KeyScalarTable()
        for value in stride(from: 0x80, through: 0x10FFFF, by: 1) {
            // Every scalar of the BMP and of the tags and variation selectors; the rest sampled.
            guard value < 0x10000 || (0xE0000...0xE01EF).contains(value) || value % 17 == 0, let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let bytes = Array(String(Character(scalar)).utf8)
            assertTraitsCover(Array("a".utf8) + bytes + Array("b.png".utf8), scalars: &scalars)
            assertTraitsCover(Array("x/a".utf8) + bytes, scalars: &scalars)
            assertTraitsCover(bytes + Array("e\u{301}".utf8), scalars: &scalars)
        }
    }

    func testTraitsOfPlainKeysAreEmpty() {
        var scalars = KeyScalarTable()
        for key in ["images/0001.jpg", "a b/c d.png", "東京/写真.jpg", "café/crème.tif", "x.pdf", ""] {
            XCTAssertEqual(Array(key.utf8).withUnsafeBufferPointer { KeyTraits.of($0, scalars: &scalars) }, [], key)
        }
        XCTAssertEqual(Array("IMG.JPG".utf8).withUnsafeBufferPointer { KeyTraits.of($0, scalars: &scalars) }, [.letterCase, .imageExtension])
        XCTAssertEqual(Array("a+b ".utf8).withUnsafeBufferPointer { KeyTraits.of($0, scalars: &scalars) }, [.plusOrSpace, .invisibleCharacter])
    }

    func testLowerCasingIsTheStandardLibrarys() {
        var scalars = KeyScalarTable()
        func check(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
            let lower = Array(text.utf8).withUnsafeBufferPointer { KeyNormalization.lowercased($0, scalars: &scalars) }
            let expected = Array(text.lowercased().utf8)
            XCTAssertEqual(lower ?? Array(text.utf8), expected, text, file: file, line: line)
            XCTAssertEqual(lower == nil, expected == Array(text.utf8), text, file: file, line: line)
        }
        for value in 0x80...0x1FFFF {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            check("Ab" + String(Character(scalar)) + "Σ")
            check(String(Character(scalar)))
        }
        for key in Self.generatedKeys(count: 5000, seed: 0x10C) where key.withUnsafeBufferPointer(UTF8Decoding.isValid) {
            check(String(decoding: key, as: UTF8.self))
        }
    }
}
