/// M112: two external ids that look alike (same UTS #39 confusable skeleton).
public final class ExternalIDConfusable: ExternalIDTableRule {
    public static let metadata = RuleMetadata(
        id: "M112", name: "external-id-confusable", severity: .warning, kinds: [.manifest],
        summary: "Two different `externalId`s look alike: they have the same Unicode confusable skeleton (UTS #39, from ICU's spoof checker), like `scan-1` and `scan-l` or Latin `a` and Cyrillic `а`.",
        rationale: """
            Ids that render the same (or nearly) cannot be told apart by the people who search, review and \
            export them: labelers open the wrong asset, scripts that re-key by id look fine in review and are \
            wrong in the data. UTS #39 defines a skeleton under which visually confusable strings become equal; \
            ICU's spoof checker computes it.

            ASCII ids are compared too: the skeleton maps `1`, `I` and `|` to `l`, `0` to `O` and `m` to `rn` \
            (ICU fills a per-byte table once, so ASCII ids cost no ICU call). Pairs that are equal after NFC \
            are M111's, byte-identical ones M110's. Rename one of the two; the related location is the first.

            An id longer than 1 MiB is compared with the others byte for byte only (M110), not for look-alikes; \
            an info finding on it says so.
            """,
        triggering: [
            RuleExample(.manifest, ExternalIDText.examples("paypal-01", "paypa1-01")),
            RuleExample(.manifest, ExternalIDText.examples("scan-a", "scan-\\u0430"), note: "Latin a and Cyrillic а"),
        ],
        nonTriggering: [RuleExample(.manifest, ExternalIDText.examples("scan-a", "scan-b"))])

    public init() {}

    /// Pairs are found in batches (see `ExternalIDTable`), so they are reported at the end; this
    /// rule keeps the table and reports M111's pairs too (see `ExternalIDPairs`).
    public func finish(context: LintContext) {
        guard let table = context.existingFileState(ExternalIDTable.self) else { return }
        ExternalIDPairs.report(table, context: context)
    }
}
