import XCTest

@testable import AssetLint

final class ManifestDimensionTests: XCTestCase {
    // MARK: M120 dimension-pair

    func testWidthWithoutHeight() throws {
        let report = lintManifest("[\n  \(item("file.jpg", id: "cute-cat.jpg", #""width": 603"#))\n]")
        let diagnostic = try XCTUnwrap(
            assertOne(
                report, "M120", line: 2, column: 3, pointer: "/0",
                [
                    #"item 1 has "width" but no "height""#, #"the hub uses dimensions only as a pair; add "height" or remove "width""#
                ]))
        XCTAssertEqual(diagnostic.range.length, 1)
        XCTAssertEqual(diagnostic.related.first?.message, "\"width\" is here")
        XCTAssertEqual(
            diagnostic.related.first.map { report.source!.text(in: $0.range.offset..<$0.range.end) }, "\"width\"")
    }

    func testHeightWithoutWidth() {
        let report = lintManifest("[\(item("a.jpg", id: "a")),\n\(item("file.jpg", id: "b", #""height": 450"#))]")
        assertOne(report, "M120", line: 2, column: 1, pointer: "/1", [#"item 2 has "height" but no "width""#])
    }

    func testDimensionPairCleanTwins() {
        assertClean(
            lintManifest("[\(item("file.jpg", id: "a", #""width": 603, "height": 450"#)), \(item("b.jpg", id: "b"))]"))
    }

    // MARK: M121 dimension-invalid

    func testNumericStringGetsAnUnsafeFix() throws {
        let report = lintManifest("[\n  \(item("file.jpg", id: "a", #""width": 1024, "height": "768""#))\n]")
        let diagnostic = try XCTUnwrap(
            assertOne(
                report, "M121", line: 2, column: 118, pointer: "/0/height",
                [
                    #""height" must be a positive integer number of pixels, found the string "768""#,
                    "write 768 without quotes",
                ]))
        XCTAssertEqual(report.text(diagnostic), "\"768\"")
        XCTAssertEqual(diagnostic.fix?.applicability, .unsafe)
        XCTAssertEqual(diagnostic.fix?.edits.first?.replacement, "768")
        assertClean(lintManifest(applyFix(diagnostic, to: report)))
    }

    func testInvalidDimensionValues() {
        let cases: [(value: String, fragment: String, fix: String?)] = [
            ("\" 768 \"", "the string \" 768 \"", "768"),
            ("\"768.0\"", "the string \"768.0\"", "768"),
            ("603.0", "a number 603.0", "603"),
            ("1e3", "a number 1e3", "1000"),
            ("6.03E2", "a number 6.03E2", "603"),
            ("603.5", "pixel counts are whole numbers", nil),
            ("0", "cannot be 0 pixels wide", nil),
            ("-1", "cannot be -1 pixels wide", nil),
            ("-0.0", "a number -0.0", nil),
            ("true", "a boolean true", nil),
            ("null", "found null", nil),
            ("\"603px\"", "the string \"603px\"", nil),
            ("\"0\"", "the string \"0\"", nil),
            ("[603]", "found an array", nil),
            ("1e400", "far too large", nil),
        ]
        for (value, fragment, fix) in cases {
            let report = lintManifest("[\(item("file.jpg", id: "a", "\"width\": \(value), \"height\": 450"))]")
            let found = report.diagnostics("M121")
            XCTAssertEqual(found.count, 1, "\(value): \(report.summary)")
            guard let diagnostic = found.first else { continue }
            XCTAssertEqual(diagnostic.pointer, "/0/width")
            XCTAssertEqual(report.position(diagnostic).column, 101, value)
            XCTAssertEqual(report.text(diagnostic), value)
            XCTAssertTrue(diagnostic.told.contains(fragment), "\(value): \(diagnostic.told)")
            XCTAssertEqual(diagnostic.fix?.edits.first?.replacement, fix, value)
        }
    }

    func testDimensionInvalidCleanTwin() {
        assertClean(lintManifest("[\(item("file.jpg", id: "a", #""width": 1, "height": 100000"#))]"))
    }

    // MARK: M122 dimension-implausible

    func testAboveTheMaximum() throws {
        let report = lintManifest("[\n  \(item("file.jpg", id: "a", #""width": 2457600, "height": 450"#))\n]")
        let diagnostic = try XCTUnwrap(
            assertOne(
                report, "M122", line: 2, column: 102, pointer: "/0/width",
                ["\"width\" is 2457600 pixels, above assets.maxDimension (100000)", "probably a file size"]))
        XCTAssertEqual(diagnostic.severity, .warning)
        assertClean(report, "M121")
    }

    func testMaximumIsConfigurableAndHugeIntegersAreReported() {
        let text = "[\(item("slide.tif", id: "a", #""width": 150000, "height": 90000"#))]"
        XCTAssertEqual(lintManifest(text).diagnostics("M122").count, 1)
        assertClean(lintManifest(text) { $0.assets.maxDimension = 200_000 })
        let huge = lintManifest("[\(item("a.jpg", id: "a", #""width": 99999999999999999999999, "height": 450"#))]")
        assertOne(huge, "M122", line: 1, column: 98, pointer: "/0/width", ["too large for any image"])
        assertClean(huge, "M121")
    }

    func testImplausibleCleanTwin() {
        assertClean(lintManifest("[\(item("file.jpg", id: "a", #""width": 100000, "height": 8000"#))]"))
    }

    // MARK: M123 dimension-on-non-image

    func testDimensionsOnAVideo() throws {
        let report = lintManifest(
            "[\n  \(item("clips/run-12.mp4", id: "run-12", #""width": 1920, "height": 1080"#))\n]")
        let diagnostic = try XCTUnwrap(
            assertOne(
                report, "M123", line: 2, column: 106, pointer: "/0/width",
                [#"item 1 has "width" and "height" but its asset "run-12.mp4" is not an image (.mp4)"#]))
        XCTAssertEqual(report.text(diagnostic), "\"width\"")
        XCTAssertEqual(diagnostic.severity, .warning)
    }

    func testDimensionOnNonImageSkipsUnknownImageFormatsAndMissingExtensions() {
        let text =
            "[\(item("a.gif", id: "a", #""width": 1, "height": 1"#)), \(item("b", id: "b", #""width": 1, "height": 1"#))]"
        assertClean(lintManifest(text), "M123")
        let pdf = lintManifest("[\(item("doc%20v2.PDF?version=3", id: "d", #""height": 1100"#))]")
        assertOne(
            pdf, "M123", line: 1, column: 106, pointer: "/0/height",
            [#""height" but its asset "doc v2.PDF" is not an image (.pdf)"#])
    }

    func testDimensionOnNonImageCleanTwin() {
        assertClean(
            lintManifest(
                "[\(item("file.PNG", id: "a", #""width": 603, "height": 450"#)), \(item("clips/run-12.mp4", id: "b"))]")
        )
    }
}
