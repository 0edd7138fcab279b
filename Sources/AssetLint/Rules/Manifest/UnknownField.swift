/// M106: an item has a key that is not a manifest field.
public final class UnknownField: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M106", name: "unknown-field", severity: .error, kinds: ManifestRules.kinds,
        summary: "An item has a key that is not one of the manifest fields; the closest field is suggested.",
        rationale: """
            An item's known fields are `data`, `externalId`, `width`, `height`, `metadata`, `contextData`, \
            `batches`, `attachments`, `dataset`, and the SDK's `storage` and `classifications`. Keys are case-sensitive: the hub ignores `externalID`, \
            `Data` or `heigth`, so the value they carry is lost, and the item then usually lacks a required \
            field as well (M103, M104, M120).

            The message suggests the field the key most likely meant: a match ignoring case, `_` and `-` first, \
            then the nearest field by Damerau-Levenshtein distance (at most 2 edits), then common synonyms \
            (`url` for `data`, `id` for `externalId`). The unsafe fix renames the key; it is not offered when \
            the item already has the suggested field, or when another key of the item is renamed to it. Custom \
            information about the asset belongs in `metadata`.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalID": "cute-cat.jpg"}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "width": 603, "heigth": 450}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "camera": "front"}]"#,
                note: "custom information belongs in metadata"),
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "width": 603, "height": 450, "metadata": {"camera": "front"}}]"#
            )
        ])

    static let reportsOn: ItemSignals = .unknownMember

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        let members = context.itemMembers.members(of: item, at: index, in: tree)
        guard members.unknownCount > 0 else { return }
        // Fields another key was already offered a rename to: a second rename would create a duplicate key.
        var claimed: Set<Int> = []
        for child in tree.children(of: item) where ManifestField(member: child, in: tree) == nil {
            let key = tree.key(of: child) ?? ""
            let quotedKey = ManifestText.quoted(key)
            guard let suggestion = ManifestField.suggestion(for: key) else {
                context.reportKey(
                    Self.self,
                    "unknown field \(quotedKey) in item \(index): the hub ignores it, so its value is lost; put custom information about the asset in \"metadata\"",
                    node: child, in: tree)
                continue
            }
            let target = "\"\(suggestion.name)\""
            if members[suggestion] != nil || claimed.contains(suggestion.rawValue) {
                let already =
                    members[suggestion] != nil
                    ? "the item already has \(target)" : "another key of this item looks like \(target) too"
                context.reportKey(
                    Self.self,
                    "unknown field \(quotedKey) in item \(index) (did you mean \(target)? \(already)): the hub ignores this key and its value; remove it or move it into \"metadata\"",
                    node: child, in: tree)
                continue
            }
            claimed.insert(suggestion.rawValue)
            let keyRange = tree[child].keyRange!
            let inner = ByteRange(start: keyRange.offset + 1, end: keyRange.end - 1)
            // The item's missing required field is this key's consequence: M104's finding is a note here.
            var related: [RelatedLocation] = []
            if suggestion == .externalId, context.isActive(MissingExternalID.metadata.id) {
                related.append(RelatedLocation(
                    message: "so item \(index) has no \"externalId\" (M104)", range: ManifestRules.anchor(of: item, in: tree)))
            }
            context.report(
                Self.self,
                "unknown field \(quotedKey) in item \(index): did you mean \(target)? Keys are case-sensitive and the hub ignores this one, so its value is lost",
                at: keyRange, pointer: tree.pointer(child), related: related,
                fix: Fix(
                    .unsafe, "rename \(quotedKey) to \(target)",
                    edits: [TextEdit(range: inner, replacement: suggestion.name)]))
        }
    }
}
