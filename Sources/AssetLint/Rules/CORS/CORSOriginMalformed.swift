/// C305: an origin entry that no browser's `Origin` header can ever equal.
public final class CORSOriginMalformed: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C305", name: "cors-origin-malformed", severity: .error, kinds: CORSRules.kinds,
        summary: "An origin entry has a trailing slash, a path, whitespace, upper case, a default port, a user name or no scheme (or, on GCS and Azure, a `*` inside it), so it never matches a browser's `Origin` header.",
        rationale: """
            Browsers send `Origin` as exactly `scheme://host[:port]`: lower-case scheme and host, the host in \
            ASCII (punycode), no default port, no path, no trailing slash, no whitespace. Providers compare the \
            configured entry with that header as a string, so `https://hub.ango.ai/` (copied from the address \
            bar) or `https://Hub.Ango.ai` never matches, and the hub's requests are blocked while the \
            configuration looks right. GCS and Azure treat only the entry `"*"` as a wildcard: \
            `https://*.example.com` is compared literally there (S3 does expand it; see C306).

            The fix rewrites the entry, editing only the string's bytes, to the form a browser sends: \
            `https://hub.ango.ai/` becomes `https://hub.ango.ai`. It is safe because the entry matched nothing \
            before; adding a guessed `https://` to an entry without a scheme is safe only when the result is a \
            hub origin, otherwise unsafe. Entries that cannot be corrected without guessing (an empty string, \
            an invalid port, inner whitespace) are reported without a fix.

            When the entry was meant for an origin of the hub profile that no other entry lets in, this \
            finding says so in a note instead of a second finding of C304: correcting the entry is the fix.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai/"], "method": ["GET"]}]"#),
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["https://Hub.Ango.ai"], "AllowedMethods": ["GET"]}]"#),
            RuleExample(.corsAzure, #"{"corsRules": [{"allowedOrigins": ["hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}"#),
            RuleExample(.corsGCS, #"[{"origin": ["app.example.com"], "method": ["GET"]}]"#, note: "a guessed scheme: the fix is unsafe"),
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["https://hub ango.ai"], "AllowedMethods": ["GET"]}]"#, note: "no fix without guessing"),
        ],
        nonTriggering: [
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai", "http://localhost:3000", "*"], "method": ["GET"]}]"#),
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["https://*.ango.ai"], "AllowedMethods": ["GET"]}]"#),
        ])

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context) else { return }
        let provider = document.provider
        let hubOrigins = CORSDocument.hubOrigins(context.configuration)
        // Entries meant for a hub origin that nothing else lets in: C304's finding is their note.
        let hubNotes = context.isActive(CORSHubOriginMissing.metadata.id)
            ? CORSHubOriginMissing.malformedEntryNotes(in: document, tree: tree, context: context) : [:]
        for rule in document.rules {
            for entry in rule.origins.entries {
                guard let text = entry.text, !entry.isExpression else { continue }
                let analysis = OriginAnalysis.analyze(text, provider: provider)
                guard !analysis.isValid else { continue }
                let message = "origin \(JSONText.quote(text)) \(analysis.summary)"
                var note = analysis.consequence
                var fix: Fix?
                if let corrected = analysis.corrected {
                    let guessed = analysis.problems.contains(.missingScheme) && !hubOrigins.contains(corrected)
                    fix = Fix(guessed ? .unsafe : .safe, "use \(JSONText.quote(corrected))", edits: [CORSEdit.replaceString(entry.node, with: corrected, in: tree)])
                } else if analysis.problems.contains(.unsupportedWildcard) {
                    note += "; list each origin, or use \"*\" alone for every origin"
                }
                let related = hubNotes[entry.node].map { [RelatedLocation(message: $0, range: tree[entry.node].range)] } ?? []
                context.report(Self.self, message, node: entry.node, in: tree, related: related, fix: fix, note: note)
            }
        }
    }
}
