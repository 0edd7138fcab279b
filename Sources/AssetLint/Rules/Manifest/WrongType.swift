/// M105: a known item field holds a value of the wrong JSON type.
public final class WrongType: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M105", name: "wrong-type", severity: .error, kinds: ManifestRules.kinds,
        summary: "A known item field holds a value of the wrong JSON type.",
        rationale: """
            The hub reads each field with a fixed type:

            | field | type |
            |---|---|
            | `data` | string (the asset's URL, or a Markdown asset's content) |
            | `externalId` | string |
            | `metadata`, `contextData` | object, or `null` (the SDK sends `null` when there is none) |
            | `batches` | array of batch names |
            | `attachments` | array of `{"type", "value"}` objects |
            | `dataset` | array of URL strings |
            | `storage` | string (the storage integration's id, as the SDK sets it) |
            | `classifications` | array of `{"title", "schemaId", "answer"}` pre-labels |

            A value of another type is rejected or, worse, converted: a numeric `externalId` such as \
            `00042` loses its leading zeros and no longer matches your records. `null` is a wrong type too, except \
            for `metadata` and `contextData`; leave the member out when it has no value. (`width` and `height` \
            are M121's.)

            Unsafe fixes: a number `externalId` is quoted as written; a single batch name or attachment object is \
            wrapped in an array.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": 42}]"#),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "batches": "batch-1"}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "batches": null}]"#
            ),
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "42", "metadata": {"camera": "front"}, "batches": ["batch-1"]}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://angohub-public-assets.s3.eu-central-1.amazonaws.com/3c5a7e9b.jpg", "externalId": "custom!", "contextData": null, "metadata": null, "storage": "6525c2b6a1a7d14c35d7c7a1"}]"#,
                note: "what the SDK sends")
        ])

    /// `dataset` entries must be strings.
    static let reportsOn: ItemSignals = [.unexpectedKind, .has(.dataset)]

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        let members = context.itemMembers.members(of: item, at: index, in: tree)
        for field in ManifestField.allCases {
            guard let expected = field.expectedKind, let value = members[field] else { continue }
            if field.accepts(tree[value].kind) {
                if field == .dataset, tree[value].kind == .array { checkDatasetEntries(value, in: tree, context: context) }
                continue
            }
            report(field, expected: expected, value: value, in: tree, context: context)
        }
    }

    private func report(
        _ field: ManifestField, expected: JSONKind, value: JSONTree.Index, in tree: JSONTree, context: LintContext
    ) {
        let node = tree[value]
        let found = ManifestText.describeValue(value, in: tree)
        let name = "\"\(field.name)\""
        var fix: Fix?
        var message: String
        func wrap(_ description: String) -> Fix {
            Fix(
                .unsafe, description,
                edits: [
                    TextEdit(range: ByteRange(offset: node.start, length: 0), replacement: "["),
                    TextEdit(range: ByteRange(offset: node.end, length: 0), replacement: "]"),
                ])
        }
        switch field {
        case .data:
            message =
                "\(name) must be a string with the asset's full URL, found \(found): the hub cannot fetch the asset"
            if node.kind == .array {
                message += "; for a multi-page asset, put the page URLs in \"dataset\" instead"
            }
        case .externalId:
            message =
                "\(name) must be a string, found \(found): ids are text, and a number is reformatted on the way (leading zeros, exponents), so exports would not match your records"
            if node.kind == .number {
                let text = tree.sourceText(value)
                message += "; quote it as \"\(text)\""
                fix = Fix(
                    .unsafe, "quote the id as \"\(text)\"",
                    edits: [
                        TextEdit(range: node.range, replacement: "\"\(text)\"")
                    ])
            }
        case .metadata, .contextData:
            message =
                "\(name) must be an object of named values, found \(found): the hub reads key/value pairs from it, so this value is not imported"
        case .batches:
            message =
                "\(name) must be an array of batch names, found \(found): the asset would not be added to any batch"
            if node.kind == .string {
                message += "; write [\(tree.sourceText(value))]"
                fix = wrap("wrap the batch name in an array")
            }
        case .attachments:
            message =
                "\(name) must be an array of {\"type\", \"value\"} objects, found \(found): the attachments are not imported"
            if node.kind == .object {
                message += "; wrap the object in [ ]"
                fix = wrap("wrap the attachment in an array")
            }
        case .dataset:
            message = "\(name) must be an array of page URLs, found \(found): the hub has no pages to import"
            if node.kind == .string { message += "; for a single file, use \"data\" instead" }
        case .storage:
            message = "\(name) must be the storage integration's id as a string, found \(found)"
            if node.kind == .number {
                fix = Fix(.unsafe, "quote the id", edits: [TextEdit(range: node.range, replacement: "\"\(tree.sourceText(value))\"")])
            }
        case .classifications:
            message = "\(name) must be an array of {\"schemaId\", \"answer\"} objects, found \(found)"
            if node.kind == .object { fix = wrap("wrap the classification in an array") }
        case .width, .height:
            return
        }
        if node.kind == .null { message += "; leave the member out when it has no value" }
        context.report(Self.self, message, node: value, in: tree, fix: fix)
    }

    private func checkDatasetEntries(_ dataset: JSONTree.Index, in tree: JSONTree, context: LintContext) {
        for entry in tree.children(of: dataset) where tree[entry].kind != .string {
            context.report(
                Self.self,
                "\"dataset\" entries must be URL strings, found \(ManifestText.describeValue(entry, in: tree)): this page cannot be imported",
                node: entry, in: tree)
        }
    }
}
