import Foundation
import XCTest

@testable import AssetLint

/// A large manifest is checked in parts, one per core, and merged: the result must be exactly the
/// serial one, whatever lies on either side of the cut.
final class ManifestPartsTests: XCTestCase {
    // MARK: - The cut

    func testBoundariesAreWhereTheParserStartsElements() {
        let items = (0..<400).map { index -> String in
            switch index % 4 {
            case 0: return #"{"data": "https://b.s3.amazonaws.com/a,b]}.jpg", "externalId": "q\"],\\\#(index)"}"#
            case 1: return #"["nested", {"x": [1, 2, {"y": "}"}]}]"#
            case 2: return "  \n\t 12.5e3"
            default: return #""plain \u0022 string, with [brackets]""#
            }
        }
        let file = SourceFile(path: "m.json", text: "[" + items.joined(separator: " ,\n ") + "]")
        var parser = JSONParser(source: file, maxDepth: 64)
        var tree = JSONTree(source: file)
        XCTAssertTrue(parser.openTopLevelArray())
        let arrayStart = parser.position
        var starts: [Int] = []
        var index = 0
        while parser.nextElement(into: &tree, index: index) {
            starts.append(tree[tree.root].start)
            index += 1
        }
        XCTAssertEqual(starts.count, 400)
        let targets = [arrayStart + 1, file.count / 3, file.count / 2, file.count - 10, file.count + 5]
        var found: [PartBoundary?] = []
        ManifestPartition.boundaries(in: file.bytes, from: arrayStart, targets: targets) { found.append($0) }
        XCTAssertEqual(found.count, targets.count)
        for (target, boundary) in zip(targets, found) {
            // The first element starting at or after the target (the first element itself is never one).
            let expected = starts.indices.dropFirst().first { starts[$0] >= target }
            XCTAssertEqual(boundary?.index, expected, "target \(target)")
            XCTAssertEqual(boundary?.offset, expected.map { starts[$0] }, "target \(target)")
        }
    }

    func testBrokenTextGivesNoBoundaryInsteadOfAGuess() {
        let file = SourceFile(path: "m.json", text: #"[{"a": "unterminated , {"b": 1}, {"c": 2}"#)
        var found: [PartBoundary?] = []
        ManifestPartition.boundaries(in: file.bytes, from: 1, targets: [10]) { found.append($0) }
        XCTAssertEqual(found, [nil])
    }

    func testParserEndsAPartOnlyExactlyAtTheNextElement() {
        let file = SourceFile(path: "m.json", text: "[1 ,\n 2, 3]")
        var parser = JSONParser(source: file, maxDepth: 8)
        var tree = JSONTree(source: file)
        XCTAssertTrue(parser.openTopLevelArray())
        XCTAssertTrue(parser.nextElement(into: &tree, index: 0))
        XCTAssertEqual(parser.nextElementStart(), 6)
        XCTAssertFalse(parser.endPart(at: 5))
        XCTAssertTrue(parser.endPart(at: 6))
        XCTAssertFalse(parser.nextElement(into: &tree, index: 1))
        XCTAssertEqual(parser.takeIssues().count, 0)
        var later = JSONParser(source: file, maxDepth: 8)
        later.resumeTopLevelArray(at: 6)
        XCTAssertTrue(later.nextElement(into: &tree, index: 1))
        XCTAssertTrue(later.nextElement(into: &tree, index: 2))
        XCTAssertFalse(later.nextElement(into: &tree, index: 3))
        XCTAssertFalse(later.failed)
    }

    // MARK: - Parts against serial

    func testDuplicateAndLookalikeIdsAcrossTheCut() {
        let ids = (0..<3000).map { index -> String in
            switch index % 10 {
            case 3: return "id-\(index % 700)"  // exact duplicates, first in either part
            case 5: return "caf\u{65}\u{301}-\(index / 10 % 30)"  // NFD
            case 6: return "caf\u{E9}-\(index / 10 % 30)"  // NFC of the same
            case 7: return "I-\(index / 10 % 20)"  // confusable with l-
            case 8: return "l-\(index / 10 % 20)"
            default: return "unique-\(index)"
            }
        }
        let text = manifest(ids.enumerated().map { #"{"data": "https://b.s3.amazonaws.com/\#($0.offset).jpg", "externalId": "\#($0.element)"}"# })
        let serial = assertPartsMatchSerial(text)
        assertSplit()
        for rule in ["M110", "M111", "M112"] {
            XCTAssertTrue(serial.diagnostics.contains { $0.ruleID == rule }, rule)
        }
    }

    func testMixedBucketsFoundInEitherPart() {
        let count = 2000
        func url(_ bucket: String, _ index: Int) -> String { #"{"data": "https://\#(bucket).s3.amazonaws.com/\#(index).jpg", "externalId": "\#(index)"}"# }
        func noStorage(_ index: Int) -> String { #"{"data": 7, "externalId": "\#(index)"}"# }
        // Where the engine cuts: every layout below has items of the same lengths.
        let probe = SourceFile(path: "assets.json", text: manifest((0..<count).map { url("one", $0) }))
        let cut = PartPlan(file: probe, arrayStart: 1, parts: 2).boundary(ofPart: 1)!.index
        // The second bucket first appears inside the later part, exactly at its start, at the end of
        // the earlier part; or the earlier part has no storage URL at all.
        let layouts: [(name: String, item: (Int) -> String, findings: Int)] = [
            ("inside the later part", { $0 < cut + 300 ? url("one", $0) : url("two", $0) }, 1),
            ("at the cut", { $0 < cut ? url("one", $0) : url("two", $0) }, 1),
            ("just before the cut", { $0 == cut - 1 ? url("two", $0) : url("one", $0) }, 1),
            ("earlier part without buckets", { $0 < cut ? noStorage($0) : ($0 < count - 5 ? url("one", $0) : url("two", $0)) }, 1),
            ("earlier part without buckets, one bucket", { $0 < cut ? noStorage($0) : url("one", $0) }, 0),
            ("one bucket", { url("one", $0) }, 0),
        ]
        for layout in layouts {
            let serial = assertPartsMatchSerial(manifest((0..<count).map(layout.item)), layout.name)
            assertSplit(layout.name)
            XCTAssertEqual(serial.diagnostics.filter { $0.ruleID == "U213" }.count, layout.findings, layout.name)
        }
    }

    func testConfiguredBucketsAndSecretsInTheLaterPart() {
        var items = (0..<2000).map { #"{"data": "https://b.s3.amazonaws.com/\#($0).jpg", "externalId": "x\#($0)", "width": 10, "height": 10}"# }
        items[1800] = #"{"data": "https://other.s3.amazonaws.com/a.jpg?X-Amz-Signature=abcdef0123&X-Amz-Credential=k", "externalId": "s"}"#
        items[1900] = #"{"data": "https://b.s3.amazonaws.com/k.json", "externalId": "k", "key": {"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"}}"#
        let text = manifest(items)
        let (serial, parts) = lintBothWays(text) { $0.storage.buckets = ["b"] }
        XCTAssertEqual(describe(parts), describe(serial))
        assertSplit()
        XCTAssertTrue(serial.diagnostics.contains { $0.ruleID == "U213" })
        XCTAssertTrue(serial.diagnostics.contains { $0.ruleID == "K401" })
        XCTAssertFalse(serial.source!.redactions.isEmpty)
        XCTAssertEqual(parts.source!.redactions, serial.source!.redactions)
    }

    func testSyntaxErrorsOnEitherSideOfTheCutStopTheFileWhereSerialStops() {
        let items = (0..<2000).map { #"{"data": "https://b.s3.amazonaws.com/\#($0).jpg", "externalId": "id-\#($0 % 1500)", "width": \#($0 % 5)}"# }
        for broken in [300, 1000, 1010, 1700] {
            var copy = items
            copy[broken] = #"{"data": "https://b.s3.amazonaws.com/x.jpg", "externalId": "unterminated}"#
            let serial = assertPartsMatchSerial(manifest(copy), "broken at \(broken)")
            if broken > 1100 { assertSplit("broken at \(broken)") }
            XCTAssertTrue(serial.diagnostics.contains { $0.ruleID == "J001" }, "broken at \(broken)")
        }
        for broken in [400, 1200] {
            var copy = items
            copy[broken] = #"{"data": "https://b.s3.amazonaws.com/x.jpg",}"#
            assertPartsMatchSerial(manifest(copy), "trailing comma at \(broken)")
        }
        // The array's trailing comma where the cut would fall: no element begins after it, so
        // there is no cut (a cut there once lost the trailing-comma finding; found by the fuzzer).
        let trailing = "[" + items.prefix(200).joined(separator: ",") + "," + String(repeating: " ", count: 60_000) + "]"
        let serial = assertPartsMatchSerial(trailing, "trailing comma at the cut")
        XCTAssertEqual(serial.diagnostics.filter { $0.ruleID == "J001" }.map(\.message), ["invalid JSON: trailing comma: JSON does not allow a ',' before ']'"])
        assertPartsMatchSerial(manifest(items) + "\n{}", "content after the array")
        assertPartsMatchSerial(String(manifest(items).dropLast(3)), "truncated")
    }

    func testKeptFindingsAndCountsMatchWithTheTextOutputsLimit() {
        let items = (0..<3000).map { #"{"data": "https://b.s3.amazonaws.com/\#($0).jpg", "externalId": "x\#($0)", "width": 0, "height": 5}"# }
        let text = manifest(items)
        var serialOptions = LintOptions(kind: .manifest)
        serialOptions.keepPerRule = 20
        serialOptions.splitThreshold = .max
        var partOptions = serialOptions
        partOptions.splitThreshold = 0
        let file = SourceFile(path: "assets.json", text: text)
        let serial = Linter(configuration: Configuration(directory: "."), options: serialOptions).lint(file)
        let parts = Linter(configuration: Configuration(directory: "."), options: partOptions).lint(file)
        XCTAssertEqual(describe(parts), describe(serial))
        XCTAssertEqual(parts.omitted, serial.omitted)
        XCTAssertEqual(serial.omitted.first?.count, 2980)
    }

    func testProgressAddsUpThePartsAndFinishesOnce() {
        let items = (0..<5000).map { #"{"data": "https://b.s3.amazonaws.com/\#($0).jpg", "externalId": "\#($0)"}"# }
        let file = SourceFile(path: "m.json", text: manifest(items))
        let seen = Captured()
        var options = LintOptions(kind: .manifest)
        options.splitThreshold = 0
        options.progress = { seen.append("\($0.items)\($0.finished ? "!" : "") ") }
        _ = Linter(configuration: Configuration(directory: "."), options: options).lint(file)
        XCTAssertTrue(seen.text.hasSuffix(" 5000! "), seen.text)
        XCTAssertEqual(seen.text.components(separatedBy: "!").count, 2)
    }

    // MARK: - Support

    private func manifest(_ items: [String]) -> String {
        "[\n  " + items.joined(separator: ",\n  ") + "\n]\n"
    }

    private func lintBothWays(_ text: String, configure: (inout Configuration) -> Void = { _ in }) -> (serial: FileReport, parts: FileReport) {
        var configuration = Configuration(directory: ".")
        configure(&configuration)
        var serialOptions = LintOptions(kind: .manifest)
        serialOptions.splitThreshold = .max
        var partOptions = LintOptions(kind: .manifest)
        partOptions.splitThreshold = 0
        let used = Captured()
        partOptions.partsObserver = { used.append("\($0)") }
        let serial = Linter(configuration: configuration, options: serialOptions).lint(SourceFile(path: "assets.json", text: text))
        let parts = Linter(configuration: configuration, options: partOptions).lint(SourceFile(path: "assets.json", text: text))
        lastPartsUsed = Int(used.text) ?? 0
        return (serial, parts)
    }

    /// How many parts the last `lintBothWays` merged (1 when the cut was refused).
    private var lastPartsUsed = 0

    /// The file was really checked in two parts (on a machine with more than one core).
    private func assertSplit(_ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
        guard Linter.cores > 1 else { return }
        XCTAssertEqual(lastPartsUsed, 2, "parts merged \(message)", file: file, line: line)
    }

    @discardableResult
    private func assertPartsMatchSerial(_ text: String, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) -> FileReport {
        let (serial, parts) = lintBothWays(text)
        XCTAssertEqual(describe(parts), describe(serial), message, file: file, line: line)
        XCTAssertEqual(parts.source?.redactions, serial.source?.redactions, message, file: file, line: line)
        return serial
    }

    private func describe(_ report: FileReport) -> [String] {
        report.diagnostics.map {
            "\($0.ruleID) \($0.severity) \($0.range.offset) \($0.range.length) \($0.pointer) \($0.message) \($0.related.map { "\($0.range.offset):\($0.message)" })"
        }
    }
}
