import XCTest
@testable import AssetLint

/// `JSONFindingLayout` writes a finding from pieces made up front; the json format's contract is
/// what `ReportJSONWriter` gives when the same members are written one by one. These tests write
/// both ways, at several depths, over findings of every shape, and want the same bytes.
final class JSONFindingLayoutTests: XCTestCase {
    private let source = ReporterFixtures.layoutSource
    private let findings = ReporterFixtures.findingsOfEveryShape

    func testLaidOutFindingsAreTheWritersBytes() {
        for depth in [1, 2, 4] {
            var laidOut = ReportJSONWriter()
            var plain = ReportJSONWriter()
            let locatorA = ReportLocator(source: source)
            let locatorB = ReportLocator(source: source)
            for _ in 0..<depth {
                laidOut.beginArray()
                plain.beginArray()
            }
            let layout = JSONFindingLayout(depth: laidOut.depth)
            XCTAssertEqual(laidOut.depth, depth)
            for diagnostic in findings {
                laidOut.element { layout.append(diagnostic, locator: locatorA, to: &$0) }
                Self.writeMemberByMember(diagnostic, locator: locatorB, into: &plain)
            }
            for _ in 0..<depth {
                laidOut.endArray()
                plain.endArray()
            }
            let expected = plain.finish()
            let actual = laidOut.finish()
            XCTAssertEqual(actual, expected, "depth \(depth)")
            XCTAssertGreaterThan(expected.count, 10_000)
        }
    }

    func testOneFindingAtTheReportsDepth() {
        var json = ReportJSONWriter()
        json.beginArray()
        let layout = JSONFindingLayout(depth: json.depth)
        let diagnostic = Diagnostic(
            ruleID: "M121", ruleName: "dimension-invalid", severity: .error, message: "m", range: ByteRange(offset: 4, length: 1),
            pointer: "/0", fix: Fix(.unsafe, "d", edits: [TextEdit(range: ByteRange(offset: 4, length: 1), replacement: "1")]), note: "n")
        json.element { layout.append(diagnostic, locator: ReportLocator(source: source), to: &$0) }
        json.endArray()
        XCTAssertEqual(json.finish(), """
            [
              {
                "rule": "M121",
                "name": "dimension-invalid",
                "severity": "error",
                "message": "m",
                "line": 2,
                "column": 3,
                "endLine": 2,
                "endColumn": 4,
                "offset": 4,
                "length": 1,
                "pointer": "/0",
                "fix": {
                  "applicability": "unsafe",
                  "description": "d",
                  "edits": [
                    {
                      "offset": 4,
                      "length": 1,
                      "text": "1"
                    }
                  ]
                },
                "note": "n",
                "help": "Rules/M121.md"
              }
            ]

            """)
    }

    /// The json format's finding written through the writer's generic members, in the documented
    /// order: the plain path the layout must match.
    private static func writeMemberByMember(_ diagnostic: Diagnostic, locator: ReportLocator, into json: inout ReportJSONWriter) {
        let span = locator.span(diagnostic.range)
        json.object { json in
            json.field("rule", diagnostic.ruleID)
            json.field("name", diagnostic.ruleName)
            json.field("severity", diagnostic.severity.rawValue)
            json.field("message", diagnostic.message)
            json.field("line", span.start.line)
            json.field("column", span.start.column)
            json.field("endLine", span.end.line)
            json.field("endColumn", span.end.column)
            json.field("offset", diagnostic.range.offset)
            json.field("length", diagnostic.range.length)
            json.field("pointer", diagnostic.pointer)
            if !diagnostic.related.isEmpty {
                json.array("related") { json in
                    for related in diagnostic.related {
                        let location = locator.location(related.range.offset)
                        json.object { json in
                            json.field("message", related.message)
                            json.field("line", location.line)
                            json.field("column", location.column)
                        }
                    }
                }
            }
            if let fix = diagnostic.fix { json.fix(fix) }
            if let note = diagnostic.note { json.field("note", note) }
            json.field("help", ReportText.helpPath(diagnostic.ruleID))
        }
    }
}
