import XCTest

@testable import AssetLint

final class ManifestAcceptanceTests: XCTestCase {
    /// The hub's own example manifest (spec section 1) has nothing to report, from any rule.
    func testHubExampleIsClean() throws {
        let text = """
            [
              {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "width": 603, "height": 450},
              {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file%202.jpg", "externalId": "cute-dog.jpg", "width": 1800, "height": 1200}
            ]
            """
        let report = lintManifest(text)
        XCTAssertEqual(report.kind, .manifest)
        XCTAssertTrue(report.diagnostics.isEmpty, report.summary)
        let fixture = try lintFixture("hub-example.json")
        XCTAssertTrue(fixture.diagnostics.isEmpty, fixture.summary)
        // Detected as a manifest without --kind, too.
        let detected = Linter(configuration: Configuration(directory: ".")).lint(
            SourceFile(path: "assets.json", text: text))
        XCTAssertEqual(detected.kind, .manifest)
        XCTAssertTrue(detected.diagnostics.isEmpty, detected.summary)
    }

    /// An item missing `height`, a duplicate `externalId`, a `"768"` height and a misspelt `externalID`.
    func testBrokenManifest() throws {
        let report = try lintFixture("broken.json")
        XCTAssertEqual(report.diagnostics.map(\.ruleID), ["M120", "M110", "M121", "M106"], report.summary)
        assertOne(report, "M120", line: 3, column: 3, pointer: "/1", [#"item 1 has "width" but no "height""#])
        let duplicate = assertOne(
            report, "M110", line: 4, column: 92, pointer: "/2/externalId",
            [#"externalId "cute-cat.jpg" is already used by item 0 (line 2)"#])
        XCTAssertEqual(
            duplicate.map { report.source!.position(of: $0.related[0].range.offset) },
            SourcePosition(line: 2, column: 88))
        assertOne(report, "M121", line: 5, column: 134, pointer: "/3/height", [#"found the string "768""#])
        // The misspelt key is the mistake; that the item has no externalId is its note, not a second finding.
        let misspelt = assertOne(
            report, "M106", line: 6, column: 78, pointer: "/4/externalID", [#"did you mean "externalId"?"#])
        XCTAssertEqual(misspelt?.related.map(\.message), [#"so item 4 has no "externalId" (M104)"#])
        XCTAssertEqual(misspelt.map { report.source!.position(of: $0.related[0].range.offset) }, SourcePosition(line: 6, column: 3))
        XCTAssertEqual(report.diagnostics.map(\.severity), [.error, .error, .error, .error])

        // Applying the two unsafe fixes leaves the pairing and the duplicate, which need a human.
        var text = applyFix(try XCTUnwrap(misspelt), to: report)
        let afterRename = lintManifest(text)
        text = applyFix(try XCTUnwrap(afterRename.diagnostics("M121").first), to: afterRename)
        XCTAssertEqual(lintManifest(text).diagnostics.map(\.ruleID), ["M120", "M110"])
    }

    /// Each family's fixture reports what it was written to show.
    func testFamilyFixtures() throws {
        let expected: [String: [String]] = [
            "not-array.json": ["M101 "],
            "empty-manifest.json": ["M108 "],
            "structure.json": [
                "M102 /1", "M102 /2", "M103 /3", "M106 /3/url", "M106 /4/ExternalId", "M105 /5/externalId",
                "M105 /5/metadata", "M106 /6/store", "M106 /6/metdata", "M107 /7/dataset", "M105 /8/dataset",
            ],
            "external-ids.json": [
                "M113 /1/externalId", "M110 /2/externalId", "M113 /3/externalId", "M115 /4/externalId",
                "M113 /5/externalId",
                "M110 /6/externalId",
            ],
            "dimensions.json": [
                "M120 /1", "M121 /2/width", "M121 /2/height", "M121 /3/width", "M121 /3/height", "M121 /4/width",
                "M121 /4/height", "M122 /5/width", "M123 /6/width", "M120 /7", "M106 /7/heigth",
            ],
            "extensions.json": ["M130 /0/data", "M130 /2/data", "M130 /3/data", "M130 /4/data", "M130 /6/dataset/1"],
            "batches-attachments.json": [
                "M140 /1/batches/1", "M140 /1/batches/2", "M140 /2/batches/0", "M141 /3/attachments/0/type",
                "M141 /4/attachments/1/type", "M141 /5/attachments/0",
                "M141 /5/attachments/1",
            ],
        ]
        for (name, findings) in expected.sorted(by: { $0.key < $1.key }) {
            let report = try lintFixture(name)
            XCTAssertEqual(
                report.manifestDiagnostics.map { "\($0.ruleID) \($0.pointer)" }, findings, "\(name):\n\(report.summary)"
            )
        }
    }

    /// Every rule's documented examples behave as documented: each triggering example reports the
    /// rule, each non-triggering one reports no M rule at all.
    func testRuleExamples() {
        for rule in RuleRegistry.rules(in: .manifest) {
            let metadata = rule.metadata
            XCTAssertFalse(metadata.triggering.isEmpty, metadata.id)
            XCTAssertFalse(metadata.nonTriggering.isEmpty, metadata.id)
            for example in metadata.triggering {
                XCTAssertEqual(example.kind, .manifest)
                let report = lintManifest(example.text) { Self.apply(example.config, to: &$0) }
                XCTAssertFalse(
                    report.diagnostics(metadata.id).isEmpty,
                    "\(metadata.id) does not trigger on:\n\(example.text)\n\(report.summary)")
            }
            for example in metadata.nonTriggering {
                let report = lintManifest(example.text) { Self.apply(example.config, to: &$0) }
                XCTAssertTrue(
                    report.manifestDiagnostics.isEmpty,
                    "\(metadata.id) non-triggering example reports:\n\(example.text)\n\(report.summary)")
            }
        }
    }

    /// The two configuration snippets the examples use (the YAML loader is not this suite's subject).
    static func apply(_ config: String?, to configuration: inout Configuration) {
        guard let config else { return }
        for line in config.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("maxDimension:") {
                configuration.assets.maxDimension = Int(
                    trimmed.dropFirst("maxDimension:".count).trimmingCharacters(in: .whitespaces))!
            } else if trimmed.hasPrefix("extensions:") {
                let list = trimmed.dropFirst("extensions:".count).trimmingCharacters(
                    in: CharacterSet(charactersIn: " []"))
                configuration.assets.extensions = list.split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
            } else if trimmed.hasPrefix("ignore:") {
                let list = trimmed.dropFirst("ignore:".count).trimmingCharacters(in: CharacterSet(charactersIn: " []"))
                configuration.rules.ignore = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            } else if trimmed != "assets:", trimmed != "rules:" {
                XCTFail("unexpected example configuration line: \(line)")
            }
        }
    }

    func testCatalog() {
        let catalog = RuleRegistry.rules(in: .manifest).map { "\($0.metadata.id) \($0.metadata.name) \($0.metadata.severity.rawValue)" }
        XCTAssertEqual(
            catalog,
            [
                "M101 manifest-not-array error", "M102 item-not-object error", "M103 missing-data error",
                "M104 missing-external-id error", "M105 wrong-type error", "M106 unknown-field error",
                "M107 data-and-dataset error", "M108 empty-manifest warning", "M110 external-id-duplicate error",
                "M111 external-id-normalization-duplicate error", "M112 external-id-confusable warning",
                "M113 external-id-whitespace warning", "M114 external-id-invisible error", "M115 external-id-empty error",
                "M116 external-id-not-nfc warning", "M120 dimension-pair error",
                "M121 dimension-invalid error", "M122 dimension-implausible warning",
                "M123 dimension-on-non-image warning", "M124 dimension-in-metadata info",
                "M130 unsupported-extension warning", "M131 markdown-line-break info", "M132 markdown-double-quote info",
                "M140 batches-invalid error", "M141 attachment-invalid error", "M142 classification-invalid error",
                "M143 attachment-file-type warning", "M150 frame-rate-invalid error", "M151 frame-rate-not-video warning",
            ])
        for rule in RuleRegistry.rules(in: .manifest) {
            XCTAssertEqual(rule.metadata.kinds, [.manifest])
            XCTAssertFalse(rule.metadata.summary.isEmpty)
            XCTAssertFalse(rule.metadata.rationale.isEmpty)
            XCTAssertTrue(RuleRegistry.builtIn.contains { $0 == rule }, rule.metadata.id)
        }
    }

    /// Selecting and ignoring works on these rules like on any other.
    func testRulesCanBeIgnored() {
        let report = Linter(
            configuration: Configuration(directory: "."),
            options: LintOptions(kind: .manifest, ignore: ["M12", "M110"])
        )
        .lint(
            SourceFile(
                path: "broken.json",
                text: (try? String(contentsOf: manifestFixtures.appendingPathComponent("broken.json"), encoding: .utf8))
                    ?? ""))
        XCTAssertEqual(report.diagnostics.map(\.ruleID), ["M106"])
    }
}
