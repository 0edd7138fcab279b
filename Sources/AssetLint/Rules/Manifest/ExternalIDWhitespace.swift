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
        let findings = ManifestText.withDecodedBytes(id, in: tree) { Self.whitespaceRuns(in: $0) }
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
            let (value, length) = UTF8Decoding.scalarOrReplacement(bytes, at: offset)
            scalars.append((value, offset, offset + length))
            offset += length
        }
        guard !scalars.isEmpty else { return [] }
        var leading = 0
        while leading < scalars.count, UnicodeWhitespace.contains(scalars[leading].value) { leading += 1 }
        if leading == scalars.count {
            return [Finding(place: .whole, range: 0..<bytes.count, firstScalar: scalars[0].value)]
        }
        var trailing = scalars.count
        while trailing > leading, UnicodeWhitespace.contains(scalars[trailing - 1].value) { trailing -= 1 }
        var findings: [Finding] = []
        if leading > 0 {
            findings.append(
                Finding(place: .leading, range: 0..<scalars[leading - 1].end, firstScalar: scalars[0].value))
        }
        var index = leading
        while index < trailing {
            if UnicodeWhitespace.isLineBreakOrTab(scalars[index].value) {
                var runEnd = index
                while runEnd < trailing, UnicodeWhitespace.contains(scalars[runEnd].value), scalars[runEnd].value != 0x20
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
}
