import XCTest

@testable import AssetLint

final class ManifestExternalIDTests: XCTestCase {
    // MARK: M110 external-id-duplicate

    func testDuplicateReportedOnTheLaterItemWithTheFirstAsRelated() throws {
        let text = """
            [
              \(item("2024-05/cat.jpg", id: "cat.jpg")),
              \(item("2024-05/dog.jpg", id: "dog.jpg")),
              \(item("2024-06/cat.jpg", id: "cat.jpg"))
            ]
            """
        let report = lintManifest(text)
        let diagnostic = try XCTUnwrap(
            assertOne(
                report, "M110", line: 4, column: 95, pointer: "/2/externalId",
                ["externalId \"cat.jpg\" is already used by item 1 (line 2)", "make the id unique"]))
        XCTAssertEqual(report.text(diagnostic), "\"cat.jpg\"")
        XCTAssertEqual(diagnostic.related.count, 1)
        XCTAssertEqual(diagnostic.related[0].message, "first used here")
        XCTAssertEqual(
            report.source!.position(of: diagnostic.related[0].range.offset), SourcePosition(line: 2, column: 95))
        XCTAssertEqual(
            report.source!.text(in: diagnostic.related[0].range.offset..<diagnostic.related[0].range.end), "\"cat.jpg\""
        )
    }

    /// M110 finds the same duplicates whichever of M110-M112 are on, although the shared id table
    /// is keyed by bytes (M110 alone), NFC form (with M111) or confusable skeleton (with M112).
    func testDuplicatesAreTheSameInEveryTableMode() {
        let ids = ["cafe\u{301}", "café", "cafe\u{301}", "paypal", "paypa1", "paypal", "x", "x", "x", ""]
        let text = "[\n" + ids.enumerated().map { "  " + item("\($0.offset).jpg", id: $0.element) }.joined(separator: ",\n") + "\n]"
        for selection in [["M110"], ["M110", "M111"], ["M110", "M112"], ["M110", "M111", "M112"], ["M"]] {
            let report = lintManifest(text) { $0.rules.select = selection }
            let duplicates = report.diagnostics("M110")
            XCTAssertEqual(duplicates.map(\.pointer), ["/2/externalId", "/5/externalId", "/7/externalId", "/8/externalId"], "\(selection)")
            XCTAssertEqual(
                duplicates.map { $0.related.first?.range.offset ?? -1 }.map { report.source!.position(of: $0).line },
                [2, 5, 8, 8], "\(selection)")
            XCTAssertTrue(duplicates[3].message.contains("already used by item 7 (line 8)"), duplicates[3].message)
        }
    }

    func testDuplicateComparesDecodedValues() {
        // "cat\u002ejpg" is "cat.jpg"; a third occurrence still names the first item.
        let text =
            "[\n  \(item("a.jpg", id: "cat.jpg")),\n  \(item("b.jpg", id: "cat\\u002ejpg")),\n  \(item("c.jpg", id: "cat.jpg"))\n]"
        let report = lintManifest(text)
        let found = report.diagnostics("M110")
        XCTAssertEqual(found.map(\.pointer), ["/1/externalId", "/2/externalId"])
        XCTAssertTrue(found.allSatisfy { $0.message.contains("item 1 (line 2)") })
        // An escaped first occurrence is read back and decoded too.
        let escapedFirst = lintManifest("[\(item("a.jpg", id: "caf\\u00e9")), \(item("b.jpg", id: "café"))]")
        XCTAssertEqual(escapedFirst.diagnostics("M110").count, 1)
    }

    func testDuplicateIgnoresEmptyAndNonStringIds() {
        let report = lintManifest("[\(item("a.jpg", id: "")), \(item("b.jpg", id: ""))]")
        assertClean(report, "M110")
        XCTAssertEqual(report.diagnostics("M115").count, 2)
    }

    func testDuplicateCleanTwin() {
        assertClean(
            lintManifest(
                "[\n  \(item("2024-05/cat.jpg", id: "2024-05/cat.jpg")),\n  \(item("2024-06/cat.jpg", id: "2024-06/cat.jpg")),\n  \(item("c.jpg", id: "Cat.jpg"))\n]"
            ))
    }

    func testDuplicatesAmongTenThousandItems() {
        var lines: [String] = []
        for index in 0..<10_000 {
            // Items 5000..<5010 reuse the ids of items 0..<10; item 9999 reuses 4321's.
            let id =
                index >= 5000 && index < 5010
                ? "asset-\(index - 5000)" : index == 9999 ? "asset-4321" : "asset-\(index)"
            lines.append("  " + item("img/\(index).jpg", id: id, #""width": 640, "height": 480"#))
        }
        let report = lintManifest("[\n" + lines.joined(separator: ",\n") + "\n]\n")
        let found = report.diagnostics("M110")
        XCTAssertEqual(found.map(\.pointer), (5000..<5010).map { "/\($0)/externalId" } + ["/9999/externalId"])
        for (offset, diagnostic) in found.prefix(10).enumerated() {
            XCTAssertTrue(
                diagnostic.message.contains("already used by item \(offset + 1) (line \(offset + 2))"), diagnostic.message)
            XCTAssertEqual(report.position(diagnostic).line, 5002 + offset)
        }
        XCTAssertTrue(found.last!.message.contains("item 4322 (line 4323)"))
        XCTAssertEqual(report.diagnostics.count, 11, "nothing else in a clean manifest")
    }

    func testFingerprintCollisionIsNotADuplicate() {
        // Different ids whose fingerprints share a tag are both kept and told apart by their bytes;
        // the repeated one is reported against its first item.
        let ids = ["alpha", "beta", "alpha", "beta", "gamma"]
        let text = "[\n" + ids.enumerated().map { index, id in
            "  " + item("\(index).jpg", id: id)
        }.joined(separator: ",\n") + "\n]"
        let report = lintManifest(text)
        let duplicates = report.diagnostics.filter { $0.ruleID == "M110" }
        XCTAssertEqual(duplicates.map(\.pointer), ["/2/externalId", "/3/externalId"])
        XCTAssertTrue(duplicates[0].message.contains("already used by item 1 (line 2)"), duplicates[0].message)
        XCTAssertTrue(duplicates[1].message.contains("already used by item 2 (line 3)"), duplicates[1].message)

        var table = CandidateTable(wide: false, capacity: 8)
        table.insert(42, offset: 10, item: 0)
        table.insert(42, offset: 20, item: 1)
        var found: [Int] = []
        table.forEachCandidate(42) { offset, item in found.append(offset * 100 + item) }
        XCTAssertEqual(found.sorted(), [1000, 2001])
    }

    // MARK: M113 external-id-whitespace

    func testTrailingWhitespaceIsUnderlinedExactly() throws {
        let report = lintManifest("[\n  \(item("file.jpg", id: "cute-cat.jpg  "))\n]")
        let diagnostic = try XCTUnwrap(
            assertOne(
                report, "M113", line: 2, column: 101, pointer: "/0/externalId",
                ["externalId \"cute-cat.jpg  \" of item 1 ends with whitespace (\"  \")", "byte for byte"]))
        XCTAssertEqual(diagnostic.severity, .warning)
        XCTAssertEqual(report.text(diagnostic), "  ")
        let fixed = applyFix(diagnostic, to: report)
        XCTAssertTrue(fixed.contains(#""externalId": "cute-cat.jpg""#))
        assertClean(lintManifest(fixed))
    }

    func testLeadingNoBreakSpaceAndEscapedLineBreaks() {
        let leading = lintManifest("[\(item("file.jpg", id: "\u{A0}cat"))]")
        let diagnostic = assertOne(
            leading, "M113", line: 1, column: 88, pointer: "/0/externalId", ["starts with a no-break space (U+00A0)"])
        XCTAssertEqual(diagnostic.map { leading.text($0) }, "\u{A0}")
        // Escaped: "cat\r\n" — the range covers the four source characters \r\n.
        let escaped = lintManifest("[\(item("file.jpg", id: "cute-cat\\r\\n"))]")
        let trailing = assertOne(
            escaped, "M113", line: 1, column: 96, pointer: "/0/externalId", [#"ends with whitespace ("\r\n")"#])
        XCTAssertEqual(trailing.map { escaped.text($0) }, "\\r\\n")
    }

    func testInnerTabAndOnlyWhitespace() {
        let report = lintManifest("[\(item("a.jpg", id: "cute\\tcat")), \(item("b.jpg", id: "   "))]")
        let found = report.diagnostics("M113")
        XCTAssertEqual(found.count, 2, report.summary)
        XCTAssertTrue(found[0].message.contains("contains a tab"))
        XCTAssertEqual(report.text(found[0]), "\\t")
        XCTAssertNil(found[0].fix)
        XCTAssertTrue(found[1].message.contains("is only whitespace"))
        XCTAssertEqual(report.text(found[1]), "   ")
    }

    func testWhitespaceCleanTwin() {
        assertClean(lintManifest("[\(item("file.jpg", id: "cute cat.jpg")), \(item("b.jpg", id: "café crème"))]"))
    }

    // MARK: M115 external-id-empty

    func testEmptyExternalID() throws {
        let report = lintManifest("[\n  \(item("file.jpg", id: ""))\n]")
        let diagnostic = try XCTUnwrap(
            assertOne(
                report, "M115", line: 2, column: 88, pointer: "/0/externalId",
                ["externalId of item 1 is empty", "unique id"]))
        XCTAssertEqual(report.text(diagnostic), "\"\"")
        XCTAssertEqual(report.manifestDiagnostics.count, 1, report.summary)
    }

    func testEmptyExternalIDCleanTwin() {
        assertClean(lintManifest("[\n  \(item("file.jpg", id: "file.jpg"))\n]"))
    }
}
