import Foundation
import XCTest
@testable import AssetLint

/// The hostile corpus: each input gets its documented diagnostic and exit status, and the real
/// executable finishes within a generous memory and CPU limit (`Hardening.run`).
final class HostileInputTests: XCTestCase {
    private func rules(_ report: FileReport) -> [String] { report.diagnostics.map(\.ruleID) }

    // MARK: - Nesting

    func testAMillionOpenBracketsIsJ005NotACrash() throws {
        let scratch = try ScratchFolder()
        let open = scratch.path + "/open.json"
        try Hardening.writeRepeated(open, chunk: "[", count: 1_000_000)
        let closed = scratch.path + "/closed.json"
        try Hardening.writeRepeated(closed, chunk: "[", count: 1_000_000, tail: String(repeating: "]", count: 1_000_000))
        let objects = scratch.path + "/objects.json"
        try Hardening.writeRepeated(objects, chunk: #"{"a":"#, count: 200_000)
        for path in [open, closed, objects] {
            let result = try Hardening.run([path], memoryMB: 1024, cpuSeconds: 60)
            XCTAssertEqual(result.status, 1, result.description)
            XCTAssertTrue(result.standardOutput.contains("error[J005] nesting deeper than 512 levels"), result.description)
            XCTAssertEqual(result.standardOutput.components(separatedBy: "error[").count - 1, 1, "one report, no cascade")
        }
        // Standard input too, and a configured limit far above the default stays bounded.
        let piped = try Hardening.run(["-", "--stdin-filename", "deep.json"], memoryMB: 1024, cpuSeconds: 60, input: closed)
        XCTAssertEqual(piped.status, 1, piped.description)
        XCTAssertTrue(piped.standardOutput.contains("deep.json:1:513: error[J005]"), piped.description)
        try scratch.write(".assetlint.yml", "json:\n  maxDepth: 2000000\n")
        let deepLimit = try Hardening.run([closed], memoryMB: 1536, cpuSeconds: 60, in: scratch.path)
        XCTAssertEqual(deepLimit.status, 0, "a million levels within the configured limit parse without recursion: \(deepLimit.description)")
    }

    // MARK: - Huge strings

    func testHundredsOfMegabytesInOneString() throws {
        let scratch = try ScratchFolder()
        let size = 256 << 20
        // A manifest whose one externalId is 256 MB: streamed, memory-mapped, no copy of the string
        // (the mapped file and one heap copy of the id would not fit in 512 MB of address space).
        let manifest = scratch.path + "/huge-manifest.json"
        try Hardening.writeRepeated(
            manifest, head: #"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": ""#, chunk: "abcdefgh", count: size / 8,
            tail: "\"}]\n")
        let clean = try Hardening.run([manifest, "--kind", "manifest"], memoryMB: 512, cpuSeconds: 120)
        XCTAssertEqual(clean.signal, nil, clean.description)
        XCTAssertTrue([0, 1].contains(clean.status), clean.description)
        XCTAssertFalse(clean.standardOutput.contains("J00"), clean.description)
        // A string never closed (64 MB): J001 at its opening quote, and the excerpt stays one short line.
        let unterminated = scratch.path + "/unterminated.json"
        try Hardening.writeRepeated(unterminated, head: #"{"k": ""#, chunk: "abcdefgh", count: size / 32)
        let broken = try Hardening.run([unterminated], memoryMB: 1536, cpuSeconds: 120)
        XCTAssertEqual(broken.status, 1, broken.description)
        XCTAssertTrue(broken.standardOutput.contains("1:7: error[J001] invalid JSON: unterminated string"), broken.description)
        XCTAssertLessThan(broken.standardOutput.utf8.count, 2000, "the excerpt of a 256 MB line is cut")
    }

    /// A 128 MB URL of `a%20`s and a 32 MB `externalId` of `e` + U+0301 under half a gigabyte of
    /// address space (the URL and its decoded copies once took 9 bytes a byte of it, the id 24):
    /// the URL is measured and reported for its length, the id checked in its first megabyte.
    func testGiantURLAndIDRunUnderAProcessLimit() throws {
        let scratch = try ScratchFolder()
        let url = scratch.path + "/url.json"
        try Hardening.writeRepeated(
            url, head: #"[{"data": "https://b.s3.amazonaws.com/"#, chunk: "a%20", count: 32 << 20, tail: #".jpg", "externalId": "a"}]"# + "\n")
        let long = try Hardening.run([url, "--format", "concise"], memoryMB: 512, cpuSeconds: 60)
        XCTAssertEqual(long.signal, nil, long.description)
        XCTAssertEqual(long.status, 1, long.description)
        XCTAssertTrue(long.standardOutput.contains("error[U216] the URL is 134,217,759 bytes long"), long.description)
        let id = scratch.path + "/id.json"
        try Hardening.writeRepeated(
            id, head: #"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": ""#, chunk: "e\u{301}", count: (32 << 20) / 3, tail: "\"}]\n")
        let decomposed = try Hardening.run([id, "--format", "concise"], memoryMB: 512, cpuSeconds: 60)
        XCTAssertEqual(decomposed.signal, nil, decomposed.description)
        XCTAssertEqual(decomposed.status, 0, decomposed.description)
        XCTAssertTrue(decomposed.standardOutput.contains("info[M116] externalId is 33,554,430 bytes long: only its first 1 MiB was checked"), decomposed.description)
        XCTAssertTrue(decomposed.standardOutput.contains("warning[M116]"), decomposed.description)
    }

    // MARK: - Bytes and encodings

    func testNULBytes() {
        let cases: [([UInt8], String)] = [
            (Array(#"[{"data": "https://b.s3.amazonaws.com/a"#.utf8) + [0] + Array(#".jpg", "externalId": "a"}]"#.utf8),
             "control character U+0000 inside a string must be escaped as \\u0000"),
            ([0x5B, 0x31, 0x2C, 0x00, 0x5D], "expected a value, found control character U+0000"),
            ([0, 0, 0, 0], "expected a value, found control character U+0000"),
            ([0], "expected a value, found control character U+0000"),
            (Array("[]".utf8) + [0], "expected the end of the file after the top-level value, found control character U+0000"),
        ]
        for (bytes, message) in cases {
            let report = Hardening.lint(bytes)
            XCTAssertEqual(rules(report), ["J001"], "\(bytes)")
            XCTAssertTrue(report.diagnostics.first?.message.contains(message) == true, report.diagnostics.first?.message ?? "")
            XCTAssertTrue(Hardening.renderAll(report).contains("<U+0000>"), "a NUL is shown as a placeholder, never printed raw")
        }
    }

    func testInvalidAndOverlongUTF8() {
        let cases: [[UInt8]] = [
            [0xC0, 0xAF],              // overlong '/'
            [0xE0, 0x80, 0xAF],        // overlong, three bytes
            [0xF0, 0x80, 0x80, 0xAF],  // overlong, four bytes
            [0xED, 0xA0, 0x80],        // UTF-8-encoded surrogate
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0xFF], [0xFE], [0x80], [0xC2],  // never valid, lone continuation, truncated sequence
        ]
        for sequence in cases {
            let bytes = Array(#"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a"#.utf8) + sequence + Array(#""}]"#.utf8)
            let report = Hardening.lint(bytes)
            XCTAssertEqual(report.kind, .manifest)
            XCTAssertEqual(rules(report).first, "J002", "\(sequence): \(rules(report))")
            let first = report.diagnostics.first
            XCTAssertEqual(first?.range.offset, bytes.count - sequence.count - 3)
            XCTAssertTrue(first?.message.contains("is not valid UTF-8") == true, first?.message ?? "")
            Hardening.renderAll(report)
        }
    }

    func testUTF16AndUTF32FilesWithAndWithoutBOM() {
        let text = #"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a"}]"#
        let cases: [(String.Encoding, [UInt8], String)] = [
            (.utf16LittleEndian, [0xFF, 0xFE], "UTF-16 little-endian (with a byte-order mark)"),
            (.utf16BigEndian, [0xFE, 0xFF], "UTF-16 big-endian (with a byte-order mark)"),
            (.utf16LittleEndian, [], "UTF-16 little-endian"),
            (.utf16BigEndian, [], "UTF-16 big-endian"),
            (.utf32LittleEndian, [0xFF, 0xFE, 0, 0], "UTF-32 little-endian (with a byte-order mark)"),
            (.utf32BigEndian, [0, 0, 0xFE, 0xFF], "UTF-32 big-endian (with a byte-order mark)"),
            (.utf32LittleEndian, [], "UTF-32 little-endian"),
            (.utf32BigEndian, [], "UTF-32 big-endian"),
        ]
        for (encoding, bom, name) in cases {
            let bytes = bom + [UInt8](text.data(using: encoding)!)
            let report = Hardening.lint(bytes)
            XCTAssertEqual(rules(report), ["J002"], name)
            XCTAssertTrue(report.diagnostics.first?.message.contains("the file is encoded as \(name), not UTF-8") == true,
                          report.diagnostics.first?.message ?? "")
            Hardening.renderAll(report)
        }
        // A UTF-8 BOM is only J004 (with its safe fix), the rest is linted.
        let bom = Hardening.lint([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        XCTAssertEqual(rules(bom), ["J004"])
    }

    func testEmptyAndWhitespaceOnlyFiles() {
        for bytes in [[], Array("   \n\t\r\n".utf8), [0xEF, 0xBB, 0xBF]] as [[UInt8]] {
            let report = Hardening.lint(bytes)
            XCTAssertTrue(rules(report).contains("J001"), "\(bytes): \(rules(report))")
            XCTAssertTrue(report.diagnostics.contains { $0.message.contains("the file is empty") })
            Hardening.renderAll(report)
        }
    }

    // MARK: - Truncations

    /// Every proper prefix of every fixture that parses (up to its last significant byte) is J001,
    /// never a crash; files up to 40 bytes are cut at every byte, larger ones at 40 places.
    func testEveryTruncationOfEveryFixtureIsJ001() throws {
        var checked = 0
        for relative in Hardening.fixtureFiles() {
            let bytes = try Hardening.fixtureBytes(relative)
            guard Hardening.parses(bytes), let first = bytes.first(where: { $0 == 0x5B || $0 == 0x7B }) else { continue }
            _ = first
            var significant = bytes.count
            while significant > 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[significant - 1]) { significant -= 1 }
            let step = max(1, significant / 40)
            for cut in stride(from: 0, to: significant, by: step) {
                let report = Hardening.lint(Array(bytes[0..<cut]))
                XCTAssertTrue(rules(report).contains("J001"), "\(relative) cut at \(cut): \(rules(report))")
                if cut % (step * 8) == 0 { Hardening.renderAll(report) }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 4_000)
    }

    // MARK: - Random bytes and mutated fixtures

    /// A small deterministic fuzzer in the test suite: random bytes, and fixtures with random
    /// bytes flipped, inserted or deleted, through every kind, every format and the fixes.
    func testRandomBytesAndMutatedFixtures() throws {
        var generator = SeededGenerator(seed: 0xA55E_7111E)
        let fixtures = try Hardening.fixtureFiles().map(Hardening.fixtureBytes)
        let kinds: [DocumentKind?] = [nil] + DocumentKind.allCases
        for round in 0..<600 {
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = (0..<Int.random(in: 0..<512, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            } else {
                bytes = fixtures[Int.random(in: 0..<fixtures.count, using: &generator)]
                for _ in 0..<Int.random(in: 1...8, using: &generator) where !bytes.isEmpty {
                    let at = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: bytes[at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
                    case 1: bytes.insert(Array("[]{}\",:\\0e-.\u{0}".utf8).randomElement(using: &generator)!, at: at)
                    case 2: bytes.remove(at: at)
                    default: bytes[at] = UInt8.random(in: 0x80...0xFF, using: &generator)
                    }
                }
            }
            let kind = kinds[round % kinds.count]
            let report = Hardening.lint(bytes, kind: kind)
            for diagnostic in report.diagnostics {
                XCTAssertTrue(diagnostic.range.offset >= 0 && diagnostic.range.end <= bytes.count, "\(diagnostic.ruleID) \(diagnostic.range)")
            }
            Hardening.renderAll(report)
            FixProperty.assertOutsideEditsUnchanged(bytes, report.diagnostics, subset: nil)
        }
    }

    // MARK: - Numbers

    func testHugeAndOverflowingDimensions() {
        let text = #"""
        [{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a", "width": 1e400, "height": 1234567890123456789012345678901234567890},
         {"data": "https://b.s3.amazonaws.com/b.jpg", "externalId": "b", "width": -1234567890123456789012345678901234567890, "height": 1e-400},
         {"data": "https://b.s3.amazonaws.com/c.jpg", "externalId": "c", "width": 9223372036854775808, "height": 18446744073709551616}]
        """#
        let report = Hardening.lint(Array(text.utf8))
        let found = report.diagnostics.map { "\($0.ruleID) \($0.pointer)" }
        XCTAssertEqual(found, [
            "M121 /0/width", "M122 /0/height", "M121 /1/width", "M121 /1/height", "M122 /2/width", "M122 /2/height",
        ])
        XCTAssertTrue(report.diagnostics[0].message.contains("1e400"))
        XCTAssertEqual(LintSession.exitStatus(LintRun(files: [report], catalog: []), options: SessionOptions(), otherFailure: false), 1)
        Hardening.renderAll(report)
    }

    // MARK: - Scale

    func testAHundredThousandItemsWithOneExternalID() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path + "/same-id.json"
        var text = "[\n"
        for index in 0..<100_000 {
            text += #"{"data": "https://b.s3.amazonaws.com/a\#(index).jpg", "externalId": "same"}"#
            text += index == 99_999 ? "\n]\n" : ",\n"
        }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let json = scratch.path + "/report.json"
        let result = try Hardening.run([path, "--format", "text", "--format", "json=\(json)"], memoryMB: 1536, cpuSeconds: 120)
        XCTAssertEqual(result.status, 1, result.description)
        XCTAssertEqual(result.standardOutput.components(separatedBy: "error[M110]").count - 1, 20, "text shows 20 per rule")
        XCTAssertTrue(result.standardOutput.contains("note: … and 99979 more M110 (external-id-duplicate) findings in this file"), result.description)
        XCTAssertTrue(result.standardOutput.hasSuffix("Found 99999 errors in 1 file.\n"), String(result.standardOutput.suffix(300)))
        let report = try String(contentsOfFile: json, encoding: .utf8)
        XCTAssertEqual(report.components(separatedBy: #""rule": "M110""#).count - 1, 99_999, "json is complete")
    }

    func testObjectsWithThreeHundredThousandKeysOrOneKeyTwoHundredThousandTimes() throws {
        let scratch = try ScratchFolder()
        let many = scratch.path + "/many-keys.json"
        var text = "{"
        for index in 0..<300_000 { text += (index == 0 ? "" : ",") + "\"k\(index)\": \(index)" }
        try (text + "}").write(toFile: many, atomically: false, encoding: .utf8)
        let manyResult = try Hardening.run([many], memoryMB: 1536, cpuSeconds: 120)
        XCTAssertEqual(manyResult.status, 0, manyResult.description)
        XCTAssertEqual(manyResult.standardOutput, "All checks passed.\n")

        let same = scratch.path + "/same-key.json"
        try Hardening.writeRepeated(same, head: #"{"k": 0"#, chunk: #","k": 1"#, count: 199_999, tail: "}")
        let sameResult = try Hardening.run([same], memoryMB: 1536, cpuSeconds: 120)
        XCTAssertEqual(sameResult.status, 1, sameResult.description)
        XCTAssertEqual(sameResult.standardOutput.components(separatedBy: "error[J003]").count - 1, 20)
        XCTAssertTrue(sameResult.standardOutput.contains("… and 199979 more J003 (duplicate-key) findings in this file"), sameResult.description)
        XCTAssertTrue(sameResult.standardOutput.hasSuffix("Found 199999 errors in 1 file.\n"))

        // One manifest item with the key repeated: J003 for each repetition, streamed all the same.
        let item = scratch.path + "/same-key-manifest.json"
        try Hardening.writeRepeated(
            item, head: #"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a""#, chunk: #","metadata": {}"#, count: 50_000,
            tail: "}]")
        let itemResult = try Hardening.run([item, "--format", "concise"], memoryMB: 1536, cpuSeconds: 120)
        XCTAssertEqual(itemResult.status, 1, itemResult.description)
        XCTAssertTrue(itemResult.standardOutput.contains("… and 49979 more J003 (duplicate-key) findings in this file"), itemResult.description)
    }
}
