/// M113: an `externalId` with leading or trailing whitespace, or a line break or tab inside.
public final class ExternalIDWhitespace: StructuralItemRule {
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
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute cat.jpg"}]"#
            )
        ])

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let id = context.itemMembers.members(of: item, at: index, in: tree)[.externalId],
            tree[id].kind == .string
        else { return }
        let node = tree[id]
        guard node.end - node.start > 2 else { return }
        if !node.flags.contains(.escaped), !Self.mayHaveFindings(tree.rawStringContent(id)) { return }
        let findings = ManifestText.withDecodedBytes(id, in: tree) {
            Self.mayHaveFindings($0) ? Self.whitespaceRuns(in: $0) : []
        }
        guard !findings.isEmpty else { return }
        let value = ManifestText.quoted(tree.string(id) ?? "")
        for finding in findings {
            let range = tree.sourceRange(ofDecoded: finding.range, inString: id)
            let what = describe(finding, in: id, tree: tree)
            switch finding.place {
            case .whole:
                context.report(
                    Self.self,
                    "externalId \(value) of item \(index) is only whitespace: it looks empty everywhere it is shown, so the asset cannot be found by its id; use a real, unique id",
                    at: range, pointer: tree.pointer(id))
            case .leading, .trailing:
                let edge = finding.place == .leading ? "starts" : "ends"
                context.report(
                    Self.self,
                    "externalId \(value) of item \(index) \(edge) with \(what): ids are compared byte for byte, so it will not match the id you see and type; remove it",
                    at: range, pointer: tree.pointer(id),
                    fix: Fix(
                        .unsafe, "remove the \(finding.place == .leading ? "leading" : "trailing") whitespace",
                        edits: [TextEdit(range: range, replacement: "")]))
            case .inside:
                context.report(
                    Self.self,
                    "externalId \(value) of item \(index) contains \(what): a line break or tab inside an id breaks CSV exports and cannot be typed in a search; replace it",
                    at: range, pointer: tree.pointer(id))
            }
        }
    }

    /// "a tab" for one character, `whitespace ("\r\n")` for a run.
    private func describe(_ finding: Finding, in id: JSONTree.Index, tree: JSONTree) -> String {
        let run = ManifestText.withDecodedBytes(id, in: tree) { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[finding.range]), as: UTF8.self)
        }
        if run.unicodeScalars.count == 1, let scalar = finding.firstScalar {
            return ManifestText.whitespaceName(scalar)
        }
        return "whitespace (\(ManifestText.quoted(run)))"
    }

    enum Place { case whole, leading, trailing, inside }

    struct Finding {
        var place: Place
        /// Decoded byte range of the run.
        var range: Range<Int>
        var firstScalar: UInt32?
    }

    /// Leading and trailing runs of white space, and runs of line breaks or tabs inside.
    static func whitespaceRuns(in bytes: UnsafeBufferPointer<UInt8>) -> [Finding] {
        // Scalars with their byte offsets; ids are short, so this is cheap on the slow path.
        var scalars: [(value: UInt32, start: Int, end: Int)] = []
        var offset = 0
        while offset < bytes.count {
            let (value, length) = ManifestText.scalar(in: bytes, at: offset)
            scalars.append((value, offset, offset + length))
            offset += length
        }
        guard !scalars.isEmpty else { return [] }
        var leading = 0
        while leading < scalars.count, ManifestText.isWhitespace(scalars[leading].value) { leading += 1 }
        if leading == scalars.count {
            return [Finding(place: .whole, range: 0..<bytes.count, firstScalar: scalars[0].value)]
        }
        var trailing = scalars.count
        while trailing > leading, ManifestText.isWhitespace(scalars[trailing - 1].value) { trailing -= 1 }
        var findings: [Finding] = []
        if leading > 0 {
            findings.append(
                Finding(place: .leading, range: 0..<scalars[leading - 1].end, firstScalar: scalars[0].value))
        }
        var index = leading
        while index < trailing {
            if isBreakOrTab(scalars[index].value) {
                var runEnd = index
                while runEnd < trailing, ManifestText.isWhitespace(scalars[runEnd].value), scalars[runEnd].value != 0x20
                {
                    runEnd += 1
                }
                findings.append(
                    Finding(
                        place: .inside, range: scalars[index].start..<scalars[runEnd - 1].end,
                        firstScalar: scalars[index].value))
                index = runEnd
            } else {
                index += 1
            }
        }
        if trailing < scalars.count {
            findings.append(
                Finding(
                    place: .trailing, range: scalars[trailing].start..<bytes.count, firstScalar: scalars[trailing].value
                ))
        }
        return findings
    }

    /// A quick look at the first and last characters and for line-break bytes: false when the id
    /// certainly has nothing to report (almost always), without decoding it.
    static func mayHaveFindings(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first <= 0x20 || last <= 0x20 { return true }
        if first >= 0x80, ManifestText.isWhitespace(ManifestText.scalar(in: bytes, at: 0).value) { return true }
        if last >= 0x80 {
            var start = bytes.count - 1
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            if ManifestText.isWhitespace(ManifestText.scalar(in: bytes, at: start).value) { return true }
        }
        // Only words with a byte below 0x0E or a lead byte of U+0085, U+2028 or U+2029 need a look.
        var offset = ByteWords.skipping(bytes, from: 0) { word in
            ByteWords.hasByte(below: 0x0E, in: word) || ByteWords.hasByte(0xC2, in: word) || ByteWords.hasByte(0xE2, in: word)
        }
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x09...0x0D: return true
            case 0xC2 where offset + 1 < bytes.count && bytes[offset + 1] == 0x85: return true
            case 0xE2
            where offset + 2 < bytes.count && bytes[offset + 1] == 0x80
                && (bytes[offset + 2] == 0xA8 || bytes[offset + 2] == 0xA9):
                return true
            default: break
            }
            offset += 1
        }
        return false
    }

    /// Tab, line feed, vertical tab, form feed, carriage return, next line, line and paragraph separators.
    static func isBreakOrTab(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
