/// M101: the manifest's top level is not an array.
public final class ManifestNotArray: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "M101", name: "manifest-not-array", severity: .error, kinds: ManifestRules.kinds,
        summary: "The manifest's top-level value is not a JSON array of items.",
        rationale: """
            The hub imports a manifest as a JSON array with one object per asset: `[{"data": ..., \
            "externalId": ...}, ...]`. A single item object, an object that wraps the array (`{"assets": [...]}`, \
            as some export scripts write), or any other value is rejected as a whole, and nothing is imported.

            Wrap a single item in `[` `]`, or export the array itself rather than an object holding it. When the \
            document is one item or an object whose only member is the array, an unsafe fix does exactly that.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(
                .manifest,
                #"{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg"}"#,
                note: "a single item without the array"),
            RuleExample(
                .manifest,
                """
                {"assets": [
                  {"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg"}
                ]}
                """,
                note: "the array wrapped in an object"),
            RuleExample(.manifest, #"{"version": 2, "generated": "2024-05-01"}"#, note: "an object that is neither: no fix"),
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg"}]"#
            )
        ])

    public init() {}


    public func check(document tree: JSONTree, context: LintContext) {
        let root = tree.root
        guard root != JSONNode.none else { return }
        let node = tree[root]
        guard node.kind != .array else { return }
        let range = node.kind == .object ? ManifestRules.anchor(of: root, in: tree) : node.range
        let expectation = "the hub imports a JSON array of items, [{\"data\": ..., \"externalId\": ...}, ...]"

        guard node.kind == .object else {
            context.report(
                Self.self,
                "the manifest is \(ManifestText.describeValue(root, in: tree)), not an array: \(expectation), and rejects anything else as a whole",
                at: range, pointer: "")
            return
        }
        let members = ItemMembers(scanning: root, in: tree)
        if members[.data] != nil || members[.externalId] != nil || members[.dataset] != nil {
            context.report(
                Self.self,
                "the manifest is a single item object, not an array: \(expectation); wrap the item in [ ]",
                at: range, pointer: "",
                fix: Fix(
                    .unsafe, "wrap the item in an array",
                    edits: [
                        TextEdit(range: ByteRange(offset: node.start, length: 0), replacement: "["),
                        TextEdit(range: ByteRange(offset: node.end, length: 0), replacement: "]"),
                    ]))
            return
        }
        if node.childCount == 1, let only = tree.children(of: root).first(where: { _ in true }),
            tree[only].kind == .array
        {
            let key = tree.key(of: only) ?? ""
            context.report(
                Self.self,
                "the manifest is an object whose \(ManifestText.quoted(key)) member holds the items: \(expectation) at the top level; export the array itself",
                at: range, pointer: "",
                fix: Fix(
                    .unsafe, "keep only the array of \(ManifestText.quoted(key))",
                    edits: [
                        TextEdit(range: ByteRange(start: node.start, end: tree[only].start), replacement: ""),
                        TextEdit(range: ByteRange(start: tree[only].end, end: node.end), replacement: ""),
                    ]))
            return
        }
        context.report(
            Self.self, "the manifest is an object, not an array: \(expectation); put the items in a top-level array",
            at: range, pointer: "")
    }
}
