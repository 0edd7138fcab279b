/// C308: a method the provider does not accept (or that never matches a browser's request).
public final class CORSMethodInvalid: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C308", name: "cors-method-invalid", severity: .error, kinds: CORSRules.kinds,
        summary: "A rule lists a method the provider does not accept: not upper case, not one of the provider's methods, or `*` where only GCS takes it.",
        rationale: """
            Each provider takes a fixed set of methods:

            | Provider | Methods |
            |---|---|
            | S3 | `GET` `PUT` `HEAD` `POST` `DELETE` (upper case; no `*`; S3 answers preflight `OPTIONS` by itself) |
            | GCS | `GET` `HEAD` `PUT` `POST` `DELETE` `PATCH` `OPTIONS`, or `*` for any method |
            | Azure | `DELETE` `GET` `HEAD` `MERGE` `POST` `OPTIONS` `PUT` `PATCH` |

            S3 rejects the whole configuration (*Found unsupported HTTP method in CORS config*) and Azure the \
            deployment when a method is outside its set. Method names are case-sensitive in HTTP and browsers \
            send `GET`, so a lower-case `get` that a provider does store never matches.

            The safe fix upper-cases a known method written in lower or mixed case. When that method is one the \
            hub needs and no rule allows it otherwise, the finding says so in a note rather than a second \
            finding of C304.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["get"]}]"#),
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET", "OPTIONS"]}]"#),
            RuleExample(.corsAzure, #"{"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["*"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}"#),
        ],
        nonTriggering: [
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai"], "method": ["GET", "HEAD", "OPTIONS"]}]"#),
        ])

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context) else { return }
        let provider = document.provider
        let accepted = provider.methods.joined(separator: " ")
        // Methods meant for one the hub needs, which the wrong case blocks: C304's finding is their note.
        let hubNotes = context.isActive(CORSHubOriginMissing.metadata.id)
            ? CORSHubOriginMissing.methodCaseNotes(in: document, tree: tree, context: context) : [:]
        for rule in document.rules {
            for entry in rule.methods.entries {
                guard let text = entry.text, !entry.isExpression else { continue }
                if provider.methods.contains(text) || (provider.allowsMethodWildcard && text == "*") { continue }
                let quoted = JSONText.quote(text)
                let upper = text.trimmingSpaces().uppercased()
                if provider.methods.contains(upper) {
                    let why = provider == .s3
                        ? "S3 accepts only upper-case methods and rejects the configuration"
                        : "method names are case-sensitive and browsers send \(upper), so this entry never matches"
                    let related = hubNotes[entry.node].map { [RelatedLocation(message: $0, range: tree[entry.node].range)] } ?? []
                    context.report(
                        Self.self, "method \(quoted) is not \(JSONText.quote(upper))",
                        node: entry.node, in: tree, related: related,
                        fix: Fix(.safe, "write \(JSONText.quote(upper))", edits: [CORSEdit.replaceString(entry.node, with: upper, in: tree)]), note: why)
                    continue
                }
                let message: String
                let note: String
                switch (provider, upper) {
                case (.s3, "OPTIONS"):
                    message = "method \"OPTIONS\" is not accepted by S3"
                    note = "S3 answers preflight OPTIONS requests by itself and rejects the configuration; remove it"
                case (_, "*"):
                    message = "method \"*\" is not accepted by \(provider.name), which has no method wildcard"
                    note = "\(provider.name) rejects the configuration; list the methods the hub needs, such as \"GET\""
                default:
                    message = "method \(quoted) is not one \(provider.name) accepts"
                    note = "\(provider.name) accepts \(accepted); \(provider == .gcs ? "no browser request matches this one" : "it rejects the configuration"); remove it or use one of those"
                }
                let removable = rule.methods.entries.count > 1
                context.report(
                    Self.self, message, node: entry.node, in: tree,
                    fix: removable ? Fix(.unsafe, "remove \(quoted)", edits: [CORSEdit.remove(entry.node, in: tree)]) : nil, note: note)
            }
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
