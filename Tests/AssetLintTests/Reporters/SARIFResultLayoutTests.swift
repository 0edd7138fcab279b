import XCTest
@testable import AssetLint

/// `SARIFResultLayout` writes a result from pieces made up front; the sarif format is what
/// `ReportJSONWriter` gives when the same members are written one by one. These tests write both
/// ways, at several depths, with and without the file's text, over results of every shape.
final class SARIFResultLayoutTests: XCTestCase {
    private let source = ReporterFixtures.layoutSource
    private let findings = ReporterFixtures.findingsOfEveryShape

    func testLaidOutResultsAreTheWritersBytes() {
        for depth in [1, 4] {
            for hasSource in [true, false] {
                for uri in ["x.json", "file:///a%20b/caf%C3%A9.json", "q\"uote"] {
                    var laidOut = ReportJSONWriter()
                    var plain = ReportJSONWriter()
                    for _ in 0..<depth {
                        laidOut.beginArray()
                        plain.beginArray()
                    }
                    let layout = SARIFResultLayout(depth: laidOut.depth, uri: uri, hasSource: hasSource, fingerprintKey: SARIFReporter.fingerprintKey)
                    let locatorA = ReportLocator(source: source)
                    let locatorB = ReportLocator(source: source)
                    for (number, diagnostic) in findings.enumerated() {
                        let digest = SIMD8<UInt32>(repeating: UInt32(number) &* 0x9E37_79B9)
                        let ruleIndex = number % 4 == 0 ? nil : number
                        laidOut.element {
                            layout.append(diagnostic, digest: digest, occurrence: number % 3, ruleIndex: ruleIndex, locator: locatorA, to: &$0)
                        }
                        Self.writeResult(
                            diagnostic, digest: digest, occurrence: number % 3, hasSource: hasSource, uri: uri, locator: locatorB,
                            ruleIndex: ruleIndex, into: &plain)
                    }
                    for _ in 0..<depth {
                        laidOut.endArray()
                        plain.endArray()
                    }
                    let expected = plain.finish()
                    XCTAssertEqual(laidOut.finish(), expected, "depth \(depth), source \(hasSource), uri \(uri)")
                    XCTAssertGreaterThan(expected.count, 20_000)
                }
            }
        }
    }

    // MARK: The plain path: the sarif result written member by member, in the documented order.

    private static func writeResult(
        _ diagnostic: Diagnostic, digest: SIMD8<UInt32>, occurrence: Int, hasSource: Bool, uri: String, locator: ReportLocator,
        ruleIndex: Int?, into json: inout ReportJSONWriter
    ) {
        json.object { json in
            json.field("ruleId", diagnostic.ruleID)
            if let ruleIndex { json.field("ruleIndex", ruleIndex) }
            json.field("level", ReportText.sarifLevel(diagnostic.severity))
            json.object("message") { $0.field("text", diagnostic.messageAndNote) }
            json.array("locations") { json in
                json.object { json in
                    writePhysicalLocation(uri: uri, span: locator.span(diagnostic.range), hasSource: hasSource, into: &json)
                }
            }
            if !diagnostic.related.isEmpty {
                json.array("relatedLocations") { json in
                    for (index, related) in diagnostic.related.enumerated() {
                        json.object { json in
                            json.field("id", index + 1)
                            writePhysicalLocation(uri: uri, span: locator.span(related.range), hasSource: hasSource, into: &json)
                            json.object("message") { $0.field("text", related.message) }
                        }
                    }
                }
            }
            json.object("partialFingerprints") { json in
                // Hex digits, a colon and a number: written as bytes, no strings made.
                func fingerprint(_ digits: Int) -> (inout [UInt8]) -> Void {
                    { output in
                        ReportSHA256.appendHex(digest, count: digits, to: &output)
                        output.append(UInt8(ascii: ":"))
                        ReportJSONWriter.appendDecimal(occurrence, to: &output)
                    }
                }
                json.field("primaryLocationLineHash", plainASCII: fingerprint(16))
                json.field(SARIFReporter.fingerprintKey, plainASCII: fingerprint(64))
            }
            if let fix = diagnostic.fix, !fix.edits.isEmpty {
                json.array("fixes") { json in
                    json.object { json in
                        json.object("description") { $0.field("text", ReportText.fixHelp(fix)) }
                        json.array("artifactChanges") { json in
                            json.object { json in
                                json.object("artifactLocation") { $0.field("uri", uri) }
                                json.array("replacements") { json in
                                    for edit in fix.edits {
                                        let span = locator.span(edit.range)
                                        json.object { json in
                                            json.object("deletedRegion") { json in
                                                json.field("charOffset", span.start.scalarOffset)
                                                json.field("charLength", span.scalarLength)
                                            }
                                            json.object("insertedContent") { $0.field("text", edit.replacement) }
                                        }
                                    }
                                }
                            }
                        }
                        json.object("properties") { $0.field("applicability", fix.applicability.rawValue) }
                    }
                }
            }
            json.object("properties") { $0.field("jsonPointer", diagnostic.pointer) }
        }
    }

    private static func writePhysicalLocation(uri: String, span: ReportSpan, hasSource: Bool, into json: inout ReportJSONWriter) {
        json.object("physicalLocation") { json in
            json.object("artifactLocation") { $0.field("uri", uri) }
            guard hasSource else { return }
            json.object("region") { json in
                json.field("startLine", span.start.line)
                json.field("startColumn", span.start.column)
                json.field("endLine", span.end.line)
                json.field("endColumn", span.end.column)
                json.field("charOffset", span.start.scalarOffset)
                json.field("charLength", span.scalarLength)
            }
        }
    }

}
