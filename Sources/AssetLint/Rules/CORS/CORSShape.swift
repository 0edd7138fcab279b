/// C301: the file does not have the structure the provider's tools take.
public final class CORSShape: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C301", name: "cors-shape", severity: .error, kinds: CORSRules.kinds,
        summary: "The CORS file does not have the structure the provider's tools take: wrong wrapper, a rule that is not an object, a field of the wrong type, a missing required field or an empty origin or method list.",
        rationale: """
            Each tool takes one exact shape and rejects (or silently misreads) anything else:

            | Provider | Tool | Shape |
            |---|---|---|
            | GCS | `gcloud storage buckets update --cors-file`, `gsutil cors set` | a list: `[{"origin": [...], "method": [...], "responseHeader": [...], "maxAgeSeconds": N}]` |
            | GCS | JSON API (bucket resource) | `{"cors": [...]}` |
            | S3 | console, *Permissions › CORS* editor | a bare list: `[{"AllowedOrigins": [...], "AllowedMethods": [...], ...}]` |
            | S3 | `aws s3api put-bucket-cors --cors-configuration file://cors.json` | `{"CORSRules": [...]}` |
            | S3 | `aws s3api put-bucket-cors --cli-input-json file://input.json` | `{"CORSConfiguration": {"CORSRules": [...]}}` |
            | Azure | ARM/Bicep template, REST, `az` output | `properties.cors.corsRules` of a `blobServices` resource, or `{"corsRules": [...]}` |

            The S3 console and the CLI do not take each other's form: paste the bare array into the console, \
            give the CLI the `{"CORSRules": [...]}` object. assetlint accepts every form above and reports \
            structures no tool takes, such as a `{"CORSRules": ...}` object inside an array or a single rule \
            without its list.

            Inside a rule, origins, methods and headers are lists of strings; S3 requires `AllowedOrigins` and \
            `AllowedMethods`, Azure requires all five of `allowedOrigins`, `allowedMethods`, `allowedHeaders`, \
            `exposedHeaders` and `maxAgeInSeconds`, and a GCS entry without `origin` or `method` applies to no \
            request. An empty origin or method list matches nothing. ARM template expressions such as \
            `"[parameters('origins')]"` are accepted wherever a value belongs.

            Fixes: a lone string where a list belongs is wrapped in brackets (safe); a missing list or field is \
            added with the hub profile's values (unsafe).
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.corsGCS, #"[{"origin": "https://hub.ango.ai", "method": ["GET"]}]"#, note: "a string where GCS wants a list"),
            RuleExample(.corsS3, #"[{"CORSRules": [{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]}]"#, note: "the CLI object inside the console's array"),
            RuleExample(.corsS3, #"{"CORSRules": [{"AllowedOrigins": ["https://hub.ango.ai"]}]}"#, note: "S3 requires AllowedMethods"),
            RuleExample(.corsAzure, #"{"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"]}]}"#, note: "Azure requires all five fields"),
        ],
        nonTriggering: [
            RuleExample(.corsS3, #"{"CORSRules": [{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]}"#, note: "the CLI form"),
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]"#, note: "the console form"),
            RuleExample(.corsAzure, #"{"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 3600}]}"#),
        ])

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context) else { return }
        let provider = document.provider
        switch document.form {
        case .unrecognized:
            context.report(
                Self.self,
                "this is not \(CORSProviderMix.article(provider)) \(provider.name) CORS configuration",
                at: Self.openingRange(tree.root, in: tree), pointer: "", note: Self.expectedShapes(provider))
            return
        case .singleRule:
            let gcs = provider == .gcs
            let message = gcs ? "this is a single CORS entry, not a list of entries" : "this is a single CORS rule without its list"
            let note = gcs
                ? "`gcloud storage buckets update --cors-file` and `gsutil cors set` take a list of entries; wrap it in [ ]"
                : provider == .s3
                    ? "the S3 console takes [rule, ...] and `aws s3api put-bucket-cors --cors-configuration` takes {\"CORSRules\": [rule, ...]}"
                    : "Azure takes {\"corsRules\": [rule, ...]} (in a template: properties.cors.corsRules)"
            let fix = gcs || provider == .s3
                ? Fix(gcs ? .safe : .unsafe, gcs ? "wrap the entry in a list" : "wrap the rule in a list (the console form)", edits: CORSEdit.wrapInArray(tree.root, in: tree))
                : Fix(.unsafe, "wrap the rule in {\"corsRules\": [ ]}", edits: [
                    TextEdit(range: ByteRange(offset: tree[tree.root].start, length: 0), replacement: "{\"corsRules\": ["),
                    TextEdit(range: ByteRange(offset: tree[tree.root].end, length: 0), replacement: "]}"),
                ])
            context.report(Self.self, message, at: Self.openingRange(tree.root, in: tree), pointer: "", fix: fix, note: note)
        case .s3WrappedInArray:
            let children = Array(tree.children(of: tree.root))
            var fix: Fix?
            if children.count == 1, let only = children.first {
                fix = Fix(.unsafe, "remove the outer brackets (the form `aws s3api put-bucket-cors --cors-configuration` takes)", edits: [
                    TextEdit(range: ByteRange(start: tree[tree.root].start, end: tree[only].start), replacement: ""),
                    TextEdit(range: ByteRange(start: tree[only].end, end: tree[tree.root].end), replacement: ""),
                ])
            }
            context.report(
                Self.self,
                "this array holds a {\"CORSRules\": [...]} object, a shape no tool takes",
                at: Self.openingRange(tree.root, in: tree), pointer: "", fix: fix,
                note: "`aws s3api put-bucket-cors --cors-configuration` wants the object without the outer brackets, the S3 console wants the bare list of rules inside it")
        default:
            break
        }

        // Rules whose missing methods block a hub origin: C304's finding is a note of this one.
        let hubNotes = context.isActive(CORSHubOriginMissing.metadata.id)
            ? CORSHubOriginMissing.missingMethodsNotes(in: document, tree: tree, context: context) : [:]
        for set in document.ruleSets {
            checkList(set, document: document, tree: tree, context: context)
            for entry in set.nonObjectEntries {
                context.report(
                    Self.self,
                    "a CORS rule must be an object ({...}), not \(Self.article(tree[entry].kind))",
                    node: entry, in: tree, note: "\(provider.name) rejects the configuration")
            }
            for rule in set.rules { checkRule(rule, provider: provider, tree: tree, context: context, hubNote: hubNotes[rule.node]) }
        }
    }

    private func checkList(_ set: CORSRuleSet, document: CORSDocument, tree: JSONTree, context: LintContext) {
        guard let list = set.listNode else {
            if document.form == .s3CLIInput, let configuration = tree.member("CORSConfiguration", of: tree.root) {
                context.report(
                    Self.self,
                    "CORSConfiguration has no \"CORSRules\" list", node: configuration, in: tree,
                    note: "`aws s3api put-bucket-cors --cli-input-json` rejects it: write {\"CORSConfiguration\": {\"CORSRules\": [rule, ...]}}")
            }
            return
        }
        let node = tree[list]
        if node.kind == .array { return }
        if node.kind == .string, let text = tree.string(list), CORSDocument.isARMExpression(text) { return }
        let name = set.listKey.map { "\"\($0)\"" } ?? "the CORS configuration"
        var fix: Fix?
        if node.kind == .object, !set.rules.isEmpty {
            fix = Fix(.safe, "wrap the rule in a list", edits: CORSEdit.wrapInArray(list, in: tree))
        }
        context.report(
            Self.self,
            "\(name) must be a list of rules ([{...}, ...]), not \(Self.article(node.kind))",
            node: list, in: tree, fix: fix,
            note: "that is the form \(document.form.tool) takes, and \(document.provider.name) rejects anything else")
    }

    private func checkRule(_ rule: CORSRule, provider: CORSProvider, tree: JSONTree, context: LintContext, hubNote: String?) {
        let fieldsCoveredElsewhere = Self.fieldsNamedOtherwise(rule, provider: provider, tree: tree)
        for (field, name) in provider.fieldNames {
            if field.isList {
                checkListField(rule, field: field, name: name, provider: provider, tree: tree, context: context)
            }
            if field == .id, let node = rule.fields[.id], tree[node].kind != .string {
                context.report(Self.self, "ID must be a string of at most 255 characters, not \(Self.article(tree[node].kind))", node: node, in: tree)
            }
        }
        var missing: [CORSField] = []
        for field in provider.requiredFields where rule.fields[field] == nil && !fieldsCoveredElsewhere.contains(field) {
            missing.append(field)
        }
        guard !missing.isEmpty else { return }
        let names = missing.map { provider.name(of: $0)! }
        let why: String
        switch provider {
        case .s3: why = "S3 requires AllowedOrigins and AllowedMethods in every rule and rejects the configuration"
        case .azure: why = "Azure requires allowedOrigins, allowedMethods, allowedHeaders, exposedHeaders and maxAgeInSeconds in every rule and rejects the deployment"
        case .gcs: why = "GCS applies an entry without origins or methods to no request"
        }
        let hub = context.configuration
        // Without hub origins (`hub.origins: []`) there is no origin to propose.
        let proposes = !(missing.contains(.origins) && CORSDocument.hubOrigins(hub).isEmpty)
        let additions = missing.map { field -> String in
            let value: String
            switch field {
            case .origins: value = "[" + CORSDocument.hubOrigins(hub).map(JSONText.quote).joined(separator: ", ") + "]"
            case .methods: value = "[" + CORSDocument.hubMethods(hub).map(JSONText.quote).joined(separator: ", ") + "]"
            case .maxAge: value = "3600"
            default: value = "[]"
            }
            return "\(JSONText.quote(provider.name(of: field)!)): \(value)"
        }
        let related = hubNote.map { [RelatedLocation(message: $0, range: Self.openingRange(rule.node, in: tree))] } ?? []
        let members = Array(tree.children(of: rule.node))
        let edit: TextEdit
        if let last = members.last {
            edit = TextEdit(range: ByteRange(offset: tree[last].end, length: 0), replacement: ", " + additions.joined(separator: ", "))
        } else {
            edit = TextEdit(range: ByteRange(start: tree[rule.node].start + 1, end: tree[rule.node].end - 1), replacement: additions.joined(separator: ", "))
        }
        guard proposes else {
            context.report(
                Self.self, "\(rule.label) has no \(names.joinedAsChoice("or"))",
                at: Self.openingRange(rule.node, in: tree), pointer: tree.pointer(rule.node, appending: names[0]), related: related,
                note: "\(why); add \(names.map(JSONText.quote).joinedAsChoice("and"))")
            return
        }
        context.report(
            Self.self,
            "\(rule.label) has no \(names.joinedAsChoice("or"))",
            at: Self.openingRange(rule.node, in: tree), pointer: tree.pointer(rule.node, appending: names[0]), related: related,
            fix: Fix(.unsafe, "add \(additions.joined(separator: ", "))", edits: [edit]), note: why)
    }

    private func checkListField(_ rule: CORSRule, field: CORSField, name: String, provider: CORSProvider, tree: JSONTree, context: LintContext) {
        let value = rule.list(field)
        switch value {
        case .absent, .expression:
            return
        case .scalar(let node, let entry):
            if let text = entry.text {
                let parts = text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
                let fix: Fix
                if provider == .azure, parts.count > 1 {
                    let list = "[" + parts.map { JSONText.quote(String($0)) }.joined(separator: ", ") + "]"
                    fix = Fix(.unsafe, "split the comma-separated string into a list", edits: [TextEdit(range: tree[node].range, replacement: list)])
                } else {
                    fix = Fix(.safe, "wrap the value in a list", edits: CORSEdit.wrapInArray(node, in: tree))
                }
                let shape = provider == .azure && parts.count > 1
                    ? "\(name) is a comma-separated string; in JSON (ARM, REST) it is a list of strings"
                    : "\(name) must be a list of strings, not a single string"
                context.report(Self.self, shape, node: node, in: tree, fix: fix,
                               note: "\(provider.name) rejects the rule; write [\(parts.map { JSONText.quote(String($0)) }.joined(separator: ", "))]")
            } else {
                context.report(Self.self, "\(name) must be a list of strings, not \(Self.article(tree[node].kind))", node: node, in: tree)
            }
        case .list(let node, let entries):
            for entry in entries where entry.text == nil {
                context.report(Self.self, "entries of \(name) must be strings, not \(Self.article(tree[entry.node].kind))", node: entry.node, in: tree)
            }
            if entries.isEmpty, field == .origins || field == .methods {
                let why = provider == .s3
                    ? "S3 requires at least one entry and rejects the configuration"
                    : "a rule with no \(field == .origins ? "origins" : "methods") matches no request"
                context.report(Self.self, "\(name) is empty", node: node, in: tree, note: why)
            }
        }
    }

    /// Required fields that are present under another provider's name (C302) or a misspelling (C303).
    static func fieldsNamedOtherwise(_ rule: CORSRule, provider: CORSProvider, tree: JSONTree) -> Set<CORSField> {
        Set(misnamedFields(rule, provider: provider, tree: tree).map(\.field))
    }

    /// Members of `rule` that stand for one of the provider's fields under another name: another
    /// provider's spelling (C302) or a misspelling (C303), with the name the provider reads.
    static func misnamedFields(_ rule: CORSRule, provider: CORSProvider, tree: JSONTree) -> [(field: CORSField, member: JSONTree.Index, key: String, intended: String)] {
        var result: [(field: CORSField, member: JSONTree.Index, key: String, intended: String)] = []
        let candidates = provider.fieldNames.map(\.1)
        for member in rule.otherMembers {
            guard let key = tree.key(of: member) else { continue }
            if let (_, field) = provider.foreignProvider(of: key), let own = provider.equivalent(of: field), let name = provider.name(of: own) {
                result.append((own, member, key, name))
            } else if let suggestion = DidYouMean.suggestion(for: key, candidates: candidates, aliases: DidYouMean.aliases[provider] ?? [:]),
                let field = provider.field(named: suggestion)
            {
                result.append((field, member, key, suggestion))
            }
        }
        return result
    }

    static func expectedShapes(_ provider: CORSProvider) -> String {
        switch provider {
        case .gcs:
            "`gcloud storage buckets update --cors-file` and `gsutil cors set` take a list [{\"origin\": [...], \"method\": [...]}]"
        case .s3:
            "the S3 console takes a list [{\"AllowedOrigins\": [...], \"AllowedMethods\": [...]}], `aws s3api put-bucket-cors --cors-configuration` takes {\"CORSRules\": [...]}"
        case .azure:
            "Azure takes {\"corsRules\": [...]} or, in a template, a blobServices resource with properties.cors.corsRules"
        }
    }

    /// The first byte of a container, so the caret lands on `{` or `[` rather than underlining the file.
    static func openingRange(_ node: JSONTree.Index, in tree: JSONTree) -> ByteRange {
        let value = tree[node]
        if value.kind == .array || value.kind == .object { return ByteRange(offset: value.start, length: 1) }
        return value.range
    }

    static func article(_ kind: JSONKind) -> String {
        switch kind {
        case .null: "null"
        case .array, .object: "an \(kind.name)"
        default: "a \(kind.name)"
        }
    }
}
