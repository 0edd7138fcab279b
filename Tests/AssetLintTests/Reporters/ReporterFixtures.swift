import Foundation
import XCTest
@testable import AssetLint

/// Lint runs the reporter tests render: one built by hand (covering every feature of the formats,
/// independent of the rules' current wording) and one from the real linter.
enum ReporterFixtures {
    // MARK: Hand-made run

    static let manifestPath = "assets/batch 1,final.json"
    static let manifestText = """
        [
          {"data": "https://bucket.s3.eu-central-1.amazonaws.com/cat+1.jpg", "externalId": "cat-1"},
          {"data": "https://bucket.s3.eu-central-1.amazonaws.com/café 2.jpg", "externalId": "cat-1", "width": 200000, "height": 100},
        \t{"data": "gs://bucket/dog.jpg", "externalId": "dog"}
        ]

        """

    static let corsPath = "infra/cors.json"
    static let corsText = """
        [
          {
            "origin": ["https://hub.ango.ai/"],
            "method": ["GET", "DELETE"],
            "responseHeader": ["Content-Type"]
          }
        ]

        """

    static let weirdPath = "notes/weird.json"
    /// A raw ESC and a right-to-left override in a string, and a line far wider than a terminal.
    static let weirdText = "{\"note\": \"a\u{1B}[31mred\u{202E}txt\", \"k\": \""
        + String(repeating: "x", count: 200) + "\\uD800" + String(repeating: "y", count: 100) + "\"}\n"

    /// A message with everything that needs escaping somewhere: quotes, markup characters, `%`,
    /// `,` and `:`, a raw ESC, a newline and a U+2028 line separator.
    static let nastyMessage = "control character \"\u{1B}\" in 'a\u{1B}[31m' & <b>: 100% invalid,\nsee RFC 8259\u{2028}section 7"

    static func rule(_ id: String, _ name: String, _ severity: Severity, fix: RuleMetadata.FixAvailability = .none) -> RuleMetadata {
        RuleMetadata(
            id: id, name: name, severity: severity, kinds: Set(DocumentKind.allCases),
            summary: "Summary of \(id) \(name).",
            rationale: "Why `\(name)` matters, in Markdown.\n\nSecond paragraph: what to do instead.",
            fix: fix, triggering: [], nonTriggering: [])
    }

    static let j001 = rule("J001", "json-syntax", .error)
    static let j003 = rule("J003", "duplicate-key", .error)
    static let j006 = rule("J006", "lone-surrogate", .warning)
    static let m110 = rule("M110", "external-id-duplicate", .error)
    static let m122 = rule("M122", "dimension-implausible", .warning)
    static let u202 = rule("U202", "url-scheme", .error, fix: .sometimes)
    static let u203 = rule("U203", "url-unencoded-char", .error, fix: .safe)
    static let u204 = rule("U204", "url-plus-in-path", .error, fix: .unsafe)
    static let c305 = rule("C305", "cors-origin-malformed", .error, fix: .safe)
    static let c309 = rule("C309", "cors-method-excess", .warning)
    static let c311 = rule("C311", "cors-max-age", .info)
    static let k401 = rule("K401", "service-account-key", .error)

    static let handmadeCatalog = [j001, j003, j006, m110, m122, u202, u203, u204, c305, c309, c311, k401]

    /// The byte range of the `occurrence`-th (1-based) `needle` in `text`.
    static func range(of needle: String, in text: String, occurrence: Int = 1, from: Int = 0, length: Int? = nil) -> ByteRange {
        let haystack = Array(text.utf8)
        let pattern = Array(needle.utf8)
        var found = 0
        var index = 0
        while index + pattern.count <= haystack.count {
            if Array(haystack[index..<index + pattern.count]) == pattern {
                found += 1
                if found == occurrence {
                    return ByteRange(offset: index + from, length: length ?? pattern.count - from)
                }
            }
            index += 1
        }
        preconditionFailure("\(needle) not found \(occurrence) times")
    }

    static func diagnostic(
        _ rule: RuleMetadata, _ message: String, _ range: ByteRange, pointer: String, severity: Severity? = nil,
        related: [RelatedLocation] = [], fix: Fix? = nil
    ) -> Diagnostic {
        Diagnostic(
            ruleID: rule.id, ruleName: rule.name, severity: severity ?? rule.severity, message: message, range: range,
            pointer: pointer, related: related, fix: fix)
    }

    static func manifestReport() -> FileReport {
        let text = manifestText
        let plus = range(of: "cat+1", in: text, from: 3, length: 1)
        let space = range(of: "café 2", in: text, from: "café".utf8.count, length: 1)
        let firstID = range(of: "\"cat-1\"", in: text, occurrence: 1)
        let secondID = range(of: "\"cat-1\"", in: text, occurrence: 2)
        let width = range(of: "200000", in: text)
        let gs = range(of: "\"gs://bucket/dog.jpg\"", in: text)
        let gsInner = ByteRange(offset: gs.offset + 1, length: gs.length - 2)
        let diagnostics = [
            diagnostic(
                u204,
                "`+` in an S3 object path is read as a space: write %20 for a space or %2B for a literal plus",
                plus, pointer: "/0/data",
                fix: Fix(.unsafe, "encode the `+` as %20", edits: [TextEdit(range: plus, replacement: "%20")])),
            diagnostic(
                u203, "raw space in the URL path; browsers and SDKs encode it differently", space, pointer: "/1/data",
                fix: Fix(.safe, "percent-encode the space as %20", edits: [TextEdit(range: space, replacement: "%20")])),
            diagnostic(
                m110, "externalId \"cat-1\" is used by another item; exports and re-imports cannot tell them apart",
                secondID, pointer: "/1/externalId", related: [RelatedLocation(message: "first used here", range: firstID)]),
            diagnostic(m122, "width 200000 is above the configured maximum of 100000", width, pointer: "/1/width"),
            diagnostic(
                u202, "`gs://` URLs cannot be fetched by a browser; use the https form", gs, pointer: "/2/data",
                fix: Fix(
                    .safe, "use https://storage.googleapis.com/bucket/dog.jpg",
                    edits: [TextEdit(range: gsInner, replacement: "https://storage.googleapis.com/bucket/dog.jpg")])),
        ]
        return FileReport(
            path: manifestPath, kind: .manifest, source: SourceFile(path: manifestPath, text: text),
            diagnostics: diagnostics, rulesRun: [j001, j003, m110, m122, u202, u203, u204])
    }

    static func corsReport() -> FileReport {
        let text = corsText
        let ruleObject = ByteRange(
            start: range(of: "{", in: text).offset, end: range(of: "}", in: text).end)
        let origin = range(of: "\"https://hub.ango.ai/\"", in: text)
        let slash = ByteRange(offset: origin.end - 2, length: 1)
        let delete = range(of: "\"DELETE\"", in: text)
        let diagnostics = [
            diagnostic(c311, "no maxAgeSeconds: browsers repeat the preflight request for every asset", ruleObject, pointer: "/0"),
            diagnostic(
                c305, "origin \"https://hub.ango.ai/\" ends with a slash; browsers send origins without one, so it never matches",
                origin, pointer: "/0/origin/0",
                fix: Fix(.safe, "remove the trailing slash", edits: [TextEdit(range: slash, replacement: "")])),
            diagnostic(c309, "DELETE is not needed to read assets", delete, pointer: "/0/method/1"),
        ]
        return FileReport(
            path: corsPath, kind: .corsGCS, source: SourceFile(path: corsPath, text: text), diagnostics: diagnostics,
            rulesRun: [j001, j003, c305, c309, c311])
    }

    static func weirdReport() -> FileReport {
        let text = weirdText
        let escape = range(of: "\u{1B}", in: text)
        let surrogate = range(of: "\\uD800", in: text)
        let diagnostics = [
            diagnostic(j001, nastyMessage, escape, pointer: "/note"),
            diagnostic(j006, "\\uD800 is a lone surrogate; most readers replace it with U+FFFD", surrogate, pointer: "/k"),
        ]
        return FileReport(
            path: weirdPath, kind: .json, source: SourceFile(path: weirdPath, text: text), diagnostics: diagnostics,
            rulesRun: [j001, j003, j006])
    }

    static func cleanReport() -> FileReport {
        FileReport(
            path: "clean.json", kind: .json, source: SourceFile(path: "clean.json", text: "{\"ok\": true}\n"),
            diagnostics: [], rulesRun: [j001, j003, j006])
    }

    static func unreadableReport() -> FileReport {
        .unreadable("missing.json", reason: "No such file or directory")
    }

    static func handmadeRun() -> LintRun {
        LintRun(
            files: [manifestReport(), corsReport(), weirdReport(), unreadableReport(), cleanReport()],
            catalog: handmadeCatalog, toolVersion: "0.1.0")
    }

    static func cleanRun() -> LintRun {
        LintRun(files: [cleanReport()], catalog: handmadeCatalog, toolVersion: "0.1.0")
    }

    // MARK: Real lint run

    static let realInputs: [(path: String, text: String)] = [
        ("broken.json", "\u{FEFF}{\"name\": \"café\", \"name\": \"thé\",\n \"list\": [1, 2,]}\n"),
        ("truncated.json", "[\n  {\"data\": \"https://example.com/a.jpg\", \"externalId\": \"a\"},\n  {\"data\": "),
        ("dupes.json", "{\n  \"bucket\": \"a\",\n  \"région\": \"eu\", \"région\": \"us\",\n  \"bucket\": \"b\"\n}\n"),
        ("package.json", "{\"name\": \"fine\", \"version\": \"1.0.0\"}\n"),
    ]

    /// `Linter` on broken JSON: J001 (syntax, also at the end of the file), J003 with related
    /// locations, J004 with a fix, a non-ASCII line, and a clean file.
    static func realRun() -> LintRun {
        // Only the J rules: the run then keeps its shape while the other rule families are being
        // written (their findings on these inputs would change the golden files, not the reporters).
        let linter = Linter(configuration: Configuration(directory: "."), options: LintOptions(select: ["J"]))
        let files = realInputs.map { linter.lint(SourceFile(path: $0.path, text: $0.text)) }
        return LintRun(files: files, catalog: RuleRegistry.catalog, toolVersion: "0.1.0")
    }
}

/// Golden files: `Fixtures/golden/<name>`, compared byte for byte; `ASSETLINT_UPDATE_GOLDEN=1`
/// rewrites them instead.
enum Golden {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Reporters
        .deletingLastPathComponent()  // AssetLintTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static var directory: URL { packageRoot.appendingPathComponent("Fixtures/golden") }

    static var updating: Bool { ProcessInfo.processInfo.environment["ASSETLINT_UPDATE_GOLDEN"] == "1" }

    static func check(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = directory.appendingPathComponent(name)
        let actualData = Data(actual.utf8)
        if updating {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            XCTAssertNoThrow(try actualData.write(to: url), file: file, line: line)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            XCTFail("missing golden file \(name); run the tests with ASSETLINT_UPDATE_GOLDEN=1", file: file, line: line)
            return
        }
        guard expected != actualData else { return }
        let expectedLines = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        var index = 0
        while index < min(expectedLines.count, actualLines.count), expectedLines[index] == actualLines[index] { index += 1 }
        let want = index < expectedLines.count ? expectedLines[index] : "<end of file>"
        let got = index < actualLines.count ? actualLines[index] : "<end of output>"
        XCTFail(
            "\(name) differs from the golden file at line \(index + 1):\n  expected: \(want.debugDescription)\n  actual:   \(got.debugDescription)\n(ASSETLINT_UPDATE_GOLDEN=1 rewrites it)",
            file: file, line: line)
    }
}

// MARK: Findings of every shape, for the laid-out formats

extension ReporterFixtures {
    /// A small file for the findings below to point into (lines, a non-ASCII character).
    static let layoutSource = SourceFile(path: "x.json", bytes: Array("[\n  {\"data\": \"https://b/caf\u{E9}.jpg\"},\n  {\"data\": \"x\"}\n]\n".utf8))

    /// Findings of every shape a report lays out: texts to escape, no fix, a fix without edits,
    /// with one edit and with two, no related location, one and two, with and without a note.
    static var findingsOfEveryShape: [Diagnostic] {
        let texts = ["plain", "", "quote \" and \\ backslash", "tab\tnew\nline\u{1}\u{7F}", "caf\u{E9} \u{2028}\u{2029}\u{FEFF} 猫😀", String(repeating: "long ", count: 40)]
        var result: [Diagnostic] = []
        for (index, text) in texts.enumerated() {
            let range = ByteRange(offset: index * 7, length: index)
            let fixes: [Fix?] = [
                nil,
                Fix(.safe, text, edits: []),
                Fix(.unsafe, text, edits: [TextEdit(range: range, replacement: text)]),
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
}
