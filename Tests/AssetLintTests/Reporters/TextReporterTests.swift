import XCTest
@testable import AssetLint

/// The terminal formats (`text`, `concise`) and the source excerpt.
final class TextReporterTests: XCTestCase {
    private func excerpt(_ text: String, _ range: ByteRange) -> (line: String, marker: String) {
        let excerpt = ReportExcerpt(source: SourceFile(path: "x.json", text: text), range: range)
        return (excerpt.text, String(repeating: " ", count: excerpt.markerIndent) + String(repeating: "^", count: excerpt.markerWidth))
    }

    func testCaretUnderNonASCII() {
        let text = "{\"a\": \"café 2\"}"
        let space = ReporterFixtures.range(of: "café 2", in: text, from: 5, length: 1)
        let shown = excerpt(text, space)
        XCTAssertEqual(shown.line, text)
        XCTAssertEqual(shown.marker, "           ^")
        // A decomposed é (e + combining acute) takes one cell as well.
        let nfd = "{\"a\": \"cafe\u{301} 2\"}"
        let nfdSpace = ReporterFixtures.range(of: "e\u{301} 2", in: nfd, from: 3, length: 1)
        XCTAssertEqual(excerpt(nfd, nfdSpace).marker, "           ^")
        // Wide characters take two.
        let wide = "[\"猫猫\", x]"
        XCTAssertEqual(excerpt(wide, ReporterFixtures.range(of: "x", in: wide)).marker, "         ^")
    }

    func testTabsExpand() {
        let text = "\t{\"a\":\t1}"
        let one = ReporterFixtures.range(of: "1", in: text)
        let shown = excerpt(text, one)
        XCTAssertEqual(shown.line, "    {\"a\":   1}")
        XCTAssertEqual(shown.marker, "            ^")
    }

    func testUnsafeCharactersAreShownVisibly() {
        let text = "{\"a\": \"x\u{1B}[2J\u{202E}y\u{200B}\"}\r\n"
        let shown = excerpt(text, ReporterFixtures.range(of: "y", in: text))
        XCTAssertEqual(shown.line, "{\"a\": \"x<U+001B>[2J<U+202E>y<U+200B>\"}")
        XCTAssertEqual(shown.marker, String(repeating: " ", count: 27) + "^")
        let bytes: [UInt8] = Array("[\"a".utf8) + [0xFF, 0xC3] + Array("\"]".utf8)
        let invalid = ReportExcerpt(source: SourceFile(path: "x", bytes: bytes), range: ByteRange(offset: 3, length: 1))
        XCTAssertEqual(invalid.text, "[\"a<0xFF><0xC3>\"]")
        XCTAssertEqual(invalid.markerIndent, 3)
        XCTAssertEqual(invalid.markerWidth, 6)
    }

    func testRangesOverSeveralLinesUnderlineToTheEndOfTheFirst() {
        let text = "[\n  {\"a\": 1,\n   \"b\": 2}\n]"
        let object = ByteRange(start: ReporterFixtures.range(of: "{", in: text).offset, end: ReporterFixtures.range(of: "}", in: text).end)
        let shown = excerpt(text, object)
        XCTAssertEqual(shown.line, "  {\"a\": 1,")
        XCTAssertEqual(shown.marker, "  ^^^^^^^^")
    }

    func testEmptyRangesAndTheEndOfTheFile() {
        let text = "[1, 2"
        let end = excerpt(text, ByteRange(offset: text.utf8.count, length: 0))
        XCTAssertEqual(end.line, "[1, 2")
        XCTAssertEqual(end.marker, "     ^")
        let afterNewline = excerpt("[1,\n", ByteRange(offset: 4, length: 0))
        XCTAssertEqual(afterNewline.line, "")
        XCTAssertEqual(afterNewline.marker, "^")
        XCTAssertEqual(excerpt("", ByteRange(offset: 0, length: 0)).marker, "^")
    }

    func testLongLinesAreTrimmedAroundTheRange() {
        let text = "[\"" + String(repeating: "a", count: 500) + "XYZ" + String(repeating: "b", count: 500) + "\"]"
        let shown = excerpt(text, ReporterFixtures.range(of: "XYZ", in: text))
        XCTAssertLessThanOrEqual(shown.line.count, ReportExcerpt.maxWidth)
        XCTAssertTrue(shown.line.hasPrefix("…"))
        XCTAssertTrue(shown.line.hasSuffix("…"))
        XCTAssertTrue(shown.line.contains("XYZ"))
        let caret = shown.marker
        let column = caret.firstIndex(of: "^").map { caret.distance(from: caret.startIndex, to: $0) }!
        let line = Array(shown.line)
        XCTAssertEqual(String(line[column..<column + 3]), "XYZ")
        XCTAssertEqual(caret.filter { $0 == "^" }.count, 3)

        // Near the start: no cut on the left.
        let early = excerpt(text, ReporterFixtures.range(of: "a", in: text))
        XCTAssertTrue(early.line.hasPrefix("[\"aaa"))
        XCTAssertTrue(early.line.hasSuffix("…"))
        XCTAssertEqual(early.marker, "  ^")

        // A minified file megabytes long: only a window is read.
        let huge = "[" + String(repeating: "1,", count: 1_000_000) + "x]"
        let far = excerpt(huge, ReporterFixtures.range(of: "x", in: huge))
        XCTAssertLessThanOrEqual(far.line.count, ReportExcerpt.maxWidth)
        XCTAssertTrue(far.line.hasSuffix("x]"))
    }

    func testTextFormatPieces() {
        let output = TextReporter().render(ReporterFixtures.handmadeRun(), options: ReportOptions())
        XCTAssertTrue(output.hasPrefix("assets/batch 1,final.json:2:61: error[U204] `+` in an S3 object path"))
        XCTAssertTrue(output.contains("  = help: encode the `+` as %20 (unsafe fix)\n"))
        XCTAssertTrue(output.contains("  = help: percent-encode the space as %20\n"))
        XCTAssertTrue(output.contains("  = note: assets/batch 1,final.json:2:84: first used here\n"))
        XCTAssertTrue(output.contains("\nmissing.json: error: No such file or directory\n"))
        XCTAssertTrue(output.hasSuffix(
            "\nFound 6 errors, 3 warnings, 1 info in 3 files (3 fixable with --fix, 1 more with --unsafe-fixes). 1 file could not be read.\n"))
        XCTAssertFalse(output.contains("\u{1B}"), "no colour unless asked for")
        XCTAssertFalse(output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "only newlines as control characters")
    }

    func testColour() {
        let output = TextReporter().render(ReporterFixtures.handmadeRun(), options: ReportOptions(color: true))
        XCTAssertTrue(output.contains("\u{1B}[1;31merror[U204]\u{1B}[0m"))
        XCTAssertTrue(output.contains("\u{1B}[1;33mwarning[M122]\u{1B}[0m"))
        XCTAssertTrue(output.contains("\u{1B}[1;34minfo[C311]\u{1B}[0m"))
        XCTAssertTrue(output.contains("\u{1B}[1minfra/cors.json:3:16:\u{1B}[0m"))
        // The ESC inside the message is still neutralised.
        XCTAssertFalse(output.contains("\u{1B}[31m"))
    }

    func testSummaries() {
        let style = ReportStyle(enabled: false)
        XCTAssertEqual(TextReporter.summary(ReporterFixtures.cleanRun(), style: style), "All checks passed.")
        XCTAssertEqual(TextReporter().render(ReporterFixtures.cleanRun(), options: ReportOptions()), "All checks passed.\n")
        XCTAssertEqual(TextReporter().render(ReporterFixtures.cleanRun(), options: ReportOptions(quiet: true)), "")
        let unreadable = LintRun(files: [ReporterFixtures.unreadableReport()], catalog: [])
        XCTAssertEqual(TextReporter.summary(unreadable, style: style), "No findings. 1 file could not be read.")
        var one = ReporterFixtures.corsReport()
        one.diagnostics = [one.diagnostics[1]]
        XCTAssertEqual(
            TextReporter.summary(LintRun(files: [one], catalog: []), style: style), "Found 1 error in 1 file (1 fixable with --fix).")
        var unsafeOnly = ReporterFixtures.manifestReport()
        unsafeOnly.diagnostics = [unsafeOnly.diagnostics[0], unsafeOnly.diagnostics[3]]
        XCTAssertEqual(
            TextReporter.summary(LintRun(files: [unsafeOnly, ReporterFixtures.cleanReport()], catalog: []), style: style),
            "Found 1 error, 1 warning in 1 file (1 fixable with --unsafe-fixes).")
    }

    func testQuietKeepsDiagnosticsDropsSummary() {
        let quiet = TextReporter().render(ReporterFixtures.handmadeRun(), options: ReportOptions(quiet: true))
        XCTAssertTrue(quiet.contains("error[U204]"))
        XCTAssertFalse(quiet.contains("Found "))
        XCTAssertTrue(quiet.hasSuffix("\n\nmissing.json: error: No such file or directory\n"))
    }

    func testStatistics() {
        let output = TextReporter().render(ReporterFixtures.handmadeRun(), options: ReportOptions(statistics: true))
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "missing.json: error: No such file or directory")
        XCTAssertTrue(lines.contains("1  U204  url-plus-in-path       [~]"))
        XCTAssertTrue(lines.contains("1  U203  url-unencoded-char     [*]"))
        XCTAssertTrue(lines.contains("1  M110  external-id-duplicate"))
        XCTAssertFalse(output.contains("^"), "no source excerpts")
        var many = ReporterFixtures.manifestReport()
        many.diagnostics += many.diagnostics.filter { $0.ruleID == "M122" }
        let table = ReportLines.statistics(LintRun(files: [many], catalog: []), style: ReportStyle(enabled: false))!
        XCTAssertTrue(table.hasPrefix("2  M122  dimension-implausible\n1  M110  external-id-duplicate\n1  U202"), table)
    }

    func testConcise() {
        let output = ConciseReporter().render(ReporterFixtures.handmadeRun(), options: ReportOptions())
        let lines = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 11)
        XCTAssertEqual(lines[0], "assets/batch 1,final.json:2:61: error[U204] `+` in an S3 object path is read as a space: write %20 for a space or %2B for a literal plus")
        XCTAssertEqual(lines[5], "infra/cors.json:2:3: info[C311] no maxAgeSeconds: browsers repeat the preflight request for every asset")
        XCTAssertEqual(lines[8], "notes/weird.json:1:12: error[J001] control character \"<U+001B>\" in 'a<U+001B>[31m' & <b>: 100% invalid,<U+000A>see RFC 8259<U+2028>section 7")
        XCTAssertEqual(lines[10], "missing.json: error: No such file or directory")
        for line in lines.dropLast() {
            XCTAssertNotNil(line.range(of: #"^[^:]+:[0-9]+:[0-9]+: (error|warning|info)\[[A-Z][0-9]{3}\] "#, options: .regularExpression), line)
        }
        XCTAssertEqual(ConciseReporter().render(ReporterFixtures.cleanRun(), options: ReportOptions()), "")
    }

    func testTerminalSafety() {
        XCTAssertEqual(ReportTerminal.safe("plain café"), "plain café")
        XCTAssertEqual(ReportTerminal.safe("a\u{1B}]0;title\u{7}b"), "a<U+001B>]0;title<U+0007>b")
        XCTAssertEqual(ReportTerminal.safe("\u{9B}\u{202E}\u{2066}\u{FEFF}\u{E0041}"), "<U+009B><U+202E><U+2066><U+FEFF><U+E0041>")
    }
}

final class GitHubReporterTests: XCTestCase {
    func testCommands() {
        let output = GitHubReporter().render(ReporterFixtures.handmadeRun(), options: ReportOptions())
        let lines = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 11)
        XCTAssertEqual(
            lines[0],
            "::error file=assets/batch 1%2Cfinal.json,line=2,col=61,endLine=2,endColumn=62,title=U204 url-plus-in-path::`+` in an S3 object path is read as a space: write %2520 for a space or %252B for a literal plus")
        XCTAssertTrue(lines[3].hasPrefix("::warning file=assets/batch 1%2Cfinal.json,line=3,col=103,endLine=3,endColumn=109,title=M122 dimension-implausible::"))
        XCTAssertTrue(lines[5].hasPrefix("::notice file=infra/cors.json,line=2,col=3,endLine=6,endColumn=4,title=C311 cors-max-age::"))
        XCTAssertEqual(
            lines[8],
            "::error file=notes/weird.json,line=1,col=12,endLine=1,endColumn=13,title=J001 json-syntax::control character \"<U+001B>\" in 'a<U+001B>[31m' & <b>: 100%25 invalid,%0Asee RFC 8259\u{2028}section 7")
        XCTAssertEqual(lines[10], "::error file=missing.json,title=assetlint::missing.json could not be read: No such file or directory")
        XCTAssertEqual(GitHubReporter().render(ReporterFixtures.cleanRun(), options: ReportOptions()), "")
    }

    func testEscaping() {
        XCTAssertEqual(GitHubReporter.message("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad")
        XCTAssertEqual(GitHubReporter.property("100% a:b,c\r\nd"), "100%25 a%3Ab%2Cc%0D%0Ad")
        XCTAssertEqual(GitHubReporter.property("tab\there"), "tab\there")
    }
}
