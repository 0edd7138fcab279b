/// M113: an `externalId` with leading or trailing whitespace, or a line break or tab inside.
public final class ExternalIDWhitespace: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M113", name: "external-id-whitespace", severity: .warning, kinds: ManifestRules.kinds,
        summary: "An `externalId` starts or ends with whitespace, or contains a line break or tab.",
        rationale: """
            Ids are compared byte for byte. `"cat.jpg "` and `"cat.jpg"` are different ids, but nobody can see \
            the difference in the hub, a spreadsheet or a terminal, so lookups by the visible id fail and exports \
            do not join back to your records. Trailing spaces and line breaks come from copying cells out of \
            spreadsheets and from CSV files with Windows line endings (`\\r`). All Unicode white space counts, \
            including the no-break space U+00A0; spaces inside an id are fine.

            The diagnostic underlines exactly the whitespace. For leading and trailing whitespace an unsafe fix \
            removes it (unsafe because the id changes); a line break or tab inside the id must be fixed by hand.

            Leading and trailing whitespace are found in ids of any length; in an id longer than 1 MiB, line \
            breaks and tabs inside it are looked for in its first mebibyte only, and an info finding says so.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg "}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat\r\n"}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute\tcat.jpg"}]"#,
                note: "a tab inside: no fix"),
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute cat.jpg"}]"#
            )
        ])

    static let reportsOn: ItemSignals = [.idEdgeWhitespace, .idLineBreakOrTab]

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let id = context.itemMembers.members(of: item, at: index, in: tree)[.externalId],
            tree[id].kind == .string
        else { return }
        ManifestText.withDecodedBytes(id, in: tree) { bytes in
            // Leading and trailing white space are found in any id; line breaks and tabs inside
            // it in its first megabyte (`CheckedPrefix`).
            let checked = bytes.count > CheckedPrefix.limit ? CheckedPrefix.end(of: bytes, table: context.scalars) : nil
            if checked != nil {
                context.report(Self.self, CheckedPrefix.message("externalId", total: bytes.count, checkedFor: "line breaks and tabs inside it"),
                               at: tree[id].range, pointer: tree.pointer(id), atMost: .info)
            }
            let findings = Self.whitespaceRuns(in: bytes, insideUpTo: checked, isValidUTF8: !tree[id].flags.contains(.damaged))
            guard !findings.isEmpty else { return }
            let value = ManifestText.quotedPrefix(bytes)
            var ranges = DecodedRanges(id, in: tree)
            for finding in findings {
                let range = ranges.fileRange(finding.range)
                let what = describe(finding, in: bytes)
                switch finding.place {
                case .whole:
                    context.report(
                        Self.self,
                        "externalId \(value) of item \(index + 1) is only whitespace", at: range, pointer: tree.pointer(id),
                        note: "it looks empty everywhere it is shown, so the asset cannot be found by its id; use a real, unique id")
                case .leading, .trailing:
                    let edge = finding.place == .leading ? "starts" : "ends"
                    context.report(
                        Self.self,
                        "externalId \(value) of item \(index + 1) \(edge) with \(what)",
                        at: range, pointer: tree.pointer(id),
                        fix: Fix(
                            .unsafe, "remove the \(finding.place == .leading ? "leading" : "trailing") whitespace",
                            edits: [TextEdit(range: range, replacement: "")]),
                        note: "ids are compared byte for byte, so it will not match the id you see and type")
                case .inside:
                    context.report(
                        Self.self,
                        "externalId \(value) of item \(index + 1) contains \(what)", at: range, pointer: tree.pointer(id),
                        note: "a line break or tab inside an id breaks CSV exports and cannot be typed in a search; replace it")
                }
            }
        }
    }

    private func describe(_ finding: Finding, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let run = UnsafeBufferPointer(rebasing: bytes[finding.range])
        if let scalar = finding.firstScalar, UTF8Decoding.scalarOrReplacement(run, at: 0).length == run.count {
            return ManifestText.whitespaceName(scalar)
        }
        return "whitespace (\(ManifestText.quotedPrefix(run)))"
    }

    enum Place { case whole, leading, trailing, inside }

    struct Finding {
        var place: Place
        /// Decoded byte range of the run.
        var range: Range<Int>
        var firstScalar: UInt32?
    }

    /// Leading and trailing runs of white space, and runs of line breaks or tabs inside.
    /// The white space findings of decoded id `bytes`: the whole id, or its leading and trailing
    /// runs and the runs of line breaks and tabs between them (a run goes on over white space
    /// other than the plain space), in order. With `insideUpTo`, only the inside runs that end
    /// before that offset. Two passes over the bytes, nothing kept per character; with
    /// `isValidUTF8` (the bytes are known to be well-formed), the trailing run is found from the
    /// end instead, where the scalars are the same read in either direction.
    static func whitespaceRuns(in bytes: UnsafeBufferPointer<UInt8>, insideUpTo checked: Int? = nil, isValidUTF8: Bool = false) -> [Finding] {
        guard !bytes.isEmpty else { return [] }
        let first = UTF8Decoding.scalarOrReplacement(bytes, at: 0).scalar
        var leadingEnd = 0
        while leadingEnd < bytes.count {
            let (value, length) = UTF8Decoding.scalarOrReplacement(bytes, at: leadingEnd)
            guard UnicodeWhitespace.contains(value) else { break }
            leadingEnd += length
        }
        if leadingEnd == bytes.count { return [Finding(place: .whole, range: 0..<bytes.count, firstScalar: first)] }
        // The trailing run starts after the last scalar that is not white space. Words of
        // printable ASCII hold none: they are passed eight bytes at a time.
        var trailingStart = leadingEnd
        var offset = isValidUTF8 ? bytes.count : leadingEnd
        if isValidUTF8 {
            trailingStart = bytes.count
            while trailingStart > leadingEnd {
                let start = UTF8Decoding.lastScalarStart(UnsafeBufferPointer(rebasing: bytes[0..<trailingStart]))
                guard UnicodeWhitespace.contains(UTF8Decoding.scalarOrReplacement(bytes, at: start).scalar) else { break }
                trailingStart = start
            }
        }
        while offset < bytes.count {
            let skipped = ByteWords.skipping(bytes, from: offset) { word in
                ByteWords.hasByte(below: 0x21, in: word) || word & 0x8080_8080_8080_8080 != 0
            }
            if skipped > offset {
                offset = skipped
                trailingStart = offset
                continue
            }
            let (value, length) = UTF8Decoding.scalarOrReplacement(bytes, at: offset)
            offset += length
            if !UnicodeWhitespace.contains(value) { trailingStart = offset }
        }
        var findings: [Finding] = []
        if leadingEnd > 0 { findings.append(Finding(place: .leading, range: 0..<leadingEnd, firstScalar: first)) }
        let insideEnd = min(trailingStart, checked ?? trailingStart)
        offset = leadingEnd
        inside: while offset < insideEnd {
            let (value, length) = UTF8Decoding.scalarOrReplacement(bytes, at: offset)
            guard UnicodeWhitespace.isLineBreakOrTab(value) else {
                offset += length
                continue
            }
            var runEnd = offset + length
            while runEnd < trailingStart {
                let (next, nextLength) = UTF8Decoding.scalarOrReplacement(bytes, at: runEnd)
                guard UnicodeWhitespace.contains(next), next != 0x20 else { break }
                runEnd += nextLength
            }
            // A run that reaches the end of what is checked may go on past it.
            if let checked, runEnd >= checked { break inside }
            findings.append(Finding(place: .inside, range: offset..<runEnd, firstScalar: value))
            offset = runEnd
        }
        if trailingStart < bytes.count {
            findings.append(Finding(
                place: .trailing, range: trailingStart..<bytes.count,
                firstScalar: UTF8Decoding.scalarOrReplacement(bytes, at: trailingStart).scalar))
        }
        return findings
    }
}
