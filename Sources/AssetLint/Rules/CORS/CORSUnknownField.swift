/// C303: a key that no provider knows in a rule (or in the S3 CLI wrappers), with did-you-mean.
public final class CORSUnknownField: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C303", name: "cors-unknown-field", severity: .error, kinds: CORSRules.kinds,
        summary: "A CORS rule (or the S3 CLI wrapper) has a key the provider does not know; the message suggests the closest known one.",
        rationale: """
            A misspelt field is worse than a missing one: it looks right in review. `aws s3api put-bucket-cors` \
            rejects the file with *Unknown parameter in CORSConfiguration.CORSRules[0]: "AllowedOrigin"*, the \
            S3 console shows a generic error, GCS and Azure deployments ignore or reject it, and in every case \
            the setting you meant is not applied.

            assetlint compares the key with the provider's field names case-insensitively and by edit distance, \
            and knows the spellings of neighbouring tools: CloudFormation's `ExposedHeaders`, `Id` and `MaxAge`, \
            the XML element names `AllowedOrigin` and `AllowedMethod`, and plural forms such as `origins`. \
            Keys that are another provider's field names are C302's.

            The unsafe fix renames the key to the suggestion when the rule does not already have that field.
            """,
        fix: .unsafe,
        triggering: [
            RuleExample(.corsS3, #"{"CORSRules": [{"AllowedOrigin": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]}"#),
            RuleExample(.corsGCS, #"[{"origins": ["https://hub.ango.ai"], "method": ["GET"]}]"#),
        ],
        nonTriggering: [
            RuleExample(.corsS3, #"{"CORSRules": [{"ID": "hub", "AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"], "MaxAgeSeconds": 3000}]}"#),
        ])

    public init() {}

    /// Keys the `--cli-input-json` input of `put-bucket-cors` may carry besides `CORSConfiguration`.
    static let cliInputKeys = ["Bucket", "CORSConfiguration", "ChecksumAlgorithm", "ContentMD5", "ExpectedBucketOwner"]

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context) else { return }
        let provider = document.provider
        let candidates = provider.fieldNames.map(\.1)
        let aliases = DidYouMean.aliases[provider] ?? [:]
        // Keys whose origins or methods the provider cannot read, so a hub origin is blocked: C304's note.
        let hubNotes = context.isActive(CORSHubOriginMissing.metadata.id)
            ? CORSHubOriginMissing.misnamedKeyNotes(in: document, tree: tree, context: context) : [:]
        for rule in document.rules {
            for member in rule.otherMembers {
                guard let key = tree.key(of: member), provider.foreignProvider(of: key) == nil else { continue }
                let suggestion = DidYouMean.suggestion(for: key, candidates: candidates, aliases: aliases)
                report(key: key, member: member, suggestion: suggestion, alreadyPresent: suggestion.flatMap(provider.field(named:)).map { rule.fields[$0] != nil } ?? false,
                       where: "\(CORSProviderMix.article(provider)) \(provider.name) CORS rule", known: candidates, provider: provider, tree: tree, context: context, hubNotes: hubNotes)
            }
        }
        // The S3 CLI wrappers take nothing else.
        guard provider == .s3 else { return }
        switch document.form {
        case .s3CLI:
            checkWrapper(tree.root, allowed: ["CORSRules"], where: "the --cors-configuration object", tree: tree, context: context)
        case .s3CLIInput:
            checkWrapper(tree.root, allowed: Self.cliInputKeys, where: "the --cli-input-json object", tree: tree, context: context)
            if let configuration = tree.member("CORSConfiguration", of: tree.root), tree[configuration].kind == .object {
                checkWrapper(configuration, allowed: ["CORSRules"], where: "CORSConfiguration", tree: tree, context: context)
            }
        default:
            break
        }
    }

    private func checkWrapper(_ object: JSONTree.Index, allowed: [String], where place: String, tree: JSONTree, context: LintContext) {
        let aliases = ["CORSRule": "CORSRules", "CorsRules": "CORSRules", "CorsConfiguration": "CORSConfiguration", "CORSConfig": "CORSConfiguration"]
        for member in tree.children(of: object) {
            guard let key = tree.key(of: member), !allowed.contains(key) else { continue }
            let suggestion = DidYouMean.suggestion(for: key, candidates: allowed, aliases: aliases)
            let present = suggestion.map { tree.member($0, of: object) != nil } ?? false
            report(key: key, member: member, suggestion: suggestion, alreadyPresent: present, where: place, known: allowed, provider: .s3, tree: tree, context: context)
        }
    }

    private func report(
        key: String, member: JSONTree.Index, suggestion: String?, alreadyPresent: Bool, where place: String, known: [String],
        provider: CORSProvider, tree: JSONTree, context: LintContext, hubNotes: [JSONTree.Index: String] = [:]
    ) {
        let consequence = provider == .s3
            ? "`aws s3api` rejects unknown parameters and the console rejects the rule"
            : "\(provider.name) does not apply it"
        var message = "unknown key \(JSONText.quote(key)) in \(place)"
        var note = consequence
        var fix: Fix?
        if let suggestion {
            message += ": did you mean \(JSONText.quote(suggestion))?"
            if let hint = DidYouMean.note(key, provider: provider) { note += "; \(JSONText.quote(key)) is \(hint)" }
            if !alreadyPresent, let edit = CORSEdit.renameKey(member, to: suggestion, in: tree) {
                fix = Fix(.unsafe, "rename \(JSONText.quote(key)) to \(JSONText.quote(suggestion))", edits: [edit])
            }
        } else {
            note += "; known keys: \(known.joined(separator: ", "))"
        }
        let related = hubNotes[member].map { [RelatedLocation(message: $0, range: tree[member].keyRange ?? tree[member].range)] } ?? []
        context.reportKey(Self.self, message, node: member, in: tree, related: related, fix: fix, note: note)
    }
}
