import Foundation
import XCTest
@testable import AssetLint

/// The `sarif` format read back with Foundation's parser: what SARIF 2.1.0 and GitHub code
/// scanning require.
final class SARIFReporterTests: XCTestCase {
    private func parse(_ run: LintRun) throws -> [String: Any] {
        let output = SARIFReporter().render(run, options: ReportOptions())
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    private func firstRun(_ log: [String: Any]) throws -> [String: Any] {
        try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
    }

    func testRequiredStructure() throws {
        let log = try parse(ReporterFixtures.handmadeRun())
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        XCTAssertEqual(log["$schema"] as? String, SARIFReporter.schemaURI)
        let runs = try XCTUnwrap(log["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        let run = runs[0]
        XCTAssertEqual(run["columnKind"] as? String, "unicodeCodePoints")
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "assetlint")
        XCTAssertEqual(driver["version"] as? String, "0.1.0")
        XCTAssertEqual(driver["informationUri"] as? String, "https://github.com/assetlint/assetlint")

        // Rules: exactly those that ran somewhere, in catalog order (K401 never ran).
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(
            rules.compactMap { $0["id"] as? String },
            ["J001", "J003", "J006", "M110", "M122", "U202", "U203", "U204", "C305", "C309", "C311"])
        for rule in rules {
            let id = try XCTUnwrap(rule["id"] as? String)
            let metadata = try XCTUnwrap(ReporterFixtures.handmadeCatalog.first { $0.id == id })
            XCTAssertEqual(rule["name"] as? String, metadata.name)
            XCTAssertEqual((rule["shortDescription"] as? [String: Any])?["text"] as? String, metadata.summary)
            XCTAssertEqual((rule["fullDescription"] as? [String: Any])?["text"] as? String, metadata.rationale)
            let help = try XCTUnwrap(rule["help"] as? [String: Any])
            XCTAssertNotNil(help["text"] as? String)
            XCTAssertNotNil(help["markdown"] as? String)
            let helpURI = try XCTUnwrap(rule["helpUri"] as? String)
            XCTAssertEqual(helpURI, "https://github.com/assetlint/assetlint/blob/main/Rules/\(id).md")
            XCTAssertNotNil(URL(string: helpURI)?.scheme)
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            XCTAssertEqual(level, ["error": "error", "warning": "warning", "info": "note"][metadata.severity.rawValue])
            let tags = try XCTUnwrap((rule["properties"] as? [String: Any])?["tags"] as? [String])
            XCTAssertTrue(tags.contains("assetlint"))
        }

        let invocation = try XCTUnwrap((run["invocations"] as? [[String: Any]])?.first)
        XCTAssertEqual(invocation["executionSuccessful"] as? Bool, false)
        let notifications = try XCTUnwrap(invocation["toolExecutionNotifications"] as? [[String: Any]])
        XCTAssertEqual(notifications.count, 1)
        XCTAssertEqual(notifications[0]["level"] as? String, "error")
        XCTAssertEqual(
            (notifications[0]["message"] as? [String: Any])?["text"] as? String,
            "missing.json: could not be read: No such file or directory")
    }

    func testResults() throws {
        let run = try firstRun(try parse(ReporterFixtures.handmadeRun()))
        let rules = try XCTUnwrap(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 10)
        for result in results {
            let ruleID = try XCTUnwrap(result["ruleId"] as? String)
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(rules[index]["id"] as? String, ruleID)
            XCTAssertTrue(["error", "warning", "note"].contains(try XCTUnwrap(result["level"] as? String)))
            XCTAssertNotNil((result["message"] as? [String: Any])?["text"] as? String)
            let location = try XCTUnwrap((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            XCTAssertNotNil((location["artifactLocation"] as? [String: Any])?["uri"] as? String)
            let region = try XCTUnwrap(location["region"] as? [String: Int])
            XCTAssertEqual(Set(region.keys), ["startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength"])
            XCTAssertGreaterThanOrEqual(region["startLine"]!, 1)
            XCTAssertGreaterThanOrEqual(region["startColumn"]!, 1)
            let fingerprints = try XCTUnwrap(result["partialFingerprints"] as? [String: String])
            XCTAssertNotNil(fingerprints["primaryLocationLineHash"])
            XCTAssertNotNil(fingerprints["assetlint/v2"])
        }

        // The URL with "café" before the finding: charOffset counts scalars, one less than bytes.
        let space = results[1]
        let spaceRegion = try XCTUnwrap(
            ((space["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Int])
        let byteOffset = ReporterFixtures.range(of: "café 2", in: ReporterFixtures.manifestText, from: 5, length: 1).offset
        XCTAssertEqual(spaceRegion["charOffset"], byteOffset - 1)
        XCTAssertEqual(spaceRegion["startColumn"], 62)
        XCTAssertEqual(spaceRegion["charLength"], 1)

        // The path is a percent-encoded relative URI reference.
        let uri = ((space["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            .flatMap { ($0["artifactLocation"] as? [String: Any])?["uri"] as? String }
        XCTAssertEqual(uri, "assets/batch%201%2Cfinal.json")

        // Related location and fixes.
        let duplicate = results[2]
        let related = try XCTUnwrap(duplicate["relatedLocations"] as? [[String: Any]])
        XCTAssertEqual(related.first?["id"] as? Int, 1)
        XCTAssertEqual((related.first?["message"] as? [String: Any])?["text"] as? String, "first used here")
        let relatedRegion = (related.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Int]
        XCTAssertEqual(relatedRegion?["startLine"], 2)
        XCTAssertEqual(relatedRegion?["startColumn"], 84)
        XCTAssertNil(duplicate["fixes"])

        let gs = results[4]
        let fix = try XCTUnwrap((gs["fixes"] as? [[String: Any]])?.first)
        XCTAssertEqual((fix["description"] as? [String: Any])?["text"] as? String, "use https://storage.googleapis.com/bucket/dog.jpg")
        let change = try XCTUnwrap((fix["artifactChanges"] as? [[String: Any]])?.first)
        XCTAssertEqual((change["artifactLocation"] as? [String: Any])?["uri"] as? String, "assets/batch%201%2Cfinal.json")
        let replacement = try XCTUnwrap((change["replacements"] as? [[String: Any]])?.first)
        let deleted = try XCTUnwrap(replacement["deletedRegion"] as? [String: Int])
        let gsRange = ReporterFixtures.range(of: "gs://bucket/dog.jpg", in: ReporterFixtures.manifestText)
        XCTAssertEqual(deleted["charOffset"], gsRange.offset - 1)  // "é" earlier in the file is two bytes
        XCTAssertEqual(deleted["charLength"], gsRange.length)
        XCTAssertEqual((replacement["insertedContent"] as? [String: Any])?["text"] as? String, "https://storage.googleapis.com/bucket/dog.jpg")

        // Levels.
        XCTAssertEqual(results.compactMap { $0["level"] as? String }.filter { $0 == "note" }.count, 1)
    }

    /// Fingerprints must not move when lines are inserted above a finding.
    func testFingerprintsIgnoreLineShifts() throws {
        func fingerprints(prefix: String) throws -> [String] {
            let text = prefix + ReporterFixtures.manifestText
            var report = ReporterFixtures.manifestReport()
            let shift = prefix.utf8.count
            report.source = SourceFile(path: report.path, text: text)
            report.diagnostics = report.diagnostics.map { diagnostic in
                var moved = diagnostic
                moved.range.offset += shift
                moved.related = moved.related.map { RelatedLocation(message: $0.message, range: ByteRange(offset: $0.range.offset + shift, length: $0.range.length)) }
                return moved
            }
            let run = try firstRun(try parse(LintRun(files: [report], catalog: ReporterFixtures.handmadeCatalog)))
            return try XCTUnwrap(run["results"] as? [[String: Any]]).compactMap {
                ($0["partialFingerprints"] as? [String: String])?["primaryLocationLineHash"]
            }
        }
        let before = try fingerprints(prefix: "")
        let after = try fingerprints(prefix: "\n\n\n")
        XCTAssertEqual(before.count, 5)
        XCTAssertEqual(before, after)
        XCTAssertEqual(Set(before).count, before.count, "distinct findings, distinct fingerprints")
        for fingerprint in before {
            XCTAssertNotNil(fingerprint.range(of: #"^[0-9a-f]{16}:[0-9]+$"#, options: .regularExpression))
        }
    }

    /// SARIF and the baseline share `Fingerprint`: the same finding, the same fingerprint, item
    /// identities included.
    func testFingerprintsAreTheBaselines() throws {
        let file = ReporterFixtures.manifestReport()
        let run = try firstRun(try parse(LintRun(files: [file], catalog: ReporterFixtures.handmadeCatalog)))
        let sarif = try XCTUnwrap(run["results"] as? [[String: Any]]).compactMap {
            ($0["partialFingerprints"] as? [String: String])?["assetlint/v2"].map { String($0.prefix { $0 != ":" }) }
        }
        XCTAssertEqual(sarif, Fingerprint.all(in: file, path: file.path))
        let identities = ItemIdentity.identities(of: file)
        XCTAssertTrue(identities.contains { $0 != nil }, "the fixture's findings are about named items")
        for (diagnostic, identity) in zip(file.diagnostics, identities) where identity != nil {
            XCTAssertFalse(sarif.contains(Fingerprint.of(diagnostic, path: file.path, source: file.source)), "identity left out")
        }
    }

    func testFingerprintOfAnObjectIgnoresReindentation() {
        let rule = ReporterFixtures.c311
        func fingerprint(_ text: String) -> String {
            let source = SourceFile(path: "cors.json", text: text)
            let start = ReporterFixtures.range(of: "{", in: text).offset
            let end = ReporterFixtures.range(of: "}", in: text).end
            let diagnostic = ReporterFixtures.diagnostic(rule, "m", ByteRange(start: start, end: end), pointer: "/0")
            return Fingerprint.of(diagnostic, path: "cors.json", source: source)
        }
        let compact = fingerprint(#"[{"origin": ["a b"], "method": ["GET"]}]"#)
        XCTAssertEqual(compact, fingerprint("[\n  {\n    \"origin\": [\"a b\"],\n    \"method\": [\"GET\"]\n  }\n]\n"))
        XCTAssertNotEqual(compact, fingerprint(#"[{"origin": ["ab"], "method": ["GET"]}]"#), "whitespace inside strings counts")
    }

    func testOccurrenceCounterSeparatesIdenticalFindings() throws {
        let text = "[1, 1]\n"
        let rule = ReporterFixtures.j003
        let diagnostics = [
            ReporterFixtures.diagnostic(rule, "same", ByteRange(offset: 1, length: 1), pointer: ""),
            ReporterFixtures.diagnostic(rule, "same", ByteRange(offset: 4, length: 1), pointer: ""),
        ]
        let report = FileReport(path: "a.json", kind: .json, source: SourceFile(path: "a.json", text: text), diagnostics: diagnostics, rulesRun: [rule])
        let run = try firstRun(try parse(LintRun(files: [report], catalog: [rule])))
        let hashes = try XCTUnwrap(run["results"] as? [[String: Any]]).compactMap {
            ($0["partialFingerprints"] as? [String: String])?["primaryLocationLineHash"]
        }
        XCTAssertEqual(hashes.count, 2)
        XCTAssertEqual(hashes[0].dropLast(2), hashes[1].dropLast(2))
        XCTAssertTrue(hashes[0].hasSuffix(":1"))
        XCTAssertTrue(hashes[1].hasSuffix(":2"))
    }

    func testCleanRunIsSuccessfulWithEmptyResults() throws {
        let run = try firstRun(try parse(ReporterFixtures.cleanRun()))
        XCTAssertEqual((run["results"] as? [Any])?.count, 0)
        let invocation = try XCTUnwrap((run["invocations"] as? [[String: Any]])?.first)
        XCTAssertEqual(invocation["executionSuccessful"] as? Bool, true)
        XCTAssertNil(invocation["toolExecutionNotifications"])
    }

    func testRealRunListsTheJRules() throws {
        let run = try firstRun(try parse(ReporterFixtures.realRun()))
        let rules = try XCTUnwrap(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.compactMap { $0["id"] as? String }, ["J001", "J002", "J003", "J004", "J005", "J006"])
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(Set(results.compactMap { $0["ruleId"] as? String }), ["J001", "J003", "J004"])
    }

    func testURIReferences() {
        XCTAssertEqual(ReportText.uriReference(forPath: "assets/a b#c?d%e.json"), "assets/a%20b%23c%3Fd%25e.json")
        XCTAssertEqual(ReportText.uriReference(forPath: "./x/./café.json"), "x/./caf%C3%A9.json")
        XCTAssertEqual(ReportText.uriReference(forPath: "c:odd.json"), "c%3Aodd.json")
        XCTAssertEqual(ReportText.uriReference(forPath: "/abs/path.json"), "file:///abs/path.json")
        XCTAssertEqual(ReportText.uriReference(forPath: "back\\slash.json"), "back%5Cslash.json")
    }

    /// Bytes fed one at a time, in slices of every length or as one string give one digest.
    func testSHA256DoesNotDependOnHowTheBytesArrive() {
        var random = SeededGenerator(seed: 256)
        for length in [0, 1, 55, 56, 63, 64, 65, 127, 128, 200, 1000] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            var whole = ReportSHA256()
            whole.update(bytes)
            let expected = whole.digest()
            var single = ReportSHA256()
            for byte in bytes { single.update(byte: byte) }
            XCTAssertEqual(single.digest(), expected, "\(length)")
            var pieces = ReportSHA256()
            var offset = 0
            while offset < length {
                let next = min(length, offset + Int(random.next() % 70))
                if next == offset, let byte = bytes.dropFirst(offset).first { pieces.update(byte: byte); offset += 1; continue }
                pieces.update(bytes[offset..<next])
                offset = next
            }
            XCTAssertEqual(pieces.digest(), expected, "\(length)")
        }
    }

    func testSHA256() {
        XCTAssertEqual(ReportSHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(ReportSHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            ReportSHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(
            ReportSHA256.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        // Lengths around the padding boundaries (55, 56, 63, 64, 65 bytes).
        XCTAssertEqual(ReportSHA256.hex(String(repeating: "a", count: 55)), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        XCTAssertEqual(ReportSHA256.hex(String(repeating: "a", count: 56)), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        XCTAssertEqual(ReportSHA256.hex(String(repeating: "a", count: 63)), "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34")
        XCTAssertEqual(ReportSHA256.hex(String(repeating: "a", count: 64)), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
        XCTAssertEqual(ReportSHA256.hex(String(repeating: "a", count: 65)), "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0")
    }
}
