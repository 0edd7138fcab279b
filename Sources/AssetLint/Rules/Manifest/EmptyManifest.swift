/// M108: the manifest is an empty array.
public final class EmptyManifest: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "M108", name: "empty-manifest", severity: .warning, kinds: ManifestRules.kinds,
        summary: "The manifest is an empty array.",
        rationale: """
            `[]` is valid JSON and imports nothing. It is almost always the output of an export script whose \
            query or bucket listing matched no objects (a wrong prefix, an expired credential, a filter on the \
            wrong column), and the import then "succeeds" without adding a single asset.

            Check the script that wrote the manifest. If an empty manifest is expected, ignore M108 for that file \
            in `.assetlint.yml`.
            """,
        triggering: [RuleExample(.manifest, "[]")],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg"}]"#
            )
        ])

    public init() {}


    public func check(document tree: JSONTree, context: LintContext) {
        let root = tree.root
        guard root != JSONNode.none, tree[root].kind == .array, tree[root].childCount == 0 else { return }
        context.report(
            Self.self,
            "the manifest is an empty array: importing it adds no assets; check the export that wrote it (a wrong prefix or filter matches nothing)",
            node: root, in: tree)
    }
}
