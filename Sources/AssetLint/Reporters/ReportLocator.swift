/// Resolves byte offsets of one file to line/column positions and Unicode-scalar offsets, reading
/// the file once from start to end for offsets asked in about ascending order (report order).
///
/// `SourceFile.position(of:)` counts columns from the start of the line on every call, which is
/// quadratic for a minified (single-line) manifest with many findings. The locator keeps a cursor
/// that only moves forward, and every `checkpointSpacing` bytes it passes it notes where it was; an
/// offset behind the cursor (a related location, an edit before the range) is counted from the
/// nearest note below it. Nothing grows with the number of findings: a million of them are located
/// in one pass over the file, with a note per 4 KB of it.
///
/// The numbers are exactly `SourceFile.position(of:)`'s: lines split at LF only, columns are
/// 1-based and count bytes that start a UTF-8 sequence (so an invalid byte counts as one column
/// and a stray continuation byte as none), and an offset inside a multi-byte sequence belongs to
/// that sequence. `scalarOffset` is the 0-based number of characters (sequence starts) before the
/// offset, on the same terms: SARIF's `charOffset` with `columnKind: unicodeCodePoints`.
final class ReportLocator {
    struct Location: Hashable {
        var line: Int
        var column: Int
        var scalarOffset: Int
    }

    /// Where a sweep over the bytes is.
    private struct Sweep {
        var index = 0
        var line = 1
        var lineStart = 0
        var scalarsBeforeLine = 0
        var scalars = 0
    }

    private let source: SourceFile?
    let byteCount: Int
    private let checkpointSpacing: Int
    private var cursor = Sweep()
    private var checkpoints: [Sweep] = [Sweep()]
    private var released = 0
    /// The last offsets behind the cursor that were asked for: a finding asks for its range, then
    /// for its fix's edits, which are usually that same range.
    private var recent: [(offset: Int, location: Location)] = []

    init(source: SourceFile, checkpointSpacing: Int = 4096) {
        self.source = source
        byteCount = source.bytes.count
        self.checkpointSpacing = checkpointSpacing
    }

    /// Kept for callers that know their offsets up front; they need not be given any more.
    convenience init(source: SourceFile, offsets: [Int]) {
        self.init(source: source)
    }

    convenience init(report: FileReport, diagnostics: [Diagnostic]? = nil) {
        guard let source = report.source else {
            self.init(empty: ())
            return
        }
        self.init(source: source)
    }

    func location(_ offset: Int) -> Location {
        guard let source else { return Location(line: 1, column: 1, scalarOffset: 0) }
        let target = Self.clamp(offset, byteCount)
        let buffer = source.bytes
        var sweep: Sweep
        if target >= cursor.index {
            advance(&cursor, to: target, in: buffer, noting: true)
            sweep = cursor
        } else if let hit = recent.first(where: { $0.offset == target }) {
            return hit.location
        } else {
            // The last note at or before the target (notes are in ascending order).
            var low = 0
            var high = checkpoints.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if checkpoints[middle].index <= target { low = middle } else { high = middle - 1 }
            }
            sweep = checkpoints[low]
            advance(&sweep, to: target, in: buffer, noting: false)
        }
        var column = sweep.scalars - sweep.scalarsBeforeLine + 1
        var scalarOffset = sweep.scalars
        if target < buffer.count, target > sweep.lineStart, buffer[target] & 0xC0 == 0x80 {
            column -= 1
            scalarOffset -= 1
        }
        let location = Location(line: sweep.line, column: column, scalarOffset: max(0, scalarOffset))
        if recent.count == 4 { recent.removeFirst() }
        recent.append((target, location))
        return location
    }

    private func advance(_ sweep: inout Sweep, to target: Int, in buffer: UnsafeBufferPointer<UInt8>, noting: Bool) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var nextNote = noting ? checkpoints[checkpoints.count - 1].index + checkpointSpacing : Int.max
        while sweep.index < target {
            if sweep.index >= nextNote {
                checkpoints.append(sweep)
                nextNote = sweep.index + checkpointSpacing
                // A large mapped file is read to its end once more after it has streamed: the
                // pages passed are dropped again, so they do not all stay resident.
                if sweep.index - released >= ByteStorage.releaseStep, let source {
                    source.storage.dropPages(before: sweep.index)
                    released = sweep.index
                }
            }
            // Eight bytes at a time while they hold no line feed: count the bytes that start a
            // sequence (all but 10xxxxxx) with a population count.
            if sweep.index + 8 <= target, let base = buffer.baseAddress {
                let word = UnsafeRawPointer(base + sweep.index).loadUnaligned(as: UInt64.self)
                let feeds = word ^ (ones &* 0x0A)
                // Exact zero-byte test (no borrow between bytes): a line feed is a zero byte here.
                if ((feeds & ~highs) &+ ~highs | feeds) & highs == highs {
                    sweep.scalars += 8 - (word & ~(word << 1) & highs).nonzeroBitCount
                    sweep.index += 8
                    continue
                }
            }
            let byte = buffer[sweep.index]
            if byte & 0xC0 != 0x80 { sweep.scalars += 1 }
            sweep.index += 1
            if byte == 0x0A {
                sweep.line += 1
                sweep.lineStart = sweep.index
                sweep.scalarsBeforeLine = sweep.scalars
            }
        }
    }

    private init(empty: Void) {
        source = nil
        byteCount = 0
        checkpointSpacing = 4096
    }

    /// Start and end (exclusive) of a byte range.
    func span(_ range: ByteRange) -> ReportSpan {
        ReportSpan(start: location(range.offset), end: location(range.end), byteRange: range)
    }

    private static func clamp(_ offset: Int, _ count: Int) -> Int { min(max(0, offset), count) }
}

/// Where a range is, in every unit the reports use.
struct ReportSpan {
    var start: ReportLocator.Location
    /// The position just after the range (SARIF's exclusive `endColumn`).
    var end: ReportLocator.Location
    var byteRange: ByteRange

    var scalarLength: Int { max(0, end.scalarOffset - start.scalarOffset) }
}

// MARK: - Shared wording

enum ReportText {
    /// `1 error`, `2 errors`.
    static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : (plural ?? singular + "s"))"
    }

    static func severityCounts(errors: Int, warnings: Int, infos: Int) -> [String] {
        var parts: [String] = []
        if errors > 0 { parts.append(count(errors, "error")) }
        if warnings > 0 { parts.append(count(warnings, "warning")) }
        if infos > 0 { parts.append(count(infos, "info")) }
        return parts
    }

    /// SARIF / GitHub level of a severity.
    static func sarifLevel(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// The help line text of a fix: its description, marked when it needs `--unsafe-fixes`.
    static func fixHelp(_ fix: Fix) -> String {
        fix.applicability == .unsafe ? "\(fix.description) (unsafe fix)" : fix.description
    }

    /// `Rules/ID.md` relative to the repository root.
    static func helpPath(_ ruleID: String) -> String { "Rules/\(ruleID).md" }

    /// The public page of a rule.
    static func helpURI(_ ruleID: String) -> String {
        "https://github.com/assetlint/assetlint/blob/main/Rules/" + percentEncodePathSegment(ruleID) + ".md"
    }

    static let informationURI = "https://github.com/assetlint/assetlint"

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func percentEncodePathSegment(_ text: String) -> String {
        percentEncode(text, keep: { _ in false })
    }

    /// A file path as a URI reference: relative paths stay relative (`./` dropped), absolute
    /// paths become `file://` URIs; every byte outside RFC 3986 `unreserved` and `/` is
    /// percent-encoded as UTF-8 (so `:` in a first segment cannot read as a scheme, and `%`,
    /// `#`, `?`, spaces and non-ASCII survive).
    static func uriReference(forPath path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        let encoded = percentEncode(path, keep: { $0 == UInt8(ascii: "/") })
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    private static func percentEncode(_ text: String, keep: (UInt8) -> Bool) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                if keep(byte) {
                    result.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    let hex = String(byte, radix: 16, uppercase: true)
                    result += "%" + (hex.count == 1 ? "0" + hex : hex)
                }
            }
        }
        return result
    }
}
