/// M110: two items share an `externalId`.
public final class ExternalIDDuplicate: ExternalIDTableRule {
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

            assetlint does not keep the ids in memory: for each distinct id it keeps part of a 64-bit hash, the \
            position of its first occurrence and its item number (12 to 16 bytes, in one table shared with M111 and \
            M112), and confirms a match by reading the first id back from the file, so a hash collision never \
            reports a false duplicate. Findings are reported when the file is done.
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

    public init() {}

    /// The ids are looked up in batches (see `ExternalIDTable`), so duplicates are reported when
    /// the file is done, from offsets: the items' trees are gone by then.
    public func finish(context: LintContext) {
        guard let table = context.existingFileState(ExternalIDTable.self) else { return }
        table.finishLookups()
        for match in table.matches where match.kind == .exactDuplicate {
            guard let (range, text) = ExternalIDTable.readString(at: match.literalStart, in: context.file),
                  let (firstRange, _) = ExternalIDTable.readString(at: match.firstStart, in: context.file) else { continue }
            let firstLine = context.file.position(of: match.firstStart).line
            let value = ManifestText.quoted(String(decoding: text, as: UTF8.self))
            context.report(
                Self.self,
                "externalId \(value) is already used by item \(match.firstItem) (line \(firstLine)): exports and re-imports match assets by externalId, so these two assets would overwrite each other's labels; make the id unique",
                at: range, pointer: "/\(match.item)/externalId",
                related: [RelatedLocation(message: "first used here", range: firstRange)]
            )
        }
    }
}
