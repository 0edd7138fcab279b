import Foundation
import XCTest
@testable import AssetLint

/// `JSONCText`: comments and trailing commas become spaces, nothing else changes.
final class JSONCTextTests: XCTestCase {
    private func strict(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { JSONCText.strictEquivalent($0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    func testCommentsAndTrailingCommasBecomeSpaces() {
        XCTAssertNil(strict(#"{"a": [1, 2], "b": "x"}"#))
        XCTAssertEqual(strict("{\"a\": 1 // one\n}"), "{\"a\": 1       \n}")
        XCTAssertEqual(strict("{/* a\r\nb */\"a\": 1}"), "{    \r\n    \"a\": 1}")
        XCTAssertEqual(strict("[1, 2,]"), "[1, 2 ]")
        XCTAssertEqual(strict("{\"a\": [1,], \"b\": 2, /* c */ }"), "{\"a\": [1 ], \"b\": 2          }")
        // Inside strings, comment and comma characters are text.
        XCTAssertNil(strict(#"{"url": "https://a//b/*c*/", "s": "x,]"}"#))
        XCTAssertNil(strict(#"{"q": "\"//not a comment", "r": "\\"}"#))
        XCTAssertEqual(strict(#"{"r": "\\" // c"# + "\n}"), #"{"r": "\\"     "# + "\n}")
        // Not JSONC: left for the strict parser to report.
        XCTAssertNil(strict("[,]"))
        XCTAssertNil(strict("[1,,]"))
        XCTAssertNil(strict("{\"a\": 1 /* open"))
        XCTAssertNil(strict("{\"a\": 1 / 2}"))
    }

    /// Comments and trailing commas inserted between the tokens of JSON documents: the blanked
    /// text has the original's length and lines, and parses to the same values as the document
    /// without them.
    func testBlankedDocumentsParseLikeTheOriginals() throws {
        var generator = SystemRandomNumberGenerator()
        let documents = [
            #"{"compilerOptions": {"target": "ES2022", "paths": {"@/*": ["src/*"]}, "strict": true}, "include": ["src/**/*.ts"]}"#,
            #"[{"data": "https://b.s3.amazonaws.com/a%20b.jpg", "externalId": "a // b /* c */"}, {"n": [1, -2.5e3, null, false]}]"#,
            #"{"a": {}, "b": [], "c": [[]], "d": {"e": {"f": "\"\\/"}}}"#,
        ]
        let insertions = [" // note\n", " /* block */ ", "/**/", "\n/* multi\nline */\n", " //\n"]
        for document in documents {
            let expected = try canonical(document)
            for _ in 0..<200 {
                let (text, commas) = decorate(document, insertions: insertions, using: &generator)
                guard let blanked = strict(text) else {
                    XCTAssertFalse(commas || text != document, text)
                    continue
                }
                XCTAssertEqual(blanked.utf8.count, text.utf8.count, text)
                XCTAssertEqual(blanked.filter { $0 == "\n" }.count, text.filter { $0 == "\n" }.count, text)
                XCTAssertEqual(try canonical(blanked), expected, text)
            }
        }
    }

    /// The document's value as Foundation's JSON reader sees it, for comparison.
    private func canonical(_ text: String) throws -> String {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        return String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    /// `document` with comments at random token boundaries and a trailing comma before random
    /// closing brackets of non-empty containers.
    private func decorate(_ document: String, insertions: [String], using generator: inout SystemRandomNumberGenerator) -> (String, Bool) {
        var output = ""
        var inString = false, escaped = false
        var previous: Character = " "
        var addedComma = false
        for character in document {
            if inString {
                output.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                previous = character
                continue
            }
            if (character == "]" || character == "}"), previous != "[", previous != "{", Bool.random(using: &generator) {
                output += ","
                addedComma = true
                if Bool.random(using: &generator) { output += insertions.randomElement(using: &generator)! }
            }
            if "{[,:".contains(character) || character == "\"" {
                if Int.random(in: 0..<4, using: &generator) == 0 { output += insertions.randomElement(using: &generator)! }
            }
            output.append(character)
            if character == "\"" { inString = true }
            if "{[,:".contains(character), Int.random(in: 0..<4, using: &generator) == 0 {
                output += insertions.randomElement(using: &generator)!
            }
            previous = character
        }
        return (output, addedComma)
    }
}
