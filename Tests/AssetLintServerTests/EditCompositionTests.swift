import AssetLint
import XCTest

/// `EditComposition` against the plain way: applying each round to the text in turn. The composed
/// edits, applied once to the original, must give the same text, and be what an editor accepts.
final class EditCompositionTests: XCTestCase {
    /// Non-overlapping edits of `text`, in random order, at character boundaries (a `TextEdit`'s
    /// replacement is a string, and fixes replace whole characters).
    private func randomRound(_ text: [UInt8], _ generator: inout SeededGenerator) -> [TextEdit] {
        func boundary(_ offset: Int) -> Int {
            var offset = min(offset, text.count)
            while offset < text.count, text[offset] & 0xC0 == 0x80 { offset += 1 }
            return offset
        }
        var edits: [TextEdit] = []
        var offset = 0
        while offset <= text.count, edits.count < 6 {
            offset = boundary(offset + Int(generator.next() % 5))
            guard offset <= text.count else { break }
            let length = boundary(offset + Int(generator.next() % 4)) - offset
            let replacement = ["", "x", "%20", "é", "😀", "yy"][Int(generator.next() % 6)]
            edits.append(TextEdit(range: ByteRange(offset: offset, length: length), replacement: replacement))
            offset += length + (length == 0 ? 1 : 0)
            if offset > text.count { break }
        }
        return edits.shuffled(using: &generator)
    }

    private func apply(_ edits: [TextEdit], to text: [UInt8]) -> [UInt8] {
        var result = text
        for edit in edits.sorted(by: { $0.range.offset > $1.range.offset }) {
            result.replaceSubrange(edit.range.offset..<edit.range.end, with: Array(edit.replacement.utf8))
        }
        return result
    }

    func testComposedEditsGiveWhatTheRoundsGive() {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<2000 {
            let original = Array(String(repeating: "ab\n", count: Int(generator.next() % 8)).utf8)
            var composition = EditComposition(originalCount: original.count)
            var current = original
            for _ in 0..<Int(1 + generator.next() % 4) {
                let round = randomRound(current, &generator)
                current = apply(round, to: current)
                composition.apply(round)
            }
            let edits = composition.edits
            XCTAssertEqual(apply(edits, to: original), current)
            XCTAssertEqual(composition.currentCount, current.count)
            // Sorted, inside the original, and apart: no two edits touch.
            for (first, second) in zip(edits, edits.dropFirst()) { XCTAssertLessThan(first.range.end, second.range.offset) }
            XCTAssertTrue(edits.allSatisfy { $0.range.offset >= 0 && $0.range.end <= original.count })
            XCTAssertFalse(edits.contains { $0.range.length == 0 && $0.replacement.isEmpty })
        }
    }

    func testOneRoundIsItsOwnEdits() {
        let original = Array(#"["a b", "c d"]"#.utf8)
        var composition = EditComposition(originalCount: original.count)
        composition.apply([
            TextEdit(range: ByteRange(offset: 10, length: 1), replacement: "%20"),
            TextEdit(range: ByteRange(offset: 3, length: 1), replacement: "%20"),
        ])
        XCTAssertEqual(composition.edits, [
            TextEdit(range: ByteRange(offset: 3, length: 1), replacement: "%20"),
            TextEdit(range: ByteRange(offset: 10, length: 1), replacement: "%20"),
        ])
    }

    /// A second round that edits what the first inserted becomes one edit of the original.
    func testAnEditInsideAnInsertionMergesIntoIt() {
        let original = Array("0123456789".utf8)
        var composition = EditComposition(originalCount: original.count)
        composition.apply([TextEdit(range: ByteRange(offset: 2, length: 2), replacement: "abc")])  // 01abc456789
        composition.apply([TextEdit(range: ByteRange(offset: 3, length: 3), replacement: "Z")])  // 01aZ56789
        XCTAssertEqual(composition.edits, [TextEdit(range: ByteRange(offset: 2, length: 3), replacement: "aZ")])
    }
}

final class InPlaceDecodingTests: XCTestCase {
    static let pieces = [#"plain"#, #"\n"#, #"\u00e9"#, #"\ud83d\ude00"#, "é", "😀", #"\""#, #"\\"#, #"\/"#, #"\t"#, #"\u0000"#, " ", #"\r\n"#]

    /// Decoding over the literal's own bytes gives what Foundation's JSON reader decodes.
    func testDecodingInPlaceMatchesFoundation() throws {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<500 {
            let content = (0..<Int(generator.next() % 20)).map { _ in Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }.joined()
            let literal = "\"" + content + "\""
            let expected = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: .fragmentsAllowed) as? String
            var bytes = Array(("  " + literal + "  ").utf8)
            let decoded = bytes.withUnsafeMutableBufferPointer { buffer in
                let range = JSONString.decodeInPlace(buffer, literal: 2..<(2 + literal.utf8.count))
                return Array(buffer[range])
            }
            XCTAssertEqual(String(decoding: decoded, as: UTF8.self), expected, literal)
            XCTAssertEqual(Array(bytes.suffix(2)), [0x20, 0x20], "bytes after the literal are left alone")
        }
    }

    func testLoneSurrogatesBecomeReplacementCharacters() {
        var bytes = Array(#""a\ud800b\udc00""#.utf8)
        let decoded = bytes.withUnsafeMutableBufferPointer { Array($0[JSONString.decodeInPlace($0, literal: 0..<$0.count)]) }
        XCTAssertEqual(String(decoding: decoded, as: UTF8.self), "a\u{FFFD}b\u{FFFD}")
    }
}
