/// M111: two external ids that are equal after NFC normalization.
public final class ExternalIDNormalizationDuplicate: ExternalIDRule {
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
            """,
        triggering: [RuleExample(.manifest, ExternalIDText.examples("caf\\u00e9-1", "cafe\\u0301-1"))],
        nonTriggering: [RuleExample(.manifest, ExternalIDText.examples("caf\\u00e9-1", "caf\\u00e9-2"))])

    public init() {}

    var idAnalysis = SharedAnalysisLink<ExternalIDAnalysis>()
    static let matchMode = ExternalIDAnalysis.MatchMode.normalization

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        _ = analysis(item: item, at: index, in: tree, context: context)
    }

    /// Pairs are found in batches (see `ExternalIDAnalysis`), so they are reported at the end.
    public func finish(context: LintContext) {
        guard let analysis = idAnalysis.object else { return }
        analysis.flush()
        for match in analysis.matches where match.kind == .normalizationDuplicate {
            guard let pair = ExternalIDPair(match, in: context.file) else { continue }
            let form = pair.isNFC ? "this one is NFC, the other is not" : "this one is not NFC"
            context.report(Self.self,
                           "externalId \(pair.shown) equals \(pair.firstShown) after Unicode NFC normalization (\(form)): tools that normalize text treat them as one id, so exports and round trips mix up the two assets; use one spelling",
                           at: pair.range, pointer: pair.pointer,
                           related: [RelatedLocation(message: "the same id in another normalization form", range: pair.firstRange)])
        }
    }
}
