import Foundation
import XCTest

@testable import AssetLint

/// Damaged manifests never crash the M rules, and whatever they report points inside the file.
final class ManifestRobustnessTests: XCTestCase {
    private let fixtures = [
        "broken.json", "structure.json", "external-ids.json", "dimensions.json", "extensions.json",
        "batches-attachments.json",
    ]

    func testTruncatedFixtures() throws {
        for name in fixtures {
            let bytes = Array(try Data(contentsOf: manifestFixtures.appendingPathComponent(name)))
            for length in stride(from: 0, through: bytes.count, by: 5) {
                check(Array(bytes.prefix(length)), name: "\(name) cut at \(length)")
            }
        }
    }

    func testMutatedFixtures() throws {
        // A fixed linear congruential generator: the same mutations on every run.
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let replacements: [UInt8] =
            Array("\"\\{}[],:0123456789.-eE+ \t\n\r/%#?tfnu".utf8) + [0x00, 0x80, 0xC3, 0xA9, 0xE2, 0xFF]
        for name in fixtures {
            let original = Array(try Data(contentsOf: manifestFixtures.appendingPathComponent(name)))
            for round in 0..<150 {
                var bytes = original
                for _ in 0..<(1 + next(4)) {
                    let position = next(bytes.count)
                    switch next(3) {
                    case 0: bytes[position] = replacements[next(replacements.count)]
                    case 1: bytes.insert(replacements[next(replacements.count)], at: position)
                    default: bytes.remove(at: position)
                    }
                }
                check(bytes, name: "\(name) mutation \(round)")
            }
        }
    }

    func testOddButValidValues() {
        let texts = [
            "[{}]", "[[]]", "[{\"data\": \"\"}]", "[{\"data\": \"?\", \"externalId\": \"\\u0000\"}]",
            "[{\"data\": \"https://h.example/%\", \"externalId\": \"\\ud800\"}]",
            "[{\"externalId\": \"\\r\\n\\t \\u2028\"}]", "[{\"width\": -0, \"height\": 1e-400}]",
            "[{\"data\": \"https://h.example/a.jpg\", \"externalId\": \"a\", \"attachments\": [{}, [], {\"type\": \"\", \"value\": \"\"}]}]",
            "[{\"data\": \"https://h.example/a.jpg\", \"externalId\": \"a\", \"batches\": [null, \"\", \" \", []]}]",
            "[{\"" + String(repeating: "k", count: 5000) + "\": 1}]",
            "[{\"data\": \"https://h.example/" + String(repeating: "a", count: 100_000) + ".jpg\", \"externalId\": \""
                + String(repeating: "é", count: 50_000) + " \"}]",
            "[1, \"x\", null, true, {\"data\": 1, \"dataset\": 2, \"externalId\": 3, \"width\": \"x\", \"height\": {}, \"metadata\": [], \"contextData\": 4, \"batches\": {}, \"attachments\": \"a\"}]",
        ]
        for text in texts {
            check(Array(text.utf8), name: text.prefix(60).description)
        }
    }

    /// Files linted in parallel (as the command line does) report exactly what they report alone:
    /// the per-thread item cache never mixes two files up.
    func testParallelLintingMatchesSerial() throws {
        let names = fixtures + ["hub-example.json", "not-array.json", "empty-manifest.json"]
        let texts = try names.map {
            try String(contentsOf: manifestFixtures.appendingPathComponent($0), encoding: .utf8)
        }
        let serial = texts.map { lintManifest($0).summary }
        let rounds = 8
        let results = Parallel.map(texts.count * rounds) { job in lintManifest(texts[job % texts.count]).summary }
        for job in 0..<(texts.count * rounds) {
            XCTAssertEqual(results[job], serial[job % texts.count], names[job % texts.count])
        }
    }

    private func check(_ bytes: [UInt8], name: String) {
        let linter = Linter(configuration: Configuration(directory: "."), options: LintOptions(kind: .manifest))
        let report = linter.lint(SourceFile(path: "assets.json", bytes: bytes))
        for diagnostic in report.diagnostics where diagnostic.ruleID.hasPrefix("M") {
            XCTAssertGreaterThanOrEqual(diagnostic.range.offset, 0, name)
            XCTAssertLessThanOrEqual(diagnostic.range.end, bytes.count, "\(name): \(diagnostic.ruleID)")
            XCTAssertFalse(diagnostic.message.isEmpty, name)
            for edit in diagnostic.fix?.edits ?? [] {
                XCTAssertLessThanOrEqual(edit.range.end, bytes.count, "\(name): \(diagnostic.ruleID) fix")
            }
            for related in diagnostic.related {
                XCTAssertLessThanOrEqual(related.range.end, bytes.count, "\(name): \(diagnostic.ruleID) related")
            }
        }
    }
}
