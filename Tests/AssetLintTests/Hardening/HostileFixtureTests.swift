import Foundation
import XCTest
@testable import AssetLint

/// `Fixtures/hostile/`: each small hostile input, its findings and exit status through the real
/// executable (under limits), and terminal safety of what is printed. Rules added later may add
/// findings; the ones listed here must be there.
final class HostileFixtureTests: XCTestCase {
    private let expected: [String: (rules: [String], status: Int32, message: String?)] = [
        "bom-only.json": (["J001", "J004"], 1, "the file is empty"),
        "controls-and-bidi.json": (["M106", "M121"], 1, nil),
        "deep-64.json": ([], 0, nil),
        "empty.json": (["J001"], 1, "the file is empty"),
        "huge-numbers.json": (["M121", "M121", "M122", "M122"], 1, "1e400"),
        "lone-surrogate-escapes.json": (["J006", "J006"], 0, "is a low surrogate without a high one before it"),
        "nul-in-string.json": (["J001"], 1, "control character U+0000 inside a string"),
        "nul-only.json": (["J001"], 1, "found control character U+0000"),
        "overlong-utf8.json": (["J002"], 1, "byte 0xC0 is not valid UTF-8"),
        "surrogate-utf8.json": (["J002"], 1, "byte 0xED is not valid UTF-8"),
        "truncated-manifest.json": (["J001"], 1, "unterminated string: the file ends before its closing"),
        "utf16be.json": (["J002"], 1, "UTF-16 big-endian, not UTF-8"),
        "utf16le-bom.json": (["J002"], 1, "UTF-16 little-endian (with a byte-order mark), not UTF-8"),
        "utf32be.json": (["J002"], 1, "UTF-32 big-endian, not UTF-8"),
        "utf32le-bom.json": (["J002"], 1, "UTF-32 little-endian (with a byte-order mark), not UTF-8"),
    ]

    func testEveryHostileFixture() throws {
        let folder = Hardening.fixturesRoot + "/hostile"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertEqual(names, expected.keys.sorted(), "every hostile fixture has an expectation")
        for name in names {
            guard let (rules, status, message) = expected[name] else { continue }
            let result = try Hardening.run([folder + "/" + name, "--format", "json"], memoryMB: 1024, cpuSeconds: 30)
            XCTAssertEqual(result.status, status, "\(name): \(result.description)")
            let report = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
            let files = report?["files"] as? [[String: Any]]
            let diagnostics = files?.first?["diagnostics"] as? [[String: Any]] ?? []
            let found = diagnostics.compactMap { $0["rule"] as? String }
            for rule in Set(rules) {
                XCTAssertEqual(found.filter { $0 == rule }.count, rules.filter { $0 == rule }.count, "\(name): \(found)")
            }
            if let message {
                XCTAssertTrue(diagnostics.contains { ($0["message"] as? String)?.contains(message) == true }, "\(name): \(diagnostics)")
            }
            // The human format never prints controls, escapes or bidi overrides raw.
            let text = try Hardening.run([folder + "/" + name], memoryMB: 1024, cpuSeconds: 30, prefix: "export FORCE_COLOR=0;")
            for scalar in text.standardOutput.unicodeScalars where scalar != "\n" {
                XCTAssertFalse(scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                               || (0x2066...0x2069).contains(scalar.value) || scalar.value == 0x200B,
                               "\(name): U+\(String(scalar.value, radix: 16)) printed raw")
            }
        }
    }

    /// What the fuzzers found is kept in `Fixtures/hostile/fuzz/TARGET/`; each input goes through
    /// the whole engine here too (the fuzz targets replay them in `Fuzz/run.sh`).
    func testFuzzFindingsStayFixed() throws {
        let folder = Hardening.fixturesRoot + "/hostile/fuzz"
        var count = 0
        for target in ["json", "url", "config", "lint"] {
            let directory = folder + "/" + target
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
                var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
                switch target {
                case "url":
                    let result = bytes.withUnsafeBufferPointer { URLParser.parse(utf8: $0) }
                    if let url = result.url { XCTAssertEqual(URLParser.parse(url.href).url?.href, url.href, name) }
                case "config":
                    _ = ConfigurationLoader.validate(yaml: String(decoding: bytes, as: UTF8.self), path: "/f/.assetlint.yml",
                                                     isKnownRuleSelector: { _ in true })
                default:
                    if target == "lint", !bytes.isEmpty { bytes.removeFirst() }
                    let report = Hardening.lint(bytes)
                    Hardening.renderAll(report)
                    FixProperty.assertOutsideEditsUnchanged(bytes, report.diagnostics, subset: nil)
                }
                count += 1
            }
        }
        XCTAssertGreaterThan(count, 0)
    }
}
