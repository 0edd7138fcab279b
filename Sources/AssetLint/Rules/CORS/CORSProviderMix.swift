/// C302: another provider's field names in this provider's file, or a file for another provider
/// than the configured one.
public final class CORSProviderMix: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C302", name: "cors-provider-mix", severity: .error, kinds: CORSRules.kinds,
        summary: "A rule uses another provider's field name (S3's `AllowedOrigins` in a GCS file, GCS's `maxAgeSeconds` in an Azure rule, ...), or the file is for another provider than `storage.provider`.",
        rationale: """
            The three providers spell the same settings differently, and some differ only in case:

            | Setting | GCS | S3 | Azure |
            |---|---|---|---|
            | origins | `origin` | `AllowedOrigins` | `allowedOrigins` |
            | methods | `method` | `AllowedMethods` | `allowedMethods` |
            | request headers | `responseHeader` | `AllowedHeaders` | `allowedHeaders` |
            | response headers | `responseHeader` | `ExposeHeaders` | `exposedHeaders` |
            | preflight cache | `maxAgeSeconds` | `MaxAgeSeconds` | `maxAgeInSeconds` |

            A name from another provider is at best ignored (the setting silently does nothing) and at worst \
            makes the tool reject the file: `aws s3api` refuses unknown parameters, and a GCS entry without \
            `origin` applies to nothing. Copying a snippet written for another cloud is the usual cause.

            The unsafe fix renames the key to this provider's spelling. When `storage.provider` is set in \
            `.assetlint.yml`, a CORS file for a different provider is reported once at the top of the file.
            """,
        fix: .unsafe,
        triggering: [
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"], "MaxAgeSeconds": 3600}]"#),
            RuleExample(.corsAzure, #"{"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeSeconds": 3600}]}"#),
        ],
        nonTriggering: [
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"], "maxAgeSeconds": 3600}]"#),
        ])

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context) else { return }
        let provider = document.provider
        if let configured = CORSProvider(rawValue: context.configuration.storage.provider.rawValue), configured != provider,
            document.form != .unrecognized
        {
            context.report(
                Self.self,
                "this is \(Self.article(provider)) \(provider.name) CORS configuration, but `storage.provider` is \(configured.rawValue)",
                at: CORSShape.openingRange(tree.root, in: tree), pointer: "",
                note: "the hub reads assets from \(configured.name), whose CORS this file cannot set; lint the right file or correct `storage.provider`")
        }
        // Keys whose origins or methods the provider cannot read, so a hub origin is blocked: C304's note.
        let hubNotes = context.isActive(CORSHubOriginMissing.metadata.id)
            ? CORSHubOriginMissing.misnamedKeyNotes(in: document, tree: tree, context: context) : [:]
        for rule in document.rules {
            for member in rule.otherMembers {
                guard let key = tree.key(of: member), let (other, field) = provider.foreignProvider(of: key) else { continue }
                var message = "\(JSONText.quote(key)) is \(other.name)'s field name; \(provider.name) "
                let note: String
                var fix: Fix?
                if let own = provider.equivalent(of: field), let ownName = provider.name(of: own) {
                    let hint = Self.meaningHint(field: field, other: other, provider: provider)
                    let caseOnly = ownName.lowercased() == key.lowercased() ? "field names are case-sensitive, and " : ""
                    message += "calls it \(JSONText.quote(ownName))\(hint)"
                    note = "\(caseOnly)\(provider.name) \(Self.consequence(provider)); rename it"
                    if rule.fields[own] == nil, let edit = CORSEdit.renameKey(member, to: ownName, in: tree) {
                        fix = Fix(.unsafe, "rename \(JSONText.quote(key)) to \(JSONText.quote(ownName))", edits: [edit])
                    }
                } else {
                    message += "has no such setting"
                    note = "\(provider.name) \(Self.consequence(provider)); remove it"
                }
                let related = hubNotes[member].map { [RelatedLocation(message: $0, range: tree[member].keyRange ?? tree[member].range)] } ?? []
                context.reportKey(Self.self, message, node: member, in: tree, related: related, fix: fix, note: note)
            }
        }
    }

    static func consequence(_ provider: CORSProvider) -> String {
        switch provider {
        case .s3: "rejects the configuration with an unknown-parameter error"
        case .gcs: "ignores the setting"
        case .azure: "rejects or ignores the property"
        }
    }

    static func meaningHint(field: CORSField, other: CORSProvider, provider: CORSProvider) -> String {
        switch (field, provider) {
        case (.responseHeaders, .s3), (.responseHeaders, .azure):
            " (or \(JSONText.quote(provider.name(of: .allowedHeaders)!)) for request headers; GCS's responseHeader serves both)"
        default: ""
        }
    }

    static func article(_ provider: CORSProvider) -> String { provider == .gcs ? "a" : "an" }
}
