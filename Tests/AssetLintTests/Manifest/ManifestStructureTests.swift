import XCTest

@testable import AssetLint

final class ManifestStructureTests: XCTestCase {
    // MARK: M101 manifest-not-array

    func testManifestNotArraySingleItemIsWrapped() throws {
        let text = item("file.jpg", id: "cute-cat.jpg")
        let report = lintManifest(text)
        let diagnostic = try XCTUnwrap(
            assertOne(report, "M101", line: 1, column: 1, pointer: "", ["single item object", "wrap the item in [ ]"]))
        XCTAssertEqual(diagnostic.range.length, 1)
        XCTAssertEqual(diagnostic.fix?.applicability, .unsafe)
        let fixed = applyFix(diagnostic, to: report)
        XCTAssertEqual(fixed, "[" + text + "]")
        assertClean(lintManifest(fixed))
    }

    func testManifestNotArrayWrappedArrayIsUnwrapped() throws {
        let text = "{\"assets\": [\n  \(item("file.jpg", id: "cute-cat.jpg"))\n]}\n"
        let report = lintManifest(text)
        let diagnostic = try XCTUnwrap(
            assertOne(report, "M101", line: 1, column: 1, pointer: "", ["\"assets\" member holds the items"]))
        let fixed = applyFix(diagnostic, to: report)
        XCTAssertEqual(fixed, "[\n  \(item("file.jpg", id: "cute-cat.jpg"))\n]\n")
        assertClean(lintManifest(fixed))
    }

    func testManifestNotArrayScalarAndOtherObjects() {
        assertOne(
            lintManifest("  \"https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg\""), "M101", line: 1,
            column: 3, pointer: "",
            ["the string \"https://", "not an array"])
        let other = lintManifest(#"{"version": 2, "items": 3}"#)
        let diagnostic = assertOne(other, "M101", line: 1, column: 1, pointer: "", ["is an object, not an array"])
        XCTAssertNil(diagnostic?.fix)
    }

    func testManifestNotArrayCleanTwin() {
        let report = lintManifest("[\(item("file.jpg", id: "cute-cat.jpg"))]")
        assertClean(report)
        XCTAssertTrue(report.diagnostics.isEmpty)
    }

    // MARK: M102 item-not-object

    func testItemNotObjectBareURL() throws {
        let text =
            "[\n  \(item("file.jpg", id: "cute-cat.jpg")),\n  \"https://bucket-name.s3.eu-central-1.amazonaws.com/file%202.jpg\"\n]"
        let report = lintManifest(text)
        let diagnostic = try XCTUnwrap(
            assertOne(report, "M102", line: 3, column: 3, pointer: "/1", ["item 1 is a bare URL", "externalId"]))
        let fixed = lintManifest(applyFix(diagnostic, to: report))
        assertClean(fixed, "M102")
        XCTAssertEqual(fixed.diagnostics("M104").count, 1, "the wrapped URL still needs an id")
    }

    func testItemNotObjectNullNumberAndNestedArray() {
        let report = lintManifest("[\n  null,\n  42,\n  [\(item("a.jpg", id: "a"))]\n]")
        let found = report.diagnostics("M102")
        XCTAssertEqual(found.map(\.pointer), ["/0", "/1", "/2"])
        XCTAssertTrue(found[0].message.contains("item 0 is null"))
        XCTAssertTrue(found[1].message.contains("a number 42"))
        XCTAssertTrue(found[2].message.contains("is an array") && found[2].message.contains("top-level array"))
        XCTAssertEqual(found[2].range.length, 1)
        XCTAssertEqual(
            report.manifestDiagnostics.count, 3, "nothing else is reported about non-objects:\n\(report.summary)")
    }

    func testItemNotObjectCleanTwin() {
        assertClean(
            lintManifest(
                "[\n  \(item("file.jpg", id: "cute-cat.jpg")),\n  \(item("file%202.jpg", id: "cute-dog.jpg"))\n]"))
    }

    // MARK: M103 missing-data

    func testMissingDataWithNearMiss() {
        let text =
            "[\n  {\"url\": \"https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg\", \"externalId\": \"a\"}\n]"
        let report = lintManifest(text)
        assertOne(
            report, "M103", line: 2, column: 3, pointer: "/0",
            ["item 0 has neither \"data\" nor \"dataset\"", "\"url\"", "add \"data\""])
        assertOne(report, "M106", line: 2, column: 4, pointer: "/0/url", ["did you mean \"data\"?"])
    }

    func testMissingDataEmptyDataset() {
        let report = lintManifest("[{\"dataset\": [], \"externalId\": \"scan-0001\"}]")
        assertOne(report, "M103", line: 1, column: 14, pointer: "/0/dataset", ["empty \"dataset\""])
    }

    func testMissingDataCleanTwins() {
        assertClean(lintManifest("[\(item("file.jpg", id: "a"))]"))
        assertClean(
            lintManifest(
                #"[{"dataset": ["https://bucket-name.s3.eu-central-1.amazonaws.com/p1.jpg"], "externalId": "a"}]"#))
    }

    // MARK: M104 missing-external-id

    func testMissingExternalID() {
        let text =
            "[\n  {\"data\": \"https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg\", \"width\": 603, \"height\": 450}\n]"
        let report = lintManifest(text)
        assertOne(
            report, "M104", line: 2, column: 3, pointer: "/0",
            ["item 0 has no \"externalId\"", "add a unique \"externalId\""])
        XCTAssertEqual(report.manifestDiagnostics.count, 1, report.summary)
    }

    /// A misspelt `externalId` is one mistake: M106 reports the key with M104 as its note; M104
    /// reports the item itself, naming the key, only when M106 does not run.
    func testMissingExternalIDNamesTheNearMiss() {
        let text = "[\(item("file.jpg", id: "x").replacingOccurrences(of: "externalId", with: "external_id"))]"
        let report = lintManifest(text)
        XCTAssertEqual(report.manifestDiagnostics.map(\.ruleID), ["M106"], report.summary)
        let misspelt = assertOne(report, "M106", line: 1, column: 73, pointer: "/0/external_id", ["did you mean \"externalId\"?"])
        XCTAssertEqual(misspelt?.related.map(\.message), [#"so item 0 has no "externalId" (M104)"#])
        XCTAssertEqual(misspelt?.related.first?.range, ByteRange(offset: 1, length: 1))
        let alone = lintManifest(text) { $0.rules.ignore = ["M106"] }
        assertOne(
            alone, "M104", line: 1, column: 2, pointer: "/0",
            ["has \"external_id\", which the hub ignores", "rename \"external_id\" to \"externalId\""])
        XCTAssertEqual(alone.manifestDiagnostics.count, 1, alone.summary)
        // An unknown key that is no near miss of externalId leaves M104 its own finding.
        let other = lintManifest("[\(item("file.jpg", id: "x").replacingOccurrences(of: "externalId", with: "camera"))]")
        XCTAssertEqual(Set(other.manifestDiagnostics.map(\.ruleID)), ["M104", "M106"], other.summary)
        XCTAssertTrue(other.diagnostics("M106").first?.related.isEmpty ?? false)
    }

    func testMissingExternalIDCleanTwin() {
        assertClean(lintManifest("[\(item("file.jpg", id: "cute-cat.jpg", #""width": 603, "height": 450"#))]"))
    }

    // MARK: M105 wrong-type

    func testWrongTypeNumericExternalID() throws {
        let numeric = lintManifest("[\n  \(item("file.jpg", id: "X").replacingOccurrences(of: "\"X\"", with: "42"))\n]")
        let diagnostic = try XCTUnwrap(
            assertOne(
                numeric, "M105", line: 2, column: 88, pointer: "/0/externalId",
                ["\"externalId\" must be a string, found a number 42", "quote it as \"42\""]))
        XCTAssertEqual(numeric.text(diagnostic), "42")
        let fixed = lintManifest(applyFix(diagnostic, to: numeric))
        assertClean(fixed)
    }

    func testWrongTypePerField() {
        let text = """
            [
              {"data": ["https://bucket-name.s3.eu-central-1.amazonaws.com/p1.jpg"], "externalId": "a"},
              {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/b.jpg", "externalId": "b", "storage": null},
              {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/c.jpg", "externalId": "c", "contextData": "night"},
              {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/d.jpg", "externalId": "d", "batches": "week-21"},
              {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/e.jpg", "externalId": "e", "attachments": {"type": "TEXT", "value": "x"}},
              {"dataset": "https://bucket-name.s3.eu-central-1.amazonaws.com/f.jpg", "externalId": "f"},
              {"dataset": ["https://bucket-name.s3.eu-central-1.amazonaws.com/g.jpg", 7], "externalId": "g"}
            ]
            """
        let report = lintManifest(text)
        let found = report.diagnostics("M105")
        XCTAssertEqual(
            found.map(\.pointer),
            ["/0/data", "/1/storage", "/2/contextData", "/3/batches", "/4/attachments", "/5/dataset", "/6/dataset/1"],
            report.summary)
        XCTAssertTrue(found[0].message.contains("found an array") && found[0].message.contains("\"dataset\" instead"))
        XCTAssertTrue(found[1].message.contains("found null") && found[1].message.contains("leave the member out"))
        XCTAssertTrue(found[2].message.contains("must be an object"))
        XCTAssertTrue(found[3].message.contains("write [\"week-21\"]"))
        XCTAssertEqual(applyFix(found[3], to: report).contains(#""batches": ["week-21"]"#), true)
        XCTAssertNotNil(found[4].fix)
        XCTAssertTrue(found[5].message.contains("use \"data\" instead"))
        XCTAssertTrue(found[6].message.contains("entries must be URL strings, found a number 7"))
        XCTAssertEqual(report.position(found[6]).line, 8)
        XCTAssertEqual(report.position(found[6]).column, 75)
    }

    func testWrongTypeCleanTwin() {
        assertClean(
            lintManifest(
                "[\(item("file.jpg", id: "42", #""metadata": {"camera": "front"}, "contextData": {}, "batches": ["b"], "attachments": []"#))]"
            ))
    }

    // MARK: M106 unknown-field

    func testUnknownFieldSuggestsAndRenamesOnlyTheKey() throws {
        let text =
            "[\n  {\"data\": \"https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg\", \"externalID\": \"cute-cat.jpg\"}\n]"
        let report = lintManifest(text)
        let diagnostic = try XCTUnwrap(
            assertOne(
                report, "M106", line: 2, column: 74, pointer: "/0/externalID",
                ["unknown field \"externalID\"", "did you mean \"externalId\"?", "case-sensitive"]))
        XCTAssertEqual(report.text(diagnostic), "\"externalID\"")
        XCTAssertEqual(diagnostic.fix?.applicability, .unsafe)
        XCTAssertEqual(diagnostic.fix?.edits.first?.range.length, 10, "only the key's characters, not its quotes")
        let fixed = applyFix(diagnostic, to: report)
        XCTAssertTrue(fixed.contains(#""externalId": "cute-cat.jpg""#))
        assertClean(lintManifest(fixed))
    }

    func testUnknownFieldTransposition() {
        let report = lintManifest("[\(item("file.jpg", id: "a", #""width": 603, "heigth": 450"#))]")
        assertOne(report, "M106", line: 1, column: 106, pointer: "/0/heigth", ["did you mean \"height\"?"])
        assertOne(report, "M120", line: 1, column: 2, pointer: "/0", ["\"heigth\" is not a manifest field"])
    }

    func testUnknownFieldWithoutSuggestion() throws {
        let report = lintManifest("[\(item("file.jpg", id: "a", #""camera": "front""#))]")
        let diagnostic = try XCTUnwrap(
            assertOne(
                report, "M106", line: 1, column: 92, pointer: "/0/camera", ["unknown field \"camera\"", "\"metadata\""])
        )
        XCTAssertNil(diagnostic.fix)
    }

    func testUnknownFieldNoFixWhenTargetExistsOrIsClaimed() {
        let report = lintManifest(
            "[\(item("file.jpg", id: "a", #""Data": "x", "Width": 1, "widht": 2, "height": 3"#))]")
        let found = report.diagnostics("M106")
        XCTAssertEqual(found.map(\.pointer), ["/0/Data", "/0/Width", "/0/widht"])
        XCTAssertNil(found[0].fix)
        XCTAssertTrue(found[0].message.contains("already has \"data\""))
        XCTAssertNotNil(found[1].fix)
        XCTAssertNil(found[2].fix, "renaming both to width would create a duplicate key")
        XCTAssertTrue(found[2].message.contains("another key"))
    }

    func testUnknownFieldAliasesAndEscapedKeys() {
        let report = lintManifest(#"[{"link": "https://bucket-name.s3.eu-central-1.amazonaws.com/a.jpg", "id": "a"}]"#)
        XCTAssertEqual(report.diagnostics("M106").map { $0.fix?.edits.first?.replacement }, ["data", "externalId"])
        // An escaped key that decodes to a known field is that field.
        assertClean(
            lintManifest(
                #"[{"d\u0061ta": "https://bucket-name.s3.eu-central-1.amazonaws.com/a.jpg", "externalId": "a"}]"#))
    }

    func testUnknownFieldCleanTwin() {
        assertClean(
            lintManifest(
                "[\(item("file.jpg", id: "a", #""width": 603, "height": 450, "metadata": {"camera": "front"}"#))]"))
    }

    // MARK: M107 data-and-dataset

    func testDataAndDataset() throws {
        let text = """
            [
              {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/p1.jpg", "externalId": "s", "dataset": ["https://bucket-name.s3.eu-central-1.amazonaws.com/p1.jpg"]}
            ]
            """
        let report = lintManifest(text)
        let diagnostic = try XCTUnwrap(
            assertOne(report, "M107", line: 2, column: 91, pointer: "/0/dataset", ["both \"data\" and \"dataset\""]))
        XCTAssertEqual(diagnostic.related.first?.message, "\"data\" is here")
        XCTAssertEqual(
            diagnostic.related.first.map { report.source!.position(of: $0.range.offset) },
            SourcePosition(line: 2, column: 4))
    }

    func testDataAndDatasetCleanTwin() {
        assertClean(
            lintManifest(
                #"[{"dataset": ["https://bucket-name.s3.eu-central-1.amazonaws.com/p1.jpg"], "externalId": "s"}]"#))
    }

    // MARK: M108 empty-manifest

    func testEmptyManifest() throws {
        let report = lintManifest("\n[ ]\n")
        let diagnostic = try XCTUnwrap(
            assertOne(report, "M108", line: 2, column: 1, pointer: "", ["empty array", "adds no assets"]))
        XCTAssertEqual(diagnostic.severity, .warning)
        XCTAssertEqual(report.diagnostics.count, 1, report.summary)
    }

    func testEmptyManifestCleanTwin() {
        assertClean(lintManifest("[\(item("file.jpg", id: "a"))]"), "M108")
        // A syntax error is J001's alone.
        let broken = lintManifest("[")
        assertClean(broken)
        XCTAssertEqual(broken.diagnostics("J001").count, 1)
    }
}
