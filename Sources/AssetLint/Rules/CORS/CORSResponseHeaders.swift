/// C310: header lists that do not do what they seem to: entries that are not header names, and
/// upload rules whose preflight cannot carry `Content-Type`.
public final class CORSResponseHeaders: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C310", name: "cors-response-headers", severity: .info, kinds: CORSRules.kinds,
        summary: "A header list holds something that is not a header name, or a rule lets the hub upload (PUT/POST) without allowing the `Content-Type` request header its preflight asks for.",
        rationale: """
            Header lists hold header *names*: `AllowedHeaders`/`allowedHeaders` are the request headers a \
            preflight may ask for (`Access-Control-Request-Headers`), `ExposeHeaders`/`exposedHeaders` the \
            response headers a page may read, and GCS's `responseHeader` serves both. An entry such as \
            `"Content-Type: image/png"` or `"x-amz-meta-a, x-amz-meta-b"` is not a name and matches nothing.

            An upload with a `Content-Type` header is preflighted; on S3 and Azure the preflight fails unless \
            the rule allows that request header (`"*"` or `"Content-Type"`), and on GCS unless `responseHeader` \
            lists it. That is why the hub's recommended snippets carry `"AllowedHeaders": ["*"]` (S3) and \
            `"responseHeader": ["Content-Type", ...]` (GCS). Reading assets with GET needs neither, so this is \
            information, not a warning.

            The safe fix trims spaces around a header name.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET", "PUT"]}]"#, note: "uploads without AllowedHeaders"),
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"], "responseHeader": ["Content-Type: image/png"]}]"#),
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"], "responseHeader": [" Content-Type "]}]"#, note: "spaces around a name: a safe fix"),
        ],
        nonTriggering: [
            RuleExample(.corsGCS, #"[{"origin": ["https://api.ango.ai","https://hub.ango.ai"],"method": ["GET","POST","PUT","HEAD"],"responseHeader": ["Content-Type","Access-Control-Allow-Origin"]}]"#),
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]"#),
        ])

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context) else { return }
        let provider = document.provider
        let hubOrigins = CORSDocument.hubOrigins(context.configuration)
        for rule in document.rules {
            for field in [CORSField.allowedHeaders, .exposeHeaders, .responseHeaders] {
                guard let name = provider.name(of: field) else { continue }
                for entry in rule.list(field).entries {
                    guard let text = entry.text, !entry.isExpression else { continue }
                    checkHeaderName(text, entry: entry, field: name, tree: tree, context: context)
                }
            }
            // Uploads from a hub origin need the Content-Type request header allowed.
            let uploads = rule.methods.strings.filter { $0 == "PUT" || $0 == "POST" || ($0 == "*" && provider.allowsMethodWildcard) }
            guard !uploads.isEmpty, !rule.origins.isUnresolved,
                rule.origins.strings.contains(where: { pattern in hubOrigins.contains { OriginMatcher.matches(pattern, origin: $0, provider: provider) } })
            else { continue }
            let field: CORSField = provider == .gcs ? .responseHeaders : .allowedHeaders
            let list = rule.list(field)
            if list.isUnresolved { continue }
            let admits = list.strings.contains { OriginMatcher.headerMatches($0, header: "Content-Type", provider: provider == .gcs ? .s3 : provider) }
            guard !admits else { continue }
            let name = provider.name(of: field)!
            let what = uploads.contains("*") ? "use every method" : "upload (\(uploads.joined(separator: ", ")))"
            let message = "\(rule.label) lets the hub \(what) but its \(name) does not allow Content-Type"
            let note = "an upload that sets Content-Type fails its preflight; add \"Content-Type\" to \(name)\(provider == .gcs ? "" : " (or \"*\")") if the hub uploads through this bucket"
            if let node = list.node {
                context.report(Self.self, message, node: node, in: tree, note: note)
            } else {
                context.report(Self.self, message, at: CORSShape.openingRange(rule.node, in: tree), pointer: tree.pointer(rule.node, appending: name), note: note)
            }
        }
    }

    private func checkHeaderName(_ text: String, entry: CORSValue, field: String, tree: JSONTree, context: LintContext) {
        let trimmed = text.trimmingSpaces()
        let quoted = JSONText.quote(text)
        if trimmed.isEmpty {
            context.report(Self.self, "an empty entry in \(field) matches no header", node: entry.node, in: tree)
        } else if !Self.isHeaderName(trimmed) {
            let problem: String
            let note: String
            if let colon = trimmed.firstIndex(of: ":") {
                problem = "is a header line, not a header name"
                note = "it matches no header; list names only, such as \(JSONText.quote(String(trimmed[..<colon]).trimmingSpaces()))"
            } else if trimmed.contains(",") {
                problem = "holds several header names"
                note = "it matches no header; give each header its own entry"
            } else {
                problem = "is not a header name"
                note = "a header name holds letters, digits and !#$%&'*+-.^_`|~ only, so this entry matches no header"
            }
            context.report(Self.self, "\(field) entry \(quoted) \(problem)", node: entry.node, in: tree, note: note)
        } else if trimmed != text {
            context.report(
                Self.self, "\(field) entry \(quoted) has spaces around it, so it matches no header",
                node: entry.node, in: tree,
                fix: Fix(.safe, "use \(JSONText.quote(trimmed))", edits: [CORSEdit.replaceString(entry.node, with: trimmed, in: tree)]))
        }
    }

    /// An RFC 9110 token (which includes `*`, the providers' wildcard).
    static func isHeaderName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            guard scalar.isASCII else { return false }
            let c = Character(scalar)
            return c.isLetter || c.isNumber || "!#$%&'*+-.^_`|~".contains(c)
        }
    }
}
