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

/// The URL rules in label and attachment imports skip the URLs the fast scan finds clean; with the
/// engine's shortcuts off every URL gets the full analysis, and the findings are the same.
final class EmbeddedURLShortcutTests: XCTestCase {
    func testFastScanChangesNoFinding() throws {
        var urls: [String] = []
        for host in URLFastPathTests.hosts {
            for path in URLFastPathTests.paths { urls.append("https://" + host + path) }
        }
        for (offset, prefix) in ["http://", "gs://", "HTTPS://", " https://"].enumerated() {
            for host in URLFastPathTests.hosts.prefix(4) { urls.append(prefix + host + URLFastPathTests.paths[offset * 7 % URLFastPathTests.paths.count]) }
        }
        let values = urls.map { "\"" + JSONLiteral.escape($0) + "\"" }
        let attachments = "[\n" + values.enumerated().map { #"{"externalId": "a\#($0.offset)", "attachments": [{"type": "\#($0.offset % 2 == 0 ? "IMAGE" : "VIDEO")", "value": \#($0.element)}]}"# }.joined(separator: ",\n") + "\n]\n"
        let labels = "[\n" + values.enumerated().map { #"{"externalId": "a\#($0.offset)", "brushDataUrl": \#($0.element)}"# }.joined(separator: ",\n") + "\n]\n"
        for (text, kind) in [(attachments, DocumentKind.attachments), (labels, .labels)] {
            for provider in kind == .attachments ? [Configuration.ProviderChoice.any, .gcs] : [.any] {
                var configuration = Configuration(directory: ".")
                configuration.storage.provider = provider
                var plain = LintOptions(kind: kind, select: ["U"])
                plain.checksBareItemsDirectly = false
                let fast = Linter(configuration: configuration, options: LintOptions(kind: kind, select: ["U"])).lint(SourceFile(path: "i.json", text: text))
                let full = Linter(configuration: configuration, options: plain).lint(SourceFile(path: "i.json", text: text))
                XCTAssertGreaterThan(full.diagnostics.count, urls.count / 2)
                XCTAssertEqual(fast.diagnostics.map { "\($0.ruleID) \($0.range.offset) \($0.message)" },
                               full.diagnostics.map { "\($0.ruleID) \($0.range.offset) \($0.message)" }, "\(kind) \(provider)")
            }
        }
    }
}
