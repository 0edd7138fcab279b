import Foundation
import XCTest
@testable import AssetLint

/// The `json` format read back with Foundation's parser: types and values of every field.
final class JSONReporterTests: XCTestCase {
    private func parse(_ run: LintRun) throws -> [String: Any] {
        let output = JSONReporter().render(run, options: ReportOptions(color: true, quiet: true, statistics: true))
        let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
        return try XCTUnwrap(object as? [String: Any])
    }

    func testTopLevelShape() throws {
        let report = try parse(ReporterFixtures.handmadeRun())
        XCTAssertEqual(Set(report.keys), ["version", "tool", "files", "summary"])
        XCTAssertEqual(report["version"] as? Int, 1)
        let tool = try XCTUnwrap(report["tool"] as? [String: Any])
        XCTAssertEqual(tool as NSDictionary, ["name": "assetlint", "version": "0.1.0"] as NSDictionary)
        let summary = try XCTUnwrap(report["summary"] as? [String: Int])
        XCTAssertEqual(summary, ["files": 5, "errors": 6, "warnings": 3, "infos": 1, "fixable": 4])
        let files = try XCTUnwrap(report["files"] as? [[String: Any]])
        XCTAssertEqual(files.map { $0["path"] as? String }, [
            "assets/batch 1,final.json", "infra/cors.json", "notes/weird.json", "missing.json", "clean.json",
        ])
    }

    func testEveryDiagnosticFieldHasTheRightTypeAndValue() throws {
        let report = try parse(ReporterFixtures.handmadeRun())
        let files = try XCTUnwrap(report["files"] as? [[String: Any]])
        let manifest = files[0]
        XCTAssertEqual(Set(manifest.keys), ["path", "kind", "diagnostics"])
        XCTAssertEqual(manifest["kind"] as? String, "manifest")
        let diagnostics = try XCTUnwrap(manifest["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.count, 5)

        // U204: a fix, no related locations (the key is left out).
        let plus = diagnostics[0]
        XCTAssertEqual(
            Set(plus.keys),
            ["rule", "name", "severity", "message", "line", "column", "endLine", "endColumn", "offset", "length", "pointer", "fix", "help"])
        XCTAssertEqual(plus["rule"] as? String, "U204")
        XCTAssertEqual(plus["name"] as? String, "url-plus-in-path")
        XCTAssertEqual(plus["severity"] as? String, "error")
        XCTAssertEqual(plus["message"] as? String, "`+` in an S3 object path is read as a space: write %20 for a space or %2B for a literal plus")
        XCTAssertEqual(plus["line"] as? Int, 2)
        XCTAssertEqual(plus["column"] as? Int, 61)
        XCTAssertEqual(plus["endLine"] as? Int, 2)
        XCTAssertEqual(plus["endColumn"] as? Int, 62)
        let plusRange = ReporterFixtures.range(of: "cat+1", in: ReporterFixtures.manifestText, from: 3, length: 1)
        XCTAssertEqual(plus["offset"] as? Int, plusRange.offset)
        XCTAssertEqual(plus["length"] as? Int, 1)
        XCTAssertEqual(plus["pointer"] as? String, "/0/data")
        XCTAssertEqual(plus["help"] as? String, "Rules/U204.md")
        let fix = try XCTUnwrap(plus["fix"] as? [String: Any])
        XCTAssertEqual(fix["applicability"] as? String, "unsafe")
        XCTAssertEqual(fix["description"] as? String, "encode the `+` as %20")
        let edits = try XCTUnwrap(fix["edits"] as? [[String: Any]])
        XCTAssertEqual(edits.count, 1)
        XCTAssertEqual(edits[0]["offset"] as? Int, plusRange.offset)
        XCTAssertEqual(edits[0]["length"] as? Int, 1)
        XCTAssertEqual(edits[0]["text"] as? String, "%20")

        // U203 sits after "café": columns count scalars, offsets count bytes.
        let space = diagnostics[1]
        XCTAssertEqual(space["line"] as? Int, 3)
        XCTAssertEqual(space["column"] as? Int, 62)
        XCTAssertEqual(space["offset"] as? Int, ReporterFixtures.range(of: "café 2", in: ReporterFixtures.manifestText, from: 5, length: 1).offset)

        // M110: related location, no fix.
        let duplicate = diagnostics[2]
        XCTAssertNil(duplicate["fix"])
        let related = try XCTUnwrap(duplicate["related"] as? [[String: Any]])
        XCTAssertEqual(related.count, 1)
        XCTAssertEqual(Set(related[0].keys), ["message", "line", "column"])
        XCTAssertEqual(related[0]["message"] as? String, "first used here")
        XCTAssertEqual(related[0]["line"] as? Int, 2)
        XCTAssertEqual(related[0]["column"] as? Int, 84)
        XCTAssertEqual(duplicate["endColumn"] as? Int, 92)

        // A range over several lines.
        let cors = try XCTUnwrap(files[1]["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(cors[0]["severity"] as? String, "info")
        XCTAssertEqual(cors[0]["line"] as? Int, 2)
        XCTAssertEqual(cors[0]["endLine"] as? Int, 6)
        XCTAssertEqual(cors[0]["endColumn"] as? Int, 4)
    }

    func testStringsSurviveTheRoundTrip() throws {
        let report = try parse(ReporterFixtures.handmadeRun())
        let files = try XCTUnwrap(report["files"] as? [[String: Any]])
        let weird = try XCTUnwrap(files[2]["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(weird[0]["message"] as? String, ReporterFixtures.nastyMessage)
        let raw = JSONReporter().render(ReporterFixtures.handmadeRun(), options: ReportOptions())
        XCTAssertFalse(raw.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "raw control characters in the output")
        XCTAssertFalse(raw.unicodeScalars.contains("\u{2028}"))
        XCTAssertTrue(raw.contains(#"\u001b"#))
        XCTAssertTrue(raw.contains(#"\u2028"#))
    }

    func testUnreadableAndCleanFiles() throws {
        let report = try parse(ReporterFixtures.handmadeRun())
        let files = try XCTUnwrap(report["files"] as? [[String: Any]])
        let missing = files[3]
        XCTAssertEqual(Set(missing.keys), ["path", "kind", "error", "diagnostics"])
        XCTAssertTrue(missing["kind"] is NSNull)
        XCTAssertEqual(missing["error"] as? String, "No such file or directory")
        XCTAssertEqual((missing["diagnostics"] as? [Any])?.count, 0)
        let clean = files[4]
        XCTAssertEqual(Set(clean.keys), ["path", "kind", "diagnostics"])
        XCTAssertEqual((clean["diagnostics"] as? [Any])?.count, 0)
    }

    func testKeysComeInTheSpecifiedOrder() {
        let output = JSONReporter().render(ReporterFixtures.handmadeRun(), options: ReportOptions())
        func order(_ keys: [String], after start: String.Index) {
            var position = start
            for key in keys {
                guard let found = output.range(of: "\"\(key)\":", range: position..<output.endIndex) else {
                    return XCTFail("\(key) not found in order")
                }
                position = found.upperBound
            }
        }
        order(["version", "tool", "name", "version", "files", "path", "kind", "diagnostics"], after: output.startIndex)
        let firstDuplicate = output.range(of: "\"rule\": \"M110\"")!.lowerBound
        order(
            ["rule", "name", "severity", "message", "line", "column", "endLine", "endColumn", "offset", "length", "pointer",
             "related", "message", "line", "column", "help"], after: firstDuplicate)
        let firstFix = output.range(of: "\"rule\": \"U204\"")!.lowerBound
        order(["pointer", "fix", "applicability", "description", "edits", "offset", "length", "text", "help"], after: firstFix)
        order(["summary", "files", "errors", "warnings", "infos", "fixable"], after: output.range(of: "\"summary\"")!.lowerBound)
        XCTAssertTrue(output.hasSuffix("}\n"))
        XCTAssertTrue(output.contains("\n  \"tool\": {\n    \"name\": \"assetlint\","), "two-space indentation")
    }

    func testRealRunParses() throws {
        let report = try parse(ReporterFixtures.realRun())
        let files = try XCTUnwrap(report["files"] as? [[String: Any]])
        XCTAssertEqual(files.count, ReporterFixtures.realInputs.count)
        let rules = files.flatMap { ($0["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String } }
        XCTAssertEqual(Set(rules), ["J001", "J003", "J004"])
    }
}

final class ReporterJSONWriterTests: XCTestCase {
    func testEscapes() {
        XCTAssertEqual(ReportJSONWriter.quoted("a\"b\\c/d"), #""a\"b\\c/d""#)
        XCTAssertEqual(ReportJSONWriter.quoted("\u{8}\u{C}\n\r\t"), #""\b\f\n\r\t""#)
        XCTAssertEqual(ReportJSONWriter.quoted("\u{0}\u{1F}\u{7F}"), #""\u0000\u001f\u007f""#)
        XCTAssertEqual(ReportJSONWriter.quoted("x\u{2028}y\u{2029}z\u{FEFF}"), #""x\u2028y\u2029z\ufeff""#)
        XCTAssertEqual(ReportJSONWriter.quoted("café 😀 e\u{301}"), "\"café 😀 e\u{301}\"")
        XCTAssertEqual(ReportJSONWriter.quoted(""), "\"\"")
    }

    /// The word-at-a-time escaping against a plain one, scalar by scalar, on strings with
    /// special characters at every distance from a word boundary.
    func testEscapingMatchesAPlainEscaper() {
        func plain(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x08: out += "\\b"
                case 0x0C: out += "\\f"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0x00..<0x20, 0x7F, 0x2028, 0x2029, 0xFEFF:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let pieces = ["abcdefg", "a", "\"", "\\", "\n", "\u{1}", "\u{7F}", "é", "\u{2028}", "\u{2029}", "\u{FEFF}", "😀", "\u{2027}", "\u{FEFE}"]
        var random = SeededGenerator(seed: 8259)
        for _ in 0..<3000 {
            let text = (0..<Int(random.next() % 12)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            XCTAssertEqual(ReportJSONWriter.quoted(text), plain(text), text.debugDescription)
        }
    }

    func testNumbersAreWrittenAsSwiftWritesThem() {
        var random = SeededGenerator(seed: 10)
        let values = [0, 1, -1, 9, 10, 99, 100, Int.max, Int.min, Int.max - 1, Int.min + 1] + (0..<2000).map { _ in Int(bitPattern: UInt(random.next())) >> Int(random.next() % 64) }
        for value in values {
            var bytes: [UInt8] = []
            ReportJSONWriter.appendDecimal(value, to: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), String(value))
        }
    }

    func testEveryScalarRoundTrips() throws {
        var text = ""
        for value in Array(0..<0x300) + [0x2028, 0x2029, 0xFEFF, 0xFFFD, 0x1F600] {
            text.unicodeScalars.append(Unicode.Scalar(UInt32(value))!)
        }
        var writer = ReportJSONWriter()
        writer.beginArray()
        writer.string(text)
        writer.endArray()
        let decoded = try JSONSerialization.jsonObject(with: Data(writer.finish().utf8)) as? [String]
        XCTAssertEqual(decoded, [text])
    }

    func testLayout() {
        var writer = ReportJSONWriter()
        writer.object { json in
            json.field("a", 1)
            json.array("empty") { _ in }
            json.object("none") { _ in }
            json.array("list") { json in
                json.int(1)
                json.object { $0.field("b", true) }
                json.null()
            }
            json.field("c", optional: nil)
        }
        XCTAssertEqual(writer.finish(), """
            {
              "a": 1,
              "empty": [],
              "none": {},
              "list": [
                1,
                {
                  "b": true
                },
                null
              ],
              "c": null
            }

            """)
    }
}
