import AssetLint
import XCTest

/// `EditableText`'s positions against a plain reference: walk the text scalar by scalar, counting
/// lines (ended by \n, \r\n or \r) and units. The fast path (words of ASCII, lines found with
/// memchr from checkpoints, one sweep for many offsets) must agree with it everywhere.
final class TextPositionTests: XCTestCase {
    static let alphabet = ["a", "Z", " ", "\"", "é", "😀", "中", "\u{10FFFF}", "\n", "\r", "\r\n", "\t", "abcdefghij", "ü"]

    /// Every byte offset's position, the plain way.
    static func referencePositions(_ text: String, _ encoding: PositionEncoding) -> [TextPosition] {
        var result: [TextPosition] = []
        var line = 0
        var character = 0
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let bytes = String(scalar).utf8.count
            if scalar == "\r" || scalar == "\n" {
                result.append(TextPosition(line: line, character: character))
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                    result.append(TextPosition(line: line, character: character))
                    index += 1
                }
                line += 1
                character = 0
                index += 1
                continue
            }
            for _ in 0..<bytes { result.append(TextPosition(line: line, character: character)) }
            switch encoding {
            case .utf8: character += bytes
            case .utf16: character += scalar.value > 0xFFFF ? 2 : 1
            case .utf32: character += 1
            }
            index += 1
        }
        result.append(TextPosition(line: line, character: character))
        return result
    }

    static func randomText(_ generator: inout SeededGenerator, length: Int) -> String {
        (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
    }

    func testEveryOffsetHasTheReferencePosition() {
        var generator = SeededGenerator(seed: 7)
        for round in 0..<300 {
            let text = Self.randomText(&generator, length: round % 3 == 0 ? Int(generator.next() % 400) : Int(generator.next() % 30))
            let editable = EditableText(text)
            for encoding in PositionEncoding.allCases {
                let expected = Self.referencePositions(text, encoding)
                let offsets = Array(0...text.utf8.count)
                XCTAssertEqual(editable.positions(of: offsets, encoding: encoding), expected, "\(encoding) \(text.debugDescription)")
                // Shuffled and one at a time: the sweep must not depend on the order asked.
                let shuffled = offsets.shuffled(using: &generator)
                XCTAssertEqual(editable.positions(of: shuffled, encoding: encoding), shuffled.map { expected[$0] })
                if let probe = offsets.randomElement(using: &generator) {
                    XCTAssertEqual(editable.position(of: probe, encoding: encoding), expected[probe])
                }
            }
        }
    }

    func testPositionsMapBackToTheirOffsets() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<300 {
            let text = Self.randomText(&generator, length: Int(generator.next() % 60))
            let editable = EditableText(text)
            for encoding in PositionEncoding.allCases {
                let positions = Self.referencePositions(text, encoding)
                let bytes = Array(text.utf8)
                for (offset, position) in positions.enumerated() {
                    // Offsets inside a character or a \r\n map back to where the position points.
                    let isBoundary = offset == bytes.count || (bytes[offset] & 0xC0 != 0x80 && !(offset > 0 && bytes[offset - 1] == 0x0D && bytes[offset] == 0x0A))
                    guard isBoundary else { continue }
                    XCTAssertEqual(editable.offset(of: position, encoding: encoding), offset, "\(encoding) \(position) in \(text.debugDescription)")
                }
            }
        }
    }

    func testColumnsPastTheLineOrInsideACharacterAreClamped() {
        let text = EditableText("a😀b\r\nxy\n")
        // Inside the emoji's surrogate pair: its start.
        XCTAssertEqual(text.offset(of: TextPosition(line: 0, character: 2), encoding: .utf16), 1)
        XCTAssertEqual(text.offset(of: TextPosition(line: 0, character: 3), encoding: .utf16), 5)
        // Past the end of a line: the end of its content, before \r\n.
        XCTAssertEqual(text.offset(of: TextPosition(line: 0, character: 99), encoding: .utf16), 6)
        XCTAssertEqual(text.offset(of: TextPosition(line: 1, character: 99), encoding: .utf16), 10)
        // Past the last line: the end of the text.
        XCTAssertEqual(text.offset(of: TextPosition(line: 2, character: 0), encoding: .utf16), 11)
        XCTAssertEqual(text.offset(of: TextPosition(line: 7, character: 3), encoding: .utf16), 11)
        XCTAssertEqual(text.lineCount, 3)
        // The emoji is one UTF-32 unit and four UTF-8 ones.
        XCTAssertEqual(text.position(of: 5, encoding: .utf32), TextPosition(line: 0, character: 2))
        XCTAssertEqual(text.position(of: 5, encoding: .utf8), TextPosition(line: 0, character: 5))
    }

    /// Edits keep the lazily scanned line table right: after each one, every position agrees with
    /// the reference on the edited text. The table keeps the start of every 64th line and drops
    /// those from an edit on, so texts here run to a few hundred lines and a third of the edits
    /// fall at or next to such a start (an edit there may join a `\r` with a following `\n`).
    func testEditsKeepPositionsRight() {
        var generator = SeededGenerator(seed: 23)
        let lines = ["\n", "\r", "\r\n", "a", "é", "😀"]
        for _ in 0..<40 {
            let length = 300 + Int(generator.next() % 400)
            var reference = Array((0..<length).map { _ in lines[Int(generator.next() % UInt64(lines.count))] }.joined().utf8)
            let editable = EditableText(copying: reference)
            for _ in 0..<30 {
                var text = String(decoding: reference, as: UTF8.self)
                var start = Int(generator.next() % UInt64(reference.count + 1))
                if generator.next() % 3 == 0 {
                    // At (or one byte before or after) the start of a line numbered 64k.
                    let positions = Self.referencePositions(text, .utf8)
                    let starts = positions.indices.filter { positions[$0].line % 64 == 0 && positions[$0].line > 0 && positions[$0].character == 0 }
                    if let chosen = starts.first(where: { _ in generator.next() % 2 == 0 }) ?? starts.first {
                        start = max(0, min(reference.count, chosen + Int(generator.next() % 3) - 1))
                    }
                }
                while start < reference.count, reference[start] & 0xC0 == 0x80 { start += 1 }
                var end = min(reference.count, start + Int(generator.next() % 4))
                while end < reference.count, reference[end] & 0xC0 == 0x80 { end += 1 }
                let inserted = Array((0..<Int(generator.next() % 3)).map { _ in lines[Int(generator.next() % UInt64(lines.count))] }.joined().utf8)
                // Queries before the edit fill the table, so the edit has something to invalidate.
                _ = editable.positions(of: [reference.count], encoding: .utf16)
                reference.replaceSubrange(start..<end, with: inserted)
                inserted.withUnsafeBufferPointer { editable.replace(start..<end, with: $0) }
                XCTAssertEqual(Array(editable.bytes), reference)
                text = String(decoding: reference, as: UTF8.self)
                let probes = (0..<12).map { _ in Int(generator.next() % UInt64(reference.count + 1)) }
                let expected = Self.referencePositions(text, .utf16)
                XCTAssertEqual(editable.positions(of: probes, encoding: .utf16), probes.map { expected[$0] })
                XCTAssertEqual(editable.lineCount, (expected.last?.line ?? 0) + 1)
                let line = Int(generator.next() % UInt64(editable.lineCount))
                let lineStart = expected.firstIndex { $0.line == line } ?? reference.count
                XCTAssertEqual(editable.offset(of: TextPosition(line: line, character: 0), encoding: .utf16), lineStart)
            }
        }
    }

    func testACarriageReturnJoinedByALineFeedIsOneTerminator() {
        let text = EditableText("a\rb")
        XCTAssertEqual(text.position(of: 2, encoding: .utf16), TextPosition(line: 1, character: 0))
        text.replace(2..<2, with: "\n")
        XCTAssertEqual(text.string, "a\r\nb")
        XCTAssertEqual(text.position(of: 3, encoding: .utf16), TextPosition(line: 1, character: 0))
        XCTAssertEqual(text.position(of: 2, encoding: .utf16), TextPosition(line: 0, character: 1))
        XCTAssertEqual(text.lineCount, 2)
    }

    /// A thousand offsets on one long line are one pass, not a thousand (a minified manifest).
    func testManyOffsetsOnOneLongLine() {
        let line = String(repeating: "é😀ab", count: 50_000)
        let text = EditableText(line)
        let offsets = stride(from: 0, to: text.count, by: 97).map { $0 }
        let positions = text.positions(of: offsets, encoding: .utf16)
        let expected = Self.referencePositions(line, .utf16)
        XCTAssertEqual(positions, offsets.map { expected[$0] })
    }
}

/// A deterministic generator (SplitMix64), so a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
