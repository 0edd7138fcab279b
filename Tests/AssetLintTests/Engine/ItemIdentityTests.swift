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
        for wanted in [[0], [1], [299], [0, 1, 2], [5, 17, 18, 250, 299], Array(0..<300), [298, 299, 300, 1000], [7, 7, 300, 301]] {
            var cursor = ManifestPartition.ElementCursor(bytes: file.bytes, arrayStart: arrayStart)
            var passed: [PartBoundary] = []
            let found = wanted.map { index in cursor.advance(to: index) { passed.append($0) } }
            XCTAssertEqual(found, wanted.map { $0 < starts.count ? starts[$0] : nil }, "\(wanted)")
            // Every element the walk stepped onto is where the parser starts it, and a walk
            // started again there finds the same elements.
            for element in passed where element.index < starts.count {
                XCTAssertEqual(element.offset, starts[element.index])
                var again = ManifestPartition.ElementCursor(bytes: file.bytes, at: element)
                XCTAssertEqual(again.advance(to: 299), starts[299])
            }
        }
        var behind = ManifestPartition.ElementCursor(bytes: file.bytes, arrayStart: arrayStart)
        XCTAssertEqual(behind.advance(to: 10), starts[10])
        XCTAssertNil(behind.advance(to: 9), "the cursor only moves forward")
        for text in ["[ ]", "[", "[ ", "[1,]"] {
            let empty = SourceFile(path: "e.json", text: text)
            var cursor = ManifestPartition.ElementCursor(bytes: empty.bytes, arrayStart: 1)
            XCTAssertEqual(cursor.advance(to: text == "[1,]" ? 0 : 1), text == "[1,]" ? 1 : nil, text)
            XCTAssertNil(cursor.advance(to: 1), text)
        }
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

    // MARK: Streamed against whole-file identities

    /// The reference: every finding's item named for the whole file before any is used, as
    /// fingerprints were computed before they were streamed. The items that have findings are
    /// found by a plain byte-by-byte walk of the array (no word-at-a-time search, no cursor, no
    /// notes) and parsed alone.
    private func wholeFileIdentities(_ report: FileReport) -> [String?] {
        var pointers: [String] = []
        report.forEachFinding { pointers.append($0.pointer) }
        let indices = pointers.map { ItemIdentity.itemIndex(of: $0) }
        guard let source = report.source, [.manifest, .labels, .attachments].contains(report.kind) else { return indices.map { _ in nil } }
        var opening = JSONParser(source: source)
        guard opening.openTopLevelArray() else { return indices.map { _ in nil } }
        let bytes = Array(source.bytes)
        func skipWhitespace(_ offset: Int) -> Int {
            var offset = offset
            while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
            return offset
        }
        var starts: [Int: Int] = [:]
        var offset = skipWhitespace(opening.position)
        if offset < bytes.count, bytes[offset] != UInt8(ascii: "]") { starts[0] = offset }
        var depth = 0
        var index = 0
        var inString = false
        walk: while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            if inString {
                if byte == UInt8(ascii: "\\") { offset += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth < 0 { break walk }
            case UInt8(ascii: ",") where depth == 0:
                index += 1
                let next = skipWhitespace(offset)
                if next >= bytes.count || bytes[next] != UInt8(ascii: "]") { starts[index] = next }
            default: break
            }
        }
        var tree = JSONTree(source: source)
        return indices.map { index in
            guard let index, let start = starts[index] else { return nil }
            var parser = JSONParser(source: source, maxDepth: .max)
            parser.resumeTopLevelArray(at: start)
            return parser.nextElement(into: &tree, index: index) ? ItemIdentity.manifestItemName(tree.root, in: tree) : nil
        }
    }

    private func streamedIdentities(_ report: FileReport, noteSpacing: Int) -> [String?] {
        var resolver = ItemIdentity.Resolver(source: report.source, kind: report.kind, noteSpacing: noteSpacing)
        var names: [String?] = []
        report.forEachFinding { names.append(resolver.identity(ofPointer: $0.pointer)) }
        return names
    }

    /// Pointers as report order gives them: mostly ascending items with repeats, now and then an
    /// earlier item (a related finding), the document, or an item past the end.
    private func findingPointers(items: Int, count: Int, random: inout SeededGenerator) -> [String] {
        var item = 0
        return (0..<count).map { _ in
            switch random.next() % 20 {
            case 0: return ""
            case 1: return "/\(Int(random.next() % UInt64(items + 1)))/externalId"
            case 2: return "/\(items + Int(random.next() % 3))/data"
            case 3, 4, 5: return "/\(item)/width"
            default:
                item += Int(random.next() % 2)
                return "/\(item)/data"
            }
        }
    }

    func testStreamedIdentitiesAreTheWholeFileOnes() {
        var random = SeededGenerator(seed: 17)
        let valid = trickyManifest(count: 400)
        var texts = [valid]
        // Broken documents: cut off anywhere, an item that does not parse, a trailing comma,
        // not an array at all.
        for _ in 0..<6 { texts.append(String(valid.utf8.prefix(Int(random.next() % UInt64(valid.utf8.count))))!) }
        texts.append(valid.replacingOccurrences(of: #""externalId": 7201"#, with: #""externalId": 7201,"#))
        texts.append(valid.replacingOccurrences(of: "\n]\n", with: ",\n]\n"))
        texts.append(#"{"externalId": "a"}"#)
        XCTAssertEqual(Set(texts).count, texts.count)
        for (number, text) in texts.enumerated() {
            let file = SourceFile(path: "m.json", text: text)
            for kind in [DocumentKind.manifest, .labels, .json] {
                let diagnostics = findingPointers(items: 400, count: 600, random: &random).map(diagnostic)
                let report = FileReport(path: "m.json", kind: kind, source: file, diagnostics: diagnostics, rulesRun: [])
                let expected = wholeFileIdentities(report)
                if number == 0, kind == .manifest {
                    XCTAssertGreaterThan(expected.compactMap { $0 }.count, 300, "most findings are about named items")
                    let plain = plainNames(file)
                    XCTAssertEqual(expected, diagnostics.map { ItemIdentity.itemIndex(of: $0.pointer).flatMap { $0 < plain.count ? plain[$0] : nil } })
                }
                for spacing in [1, 3, 64, 1024] {
                    XCTAssertEqual(streamedIdentities(report, noteSpacing: spacing), expected, "text \(number), \(kind), notes every \(spacing)")
                }
                XCTAssertEqual(ItemIdentity.identities(of: report), expected, "text \(number), \(kind)")
            }
        }
    }

    /// SARIF names each finding's item as it writes it; its fingerprints are those of the
    /// whole-file identities, on a spooled report of a real lint.
    func testSARIFFingerprintsAreThoseOfTheWholeFileIdentities() throws {
        let items = (0..<400).map { index in
            #"{"data": "https://b.s3.amazonaws.com/\#(index % 7 == 0 ? "a b" : "a")\#(index).jpg", "externalId": "id-\#(index % 50)", "width": "\#(index)"}"#
        }
        let file = SourceFile(path: "m.json", text: "[\n" + items.joined(separator: ",\n") + "\n]\n")
        var options = LintOptions(kind: .manifest)
        options.spoolsFindings = true
        let report = Linter(configuration: Configuration(directory: "."), options: options).lint(file)
        XCTAssertNotNil(report.spool)
        let identities = wholeFileIdentities(report)
        var expected: [String] = []
        var index = 0
        report.forEachFinding { diagnostic in
            expected.append(Fingerprint.of(diagnostic, path: "m.json", source: file, identity: identities[index]))
            index += 1
        }
        XCTAssertGreaterThan(Set(identities.compactMap { $0 }).count, 40)
        let sarif = SARIFReporter().render(LintRun(files: [report], catalog: RuleRegistry.catalog), options: ReportOptions())
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try XCTUnwrap((document["runs"] as? [[String: Any]])?.first)
        let fingerprints = try XCTUnwrap(run["results"] as? [[String: Any]]).compactMap {
            ($0["partialFingerprints"] as? [String: String])?["assetlint/v2"].map { String($0.prefix { $0 != ":" }) }
        }
        XCTAssertEqual(fingerprints, expected)
        XCTAssertEqual(Fingerprint.all(in: report, path: "m.json"), expected)
    }

    /// What the resolver keeps while a file's findings stream past: a note per 1,024 items of the
    /// manifest, whatever the number of findings (here a finding on each of 100,000 items).
    func testTheResolverKeepsANotePerThousandItems() {
        let items = (0..<100_000).map { #"{"externalId": "i\#($0)"}"# }
        let file = SourceFile(path: "m.json", text: "[" + items.joined(separator: ",") + "]")
        var resolver = ItemIdentity.Resolver(source: file, kind: .manifest)
        for index in 0..<100_000 where index % 7 != 3 {
            XCTAssertEqual(resolver.identity(ofPointer: "/\(index)/width"), "externalId i\(index)")
        }
        XCTAssertLessThanOrEqual(resolver.noteCount, 100_000 / 1024 + 1)
        XCTAssertEqual(resolver.identity(ofPointer: "/5/width"), "externalId i5", "an item behind the scan, from a note")
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
