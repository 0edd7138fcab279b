/// M111: two external ids that are equal after NFC normalization.
public final class ExternalIDNormalizationDuplicate: ExternalIDTableRule {
    public static let metadata = RuleMetadata(
        id: "M111", name: "external-id-normalization-duplicate", severity: .error, kinds: [.manifest],
        summary: "Two `externalId`s differ only in Unicode normalization: they are equal after NFC (`café` with `é` precomposed and with `e` + U+0301).",
        rationale: """
            The two ids look identical and are identical to anything that normalizes text (databases with \
            Unicode collations, macOS file names, many spreadsheet and BI tools), but compare as different \
            byte strings elsewhere. Exports keyed by `externalId` then merge or overwrite two assets, and \
            round trips back to the source data pick the wrong one. Ids built from macOS file names are \
            typically NFD; ids typed or generated elsewhere NFC.

            Use one spelling, preferably NFC (M116 reports the non-NFC one). The related location is the \
            first id of the pair. Byte-identical ids are M110's and are not also reported here.

            An id longer than 1 MiB is compared with the others byte for byte only (M110), not after NFC; an \
            info finding on it says so (M112's, when M112 is on).
            """,
        triggering: [RuleExample(.manifest, ExternalIDText.examples("caf\\u00e9-1", "cafe\\u0301-1"))],
        nonTriggering: [RuleExample(.manifest, ExternalIDText.examples("caf\\u00e9-1", "caf\\u00e9-2"))])

    public init() {}

    /// Pairs are found in batches (see `ExternalIDTable`), so they are reported at the end; with
    /// M112 active, M112's table finds these pairs too and M112 reports them (see `ExternalIDPairs`).
    public func finish(context: LintContext) {
        guard !context.isActive(ExternalIDConfusable.metadata.id), let table = context.existingFileState(ExternalIDTable.self) else { return }
        ExternalIDPairs.report(table, context: context)
    }
}
