import Foundation
import XCTest
@testable import AssetLint

/// M111, M112, M114, M116.
final class ExternalIDRulesTests: XCTestCase {
    private typealias T = URLRuleTesting

    /// Items with these ids (JSON string contents, escapes allowed), one per line from line 2; the
    /// id's opening quote is at column 76 (the data URL has the same length for items 0–9).
    private func manifest(_ ids: [String]) -> String {
        "[\n" + ids.enumerated().map { #"  {"data": "https://storage.googleapis.com/my-bucket/\#($0.offset).jpg", "externalId": "\#($0.element)"}"# }
            .joined(separator: ",\n") + "\n]\n"
    }

    private static let quote = 76
    private static let content = 77

    func testM111NormalizationDuplicate() throws {
        let text = manifest(["caf\\u00e9-1", "cat-2", "cafe\\u0301-1"])
        let diagnostic = try expectOne(ExternalIDNormalizationDuplicate.self, in: text,
                                       at: Located(4, Self.quote, 4, Self.quote + 14), pointer: "/2/externalId",
                                       message: ["externalId \"café-1\" equals \"café-1\" after Unicode NFC normalization", "this one is not NFC"])
        let source = SourceFile(path: "assets.json", text: text)
        XCTAssertEqual(diagnostic?.related.map { source.position(of: $0.range.offset) }, [SourcePosition(line: 2, column: Self.quote)])
        try expectClean(ExternalIDNormalizationDuplicate.self, in: manifest(["caf\\u00e9-1", "caf\\u00e9-2", "cafe-1"]))
    }

    func testM111IgnoresByteIdenticalDuplicates() throws {
        // Byte-identical ids are M110's; escapes that decode to the same bytes are identical too.
        try expectClean(ExternalIDNormalizationDuplicate.self, in: manifest(["café", "caf\\u00e9", "café"]))
        // An NFD spelling after two NFC duplicates is reported once, against the first.
        let diagnostics = try T.lint(manifest(["café", "café", "cafe\\u0301", "cafe\\u0301"]), ExternalIDNormalizationDuplicate.self)
        XCTAssertEqual(diagnostics.map(\.pointer), ["/2/externalId"])
    }

    func testM112ConfusableIncludingASCII() throws {
        let text = manifest(["paypal-01", "scan-a", "paypa1-01", "scan-\\u0430"])
        let diagnostics = try T.lint(text, ExternalIDConfusable.self)
        XCTAssertEqual(diagnostics.map(\.pointer), ["/2/externalId", "/3/externalId"])
        XCTAssertEqual(diagnostics.map(\.severity), [.warning, .warning])
        XCTAssertTrue(diagnostics[0].message.contains(#""1" (U+0031 DIGIT ONE) where it has "l" (U+006C LATIN SMALL LETTER L)"#), diagnostics[0].message)
        XCTAssertTrue(diagnostics[1].message.contains("CYRILLIC SMALL LETTER A"), diagnostics[1].message)
        let source = SourceFile(path: "assets.json", text: text)
        XCTAssertEqual(Located(diagnostics[0], in: source), Located(4, Self.quote, 4, Self.quote + 11))
        try expectClean(ExternalIDConfusable.self, in: manifest(["scan-a", "scan-b", "Scan-a", "cafe\\u0301", "café"]))
    }

    func testM112AloneStillLeavesNormalizationPairsToM111() throws {
        let text = manifest(["café", "cafe\\u0301"])
        XCTAssertEqual(try T.lint(text, ExternalIDConfusable.self).map(\.ruleID), [])
        XCTAssertEqual(try T.lint(text, rules: ExternalIDRuleTypes.unicode).diagnostics.map(\.ruleID), ["M111", "M116"])
    }

    func testM114InvisibleCharactersAtTheirPositions() throws {
        let text = manifest(["cat\\u200b-1", "in\\u202evoice", "bell\\u0007", "ok-\\u0378", "tab\\there"])
        let diagnostics = try T.lint(text, ExternalIDInvisible.self)
        XCTAssertEqual(diagnostics.map(\.pointer), ["/0/externalId", "/1/externalId", "/2/externalId", "/3/externalId"])
        let source = SourceFile(path: "assets.json", text: text)
        XCTAssertEqual(Located(diagnostics[0], in: source), Located(2, Self.content + 3, 2, Self.content + 9), "the \\u200b escape")
        XCTAssertTrue(diagnostics[0].message.contains("U+200B ZERO WIDTH SPACE"))
        XCTAssertTrue(diagnostics[1].message.contains("bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE"))
        XCTAssertTrue(diagnostics[2].message.contains("control character U+0007"))
        XCTAssertTrue(diagnostics[3].message.contains("unassigned code point U+0378"))
        XCTAssertNil(diagnostics[3].fix)
        XCTAssertEqual(T.applyFixes(Array(diagnostics.prefix(3)), to: text), manifest(["cat-1", "invoice", "bell", "ok-\\u0378", "tab\\there"]))
        try expectClean(ExternalIDInvisible.self, in: manifest(["cat-1", "café", "\\u2764\\ufe0f-heart", "👨‍👩‍👧", "東京"]))
    }

    func testM116NotNFC() throws {
        let text = manifest(["cre\\u0300me-bru\\u0302le\\u0301e"])
        let diagnostic = try expectOne(ExternalIDNotNFC.self, in: text, at: Located(2, Self.content + 2, 2, Self.content + 29),
                                       pointer: "/0/externalId", message: ["is not in NFC", "U+0300 COMBINING GRAVE ACCENT"])
        XCTAssertEqual(diagnostic?.severity, .warning)
        XCTAssertEqual(diagnostic?.fix?.applicability, .unsafe)
        XCTAssertEqual(T.applyFixes([diagnostic].compactMap { $0 }, to: text), manifest(["crème-brûlée"]))
        try expectClean(ExternalIDNotNFC.self, in: manifest(["crème-brûlée", "cafe", "東京", "한국어"]))
        try expectOne(ExternalIDNotNFC.self, in: manifest(["\u{1112}\u{1161}\u{11AB}"]), at: Located(2, Self.content, 2, Self.content + 3),
                      pointer: "/0/externalId", message: ["not in NFC"])
    }

    /// Many ids: the table grows several times and lookups go through batches; every pair is still
    /// found, against the right first id.
    func testPairsAcrossBatchesAndTableGrowth() throws {
        var ids = (0..<5000).map { "asset-\($0)" }
        ids[4321] = "asset-l0"  // looks like asset-10
        ids[4999] = "caf\\u00e9"
        ids[100] = "cafe\\u0301"
        let lines = ids.enumerated().map { #"  {"data": "https://storage.googleapis.com/b/\#($0.offset).jpg", "externalId": "\#($0.element)"}"# }
        let text = "[\n" + lines.joined(separator: ",\n") + "\n]\n"
        let report = try T.lint(text, rules: [ExternalIDNormalizationDuplicate.self, ExternalIDConfusable.self])
        XCTAssertEqual(report.diagnostics.map { "\($0.ruleID) \($0.pointer)" }, ["M112 /4321/externalId", "M111 /4999/externalId"])
        let source = SourceFile(path: "assets.json", text: text)
        let confusable = try XCTUnwrap(report.diagnostics.first { $0.ruleID == "M112" })
        XCTAssertEqual(confusable.related.first.map { source.position(of: $0.range.offset).line }, 12, "asset-10 is on line 12")
        XCTAssertTrue(confusable.message.contains("\"asset-l0\" looks like \"asset-10\""), confusable.message)
    }

    func testASCIIIdsNeedNoICUAndEscapedIdsMatchRawOnes() throws {
        // ASCII skeletons come from ICU once; they must agree with ICU for every printable byte.
        for byte in UInt8(0x20)..<0x7F {
            let text = String(UnicodeScalar(byte))
            var out: [UInt8] = []
            XCTAssertTrue(Array(text.utf8).withUnsafeBufferPointer { ExternalIDTable.appendSkeleton($0, to: &out, table: UnicodeScalarTable()) })
            XCTAssertEqual(String(decoding: out, as: UTF8.self), ICU.confusableSkeleton(text), text)
        }
        try expectClean(ExternalIDConfusable.self, in: manifest(["a\\u0062c", "xyz"]))
        XCTAssertEqual(try T.lint(manifest(["rn-1", "m-1"]), ExternalIDConfusable.self).count, 1)
    }
}
