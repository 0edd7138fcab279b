import Foundation
import XCTest
@testable import AssetLint

/// Label and attachment imports stream item by item like manifests, and a large one is checked in
/// parts on several cores: the findings are the same as one pass over the whole file.
final class ImportStreamingTests: XCTestCase {
    private func describe(_ report: FileReport) -> [String] {
        report.diagnostics.map { "\($0.ruleID) \($0.range.offset) \($0.range.length) \($0.pointer) \($0.message)" }
    }

    private func compareSplitWithWhole(_ text: String, kind: DocumentKind, assets: String, minimum: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let source = SourceFile(path: "imports.json", text: text)
        let index = try AssetIndex.index(of: [SourceFile(path: "assets.json", text: assets)]).get()
        var whole = LintOptions(kind: kind)
        whole.assets = index
        whole.splitThreshold = .max
        var parts = whole
        parts.splitThreshold = 0
        let counted = Captured()
        parts.partsObserver = { counted.append("\($0)") }
        let serial = Linter(configuration: Configuration(directory: "."), options: whole).lint(source)
        let split = Linter(configuration: Configuration(directory: "."), options: parts).lint(source)
        XCTAssertGreaterThanOrEqual(serial.diagnostics.count, minimum, file: file, line: line)
        XCTAssertEqual(describe(split), describe(serial), file: file, line: line)
        if Linter.cores > 1 { XCTAssertEqual(counted.text, "2", "the file was checked in two parts", file: file, line: line) }
    }

    func testLabelImportInPartsMatchesOnePass() throws {
        let items = (0..<1500).map { index -> String in
            let width = index % 97 == 0 ? -5 : 40
            let id = index % 113 == 0 ? "missing-\(index)" : "asset-\(index % 1000)"
            let relation = index % 89 == 0 ? #", "relations": [{"schemaId": "r", "from": "o1", "to": "o9"}]"# : ""
            return #"{"externalId": "\#(id)", "objects": [{"schemaId": "s", "objectId": "o1", "bounding-box": {"x": 1, "y": 2, "width": \#(width), "height": 30}}, {"schemaId": "s", "objectId": "o\#(index % 71 == 0 ? 1 : 2)", "polygon": [[1, 2], [3, 4], [5, 6]]}], "brushDataUrl": "https://d.s3.amazonaws.com/m/\#(index % 131 == 0 ? "a b" : "ab")-\#(index).png"\#(relation)}"#
        }
        let assets = "[" + (0..<1000).map { #"{"data": "https://b.s3.amazonaws.com/\#($0).jpg", "externalId": "asset-\#($0)"}"# }.joined(separator: ",") + "]"
        try compareSplitWithWhole("[\n" + items.joined(separator: ",\n") + "\n]\n", kind: .labels, assets: assets, minimum: 60)
    }

    func testAttachmentImportInPartsMatchesOnePass() throws {
        let items = (0..<1500).map { index -> String in
            let type = index % 101 == 0 ? "image" : "IMAGE"
            let file = index % 67 == 0 ? "still.gif" : "still+\(index).png"
            return #"{"externalId": "asset-\#(index % 1500)", "attachments": [{"type": "\#(type)", "value": "https://b.s3.amazonaws.com/\#(file)"}, {"type": "TEXT", "value": "note \#(index)"}]}"#
        }
        let assets = "[" + (0..<1000).map { #"{"data": "https://b.s3.amazonaws.com/\#($0).jpg", "externalId": "asset-\#($0)"}"# }.joined(separator: ",") + "]"
        try compareSplitWithWhole("[\n" + items.joined(separator: ",\n") + "\n]\n", kind: .attachments, assets: assets, minimum: 1500)
    }
}

/// The URL rules in label and attachment imports are called on a URL only when its facts ask for
/// them (the URL fast scan does not find it clean); the reference engine calls them on every URL,
/// and the findings are the same, serial and in parts.
final class EmbeddedURLShortcutTests: XCTestCase {
    func testFastEngineReportsWhatTheReferenceReportsOnEmbeddedURLs() throws {
        var literals: [String] = []
        for host in URLFastScanTests.hosts {
            for path in URLFastScanTests.paths { literals.append(ItemCorpus.literal("https://" + host + path)) }
        }
        for (offset, prefix) in URLFastScanTests.prefixes.enumerated() {
            for host in URLFastScanTests.hosts.prefix(4) {
                literals.append(ItemCorpus.literal(prefix + host + URLFastScanTests.paths[offset * 7 % URLFastScanTests.paths.count]))
            }
        }
        literals += ItemCorpus.urlLiterals
        let attachments = "[\n" + literals.enumerated().map { #"{"externalId": "a\#($0.offset)", "attachments": [{"type": "\#($0.offset % 2 == 0 ? "IMAGE" : "VIDEO")", "value": "\#($0.element)"}]}"# }.joined(separator: ",\n") + "\n]\n"
        let labels = "[\n" + literals.enumerated().map { #"{"externalId": "a\#($0.offset)", "\#($0.offset % 3 == 0 ? "medicalBrushDataUrl" : "brushDataUrl")": "\#($0.element)"}"# }.joined(separator: ",\n") + "\n]\n"
        // The comparison covers the shortcut: many URLs are clean.
        let scan = URLFastScan(configuration: Configuration(directory: "."), scalars: UnicodeScalarTable())
        let clean = literals.filter { literal in Array(literal.utf8).withUnsafeBufferPointer { scan.scan($0) != nil } }.count
        XCTAssertGreaterThan(clean, 100)
        for (text, kind) in [(attachments, DocumentKind.attachments), (labels, .labels)] {
            for provider in [Configuration.ProviderChoice.any, .gcs] {
                var configuration = Configuration(directory: ".")
                configuration.storage.provider = provider
                let source = SourceFile(path: "i.json", text: text)
                let reference = Linter(configuration: configuration, options: LintOptions(kind: kind, engine: .reference)).lint(source)
                XCTAssertGreaterThan(reference.diagnostics.filter { $0.ruleID.hasPrefix("U") }.count, literals.count / 4)
                for parts in [false, true] {
                    var options = LintOptions(kind: kind)
                    options.splitThreshold = parts ? 0 : .max
                    let fast = Linter(configuration: configuration, options: options).lint(SourceFile(path: "i.json", text: text))
                    XCTAssertEqual(DifferentialTests.describe(fast), DifferentialTests.describe(reference), "\(kind) \(provider) parts: \(parts)")
                }
            }
        }
    }
}
