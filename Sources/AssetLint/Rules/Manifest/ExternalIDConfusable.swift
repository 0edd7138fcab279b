/// M112: two external ids that look alike (same UTS #39 confusable skeleton).
public final class ExternalIDConfusable: Rule {
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
            """,
        triggering: [
            RuleExample(.manifest, ExternalIDText.examples("paypal-01", "paypa1-01")),
            RuleExample(.manifest, ExternalIDText.examples("scan-a", "scan-\\u0430"), note: "Latin a and Cyrillic а"),
        ],
        nonTriggering: [RuleExample(.manifest, ExternalIDText.examples("scan-a", "scan-b"))])

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        let analysis = ExternalIDAnalysis.prepare(item: item, at: index, in: tree, context: context)
        guard case .confusable(let first, let firstText)? = analysis.match else { return }
        let text = analysis.text(in: tree)
        let shown = ScalarNames.quoted(String(decoding: text, as: UTF8.self))
        let other = ScalarNames.quoted(String(decoding: firstText, as: UTF8.self))
        let difference = ExternalIDText.difference(text, firstText).map { ": this one has \($0)" } ?? ""
        context.report(Self.self,
                       "externalId \(shown) looks like \(other) (same confusable skeleton)\(difference); people searching and reviewing by id will mix them up; rename one of them",
                       node: analysis.node, in: tree, related: [RelatedLocation(message: "the id it can be confused with", range: first)])
    }
}
