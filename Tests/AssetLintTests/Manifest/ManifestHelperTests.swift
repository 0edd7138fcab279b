import XCTest

@testable import AssetLint

final class ManifestHelperTests: XCTestCase {
    func testEditDistance() {
        XCTAssertEqual(ManifestRules.editDistance("heigth", "height"), 1, "a transposition costs one")
        XCTAssertEqual(ManifestRules.editDistance("widht", "width"), 1)
        XCTAssertEqual(ManifestRules.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(ManifestRules.editDistance("", "data"), 4)
        XCTAssertEqual(ManifestRules.editDistance("data", "data"), 0)
        XCTAssertEqual(ManifestRules.editDistance("ca", "abc"), 3, "optimal string alignment, not unrestricted Damerau")
        XCTAssertGreaterThan(
            ManifestRules.editDistance(Array("metadata".unicodeScalars), Array("x".unicodeScalars), limit: 2), 2)
    }

    func testSuggestions() {
        let cases: [String: String?] = [
            "externalID": "externalId", "ExternalId": "externalId", "external_id": "externalId",
            "extrnalId": "externalId",
            "externalid": "externalId", "heigth": "height", "hight": "height", "Height": "height", "widht": "width",
            "wdith": "width", "Data": "data", "dat": "data", "url": "data", "imageUrl": "data", "id": "externalId",
            "metdata": "metadata", "meta": "metadata", "batch": "batches", "attachment": "attachments",
            "context_data": "contextData", "dataSet": "dataset", "pages": "dataset",
            "camera": nil, "store": "storage", "shop": nil, "at": nil, "x": nil, "labels": nil, "annotations": nil,
        ]
        for (key, expected) in cases {
            XCTAssertEqual(ManifestField.suggestion(for: key)?.name, expected, key)
        }
    }

    func testExactNumbers() {
        func classify(_ text: String) -> DimensionValue {
            let source = SourceFile(path: "n.json", text: "[\(text)]")
            var parser = JSONParser(source: source)
            var tree = JSONTree(source: source)
            XCTAssertTrue(parser.parseDocument(into: &tree), text)
            return DimensionValue(tree.children(of: tree.root).first { _ in true }!, in: tree)
        }
        XCTAssertEqual(classify("603"), .valid(603))
        XCTAssertEqual(classify("9223372036854775807"), .valid(Int.max))
        XCTAssertEqual(classify("9223372036854775808"), .tooLarge)
        XCTAssertEqual(classify("-9223372036854775809"), .zeroOrNegative)
        XCTAssertEqual(classify("0"), .zeroOrNegative)
        XCTAssertEqual(classify("-0"), .zeroOrNegative)
        XCTAssertEqual(classify("0.0e5"), .zeroOrNegative)
        XCTAssertEqual(classify("603.0"), .integral(603))
        XCTAssertEqual(classify("603.000"), .integral(603))
        XCTAssertEqual(classify("1e3"), .integral(1000))
        XCTAssertEqual(classify("1E+3"), .integral(1000))
        XCTAssertEqual(classify("60300e-2"), .integral(603))
        XCTAssertEqual(classify("1e19"), .integral(nil))
        XCTAssertEqual(classify("1e999999999999"), .integral(nil))
        XCTAssertEqual(classify("603.5"), .fraction)
        XCTAssertEqual(classify("1e-3"), .fraction)
        XCTAssertEqual(classify("1e-999999999999"), .fraction)
        XCTAssertEqual(classify("\"768\""), .numericString(768))
        XCTAssertEqual(classify("\"\\t768 \""), .numericString(768))
        XCTAssertEqual(classify("\"7.5\""), .numericString(nil))
        XCTAssertEqual(classify("\"\""), .other)
        XCTAssertEqual(classify("\"0768\""), .other)
        XCTAssertEqual(classify("\"+768\""), .other)
        XCTAssertEqual(classify("\"768px\""), .other)
        XCTAssertEqual(classify("false"), .other)
    }

    func testAssetPaths() {
        func ext(_ url: String) -> String? {
            var url = url
            return url.withUTF8 { AssetPath($0) }?.fileExtension?.text
        }
        XCTAssertEqual(ext("https://h.example/a/b.JPG"), "jpg")
        XCTAssertEqual(ext("https://h.example/a/b.jpg?x=1.png#y.gif"), "jpg")
        XCTAssertEqual(ext("https://h.example/a.b/c"), nil)
        XCTAssertEqual(ext("https://h.example/a/b%2Etiff"), "tiff")
        XCTAssertEqual(ext("https://h.example/a/b.%6A%70%67"), "jpg")
        XCTAssertEqual(ext("https://h.example/a/caf%C3%A9.PnG"), "png")
        XCTAssertEqual(ext("https://h.example/a/b.jpg%"), "jpg%")
        XCTAssertEqual(ext("https://h.example/a/b.jpg%2Epng"), "png")
        XCTAssertEqual(ext("https://h.example/a.b/c%20d"), nil)
        XCTAssertEqual(ext("https://h.example/a%2Fb.gif"), "gif")
        XCTAssertEqual(ext("https://h.example.com"), nil)
        XCTAssertEqual(ext("https://h.example.com?file=a.jpg"), nil)
        XCTAssertEqual(ext("gs://bucket/folder/a.png"), "png")
        XCTAssertEqual(ext("//cdn.example/a.mp4"), "mp4")
        XCTAssertEqual(ext("folder/a.md"), "md")
        XCTAssertEqual(ext("  https://h.example/a.wav  "), "wav")
        XCTAssertEqual(ext("https://h.example/file."), nil)
        var opaque = "data:image/png;base64,AAAA"
        XCTAssertNil(opaque.withUTF8 { AssetPath($0) })
        var empty = "   "
        XCTAssertNil(empty.withUTF8 { AssetPath($0) })
        XCTAssertEqual(FileExtension(".JPG"), FileExtension("jpg"))
        XCTAssertEqual(FileExtension("ABCDEFGHIJKLMNOPQ").text, "abcdefghijklmnop…")
        XCTAssertNotEqual(FileExtension("abcdefghijklmnopq"), FileExtension("abcdefghijklmnop"))
        XCTAssertEqual(FileExtension(Array("Tiff".utf8)).text, "tiff")
        XCTAssertEqual(FileExtension(Array("0123456789abcdef".utf8)).text, "0123456789abcdef")
        XCTAssertNotEqual(FileExtension("jpg"), FileExtension("jpeg"))
    }

    func testHashAndQuoting() {
        func hash(_ text: String) -> UInt64 { Array(text.utf8).withUnsafeBufferPointer(StreamHash.of) }
        XCTAssertEqual(hash("cute-cat.jpg"), hash("cute-cat.jpg"))
        XCTAssertNotEqual(hash("cute-cat.jpg"), hash("cute-cat.jpG"))
        XCTAssertNotEqual(hash(""), hash("\0"))
        XCTAssertNotEqual(hash("12345678"), hash("123456780"))
        XCTAssertEqual(ManifestText.quoted("a\"b\n\u{A0}\u{200B}c"), #""a\"b\n\u00A0\u200Bc""#)
        XCTAssertEqual(
            ManifestText.quoted(String(repeating: "x", count: 70)), "\"" + String(repeating: "x", count: 60) + "…\"")
        XCTAssertEqual(ManifestText.quoted("café 東京"), "\"café 東京\"")
    }
}
