import XCTest

@testable import AssetLint

final class ManifestAssetTests: XCTestCase {
    // MARK: M130 unsupported-extension

    func testUnsupportedExtensionUnderlinesTheExtension() throws {
        let report = lintManifest("[\n  \(item("IMG_2041.HEIC", id: "IMG_2041"))\n]")
        let diagnostic = try XCTUnwrap(
            assertOne(
                report, "M130", line: 2, column: 72, pointer: "/0/data",
                [
                    "asset \"IMG_2041.HEIC\" has the extension .heic, which the hub does not import",
                    "supported: jpg, jpeg, png", "add \"heic\" to assets.extensions",
                ]))
        XCTAssertEqual(report.text(diagnostic), "HEIC")
        XCTAssertEqual(diagnostic.severity, .warning)
    }

    func testExtensionIgnoresQueryFragmentCaseAndIsPercentDecoded() {
        let clean = [
            "file.JPG?X-Amz-Expires=300", "file.png#page=2", "folder.v2/scan%2Etif", "caf%C3%A9.jpeg", "a%20b.Mp4",
        ]
        for file in clean {
            assertClean(lintManifest("[\(item(file, id: "a"))]"), "M130")
        }
        let encoded = lintManifest("[\(item("scan%2Ewebp", id: "a"))]")
        let diagnostic = encoded.diagnostics("M130").first
        XCTAssertEqual(diagnostic.map { encoded.text($0) }, "webp")
        XCTAssertTrue(diagnostic?.message.contains("\"scan.webp\"") ?? false)
        // The query's dots do not count, and a dotted folder gives no extension to the file.
        XCTAssertEqual(lintManifest("[\(item("scans/0001?format=.jpg", id: "a"))]").diagnostics("M130").count, 1)
        XCTAssertEqual(lintManifest("[\(item("v1.2/0001", id: "a"))]").diagnostics("M130").count, 1)
    }

    func testNoExtensionAndFolders() {
        let report = lintManifest(
            "[\n  {\"data\": \"https://storage.googleapis.com/bucket-name/scans/0001\", \"externalId\": \"scan-0001\"}\n]"
        )
        let diagnostic = assertOne(
            report, "M130", line: 2, column: 62, pointer: "/0/data", ["asset \"0001\" has no file extension"])
        XCTAssertEqual(diagnostic.map { report.text($0) }, "0001")
        let folder = lintManifest("[\(item("scans/", id: "a"))]")
        assertOne(folder, "M130", line: 1, column: 11, pointer: "/0/data", ["names a folder"])
    }

    func testDatasetEntriesAndConfiguredExtensions() {
        let text =
            #"[{"dataset": ["https://bucket-name.s3.eu-central-1.amazonaws.com/p1.jpg", "https://bucket-name.s3.eu-central-1.amazonaws.com/p2.bmp"], "externalId": "s"}]"#
        let report = lintManifest(text)
        XCTAssertEqual(report.diagnostics("M130").map(\.pointer), ["/0/dataset/1"])
        assertClean(lintManifest(text) { $0.assets.extensions = ["JPG", ".bmp"] }, "M130")
        let restricted = lintManifest("[\(item("a.pdf", id: "a"))]") { $0.assets.extensions = ["jpg"] }
        XCTAssertTrue(restricted.diagnostics("M130").first?.message.contains("(supported: jpg)") ?? false)
    }

    func testOpaqueURLsAreLeftToTheURLRules() {
        assertClean(lintManifest(#"[{"data": "data:image/png;base64,iVBORw0KGgo=", "externalId": "a"}]"#), "M130")
    }

    func testUnsupportedExtensionCleanTwin() {
        assertClean(
            lintManifest(
                "[\(item("IMG_2041.JPG", id: "IMG_2041")), \(item("notes.md", id: "notes")), \(item("ct/head.nrrd", id: "ct"))]"
            ))
    }

    // MARK: M140 batches-invalid

    func testBatchesEmptyNameAndNonString() {
        let report = lintManifest("[\n  \(item("file.jpg", id: "a", #""batches": ["week-21", "", 7]"#))\n]")
        let found = report.diagnostics("M140")
        XCTAssertEqual(found.map(\.pointer), ["/0/batches/1", "/0/batches/2"], report.summary)
        XCTAssertEqual(report.position(found[0]), SourcePosition(line: 2, column: 116))
        XCTAssertTrue(found[0].message.contains("batch name \"\" is empty"))
        XCTAssertTrue(found[1].message.contains("batch names must be strings, found a number 7"))
    }

    func testBatchesDuplicateHasASafeFix() throws {
        let report = lintManifest("[\(item("file.jpg", id: "a", #""batches": ["week-21", "night", "week-21"]"#))]")
        let diagnostic = try XCTUnwrap(
            assertOne(
                report, "M140", line: 1, column: 124, pointer: "/0/batches/2",
                ["batch \"week-21\" is listed twice for item 0"]))
        XCTAssertEqual(diagnostic.related.first?.message, "first listed here")
        XCTAssertEqual(diagnostic.fix?.applicability, .safe)
        let fixed = applyFix(diagnostic, to: report)
        XCTAssertTrue(fixed.contains(#""batches": ["week-21", "night"]"#), fixed)
        assertClean(lintManifest(fixed))
    }

    func testBatchesCleanTwin() {
        assertClean(
            lintManifest(
                "[\(item("file.jpg", id: "a", #""batches": ["week-21", "night"]"#)), \(item("b.jpg", id: "b", #""batches": []"#))]"
            ))
    }

    // MARK: M141 attachment-invalid

    func testAttachmentLowerCaseType() throws {
        let attachments =
            #""attachments": [{"type": "image", "value": "https://bucket-name.s3.eu-central-1.amazonaws.com/depth.png"}]"#
        let report = lintManifest("[\n  \(item("file.jpg", id: "a", attachments))\n]")
        let diagnostic = try XCTUnwrap(
            assertOne(
                report, "M141", line: 2, column: 118, pointer: "/0/attachments/0/type",
                [#"attachment type "image" must be upper case, "IMAGE""#]))
        XCTAssertEqual(diagnostic.fix?.edits.first?.replacement, "\"IMAGE\"")
        assertClean(lintManifest(applyFix(diagnostic, to: report)))
    }

    func testAttachmentShapes() {
        let attachments = """
            "attachments": [
                "https://bucket-name.s3.eu-central-1.amazonaws.com/depth.png",
                {"type": "IMG", "value": "https://bucket-name.s3.eu-central-1.amazonaws.com/depth.png"},
                {"type": "VIDEO", "value": "clips/run-12.mp4"},
                {"type": "TEXT"},
                {"type": "PDF", "url": "https://bucket-name.s3.eu-central-1.amazonaws.com/spec.pdf"},
                {"value": "just text"},
                {"type": 3, "value": 4}
              ]
            """
        let report = lintManifest("[\n  \(item("file.jpg", id: "a", attachments))\n]")
        let found = report.diagnostics("M141")
        XCTAssertEqual(
            found.map(\.pointer),
            [
                "/0/attachments/0", "/0/attachments/1/type", "/0/attachments/3", "/0/attachments/4", "/0/attachments/4/type",
                "/0/attachments/5", "/0/attachments/6/type", "/0/attachments/6/value",
            ], report.summary)
        let messages = found.map(\.message)
        XCTAssertTrue(messages[0].contains("found the string"))
        XCTAssertTrue(messages[1].contains(#"unknown attachment type "IMG""#))
        XCTAssertTrue(messages[1].contains(#""IMAGE", "TEXT" or "VIDEO""#))
        XCTAssertTrue(messages[2].contains("has no \"value\""))
        XCTAssertTrue(messages[3].contains(#"(found "url"; the hub reads only "value")"#))
        XCTAssertTrue(messages[4].contains("only images, videos and text"))
        XCTAssertTrue(messages[5].contains("has no \"type\""))
        XCTAssertEqual(report.position(found[2]), SourcePosition(line: 6, column: 5))
        // A relative path in a VIDEO attachment is a URL finding, as it is in `data`.
        XCTAssertEqual(report.diagnostics("U201").map(\.pointer), ["/0/attachments/2/value"], report.summary)
    }

    func testAttachmentCleanTwin() {
        let attachments =
            #""attachments": [{"type": "IMAGE", "value": "https://bucket-name.s3.eu-central-1.amazonaws.com/depth.png"}, {"type": "TEXT", "value": "dusk"}, {"type": "VIDEO", "value": "HTTPS://bucket-name.s3.eu-central-1.amazonaws.com/a.mp4"}]"#
        assertClean(lintManifest("[\(item("file.jpg", id: "a", attachments))]"))
    }
}

extension ManifestAssetTests {
    func testLongExtensionsAreNamedInFull() {
        let report = lintManifest("[\(item("archive.Tar%2Dcompressed-backup", id: "a"))]")
        let message = report.diagnostics("M130").first?.message ?? ""
        XCTAssertTrue(message.contains("the extension .tar-compressed-backup,"), message)
    }
}
