import Foundation
import XCTest
@testable import AssetLint

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects what the JUnit tests check from a parsed document.
private final class JUnitCollector: NSObject, XMLParserDelegate {
    struct Suite {
        var attributes: [String: String]
        var cases: [Case] = []
    }

    struct Case {
        var attributes: [String: String]
        var children: [(name: String, attributes: [String: String], text: String)] = []
    }

    var root: [String: String] = [:]
    var rootName = ""
    var suites: [Suite] = []
    var error: Error?
    private var text = ""
    private var child: (name: String, attributes: [String: String])?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        switch elementName {
        case "testsuites":
            rootName = elementName
            root = attributeDict
        case "testsuite": suites.append(Suite(attributes: attributeDict))
        case "testcase": suites[suites.count - 1].cases.append(Case(attributes: attributeDict))
        default:
            child = (elementName, attributeDict)
            text = ""
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if let current = child, current.name == elementName {
            let suite = suites.count - 1
            let testCase = suites[suite].cases.count - 1
            suites[suite].cases[testCase].children.append((current.name, current.attributes, text))
            child = nil
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

final class JUnitReporterTests: XCTestCase {
    private func parse(_ xml: String, file: StaticString = #filePath, line: UInt = #line) -> JUnitCollector {
        let collector = JUnitCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "not well-formed: \(String(describing: parser.parserError))", file: file, line: line)
        XCTAssertNil(collector.error, file: file, line: line)
        return collector
    }

    func testWellFormedWithConsistentCounts() {
        for run in [ReporterFixtures.handmadeRun(), ReporterFixtures.realRun(), ReporterFixtures.cleanRun()] {
            let xml = JUnitReporter().render(run, options: ReportOptions())
            XCTAssertTrue(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"assetlint\" "))
            let document = parse(xml)
            XCTAssertEqual(document.rootName, "testsuites")
            XCTAssertEqual(document.suites.count, run.files.count)
            var totals = (tests: 0, failures: 0, errors: 0)
            for (suite, file) in zip(document.suites, run.files) {
                XCTAssertEqual(suite.attributes["name"], file.path)
                let failures = suite.cases.filter { $0.children.contains { $0.name == "failure" } }.count
                let errors = suite.cases.filter { $0.children.contains { $0.name == "error" } }.count
                XCTAssertEqual(suite.attributes["tests"], String(suite.cases.count))
                XCTAssertEqual(suite.attributes["failures"], String(failures))
                XCTAssertEqual(suite.attributes["errors"], String(errors))
                totals.tests += suite.cases.count
                totals.failures += failures
                totals.errors += errors
                if file.failure == nil {
                    XCTAssertEqual(suite.cases.count, file.rulesRun.count)
                    XCTAssertEqual(suite.cases.map { $0.attributes["name"] }, file.rulesRun.map { "\($0.id) \($0.name)" })
                }
            }
            XCTAssertEqual(document.root["tests"], String(totals.tests))
            XCTAssertEqual(document.root["failures"], String(totals.failures))
            XCTAssertEqual(document.root["errors"], String(totals.errors))
        }
    }

    func testFailuresListEveryFinding() throws {
        let document = parse(JUnitReporter().render(ReporterFixtures.handmadeRun(), options: ReportOptions()))
        let manifest = document.suites[0]
        XCTAssertEqual(manifest.cases.first?.attributes["classname"], "assetlint.manifest")
        let duplicate = try XCTUnwrap(manifest.cases.first { $0.attributes["name"] == "M110 external-id-duplicate" })
        let failure = try XCTUnwrap(duplicate.children.first)
        XCTAssertEqual(failure.name, "failure")
        XCTAssertEqual(failure.attributes["message"], "1 finding")
        XCTAssertEqual(failure.attributes["type"], "M110")
        XCTAssertEqual(failure.text, "3:85 externalId \"cat-1\" is used by another item; exports and re-imports cannot tell them apart")

        // Info-only rules pass and show their findings as output.
        let maxAge = try XCTUnwrap(document.suites[1].cases.first { $0.attributes["name"] == "C311 cors-max-age" })
        XCTAssertEqual(maxAge.children.map(\.name), ["system-out"])

        // The real run: two J003 findings in one failure, a line each and the note indented after it.
        let real = parse(JUnitReporter().render(ReporterFixtures.realRun(), options: ReportOptions()))
        let dupes = try XCTUnwrap(real.suites.first { $0.attributes["name"] == "dupes.json" })
        let j003 = try XCTUnwrap(dupes.cases.first { $0.attributes["name"] == "J003 duplicate-key" }?.children.first)
        XCTAssertEqual(j003.attributes["message"], "2 findings")
        let lines = j003.text.split(separator: "\n")
        XCTAssertEqual(lines.filter { !$0.hasPrefix(" ") }.count, 2, j003.text)
        XCTAssertEqual(lines.filter { $0.hasPrefix("    ") }.count, 2, "one note under each: \(j003.text)")
        XCTAssertTrue(j003.text.hasPrefix("3:19 key \"région\""))
    }

    /// The escaping works on UTF-8 bytes; it must give what escaping character by character gives.
    func testEscapingMatchesACharacterByCharacterEscape() {
        func reference(_ value: String, attribute: Bool) -> String {
            var result = ""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "&": result += "&amp;"
                case "<": result += "&lt;"
                case ">": result += "&gt;"
                case "\"": result += "&quot;"
                case "'": result += "&apos;"
                case "\r": result += "&#13;"
                case "\n" where attribute: result += "&#10;"
                case "\t" where attribute: result += "&#9;"
                default: result += ReportXML.isAllowed(scalar) ? String(scalar) : ReportXML.placeholder(scalar)
                }
            }
            return result
        }
        var generator = SeededGenerator(seed: 0x3A11)
        let pieces = ["plain", " ", "&", "<", ">", "\"", "'", "\r", "\n", "\t", "\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "é", "東京",
                      "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{EFBF}", "\u{1F600}", "\u{D7FF}", "\u{E000}"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            XCTAssertEqual(ReportXML.text(text), reference(text, attribute: false), text.debugDescription)
            XCTAssertEqual(ReportXML.attribute(text), reference(text, attribute: true), text.debugDescription)
        }
    }

    func testEscapingAndForbiddenCharacters() throws {
        let xml = JUnitReporter().render(ReporterFixtures.handmadeRun(), options: ReportOptions())
        XCTAssertFalse(xml.unicodeScalars.contains { !ReportXML.isAllowed($0) }, "a character XML 1.0 forbids")
        let document = parse(xml)
        let weird = try XCTUnwrap(document.suites[2].cases.first?.children.first)
        let expected = ReporterFixtures.nastyMessage.replacingOccurrences(of: "\u{1B}", with: "\\u001B")
        XCTAssertEqual(weird.text, "1:12 " + expected)
        let missing = try XCTUnwrap(document.suites[3].cases.first)
        XCTAssertEqual(missing.attributes["classname"], "assetlint.missing.json")
        XCTAssertEqual(missing.children.first?.name, "error")
        XCTAssertEqual(missing.children.first?.attributes["message"], "No such file or directory")
    }

    func testXMLEscaping() {
        XCTAssertEqual(ReportXML.text("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&apos;f")
        XCTAssertEqual(ReportXML.text("l1\nl2\tt\r"), "l1\nl2\tt&#13;")
        XCTAssertEqual(ReportXML.attribute("l1\nl2\tt\r"), "l1&#10;l2&#9;t&#13;")
        XCTAssertEqual(ReportXML.text("\u{0}\u{8}\u{1B}\u{FFFE}\u{FFFF}"), "\\u0000\\u0008\\u001B\\uFFFE\\uFFFF")
        XCTAssertEqual(ReportXML.text("\u{85}\u{D7FF}\u{E000}\u{FFFD}\u{10000}"), "\u{85}\u{D7FF}\u{E000}\u{FFFD}\u{10000}")
    }

    func testAttributeValuesSurviveParsing() {
        let path = "odd \"name\" & <tag>\n'x'.json"
        let run = LintRun(files: [.unreadable(path, reason: "bad\tthings\r\nhappen")], catalog: [])
        let document = parse(JUnitReporter().render(run, options: ReportOptions()))
        XCTAssertEqual(document.suites.first?.attributes["name"], path)
        XCTAssertEqual(document.suites.first?.cases.first?.children.first?.attributes["message"], "bad\tthings\r\nhappen")
    }
}
