import Foundation
import XCTest

@testable import AssetLint

/// A 200,000-item manifest of clean items with defects planted at known places: every Unicode
/// white space character at each end of an id, invisible characters (every control, format and
/// default-ignorable code point that is not white space) inside ids, NFD ids, and mis-encoded URL
/// paths. The fast engine, checking the file in parts, must report every planted finding and
/// nothing else. The expectations come from the Unicode properties of the standard library and
/// from the kind of each defect, not from the engine.
final class PlantedDefectsTests: XCTestCase {
    static let itemCount = 200_000
    /// Every 20th item holds a defect.
    static let spacing = 20

    /// White_Space, as the standard library's Unicode tables have it.
    static let whitespace: [Unicode.Scalar] = (0...0x3000).compactMap(Unicode.Scalar.init).filter { $0.properties.isWhitespace }

    /// Controls, format characters and default-ignorable code points that are not white space: the
    /// ones outside the unassigned block E01F0-E0FFF, and every 41st in it.
    static let invisible: [Unicode.Scalar] = (0...0xE0FFF).compactMap(Unicode.Scalar.init).filter { scalar in
        let properties = scalar.properties
        guard !properties.isWhitespace else { return false }
        guard properties.generalCategory == .control || properties.generalCategory == .format || properties.isDefaultIgnorableCodePoint else { return false }
        return scalar.value < 0xE01F0 || scalar.value % 41 == 0
    }

    /// URL paths and the rule each one is for.
    static let urlDefects: [(path: @Sendable (Int) -> String, rule: String)] = [
        ({ "caf%E9-\($0).jpg" }, "U206"),  // Latin-1, not UTF-8
        ({ "a%C3%28-\($0).jpg" }, "U206"),
        ({ "a b-\($0).jpg" }, "U203"),
        ({ "a+b-\($0).jpg" }, "U204"),
        ({ "a%zz-\($0).jpg" }, "U205"),
        ({ "cafe%CC%81-\($0).jpg" }, "U207"),  // NFD
        ({ "a%2520b-\($0).jpg" }, "U217"),
    ]

    func testEveryPlantedFindingAndNothingElseInParts() {
        var items: [String] = []
        items.reserveCapacity(Self.itemCount)
        var expected: [String] = []
        for index in 0..<Self.itemCount {
            let data = "https://my-bucket.s3.eu-central-1.amazonaws.com/p/\(index).jpg"
            let dimensions = index % 3 == 0 ? "" : #", "width": \#(640 + index % 7), "height": 480"#
            guard index % Self.spacing == Self.spacing - 1 else {
                items.append(#"{"data": "\#(data)", "externalId": "asset-\#(index)"\#(dimensions)}"#)
                continue
            }
            let defect = index / Self.spacing
            // Half the planted ids are written with escapes, half raw.
            let write = defect % 2 == 0 ? ItemCorpus.literal : ItemCorpus.escaped
            var id = "asset-\(index)"
            var url = data
            switch defect % 5 {
            case 0:
                id = String(Self.whitespace[defect / 5 % Self.whitespace.count]) + id
                expected.append("M113 /\(index)/externalId")
            case 1:
                id += String(Self.whitespace[defect / 5 % Self.whitespace.count])
                expected.append("M113 /\(index)/externalId")
            case 2:
                id = "asset-" + String(Self.invisible[defect / 5 % Self.invisible.count]) + "-\(index)"
                expected.append("M114 /\(index)/externalId")
            case 3:
                id = "cafe\u{301}-\(index)"
                expected.append("M116 /\(index)/externalId")
            default:
                let planted = Self.urlDefects[defect / 5 % Self.urlDefects.count]
                url = "https://my-bucket.s3.eu-central-1.amazonaws.com/p/" + planted.path(index)
                expected.append("\(planted.rule) /\(index)/data")
            }
            // A few white space and invisible characters have canonical decompositions (U+2000 EN
            // QUAD is U+2002 in NFC): the id is then not NFC either.
            if defect % 5 != 3, id.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(id.unicodeScalars) == false {
                expected.append("M116 /\(index)/externalId")
            }
            items.append(#"{"data": "\#(url)", "externalId": "\#(write(id))"\#(dimensions)}"#)
        }
        // The plan covers what it claims to.
        XCTAssertEqual(Self.whitespace.count, 25)
        XCTAssertGreaterThan(Self.itemCount / Self.spacing / 5, 2 * Self.whitespace.count)
        XCTAssertGreaterThan(Self.itemCount / Self.spacing / 5, Self.invisible.filter { $0.value < 0xE01F0 }.count)

        let text = "[\n" + items.joined(separator: ",\n") + "\n]\n"
        var options = LintOptions(kind: .manifest)
        options.splitThreshold = 0
        let parts = Captured()
        options.partsObserver = { parts.append("\($0)") }
        let bare = Captured()
        options.bareItemsObserver = { bare.append("\($0) ") }
        let report = Linter(configuration: Configuration(directory: "."), options: options).lint(SourceFile(path: "assets.json", text: text))

        let found = report.diagnostics.map { "\($0.ruleID) \($0.pointer)" }
        XCTAssertEqual(found.count, expected.count)
        let missed = Set(expected).subtracting(found).sorted()
        let extra = Set(found).subtracting(expected).sorted()
        XCTAssertEqual(missed, [], "planted findings not reported (\(missed.count))")
        XCTAssertEqual(extra, [], "findings that were not planted (\(extra.count)): \(report.diagnostics.filter { extra.contains("\($0.ruleID) \($0.pointer)") }.prefix(5).map(\.message))")
        if Linter.cores > 1 { XCTAssertGreaterThan(Int(parts.text) ?? 0, 1, "the file was checked in parts") }
        // The clean items went through the bare-item shortcut.
        XCTAssertGreaterThan(bare.text.split(separator: " ").compactMap { Int($0) }.reduce(0, +), Self.itemCount * 9 / 10)
        print("PlantedDefectsTests: \(Self.itemCount) items, \(text.utf8.count) bytes, \(found.count) findings")
    }
}
