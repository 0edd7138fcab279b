/// Resolves many byte offsets of one file to line/column positions and Unicode-scalar offsets in
/// a single forward pass.
///
/// `SourceFile.position(of:)` counts columns from the start of the line on every call, which is
/// quadratic for a minified (single-line) manifest with many findings; a reporter knows every
/// offset it needs up front, so it sorts them once and sweeps the bytes once.
///
/// The numbers are exactly `SourceFile.position(of:)`'s: lines split at LF only, columns are
/// 1-based and count bytes that start a UTF-8 sequence (so an invalid byte counts as one column
/// and a stray continuation byte as none), and an offset inside a multi-byte sequence belongs to
/// that sequence. `scalarOffset` is the 0-based number of characters (sequence starts) before the
/// offset, on the same terms: SARIF's `charOffset` with `columnKind: unicodeCodePoints`.
struct ReportLocator {
    struct Location: Hashable {
        var line: Int
        var column: Int
        var scalarOffset: Int
    }

    private var resolved: [Int: Location] = [:]
    let byteCount: Int

    init(source: SourceFile, offsets: [Int]) {
        let buffer = source.bytes
        byteCount = buffer.count
        let targets = Set(offsets.map { Self.clamp($0, buffer.count) }).sorted()
        var next = 0
        var line = 1
        var lineStart = 0
        var scalarsBeforeLine = 0
        var scalars = 0
        var index = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var released = 0
        while next < targets.count {
            let target = targets[next]
            while index < target {
                // Eight bytes at a time while they hold no line feed: count the bytes that start a
                // sequence (all but 10xxxxxx) with a population count.
                if index + 8 <= target, let base = buffer.baseAddress {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let feeds = word ^ (ones &* 0x0A)
                    // Exact zero-byte test (no borrow between bytes): a line feed is a zero byte here.
                    if ((feeds & ~highs) &+ ~highs | feeds) & highs == highs {
                        scalars += 8 - (word & ~(word << 1) & highs).nonzeroBitCount
                        index += 8
                        // A large mapped file is read to its end once more after it has streamed:
                        // the pages passed are dropped again, so they do not all stay resident.
                        if index - released >= ByteStorage.releaseStep {
                            source.storage.dropPages(before: index)
                            released = index
                        }
                        continue
                    }
                }
                let byte = buffer[index]
                if byte & 0xC0 != 0x80 { scalars += 1 }
                index += 1
                if byte == 0x0A {
                    line += 1
                    lineStart = index
                    scalarsBeforeLine = scalars
                }
            }
            var column = scalars - scalarsBeforeLine + 1
            var scalarOffset = scalars
            if target < buffer.count, target > lineStart, buffer[target] & 0xC0 == 0x80 {
                column -= 1
                scalarOffset -= 1
            }
            resolved[target] = Location(line: line, column: column, scalarOffset: max(0, scalarOffset))
            next += 1
        }
    }

    /// Offsets needed for the diagnostics of `report` (starts, ends, related locations, fix edits);
    /// `diagnostics` narrows them to those that will be shown.
    init(report: FileReport, diagnostics: [Diagnostic]? = nil) {
        guard let source = report.source else {
            self.init(empty: ())
            return
        }
        let diagnostics = diagnostics ?? report.diagnostics
        var offsets: [Int] = []
        offsets.reserveCapacity(diagnostics.count * 2)
        for diagnostic in diagnostics {
            offsets.append(diagnostic.range.offset)
            offsets.append(diagnostic.range.end)
            for related in diagnostic.related {
                offsets.append(related.range.offset)
                offsets.append(related.range.end)
            }
            for edit in diagnostic.fix?.edits ?? [] {
                offsets.append(edit.range.offset)
                offsets.append(edit.range.end)
            }
        }
        self.init(source: source, offsets: offsets)
    }

    private init(empty: Void) {
        resolved = [:]
        byteCount = 0
    }

    func location(_ offset: Int) -> Location {
        resolved[Self.clamp(offset, byteCount)] ?? Location(line: 1, column: 1, scalarOffset: 0)
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
