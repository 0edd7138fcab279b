import Foundation
import XCTest
@testable import AssetLint

/// Random URL-like values (pieces of real URLs, special characters, escapes, invalid bytes): no
/// crash, every range inside the file, and fixes that keep the file valid JSON.
final class URLRobustnessTests: XCTestCase {
    static let pieces: [[UInt8]] = [
        "https://", "http://", "gs://", "s3://", "HTTPS:", "//", "/", "\\\\", "\\/", "b.s3.amazonaws.com", "storage.googleapis.com",
        "acct.blob.core.windows.net", "storage.cloud.google.com", "xn--", "bücher", "[::1]", ":443", ":", "@", "user:pw@",
        "a", "Z", "0", ".", "..", "%", "%2", "%25", "%C3", "%A9", "%E9", "%2e", "+", "#", "?", "&", "=", " ", "\\t", "\\u0000",
        "\\u00e9", "\\u0301", "\\u200b", "\\ud83d\\ude00", "\\ud800", "é", "\u{0301}", "東京", "{", "|", "^", "`", "<", "\\\"",
        "X-Amz-Signature=1", "sig=2&sv=3", ".jpg", "versionId=4",
    ].map { Array($0.utf8) } + [[0xE9], [0xC3], [0xFF]]

    /// A manifest of `count` items with random values; `validUTF8` leaves out the raw invalid bytes.
    static func document(count: Int, validUTF8: Bool, seed: UInt64) -> [UInt8] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = validUTF8 ? Array(Self.pieces.dropLast(3)) : Self.pieces
        var document: [UInt8] = Array("[\n".utf8)
        for index in 0..<count {
            var value: [UInt8] = []
            for _ in 0..<next(14) { value += pieces[next(pieces.count)] }
            var id: [UInt8] = []
            for _ in 0..<next(4) { id += pieces[next(pieces.count)] }
            if index > 0 { document += Array(",\n".utf8) }
            document += Array(#"  {"data": ""#.utf8) + value + Array(#"", "externalId": ""#.utf8) + id + Array(#""}"#.utf8)
        }
        return document + Array("\n]\n".utf8)
    }

    private func parses(_ bytes: [UInt8]) -> Bool {
        let file = SourceFile(path: "x", bytes: bytes)
        var parser = JSONParser(source: file, maxDepth: 512)
        var tree = JSONTree(source: file)
        return parser.parseDocument(into: &tree) && !parser.takeIssues().contains { $0.kind == .syntax }
    }

    func testRandomValuesNeitherCrashNorBreakTheFile() throws {
        let linter = Linter(configuration: Configuration(directory: "/"), options: LintOptions(kind: .manifest),
                            rules: RuleRegistry.rules(in: .json) + URLRuleTesting.allRules)
        for (validUTF8, seed) in [(false, UInt64(1)), (true, 2), (true, 3)] {
            let document = Self.document(count: 1500, validUTF8: validUTF8, seed: seed)
            let report = linter.lint(SourceFile(path: "fuzz.json", bytes: document))
            XCTAssertGreaterThan(report.diagnostics.count, 500)
            for diagnostic in report.diagnostics {
                XCTAssertTrue(diagnostic.range.offset >= 0 && diagnostic.range.end <= document.count, "\(diagnostic.ruleID) \(diagnostic.range)")
                for edit in diagnostic.fix?.edits ?? [] {
                    XCTAssertTrue(edit.range.offset >= 0 && edit.range.end <= document.count)
                }
            }
            guard validUTF8 else { continue }
            XCTAssertTrue(parses(document))
            // Fixes applied in rounds, as --fix --unsafe-fixes does, keep the file valid JSON.
            var bytes = document
            for _ in 0..<10 {
                let fixes = FixApplier.applicable(linter.lint(SourceFile(path: "f.json", bytes: bytes)).diagnostics, unsafe: true)
                let next = bytes.withUnsafeBufferPointer { FixApplier.apply(fixes, to: $0) }.bytes
                if next == bytes { break }
                XCTAssertTrue(parses(next), "fixes keep the manifest valid JSON")
                bytes = next
            }
        }
    }
}
