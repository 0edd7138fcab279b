import XCTest
@testable import AssetLint

final class GlobTests: XCTestCase {
    private func assertMatches(
        _ cases: [(pattern: String, path: String)], _ expected: Bool, file: StaticString = #filePath, line: UInt = #line
    ) {
        for (pattern, path) in cases {
            XCTAssertEqual(
                Glob(pattern).matches(path), expected,
                "Glob(\"\(pattern)\").matches(\"\(path)\") should be \(expected)", file: file, line: line)
        }
    }

    func testBasenamePatternsMatchAtAnyDepth() {
        assertMatches([
            ("*.json", "a.json"),
            ("*.json", "a/b/c.json"),
            ("cors.json", "infra/prod/cors.json"),
            ("*", ".hidden"),
            ("a*b", "x/aXYZb"),
        ], true)
        assertMatches([
            ("*.json", "a.jsonx"),
            ("*.json", "a/b.txt"),
            ("*.json", "json"),
            ("a*b", "a/b"),  // `*` never crosses `/`
            ("*.JSON", "a.json"),  // case-sensitive
        ], false)
    }

    func testAnchoredPatterns() {
        assertMatches([
            ("assets/*.json", "assets/a.json"),
            ("infra/cors*.json", "infra/cors.json"),
            ("infra/cors*.json", "infra/cors-prod.json"),
            ("/assets/*.json", "assets/a.json"),
            ("./assets/*.json", "assets/a.json"),
            ("assets/*/*.json", "assets/x/a.json"),
            ("/cors.json", "cors.json"),
        ], true)
        assertMatches([
            ("assets/*.json", "assets/x/a.json"),
            ("assets/*.json", "other/assets/a.json"),
            ("infra/cors*.json", "infra/x/cors.json"),
            ("/cors.json", "infra/cors.json"),
            ("assets/*/*.json", "assets/a.json"),
        ], false)
    }

    func testDoubleStar() {
        assertMatches([
            ("assets/**/*.json", "assets/a.json"),
            ("assets/**/*.json", "assets/x/a.json"),
            ("assets/**/*.json", "assets/x/y/z/a.json"),
            ("**/*.json", "a.json"),
            ("**/*.json", "a/b/c.json"),
            ("**/cors.json", "cors.json"),
            ("a/**/b", "a/b"),
            ("a/**/b", "a/x/b"),
            ("a/**/b", "a/x/y/b"),
            ("a/**/**/b", "a/b"),
            ("**", "a"),
            ("**", "a/b/c"),
            ("a**b.json", "aXYb.json"),  // not a whole segment: a plain `*`
        ], true)
        assertMatches([
            ("assets/**/*.json", "assetsx/a.json"),
            ("assets/**/*.json", "a/assets/b.json"),
            ("assets/**/*.json", "assets/a.txt"),
            ("a/**/b", "a/bc"),
            ("a/**/b", "b"),
            ("a**b.json", "a/b.json"),
        ], false)
    }

    func testFolderPatternsMatchEverythingBelow() {
        assertMatches([
            ("node_modules/**", "node_modules/a.json"),
            ("node_modules/**", "node_modules/x/y/a.json"),
            ("node_modules/", "node_modules/a.json"),
            ("node_modules/", "src/node_modules/a.json"),  // no inner slash: any depth
            ("node_modules", "node_modules/a.json"),
            ("node_modules", "src/node_modules/x/a.json"),
            (".build/**", ".build/debug/x.json"),
            ("legacy/**", "legacy/2019/a.json"),
            ("fixtures/bad", "fixtures/bad/x.json"),
        ], true)
        assertMatches([
            ("node_modules/**", "node_modules"),  // `/**` needs something inside
            ("node_modules/", "node_modules"),
            ("node_modules/**", "src/node_modules/a.json"),  // anchored: has an inner slash
            ("legacy/**", "legacy.json"),
            ("fixtures/bad", "fixtures/badge/x.json"),
        ], false)
    }

    func testSingleCharacterAndClasses() {
        assertMatches([
            ("file?.json", "file1.json"),
            ("[abc].json", "b.json"),
            ("[a-c].json", "c.json"),
            ("[!a].json", "b.json"),
            ("[^a].json", "b.json"),
            ("[]].json", "].json"),
            ("[a-].json", "-.json"),
            ("[[:digit:]]x.json", "7x.json"),
            ("[[:upper:][:digit:]].json", "Q.json"),
            ("\\*.json", "*.json"),
            ("\\[a].json", "[a].json"),
            ("[abc", "[abc"),  // unterminated: read literally (the loader reports it)
            ("?", "é"),  // one Unicode scalar
        ], true)
        assertMatches([
            ("file?.json", "file10.json"),
            ("file?.json", "file.json"),
            ("[abc].json", "d.json"),
            ("[a-c].json", "C.json"),
            ("[!a].json", "a.json"),
            ("[^a].json", "a.json"),
            ("[[:digit:]]x.json", "ax.json"),
            ("\\*.json", "a.json"),
            ("?", "ab"),
        ], false)
    }

    func testUnicodeIsComparedByScalars() {
        let nfc = "caf\u{E9}.json"
        let nfd = "cafe\u{301}.json"
        XCTAssertTrue(Glob(nfc).matches("photos/" + nfc))
        XCTAssertFalse(Glob(nfc).matches("photos/" + nfd), "object keys are byte-exact: NFD is another name")
        XCTAssertTrue(Glob("caf?.json").matches(nfc))
        XCTAssertFalse(Glob("caf?.json").matches(nfd))
    }

    func testPathNormalisationOfTheInput() {
        XCTAssertTrue(Glob("assets/*.json").matches("./assets//a.json"))
        XCTAssertFalse(Glob("*.json").matches(""))
        XCTAssertFalse(Glob("").matches("a.json"))
        XCTAssertFalse(Glob("/").matches("a.json"))
    }

    func testPathologicalPatternsStayLinear() {
        // Naive backtracking explores exponentially many ways to split these; the matcher must
        // simply answer. (The assertions are on results; a blow-up would hang the test.)
        let deep = Array(repeating: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", count: 60).joined(separator: "/")
        XCTAssertTrue(Glob("**/**/**/*a*a*a*").matches(deep))
        let noMatch = Array(repeating: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", count: 60).joined(separator: "/")
        XCTAssertFalse(Glob("**/**/**/*a*a*a*a*a*a*a*a*a*a*b").matches(noMatch))
        XCTAssertFalse(Glob("**/a/**/a/**/a/**/a/**/a/**/a/**/b").matches(noMatch.replacingOccurrences(
            of: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", with: "a")))
        XCTAssertTrue(Glob("**/a/**/a/**/a/**/b").matches(Array(repeating: "a", count: 200).joined(separator: "/") + "/b"))
        let long = String(repeating: "a", count: 20_000)
        XCTAssertFalse(Glob("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b").matches(long))
        XCTAssertTrue(Glob("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*").matches(long))
    }

    func testSyntaxErrors() {
        XCTAssertNil(Glob.syntaxError(in: "assets/**/*.json"))
        XCTAssertNil(Glob.syntaxError(in: "[a-z]?[!x][[:digit:]]\\["))
        XCTAssertNil(Glob.syntaxError(in: "./assets/"))
        XCTAssertNotNil(Glob.syntaxError(in: ""))
        XCTAssertNotNil(Glob.syntaxError(in: "  "))
        XCTAssertEqual(
            Glob.syntaxError(in: "assets/[abc.json"),
            "unterminated character class: '[' needs a closing ']' (write '\\[' for a literal bracket)")
        XCTAssertEqual(Glob.syntaxError(in: "[z-a].json"), "invalid range 'z-a' in a character class")
        XCTAssertEqual(
            Glob.syntaxError(in: "[[:word:]]").map { $0.hasPrefix("unknown character class '[:word:]'") }, true)
        XCTAssertEqual(
            Glob.syntaxError(in: "!fixtures/**"), "negated patterns ('!…') are not supported; list only what should match")
        XCTAssertEqual(
            Glob.syntaxError(in: "../shared/*.json"),
            "'..' cannot be used: patterns are relative to the configuration file's folder")
        XCTAssertNotNil(Glob.syntaxError(in: "a\\"))
    }

    func testDescriptionAndEquality() {
        XCTAssertEqual(Glob("a/*.json").description, "a/*.json")
        XCTAssertEqual(Glob("a/*.json"), Glob("a/*.json"))
        XCTAssertNotEqual(Glob("a/*.json"), Glob("b/*.json"))
    }

    func testMatchesEverythingInFolder() {
        let covered: [(String, String)] = [
            ("node_modules/**", "node_modules"),
            ("node_modules/", "node_modules"),
            ("node_modules/", "src/node_modules"),
            ("node_modules", "node_modules"),
            ("node_modules", "a/b/node_modules"),
            ("**", "anything"),
            ("legacy/**", "legacy/2019"),  // a folder inside a covered one
            ("a/**/b/**", "a/x/y/b"),
            ("*.tmp", "build.tmp"),
        ]
        for (pattern, folder) in covered {
            XCTAssertTrue(Glob(pattern).matchesEverything(inFolder: folder), "\(pattern) should cover \(folder)/")
        }
        let notCovered: [(String, String)] = [
            ("node_modules/*.json", "node_modules"),
            ("node_modules/**", "src/node_modules"),
            ("node_modules/**", "node_modules_old"),
            ("assets/**/*.json", "assets"),
            ("a/**/b/**", "a/x"),
            ("legacy/**", "."),
        ]
        for (pattern, folder) in notCovered {
            XCTAssertFalse(Glob(pattern).matchesEverything(inFolder: folder), "\(pattern) should not cover \(folder)/")
        }
    }
}
