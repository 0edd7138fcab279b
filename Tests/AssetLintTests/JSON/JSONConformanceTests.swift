import XCTest
@testable import AssetLint

/// Conformance to RFC 8259's grammar: every case here is derived from a production of the RFC
/// (value, object, array, number, string, whitespace) or from its UTF-8 requirement.
final class JSONConformanceTests: XCTestCase {
    private func parse(_ bytes: [UInt8], maxDepth: Int = 512) -> (ok: Bool, issues: [JSONIssue], tree: JSONTree) {
        let file = SourceFile(path: "t.json", bytes: bytes)
        var parser = JSONParser(source: file, maxDepth: maxDepth)
        var tree = JSONTree(source: file)
        let ok = parser.parseDocument(into: &tree)
        return (ok, parser.issues, tree)
    }

    private func parse(_ text: String) -> (ok: Bool, issues: [JSONIssue], tree: JSONTree) { parse(Array(text.utf8)) }

    static let accepted: [String] = [
        // value = false / null / true / object / array / number / string
        "false", "null", "true", "{}", "[]", "0", "\"\"",
        // ws = *( %x20 / %x09 / %x0A / %x0D ), around every structural character
        " \t\n\r[ \t\n\r1 \t\n\r, \t\n\r2 \t\n\r] \t\n\r",
        "{ \"a\" : 1 , \"b\" : [ ] }",
        // numbers: minus, int (zero or digit1-9 *DIGIT), frac, exp with e/E and sign
        "-0", "0.5", "-0.0", "10", "123456789012345678901234567890", "1e5", "1E5", "1e+5", "1e-5", "-1.5E-07", "0e0",
        "1.7976931348623157e309",
        // strings: every escape, unescaped ranges, non-ASCII UTF-8 of every length, surrogate pair
        #""\" \\ \/ \b \f \n \r \t \u0000 \u00e9 \uFFFF""#,
        "\"\u{7F} ~ é € 𝄞\"", #""\ud834\udd1e""#,
        // nesting and members
        "[[[[[]]]]]", "{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}}}", "[1,\"a\",true,false,null,{},[]]",
        // keys may be any string, including empty and escaped ones
        "{\"\":1,\"\\u0041\":2}",
    ]

    static let rejected: [(String, String)] = [
        ("", "empty"), ("   ", "whitespace only"), ("[", "unterminated array"), ("]", "stray close"),
        ("{", "unterminated object"), ("[1,]", "trailing comma in array"), ("{\"a\":1,}", "trailing comma in object"),
        ("[1 2]", "missing comma"), ("{\"a\" 1}", "missing colon"), ("{a:1}", "unquoted key"), ("{1:1}", "number key"),
        ("['a']", "single quotes"), ("[01]", "leading zero"), ("[-01]", "negative leading zero"), ("[+1]", "plus sign"),
        ("[.5]", "no integer part"), ("[1.]", "no fraction digits"), ("[1e]", "no exponent digits"), ("[1e+]", "exponent sign only"),
        ("[-]", "lone minus"), ("[0x10]", "hex"), ("[NaN]", "NaN"), ("[Infinity]", "Infinity"), ("[-Infinity]", "-Infinity"),
        ("[tru]", "truncated literal"), ("[True]", "capitalised literal"), ("[nul]", "truncated null"),
        ("\"abc", "unterminated string"), ("\"a\nb\"", "raw line break"), ("\"a\tb\"", "raw tab"), ("\"\u{01}\"", "raw control"),
        ("\"\\x\"", "bad escape"), ("\"\\u12\"", "short unicode escape"), ("\"\\u12G4\"", "non-hex escape"), ("\"\\", "escape at end"),
        ("[1]]", "extra close"), ("[1] [2]", "two values"), ("{} x", "garbage after value"), ("// c\n[]", "comment"),
        ("[1,,2]", "double comma"), ("[,1]", "leading comma"), ("{\"a\":1 \"b\":2}", "missing comma in object"),
        ("\u{0C}[]", "form feed is not JSON whitespace"), ("\u{A0}[]", "no-break space is not JSON whitespace"),
        ("[1]\u{00}", "NUL after value"), ("[\"a\"\u{00}]", "NUL between tokens"),
    ]

    func testAcceptsValidDocuments() {
        for text in Self.accepted {
            let result = parse(text)
            XCTAssertTrue(result.ok, "should accept \(text.debugDescription): \(result.issues.map(\.detail))")
            XCTAssertTrue(result.issues.isEmpty, "no issues for \(text.debugDescription): \(result.issues.map(\.detail))")
        }
    }

    func testRejectsInvalidDocuments() {
        for (text, name) in Self.rejected {
            let result = parse(text)
            XCTAssertFalse(result.ok, "should reject \(name): \(text.debugDescription)")
            XCTAssertEqual(result.issues.filter(\.isFatal).count, 1, "exactly one fatal issue for \(name)")
        }
    }

    func testSyntaxErrorsSayWhatWasExpectedWhere() {
        let cases: [(String, Int, String)] = [
            ("[1,]", 2, "trailing comma"),
            ("{\"a\" 1}", 5, "expected ':' after the object key, found '1'"),
            ("[1 2]", 3, "expected ',' or ']' after an array element, found '2'"),
            ("{a:1}", 1, "object keys must be double-quoted strings"),
            ("[NaN]", 1, "'NaN' is not a JSON value"),
            ("[01]", 1, "leading zeros"),
            ("// x\n[]", 0, "comments are not allowed"),
            ("[1", 2, "unexpected end of file: expected ',' or ']'"),
            ("\"a\nb\"", 2, "line break inside a string"),
            ("[\"\\q\"]", 2, "invalid escape '\\q'"),
            ("['a']", 1, "JSON strings use double quotes"),
            ("[] 1", 3, "expected the end of the file after the top-level value, found '1'"),
            ("[\"a\" \"b\"]", 5, "found '\"': is a ',' missing?"),
            ("{\"a\": 1 {}}", 8, "found '{': is a ',' missing?"),
        ]
        for (text, offset, fragment) in cases {
            let issue = parse(text).issues.first { $0.kind == .syntax }
            XCTAssertEqual(issue?.range.offset, offset, "offset for \(text.debugDescription)")
            XCTAssertTrue(issue?.detail.contains(fragment) == true, "\(issue?.detail ?? "nil") should contain \(fragment)")
        }
        // Where no value was just read, a missing comma is not the likely mistake.
        for text in ["{{}}", "{[]}", "[-\"1\"]"] {
            let detail = parse(text).issues.first { $0.kind == .syntax }?.detail ?? ""
            XCTAssertFalse(detail.isEmpty, text)
            XCTAssertFalse(detail.contains("missing"), "\(text): \(detail)")
        }
    }

    func testRecordsByteRangesOfValuesAndKeys() throws {
        let text = #"{"data": "https://a/b.jpg", "w": [1, 2.5]}"#
        let result = parse(text)
        let tree = result.tree
        let data = try XCTUnwrap(tree.member("data", of: tree.root))
        XCTAssertEqual(tree[data].range, ByteRange(offset: 9, length: 17))
        XCTAssertEqual(tree[data].keyRange, ByteRange(offset: 1, length: 6))
        XCTAssertEqual(tree.string(data), "https://a/b.jpg")
        let w = try XCTUnwrap(tree.member("w", of: tree.root))
        let elements = Array(tree.children(of: w))
        XCTAssertEqual(elements.count, 2)
        XCTAssertEqual(tree.integer(elements[0]), 1)
        XCTAssertNil(tree.integer(elements[1]))
        XCTAssertEqual(tree.double(elements[1]), 2.5)
        XCTAssertEqual(tree.pointer(elements[1]), "/w/1")
    }

    func testDecodesEscapesAndMapsDecodedOffsetsBackToSource() throws {
        let text = #"["a\u0020b\/c\ud83d\ude00d"]"#
        let tree = parse(text).tree
        let string = try XCTUnwrap(tree.children(of: tree.root).first { _ in true })
        XCTAssertEqual(tree.string(string), "a b/c😀d")
        // The decoded space (byte 1) comes from the 6-byte escape at source offset 3.
        XCTAssertEqual(tree.sourceRange(ofDecoded: 1..<2, inString: string), ByteRange(offset: 3, length: 6))
        // The decoded 'd' after the 4-byte emoji.
        let decoded = Array("a b/c😀d".utf8)
        XCTAssertEqual(tree.sourceRange(ofDecoded: (decoded.count - 1)..<decoded.count, inString: string).offset, text.utf8.count - 3)
    }

    func testPointersEscapeTildeAndSlash() throws {
        let tree = parse(#"{"a/b": {"m~n": [0]}}"#).tree
        let outer = try XCTUnwrap(tree.member("a/b", of: tree.root))
        let inner = try XCTUnwrap(tree.member("m~n", of: outer))
        let zero = try XCTUnwrap(tree.children(of: inner).first { _ in true })
        XCTAssertEqual(tree.pointer(zero), "/a~1b/m~0n/0")
    }

    /// Pointers written as bytes are those of the plain construction (decode each key, escape
    /// it, join), on keys with escapes, `~`, `/`, non-ASCII and invalid bytes, at every depth and
    /// in a streamed item.
    func testPointersAreThoseOfThePlainConstruction() throws {
        func plain(_ tree: JSONTree, _ index: JSONTree.Index) -> String {
            var components: [String] = []
            var current = index
            while current != JSONNode.none, tree[current].parent != JSONNode.none {
                components.append(tree[current].keyStart >= 0 ? JSONPointer.escape(tree.key(of: current) ?? "") : String(tree[current].index))
                current = tree[current].parent
            }
            return tree.rootPointer + components.reversed().map { "/" + $0 }.joined()
        }
        let keys = ["a", "", "~", "/", "a~b/c", #"q\"x"#, #"\u00e9t\u00e9"#, "été", #"\/"#, #"\u007e1"#, "\u{1F600}"]
        var random = SeededGenerator(seed: 6901)
        for _ in 0..<200 {
            var text = "0"
            for _ in 0..<Int(random.next() % 5) {
                text = random.next() % 3 == 0 ? "[1, \(text)]" : "{\"\(keys[Int(random.next() % UInt64(keys.count))])\": \(text), \"z\": 2}"
            }
            var bytes = Array(text.utf8)
            // Now and then a byte that is not UTF-8 inside a key.
            if random.next() % 4 == 0, let quote = bytes.firstIndex(of: UInt8(ascii: "\"")) { bytes.insert(0xFF, at: quote + 1) }
            let file = SourceFile(path: "p.json", bytes: bytes)
            var tree = JSONTree(source: file)
            var parser = JSONParser(source: file, maxDepth: 64)
            _ = parser.parseDocument(into: &tree)
            for index in 0..<Int32(tree.nodes.count) { XCTAssertEqual(tree.pointer(index), plain(tree, index), text) }
        }
        // A streamed item: the pointer starts with its number.
        let file = SourceFile(path: "m.json", text: #"[{"a": 1}, {"b~": [true]}]"#)
        var parser = JSONParser(source: file, maxDepth: 64)
        var tree = JSONTree(source: file)
        XCTAssertTrue(parser.openTopLevelArray())
        XCTAssertTrue(parser.nextElement(into: &tree, index: 0))
        XCTAssertTrue(parser.nextElement(into: &tree, index: 1))
        let element = try XCTUnwrap(tree.children(of: try XCTUnwrap(tree.member("b~", of: tree.root))).first { _ in true })
        XCTAssertEqual(tree.pointer(element), "/1/b~0/0")
        XCTAssertEqual(tree.pointer(element), plain(tree, element))
    }

    func testInvalidUTF8IsReportedInsideStringsAndParsingGoesOn() {
        let cases: [[UInt8]] = [
            [0xE9],  // Latin-1 é
            [0xC0, 0xAF],  // overlong '/'
            [0xE0, 0x80, 0xAF],  // overlong
            [0xED, 0xA0, 0x80],  // encoded surrogate
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0x80],  // lone continuation
            [0xE2, 0x82],  // truncated sequence
        ]
        for bad in cases {
            let bytes = Array("[\"a".utf8) + bad + Array("b\", 1]".utf8)
            let result = parse(bytes)
            XCTAssertTrue(result.ok, "invalid UTF-8 \(bad) is not fatal")
            XCTAssertEqual(result.issues.map(\.kind), [.invalidUTF8], "for \(bad)")
            XCTAssertEqual(result.issues.first?.range.offset, 3)
        }
        // Invalid bytes outside strings are a syntax error.
        XCTAssertFalse(parse([0x5B, 0xE9, 0x5D]).ok)
    }

    func testNamesUTF16AndUTF32Files() {
        let text = "[1]"
        let utf16LE = Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let utf16BE = Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let utf32LE = Array(text.unicodeScalars).flatMap { [UInt8($0.value & 0xFF), 0, 0, 0] }
        let cases: [([UInt8], String)] = [
            (utf16LE, "UTF-16 little-endian"), ([0xFF, 0xFE] + utf16LE, "UTF-16 little-endian (with a byte-order mark)"),
            (utf16BE, "UTF-16 big-endian"), ([0xFE, 0xFF] + utf16BE, "UTF-16 big-endian (with a byte-order mark)"),
            (utf32LE, "UTF-32 little-endian"),
        ]
        for (bytes, name) in cases {
            let result = parse(bytes)
            XCTAssertFalse(result.ok)
            XCTAssertEqual(result.issues.first?.kind, .wrongEncoding)
            XCTAssertEqual(result.issues.first?.detail, name)
        }
    }

    func testByteOrderMarkIsReportedAndSkipped() {
        let result = parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))
        XCTAssertTrue(result.ok)
        XCTAssertEqual(result.issues.map(\.kind), [.byteOrderMark])
    }

    func testDuplicateKeysInSmallAndLargeObjectsAndThroughEscapes() {
        let small = parse(#"{"a": 1, "b": 2, "\u0061": 3}"#)
        XCTAssertEqual(small.issues.map(\.kind), [.duplicateKey])
        XCTAssertEqual(small.issues.first?.related, ByteRange(offset: 1, length: 3))
        XCTAssertEqual(small.issues.first?.pointer, "/a")
        let keys = (0..<1000).map { "\"k\($0)\": \($0)" } + ["\"k500\": 0"]
        let large = parse("{" + keys.joined(separator: ", ") + "}")
        XCTAssertEqual(large.issues.map(\.kind), [.duplicateKey])
        XCTAssertEqual(large.issues.first?.detail, "k500")
    }

    func testLoneSurrogates() {
        XCTAssertEqual(parse(#"["\ud800"]"#).issues.map(\.kind), [.loneSurrogate])
        XCTAssertEqual(parse(#"["\udc00\ud800x"]"#).issues.map(\.kind), [.loneSurrogate, .loneSurrogate])
        XCTAssertEqual(parse(#"["\ud800\u0041"]"#).issues.map(\.kind), [.loneSurrogate])
        XCTAssertTrue(parse(#"["\uD83D\uDE00"]"#).issues.isEmpty)
    }

    func testDepthLimitStopsWithoutRecursion() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let result = parse(deep)
        XCTAssertFalse(result.ok)
        XCTAssertEqual(result.issues.map(\.kind), [.tooDeep])
        XCTAssertEqual(result.issues.first?.range.offset, 512)
        XCTAssertTrue(parse(String(repeating: "[", count: 512) + String(repeating: "]", count: 512)).ok)
        let limited = parse(Array("[[[]]]".utf8), maxDepth: 2)
        XCTAssertEqual(limited.issues.map(\.kind), [.tooDeep])
    }

    func testStreamsTopLevelArrayElementByElement() {
        let file = SourceFile(path: "m.json", text: #"[{"a": 1}, [2, 3], "x" , 4]"#)
        var parser = JSONParser(source: file)
        var tree = JSONTree(source: file)
        XCTAssertTrue(parser.openTopLevelArray())
        var kinds: [JSONKind] = []
        var pointers: [String] = []
        var index = 0
        while parser.nextElement(into: &tree, index: index) {
            kinds.append(tree[tree.root].kind)
            pointers.append(tree.pointer(tree.root))
            index += 1
        }
        XCTAssertFalse(parser.failed)
        XCTAssertEqual(kinds, [.object, .array, .string, .number])
        XCTAssertEqual(pointers, ["/0", "/1", "/2", "/3"])
    }

    func testStreamingStopsAtTheFirstSyntaxError() {
        for text in ["[1, 2,]", "[1, 2", "[1 2]", "[1] x", "[1,,2]"] {
            let file = SourceFile(path: "m.json", text: text)
            var parser = JSONParser(source: file)
            var tree = JSONTree(source: file)
            XCTAssertTrue(parser.openTopLevelArray())
            var index = 0
            while parser.nextElement(into: &tree, index: index) { index += 1 }
            XCTAssertTrue(parser.failed, text)
            XCTAssertEqual(parser.issues.filter(\.isFatal).count, 1, text)
        }
    }

    /// Random bytes and random mutations of valid documents never crash the parser, and it always
    /// either accepts or stops with exactly one fatal issue.
    func testNeverCrashesOnMutatedInput() {
        var generator = SeededGenerator(seed: 0xA55E7)
        let seeds = Self.accepted.map { Array($0.utf8) } + [Array(#"[{"data": "https://x/y.jpg", "externalId": "é"}]"#.utf8)]
        for _ in 0..<3000 {
            var bytes = seeds[Int(generator.next() % UInt64(seeds.count))]
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let choice = generator.next() % 3
                let position = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count))
                switch choice {
                case 0 where !bytes.isEmpty: bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
                default: if !bytes.isEmpty { bytes.remove(at: position) }
                }
            }
            let result = parse(bytes)
            XCTAssertEqual(result.issues.filter(\.isFatal).count, result.ok ? 0 : 1)
        }
    }
}
