/// M140: `batches` holds something other than distinct, non-empty batch names.
public final class BatchesInvalid: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M140", name: "batches-invalid", severity: .error, kinds: ManifestRules.kinds,
        summary: "An entry of `batches` is not a non-empty string, or repeats another entry.",
        rationale: """
            `batches` lists the names of the batches the asset is added to on import. Each entry must be a \
            non-empty string: a number, `null` or an empty name (an empty spreadsheet cell) names no batch, so \
            the asset lands outside the batch your team works from. A name listed twice is harmless to the \
            hub but is a sign of a broken join in the script that wrote the manifest.

            A repeated name gets a safe fix that removes the repetition. (`batches` that is not an array at all \
            is M105's.)
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "batches": ["week-21", ""]}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "batches": ["week-21", "week-21"]}]"#
            ),
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "batches": ["week-21", "night-shots"]}]"#
            )
        ])

    static let reportsOn: ItemSignals = .has(.batches)

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let batches = context.itemMembers.members(of: item, at: index, in: tree)[.batches],
            tree[batches].kind == .array,
            tree[batches].childCount > 0
        else { return }
        var seen: [String: JSONTree.Index] = [:]
        var previous: JSONTree.Index?
        for entry in tree.children(of: batches) {
            defer { previous = entry }
            guard tree[entry].kind == .string else {
                context.report(
                    Self.self,
                    "batch names must be strings, found \(ManifestText.describeValue(entry, in: tree)): it names no batch, so the asset is not added to it; write the batch's name in quotes",
                    node: entry, in: tree)
                continue
            }
            let name = tree.string(entry) ?? ""
            if name.unicodeScalars.allSatisfy({ UnicodeWhitespace.contains($0.value) }) {
                context.report(
                    Self.self,
                    "batch name \(ManifestText.quoted(name)) is empty: it names no batch (an empty spreadsheet cell?); remove it or write the batch's name",
                    node: entry, in: tree)
                continue
            }
            if let first = seen[name], let previous {
                context.report(
                    Self.self,
                    "batch \(ManifestText.quoted(name)) is listed twice for item \(index): the second entry adds nothing and suggests a broken join in the script that wrote the manifest; remove it",
                    node: entry, in: tree,
                    related: [RelatedLocation(message: "first listed here", range: tree[first].range)],
                    fix: Fix(
                        .safe, "remove the repeated batch name",
                        edits: [
                            TextEdit(range: ByteRange(start: tree[previous].end, end: tree[entry].end), replacement: "")
                        ]))
                continue
            }
            seen[name] = entry
        }
    }
}
