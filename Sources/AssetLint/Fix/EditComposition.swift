/// Rounds of edits, each made on the text the round before produced, as one set of edits on the
/// original text: what an editor needs to apply "fix all" (fixes come in rounds, a fix that
/// overlapped another being retried on the re-linted result) as one change it can undo.
///
/// The current text is kept as pieces: ranges of the original and inserted bytes, in order. An
/// edit keeps the pieces before and after its range and puts its replacement between them; the
/// original ranges never change order, so the gaps between them, with the inserted bytes that
/// fill them, are the edits on the original. Each round is one pass over the pieces.
public struct EditComposition {
    private enum Piece {
        case original(Range<Int>)
        case inserted([UInt8])

        var count: Int {
            switch self {
            case .original(let range): range.count
            case .inserted(let bytes): bytes.count
            }
        }

        func slice(_ range: Range<Int>) -> Piece {
            switch self {
            case .original(let original): .original((original.lowerBound + range.lowerBound)..<(original.lowerBound + range.upperBound))
            case .inserted(let bytes): .inserted(Array(bytes[range]))
            }
        }
    }

    private var pieces: [Piece]
    private let originalCount: Int

    public init(originalCount: Int) {
        self.originalCount = originalCount
        pieces = originalCount > 0 ? [.original(0..<originalCount)] : []
    }

    /// The length of the current text.
    public var currentCount: Int { pieces.reduce(0) { $0 + $1.count } }

    /// Applies `edits`, made on the current text at character boundaries (as fixes are). They
    /// must not overlap (an edit that starts inside the one before it is dropped); insertions at
    /// one offset keep their order.
    public mutating func apply(_ edits: [TextEdit]) {
        let sorted = edits.enumerated().sorted { ($0.element.range.offset, $0.offset) < ($1.element.range.offset, $1.offset) }.map(\.element)
        var output: [Piece] = []
        output.reserveCapacity(pieces.count + 2 * sorted.count)
        // The cursor: piece `index`, `inner` bytes into it, `at` bytes into the current text.
        var index = 0
        var inner = 0
        var at = 0
        func advance(to target: Int, keeping: Bool) {
            while at < target, index < pieces.count {
                let piece = pieces[index]
                let step = min(piece.count - inner, target - at)
                if keeping { Self.append(piece.slice(inner..<(inner + step)), to: &output) }
                inner += step
                at += step
                if inner == piece.count {
                    index += 1
                    inner = 0
                }
            }
        }
        var reached = 0
        for edit in sorted where edit.range.offset >= reached && edit.range.length >= 0 {
            advance(to: edit.range.offset, keeping: true)
            advance(to: edit.range.end, keeping: false)
            Self.append(.inserted(Array(edit.replacement.utf8)), to: &output)
            reached = edit.range.end
        }
        advance(to: .max, keeping: true)
        pieces = output
    }

    /// The edits that turn the original text into the current one: sorted, none overlapping or
    /// touching another, each replacing one gap between kept ranges of the original.
    public var edits: [TextEdit] {
        var result: [TextEdit] = []
        var expected = 0
        var pending: [UInt8] = []
        for piece in pieces {
            switch piece {
            case .inserted(let bytes):
                pending += bytes
            case .original(let range):
                if range.lowerBound > expected || !pending.isEmpty {
                    result.append(TextEdit(range: ByteRange(start: expected, end: range.lowerBound), replacement: String(decoding: pending, as: UTF8.self)))
                    pending.removeAll()
                }
                expected = range.upperBound
            }
        }
        if expected < originalCount || !pending.isEmpty {
            result.append(TextEdit(range: ByteRange(start: expected, end: originalCount), replacement: String(decoding: pending, as: UTF8.self)))
        }
        return result
    }

    /// Appends `piece`, merging it into the last piece when both are inserted bytes or adjacent
    /// original ranges; empty pieces are dropped.
    private static func append(_ piece: Piece, to output: inout [Piece]) {
        guard piece.count > 0 else { return }
        switch (output.last, piece) {
        case (.inserted(let before)?, .inserted(let bytes)):
            output[output.count - 1] = .inserted(before + bytes)
        case (.original(let before)?, .original(let range)) where before.upperBound == range.lowerBound:
            output[output.count - 1] = .original(before.lowerBound..<range.upperBound)
        default:
            output.append(piece)
        }
    }
}
