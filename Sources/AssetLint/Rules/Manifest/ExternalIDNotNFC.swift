/// M116: an external id that is not in Unicode NFC.
public final class ExternalIDNotNFC: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M116", name: "external-id-not-nfc", severity: .warning, kinds: [.manifest],
        summary: "An `externalId` is not in Unicode Normalization Form C (for example `é` written as `e` + U+0301, as macOS file names are).",
        rationale: """
            The same visible id can be encoded in several ways; NFC is the form the web, most databases and \
            most people's keyboards produce. An id in another form (NFD comes from macOS file names) does not \
            match the same id typed or exported elsewhere, and a manifest that mixes forms has ids that are \
            "the same" for some tools and different for others (M111 reports such pairs).

            The warning underlines the decomposed characters; the unsafe fix writes them in NFC. It is unsafe \
            because it changes the id: do it before the first import, not after.

            An id decomposed the same way as the item's `data` URL (both copied from one Mac file name) is \
            one mistake: the URL's finding (U203 or U207) names the id in a note, and this rule reports it \
            once the URL is settled.

            An id longer than 1 MiB is checked in its first mebibyte only, and an info finding on it says so.
            """,
        fix: .unsafe,
        triggering: [RuleExample(.manifest, ExternalIDText.examples("cafe\\u0301-1"))],
        nonTriggering: [RuleExample(.manifest, ExternalIDText.examples("caf\\u00e9-1", "cafe-1"))])

    static let reportsOn: ItemSignals = .idNotNFC

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let node = context.itemMembers.members(of: item, at: index, in: tree)[.externalId],
              tree[node].kind == .string else { return }
        let (decoded, total) = CheckedPrefix.decodedPrefix(of: node, in: tree)
        let text = decoded.withUnsafeBufferPointer { Array(decoded[0..<CheckedPrefix.end(of: $0, table: context.scalars)]) }
        if total > text.count {
            context.report(Self.self, CheckedPrefix.message("externalId", total: total, checkedFor: "its normalization form (NFC)"),
                           at: tree[node].range, pointer: tree.pointer(node), atMost: .info)
        }
        guard !text.withUnsafeBufferPointer({ ICU.isNFC(utf8: $0) }) else { return }
        // The same NFD name in the `data` URL: the URL's finding notes this id.
        if NFDNameLink.link(item: item, in: tree, context: context) != nil { return }
        // The runs are counted first and the edits made into an array of exactly that size: a
        // checked mebibyte of `e` + U+0301 is 349,525 edits, which a list of the runs beside an
        // array grown by doubling held three times over.
        var runCount = 0
        text.withUnsafeBufferPointer { NFCCheck.forEachChangedRun($0, table: context.scalars) { _ in runCount += 1 } }
        guard runCount > 0 else { return }
        var edits: [TextEdit] = []
        edits.reserveCapacity(runCount)
        var examples: [String] = []
        var ranges = DecodedRanges(node, in: tree)
        text.withUnsafeBufferPointer {
            NFCCheck.forEachChangedRun($0, table: context.scalars) { run in
                let normalized = NFCCheck.nfc(text[run])
                edits.append(TextEdit(range: ranges.fileRange(run),
                                      replacement: JSONLiteral.escape(String(decoding: normalized, as: UTF8.self))))
                if examples.count < 3 {
                    let scalars = String(decoding: text[run], as: UTF8.self).unicodeScalars
                    let parts = scalars.map { $0.value < 0x80 ? "'\(Character($0))'" : ScalarNames.describe($0.value) }
                    examples.append("\(ScalarNames.quoted(String(decoding: normalized, as: UTF8.self))) as \(parts.joined(separator: " + "))")
                }
            }
        }
        let shown = ScalarNames.quoted(String(decoding: text.prefix(1024), as: UTF8.self), limit: 60)
        let more = runCount > 1 ? " and \(runCount - 1) more" : ""
        let others = examples.count > 1 ? "it also writes " + examples.dropFirst().joined(separator: "; ") + "; " : ""
        context.report(Self.self,
                       "externalId \(shown) is not in NFC: \(examples[0])\(more)",
                       at: ByteRange(start: edits[0].range.offset, end: edits[edits.count - 1].range.end),
                       pointer: tree.pointer(node), fix: Fix(.unsafe, "write the id in NFC", edits: edits),
                       note: others + "the same id typed or exported elsewhere is NFC and will not match")
    }
}
