/// M110: two items share an `externalId`.
public final class ExternalIDDuplicate: Rule {
    public static let metadata = RuleMetadata(
        id: "M110", name: "external-id-duplicate", severity: .error, kinds: ManifestRules.kinds,
        summary: "Two items have the same `externalId`.",
        rationale: """
            The hub itself accepts duplicate external ids, but everything around it assumes they are unique: \
            exports key labels by `externalId`, so two assets with the same id overwrite each other's labels when \
            you join the export back to your data, and a re-import updates the wrong asset. Duplicates usually \
            come from two folders holding files with the same name, or from concatenating two manifests.

            Make the ids unique, for example by including the folder: `"2024-05/cat.jpg"`. The diagnostic is on \
            the later duplicate; its related location is the first item that used the id. Ids are compared byte \
            for byte after JSON unescaping; ids equal only after Unicode normalization or confusable with each \
            other are M111's and M112's. Empty ids are left to M115.

            assetlint does not keep the ids in memory: for each distinct id it keeps part of a 64-bit hash and \
            the position of its first occurrence (about 24 bytes), and confirms a match by reading the first id \
            back from the file, so a hash collision never reports a false duplicate.
            """,
        triggering: [
            RuleExample(
                .manifest,
                """
                [
                  {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/2024-05/cat.jpg", "externalId": "cat.jpg"},
                  {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/2024-06/cat.jpg", "externalId": "cat.jpg"}
                ]
                """)
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                """
                [
                  {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/2024-05/cat.jpg", "externalId": "2024-05/cat.jpg"},
                  {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/2024-06/cat.jpg", "externalId": "2024-06/cat.jpg"}
                ]
                """)
        ])

    private var seen = FingerprintTable()
    /// Ids waiting for their lookup: the table is probed a batch at a time (see
    /// `FingerprintTable.prefetch`), so findings are reported from offsets, not from the item's tree.
    private var pending: [(hash: UInt64, start: Int, item: Int)] = []
    private static let batchSize = 64

    public init() { pending.reserveCapacity(Self.batchSize) }

    public func finish(context: LintContext) {
        lookUpPending(context: context)
    }

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let id = context.itemMembers.members(of: item, at: index, in: tree)[.externalId],
            tree[id].kind == .string
        else { return }
        let node = tree[id]
        guard node.end - node.start > 2 else { return }  // "" is M115's
        let hash = ManifestText.withDecodedBytes(id, in: tree) { ManifestText.hash($0) }
        pending.append((hash, node.start, index))
        if pending.count == Self.batchSize { lookUpPending(context: context) }
    }

    private func lookUpPending(context: LintContext) {
        guard !pending.isEmpty else { return }
        let bytes = context.file.bytes
        seen.prefetch(pending.lazy.map(\.hash))
        for (hash, start, item) in pending {
            let first = ManifestText.withDecodedLiteral(in: bytes, startingAt: start) { value in
                seen.firstOccurrence(of: hash, offset: start, item: item) { offset in
                    ManifestText.withDecodedLiteral(in: bytes, startingAt: offset) { $0.elementsEqual(value) }
                }
            }
            guard let first else { continue }
            let end = ManifestText.literal(in: bytes, startingAt: start).end
            let firstEnd = ManifestText.literal(in: bytes, startingAt: first.offset).end
            let firstLine = context.file.position(of: first.offset).line
            let value = ManifestText.withDecodedLiteral(in: bytes, startingAt: start) {
                ManifestText.quoted(String(decoding: $0, as: UTF8.self))
            }
            context.report(
                Self.self,
                "externalId \(value) is already used by item \(first.item) (line \(firstLine)): exports and re-imports match assets by externalId, so these two assets would overwrite each other's labels; make the id unique",
                at: ByteRange(start: start, end: end), pointer: "/\(item)/externalId",
                related: [RelatedLocation(message: "first used here", range: ByteRange(start: first.offset, end: firstEnd))]
            )
        }
        pending.removeAll(keepingCapacity: true)
    }
}
