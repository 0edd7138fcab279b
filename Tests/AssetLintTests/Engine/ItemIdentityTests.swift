import Foundation
import XCTest

@testable import AssetLint

/// The identities that fingerprints name items by: read from the few items that have findings,
/// which must give what a plain parse of the whole document gives.
final class ItemIdentityTests: XCTestCase {
    /// Items whose strings hold commas, brackets and escaped quotes, so a careless scan would
    /// miscount them.
    private func trickyManifest(count: Int) -> String {
        let items = (0..<count).map { index -> String in
            switch index % 5 {
            case 0: return #"{"data": "https://b.s3.amazonaws.com/a,b]}.jpg", "externalId": "q\"],\\\#(index)"}"#
            case 1: return #"{"externalId": 7\#(index), "data": "https://b.s3.amazonaws.com/\#(index).jpg"}"#
            case 2: return #"{"data": "https://b.s3.amazonaws.com/[\#(index)].jpg", "externalId": ""}"#
            case 3: return #"[1, {"externalId": "not an item"}]"#
            default: return #"{"externalId": "caf\u00e9-\#(index)", "nested": {"externalId": "inner"}}"#
            }
        }
        return "[\n  " + items.joined(separator: " ,\n  ") + "\n]\n"
    }

    /// The plain path: the whole document parsed, each element named.
    private func plainNames(_ file: SourceFile) -> [String?] {
        var tree = JSONTree(source: file)
        var parser = JSONParser(source: file, maxDepth: 64)
        XCTAssertTrue(parser.parseDocument(into: &tree))
        return tree.children(of: tree.root).map { ItemIdentity.manifestItemName($0, in: tree) }
    }

    private func diagnostic(pointer: String) -> Diagnostic {
        Diagnostic(ruleID: "M120", ruleName: "dimension-pair", severity: .error, message: "m", range: ByteRange(offset: 0, length: 1), pointer: pointer)
    }

    func testElementStartsAreWhereTheParserStartsElements() {
        let file = SourceFile(path: "m.json", text: trickyManifest(count: 300))
        var parser = JSONParser(source: file, maxDepth: 64)
        var tree = JSONTree(source: file)
        XCTAssertTrue(parser.openTopLevelArray())
        let arrayStart = parser.position
        var starts: [Int] = []
        while parser.nextElement(into: &tree, index: starts.count) { starts.append(tree[tree.root].start) }
        XCTAssertEqual(starts.count, 300)
        for wanted in [[0], [1], [299], [0, 1, 2], [5, 17, 18, 250, 299], Array(0..<300), [298, 299, 300, 1000]] {
            let found = ManifestPartition.elementStarts(in: file.bytes, from: arrayStart, indices: wanted)
            let expected = Dictionary(uniqueKeysWithValues: wanted.filter { $0 < starts.count }.map { ($0, starts[$0]) })
            XCTAssertEqual(found, expected, "\(wanted)")
        }
        XCTAssertEqual(ManifestPartition.elementStarts(in: file.bytes, from: arrayStart, indices: []), [:])
        let empty = SourceFile(path: "e.json", text: "[ ]")
        XCTAssertEqual(ManifestPartition.elementStarts(in: empty.bytes, from: 1, indices: [0]), [:])
    }

    func testManifestIdentitiesMatchAPlainParse() throws {
        let file = SourceFile(path: "m.json", text: trickyManifest(count: 200))
        let plain = plainNames(file)
        XCTAssertEqual(plain[0], #"externalId q"],\0"#)
        XCTAssertEqual(plain[1], "externalId 71")
        XCTAssertEqual(plain[2], "data https://b.s3.amazonaws.com/[2].jpg", "an empty id falls back to the URL")
        XCTAssertNil(plain[3], "an array is no item")
        XCTAssertEqual(plain[4], "externalId café-4", "escapes decoded; nested objects do not count")
        // Findings on some items, in report order (not item order), one on the document.
        let items = [150, 3, 0, 199, 42, 42, 7]
        var pointers = items.map { "/\($0)/width" }
        pointers.insert("", at: 2)
        let report = FileReport(path: "m.json", kind: .manifest, source: file, diagnostics: pointers.map(diagnostic), rulesRun: [])
        var expected: [String?] = items.map { plain[$0] }
        expected.insert(nil, at: 2)
        XCTAssertEqual(ItemIdentity.identities(of: report), expected)
    }

    func testItemIndexOfPointers() {
        XCTAssertEqual(ItemIdentity.itemIndex(of: "/12/data"), 12)
        XCTAssertEqual(ItemIdentity.itemIndex(of: "/0"), 0)
        XCTAssertNil(ItemIdentity.itemIndex(of: ""))
        XCTAssertNil(ItemIdentity.itemIndex(of: "/data"))
        XCTAssertNil(ItemIdentity.itemIndex(of: "/1x/data"))
        XCTAssertNil(ItemIdentity.itemIndex(of: "/99999999999999999999999/data"))
    }

    func testUnparsableAndOtherKindsHaveNoIdentity() {
        let broken = SourceFile(path: "m.json", text: #"[{"externalId": "a"}, {"externalId": "b", }]"#)
        let report = FileReport(path: "m.json", kind: .manifest, source: broken, diagnostics: [diagnostic(pointer: "/0/x"), diagnostic(pointer: "/1/x")], rulesRun: [])
        XCTAssertEqual(ItemIdentity.identities(of: report), ["externalId a", nil])
        for kind in [DocumentKind.json, .serviceAccount] {
            let other = FileReport(path: "m.json", kind: kind, source: broken, diagnostics: [diagnostic(pointer: "/0/x")], rulesRun: [])
            XCTAssertEqual(ItemIdentity.identities(of: other), [nil])
        }
    }

    func testCORSRulesAreNamedByIDOrByOriginsAndMethods() {
        let text = """
            {"CORSRules": [
              {"ID": "assets", "AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]},
              {"AllowedOrigins": ["https://Hub.ango.ai/", "https://api.ango.ai"], "AllowedMethods": ["GET", "HEAD"]},
              {"AllowedMethods": ["head", "GET", "GET"], "AllowedOrigins": ["https://api.ango.ai", " https://hub.ango.ai"]}
            ]}
            """
        let file = SourceFile(path: "cors.json", text: text)
        let pointers = ["/CORSRules/0/AllowedOrigins/0", "/CORSRules/1", "/CORSRules/2/AllowedMethods/0", "/CORSRules", ""]
        let report = FileReport(path: "cors.json", kind: .corsS3, source: file, diagnostics: pointers.map(diagnostic), rulesRun: [])
        let names = ItemIdentity.identities(of: report)
        XCTAssertEqual(names[0], "ID assets")
        XCTAssertEqual(names[1], "origins https://api.ango.ai https://hub.ango.ai\u{0}methods GET HEAD")
        XCTAssertEqual(names[2], names[1], "order, case, spaces, trailing slashes and repeats do not change a rule's name")
        XCTAssertNil(names[3])
        XCTAssertNil(names[4])
    }

    func testFingerprintsNameTheItemAndVersionOneDoesNot() {
        let text = #"[{"externalId": "a", "width": 1}, {"externalId": "b", "width": 1}]"#
        let file = SourceFile(path: "m.json", text: text)
        let pieces = text.components(separatedBy: #""width""#)
        let first = pieces[0].utf8.count
        let second = first + 7 + pieces[1].utf8.count
        let diagnostics = [
            Diagnostic(ruleID: "M120", ruleName: "dimension-pair", severity: .error, message: "m", range: ByteRange(offset: first, length: 7), pointer: "/0/width"),
            Diagnostic(ruleID: "M120", ruleName: "dimension-pair", severity: .error, message: "m", range: ByteRange(offset: second, length: 7), pointer: "/1/width"),
        ]
        let report = FileReport(path: "m.json", kind: .manifest, source: file, diagnostics: diagnostics, rulesRun: [])
        let current = Fingerprint.all(in: report, path: "m.json")
        XCTAssertNotEqual(current[0], current[1], "the same defect on two items is two findings")
        let old = Fingerprint.all(in: report, path: "m.json", scheme: .v1)
        XCTAssertEqual(old[0], old[1], "version 1 could not tell them apart")
        XCTAssertEqual(current[0], Fingerprint.of(diagnostics[0], path: "m.json", source: file, identity: "externalId a"))
        XCTAssertNotEqual(
            Fingerprint.of(diagnostics[0], path: "m.json", source: file, identity: ""),
            Fingerprint.of(diagnostics[0], path: "m.json", source: file, identity: nil), "an empty name is a name")
    }
}
