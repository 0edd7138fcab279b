import Foundation
import XCTest

@testable import AssetLint

/// Values far past any real id or URL: the character-level checks of an `externalId` look at its
/// first megabyte and say so (`CheckedPrefix`), a URL over 2 MiB is reported for its length and
/// not parsed (`AssetURL.lengthLimit`); both engines report the same, and what the caps say was
/// checked is checked.
final class GiantValueTests: XCTestCase {
    private static let over = CheckedPrefix.limit + 4096

    private func item(data: String = "https://b.s3.amazonaws.com/a.jpg", id: String) -> String {
        #"{"data": "\#(data)", "externalId": "\#(id)"}"#
    }

    private func lint(_ text: String, kind: DocumentKind = .manifest, engine: LintEngine = .fast, parts: Bool = false) -> FileReport {
        var options = LintOptions(kind: kind, engine: engine)
        options.splitThreshold = parts ? 0 : .max
        if parts { options.partsObserver = { XCTAssertEqual($0, 2, "split in two") } }
        return Linter(configuration: Configuration(directory: "."), options: options).lint(SourceFile(path: "assets.json", text: text))
    }

    /// Ids over the limit: ASCII; one with a tab, decomposed letters, zero-width spaces and line
    /// breaks; one written with escapes; one with white space at both ends; two equal ones. A URL
    /// over 2 MiB in `data`, in `dataset` and in an IMAGE attachment. Findings inside the checked
    /// prefix are reported, none after it; the fast engine (with and without parts) reports what
    /// the reference engine does.
    func testBothEnginesReportTheSameOnGiantValues() {
        // A finding of each kind every kilobyte or so: about a thousand in the prefix.
        let filler = String(repeating: "x", count: 500)
        let mixed = "x\ty" + String(repeating: "e\u{301}" + filler + "\u{200B}" + filler + "\n", count: Self.over / 1000)
        let mixedLiteral = mixed.replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\n", with: "\\n")
        let escaped = String(repeating: "\\u00e9\\u0041", count: Self.over / 3)
        let edges = " " + String(repeating: "abc", count: Self.over / 3) + "\\u3000"
        let ascii = String(repeating: "abcdefgh", count: Self.over / 8)
        let url = "https://b.s3.amazonaws.com/" + String(repeating: "a%20", count: AssetURL.lengthLimit / 4) + ".jpg"
        // The URLs first: split in two, the file's second part holds the ids (its table is
        // absorbed by the first part's).
        let items = [
            item(data: url, id: "giant-url"), item(id: "clean"),
            #"{"dataset": ["\#(url)", "https://b.s3.amazonaws.com/b c.jpg"], "externalId": "set"}"#,
            #"{"data": "https://b.s3.amazonaws.com/c.jpg", "externalId": "att", "attachments": [{"type": "IMAGE", "value": "\#(url)"}]}"#,
            item(id: ascii), item(id: mixedLiteral), item(id: escaped), item(id: edges), item(id: ascii),
        ]
        let text = "[\n" + items.joined(separator: ",\n") + "\n]\n"
        let reference = lint(text, engine: .reference)
        let described = DifferentialTests.describe(reference)
        XCTAssertEqual(DifferentialTests.describe(lint(text)), described)
        XCTAssertEqual(DifferentialTests.describe(lint(text, parts: true)), described)

        func findings(_ rule: String, item: Int) -> [Diagnostic] {
            reference.diagnostics.filter { $0.ruleID == rule && $0.pointer.hasPrefix("/\(item)/") }
        }
        // Each capped rule says so once on every id over the limit, as an info.
        for index in 4..<9 {
            for rule in ["M112", "M113", "M114", "M116"] {
                let infos = findings(rule, item: index).filter { $0.severity == .info }
                XCTAssertEqual(infos.count, 1, "\(rule) on item \(index)")
                XCTAssertTrue(infos.first?.message.contains("bytes long") == true, "\(rule) on item \(index)")
            }
        }
        // What was found in the checked prefix, and nothing past it: the decomposed letters (one
        // M116 finding with an edit per run), the zero-width spaces, the tab and the line breaks.
        let nfd = findings("M116", item: 5).filter { $0.severity == .warning }
        XCTAssertEqual(nfd.count, 1)
        XCTAssertEqual(nfd.first?.fix?.edits.count, occurrences("e\u{301}", inCheckedPrefixOf: mixed))
        let zeroWidth = findings("M114", item: 5).filter { $0.severity == .error }
        XCTAssertEqual(zeroWidth.count, occurrences("\u{200B}", inCheckedPrefixOf: mixed))
        let inside = findings("M113", item: 5).filter { $0.severity == .warning && !$0.message.contains("ends with") }
        XCTAssertEqual(inside.count, 1 + occurrences("\n", inCheckedPrefixOf: mixed, endingBeforeTheEnd: true))
        XCTAssertEqual(inside.first?.range.length, 2, "the tab, escaped")
        XCTAssertGreaterThan(zeroWidth.count, 1000)
        // White space at both ends of an id is found whatever its length; the trailing U+3000 is
        // written as an escape 2 MB into the literal.
        let edgeFindings = findings("M113", item: 7).filter { $0.severity == .warning }.map(\.message)
        XCTAssertEqual(edgeFindings.count, 2)
        XCTAssertTrue(edgeFindings.last?.contains("ends with") == true)
        // The two equal ASCII ids are still an exact duplicate (compared byte for byte).
        XCTAssertEqual(findings("M110", item: 8).count, 1)
        // The long URLs: U216's length finding and nothing else, wherever the URL is.
        for (index, pointer) in [(0, "/0/data"), (2, "/2/dataset/0"), (3, "/3/attachments/0/value")] {
            let urlFindings = reference.diagnostics.filter { $0.ruleID.hasPrefix("U") && $0.pointer.hasPrefix("/\(index)/") }
            let long = urlFindings.filter { $0.pointer == pointer }
            XCTAssertEqual(long.map(\.ruleID), ["U216"], pointer)
            XCTAssertTrue(long.first?.told.contains("checked for its length only") == true)
            XCTAssertEqual(long.first?.range.length, url.utf8.count)
        }
        XCTAssertEqual(findings("U203", item: 2).count, 1, "the other dataset URL is still checked")
    }

    /// How many times `piece` begins in the part of `id` the capped rules check.
    /// How many times `piece` lies in the part of `id` the capped rules check (with
    /// `endingBeforeTheEnd`, not touching its end either: a run of white space there may go on).
    private func occurrences(_ piece: String, inCheckedPrefixOf id: String, endingBeforeTheEnd: Bool = false) -> Int {
        let bytes = Array(id.utf8)
        let end = bytes.withUnsafeBufferPointer { CheckedPrefix.end(of: $0, table: UnicodeScalarTable()) }
        let pattern = Array(piece.utf8)
        return (0..<end).filter { start in
            bytes[start...].starts(with: pattern) && (endingBeforeTheEnd ? start + pattern.count < end : start + pattern.count <= end)
        }.count
    }

    /// A label import's mask URL over 2 MiB, through the embedded-URL check of both engines.
    func testALongMaskURLIsReportedForItsLength() {
        let url = "https://b.s3.amazonaws.com/" + String(repeating: "m", count: AssetURL.lengthLimit) + ".png"
        let text = #"[{"externalId": "a", "objects": [{"schemaId": "s", "brushDataUrl": "\#(url)"}], "brushDataUrl": "\#(url)"}]"#
        let reference = lint(text, kind: .labels, engine: .reference)
        let fast = lint(text, kind: .labels)
        XCTAssertEqual(DifferentialTests.describe(fast), DifferentialTests.describe(reference))
        XCTAssertEqual(reference.diagnostics.filter { $0.ruleID.hasPrefix("U") }.map(\.ruleID), ["U216"])
    }

    /// A URL of exactly the limit is parsed and checked like any other; one byte more is not.
    func testTheURLLimitIsTwoMebibytes() {
        let prefix = "https://b.s3.amazonaws.com/"
        for (extra, parsed) in [(0, true), (1, false)] {
            let url = prefix + String(repeating: "k", count: AssetURL.lengthLimit - prefix.utf8.count - 5 + extra) + " .jpg"
            XCTAssertEqual(url.utf8.count, AssetURL.lengthLimit + extra)
            let report = lint("[" + item(data: url, id: "a") + "]")
            let rules = Set(report.diagnostics.map(\.ruleID))
            XCTAssertEqual(rules.contains("U203"), parsed, "the raw space, \(extra) byte(s) over")
            XCTAssertTrue(rules.contains("U216"), "the key is too long either way")
        }
    }

    // MARK: The pieces

    /// The old M113 scan, which listed every scalar first: the streaming scan must find the same
    /// runs on ids of every kind of byte.
    private func plainWhitespaceRuns(_ bytes: UnsafeBufferPointer<UInt8>) -> [ExternalIDWhitespace.Finding] {
        var scalars: [(value: UInt32, start: Int, end: Int)] = []
        var offset = 0
        while offset < bytes.count {
            let (value, length) = UTF8Decoding.scalarOrReplacement(bytes, at: offset)
            scalars.append((value, offset, offset + length))
            offset += length
        }
        guard !scalars.isEmpty else { return [] }
        var leading = 0
        while leading < scalars.count, UnicodeWhitespace.contains(scalars[leading].value) { leading += 1 }
        if leading == scalars.count { return [.init(place: .whole, range: 0..<bytes.count, firstScalar: scalars[0].value)] }
        var trailing = scalars.count
        while trailing > leading, UnicodeWhitespace.contains(scalars[trailing - 1].value) { trailing -= 1 }
        var findings: [ExternalIDWhitespace.Finding] = []
        if leading > 0 { findings.append(.init(place: .leading, range: 0..<scalars[leading - 1].end, firstScalar: scalars[0].value)) }
        var index = leading
        while index < trailing {
            guard UnicodeWhitespace.isLineBreakOrTab(scalars[index].value) else {
                index += 1
                continue
            }
            var runEnd = index
            while runEnd < trailing, UnicodeWhitespace.contains(scalars[runEnd].value), scalars[runEnd].value != 0x20 { runEnd += 1 }
            findings.append(.init(place: .inside, range: scalars[index].start..<scalars[runEnd - 1].end, firstScalar: scalars[index].value))
            index = runEnd
        }
        if trailing < scalars.count {
            findings.append(.init(place: .trailing, range: scalars[trailing].start..<bytes.count, firstScalar: scalars[trailing].value))
        }
        return findings
    }

    func testStreamingWhitespaceScanFindsThePlainScansRuns() {
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("bcdefghij".utf8), [0x20], [0x09], [0x0A], [0x0D], Array("\u{A0}".utf8), Array("\u{3000}".utf8),
            Array("\u{2028}".utf8), Array("\u{85}".utf8), Array("é".utf8), [0xFF], [0xE3, 0x80], [0x00], [0x7F],
        ]
        var random = SeededGenerator(seed: 113)
        func describe(_ findings: [ExternalIDWhitespace.Finding]) -> [String] {
            findings.map { "\($0.place) \($0.range) \(String(describing: $0.firstScalar))" }
        }
        for _ in 0..<5000 {
            var id: [UInt8] = []
            for _ in 0..<Int(random.next() % 12) { id += pieces[Int(random.next() % UInt64(pieces.count))] }
            id.withUnsafeBufferPointer { bytes in
                XCTAssertEqual(describe(ExternalIDWhitespace.whitespaceRuns(in: bytes)), describe(plainWhitespaceRuns(bytes)), "\(id)")
                if UTF8Decoding.isValid(bytes) {
                    XCTAssertEqual(describe(ExternalIDWhitespace.whitespaceRuns(in: bytes, isValidUTF8: true)), describe(plainWhitespaceRuns(bytes)), "\(id)")
                }
                // With a checked end, the inside runs are those that end before it.
                let checked = id.count / 2
                let expected = plainWhitespaceRuns(bytes).filter { $0.place != .inside || $0.range.upperBound < checked }
                let capped = ExternalIDWhitespace.whitespaceRuns(in: bytes, insideUpTo: checked)
                XCTAssertEqual(describe(capped).filter { !$0.hasPrefix("inside") }, describe(expected).filter { !$0.hasPrefix("inside") })
                XCTAssertTrue(Set(describe(capped)).isSubset(of: Set(describe(expected))), "\(id)")
            }
        }
    }

    /// `DecodedRanges` gives what the table of `sourceRange(ofDecoded:)` gives, for ascending
    /// ranges of literals with every kind of escape.
    func testDecodedRangesAreTheTablesRanges() {
        let pieces = ["a", "é", "\\n", "\\\"", "\\u00e9", "\\u20ac", "\\ud83d\\ude00", "\\ud800", "\\udc00x", "\\u0041", "\\/"]
        var random = SeededGenerator(seed: 23)
        for _ in 0..<800 {
            let content = (0..<Int(random.next() % 10)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let source = SourceFile(path: "s.json", text: "[\"" + content + "\"]")
            var tree = JSONTree(source: source)
            var parser = JSONParser(source: source, maxDepth: 8)
            XCTAssertTrue(parser.parseDocument(into: &tree), content)
            let node = Array(tree.children(of: tree.root))[0]
            let length = ManifestText.decodedLength(node, in: tree)
            XCTAssertEqual(length, ManifestText.decodedBytes(node, in: tree).count)
            var ranges = DecodedRanges(node, in: tree)
            var lower = 0
            while lower <= length + 1 {
                let upper = lower + Int(random.next() % 4)
                XCTAssertEqual(ranges.fileRange(lower..<upper), tree.sourceRange(ofDecoded: lower..<upper, inString: node), "\(content) \(lower)..<\(upper)")
                lower = upper + Int(random.next() % 2)
            }
        }
    }

    /// The checked prefix ends before an ASCII byte when there is one near the limit, else before
    /// an NFC-inert scalar, else at a scalar boundary; never past the limit.
    func testTheCheckedPrefixEndsWhereNothingContinuesAcrossIt() {
        let table = UnicodeScalarTable()
        func end(_ text: String) -> (Int, [UInt8]) {
            let bytes = Array(text.utf8)
            return (bytes.withUnsafeBufferPointer { CheckedPrefix.end(of: $0, table: table) }, bytes)
        }
        let short = end("e\u{301}")
        XCTAssertEqual(short.0, short.1.count)
        let mixed = end(String(repeating: "é\u{301}a", count: Self.over / 5))
        XCTAssertLessThanOrEqual(mixed.0, CheckedPrefix.limit)
        XCTAssertEqual(mixed.1[mixed.0], UInt8(ascii: "a"))
        let han = end(String(repeating: "漢\u{301}字", count: Self.over / 8))
        XCTAssertLessThanOrEqual(han.0, CheckedPrefix.limit)
        XCTAssertNotEqual(han.1[han.0] & 0xC0, 0x80)
        XCTAssertFalse(String(decoding: han.1[han.0...].prefix(4), as: UTF8.self).hasPrefix("\u{301}"), "not before a combining mark")
        let marks = end(String(repeating: "\u{301}", count: Self.over / 2))
        XCTAssertLessThanOrEqual(marks.0, CheckedPrefix.limit)
        XCTAssertNotEqual(marks.1[marks.0] & 0xC0, 0x80, "a scalar boundary")
    }
}
