import XCTest
@testable import AssetLint

/// `JSONFindingLayout` writes a finding from pieces made up front; the json format's contract is
/// what `ReportJSONWriter` gives when the same members are written one by one. These tests write
/// both ways, at several depths, over findings of every shape, and want the same bytes.
final class JSONFindingLayoutTests: XCTestCase {
    private let source = SourceFile(path: "x.json", bytes: Array("[\n  {\"data\": \"https://b/caf\u{E9}.jpg\"},\n  {\"data\": \"x\"}\n]\n".utf8))

    private var findings: [Diagnostic] {
        let texts = ["plain", "", "quote \" and \\ backslash", "tab\tnew\nline\u{1}\u{7F}", "caf\u{E9} \u{2028}\u{2029}\u{FEFF} 猫😀", String(repeating: "long ", count: 40)]
        var result: [Diagnostic] = []
        for (index, text) in texts.enumerated() {
            let range = ByteRange(offset: index * 5, length: index)
            let fixes: [Fix?] = [
                nil,
                Fix(.safe, text, edits: []),
                Fix(.unsafe, "replace", edits: [TextEdit(range: range, replacement: text)]),
                Fix(.safe, "two", edits: [TextEdit(range: ByteRange(offset: 1, length: 0), replacement: "%20"), TextEdit(range: range, replacement: "")]),
            ]
            let relateds: [[RelatedLocation]] = [
                [],
                [RelatedLocation(message: text, range: ByteRange(offset: 30, length: 2))],
                [RelatedLocation(message: "first", range: ByteRange(offset: 2, length: 1)), RelatedLocation(message: "second", range: ByteRange(offset: 45, length: 1))],
            ]
            for fix in fixes {
                for related in relateds {
                    for note in [nil, text] {
                        result.append(Diagnostic(
                            ruleID: index == 3 ? "X\"1" : "U204", ruleName: "url-plus-in-path", severity: [.error, .warning, .info][index % 3],
                            message: text, range: range, pointer: "/\(index)/data~1" + text, related: related, fix: fix, note: note))
                    }
                }
            }
        }
        return result
    }

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
