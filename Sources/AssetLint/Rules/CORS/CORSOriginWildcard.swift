/// C306: an origin wildcard: `*` for every site, or (S3) a pattern such as `https://*.example.com`.
public final class CORSOriginWildcard: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C306", name: "cors-origin-wildcard", severity: .warning, kinds: CORSRules.kinds,
        summary: "An origin entry is a wildcard: `*` lets every website read the bucket's responses; an S3 pattern such as `https://*.example.com` lets every matching subdomain.",
        rationale: """
            CORS decides which web pages may read a response in a visitor's browser. With `"*"`, any website \
            that learns an asset URL (a signed URL in a log, a public object) can fetch and read it from its \
            own page; with `https://*.example.com`, so can any subdomain, including ones hosting user content \
            or forgotten preview deployments. List the origins of the pages that read the bucket; for a bucket \
            the hub reads, those are the origins `hub.origins` lists.

            Only S3 expands a `*` inside an origin (one per entry); S3 rejects entries with two or more, which \
            C312 reports as an error. On GCS and Azure a `*` inside an entry is a literal character and the \
            entry never matches (C305).

            The unsafe fix replaces a lone `"*"` with the hub profile's origins (none with `hub.origins: []`).
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.corsGCS, #"[{"origin": ["*"], "method": ["GET"]}]"#),
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["https://*.ango.ai"], "AllowedMethods": ["GET"]}]"#),
        ],
        nonTriggering: [
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#),
        ])

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context) else { return }
        let provider = document.provider
        let hubOrigins = CORSDocument.hubOrigins(context.configuration)
        for rule in document.rules {
            for entry in rule.origins.entries {
                guard let text = entry.text, !entry.isExpression, text.contains("*") else { continue }
                if text == "*" {
                    let replacement = hubOrigins.map(JSONText.quote).joined(separator: ", ")
                    var fix: Fix?
                    if case .list(let list, let entries) = rule.origins, entries.count == 1, !hubOrigins.isEmpty {
                        fix = Fix(.unsafe, "allow only the hub profile's origins", edits: [
                            TextEdit(range: ByteRange(start: tree[list].start + 1, end: tree[list].end - 1), replacement: replacement),
                        ])
                    }
                    let hub = hubOrigins.isEmpty ? "" : " (for the hub: \(hubOrigins.map(JSONText.quote).joinedAsChoice("and")), from hub.origins)"
                    context.report(
                        Self.self,
                        "origin \"*\" lets every website read this bucket's responses", node: entry.node, in: tree, fix: fix,
                        note: "in its visitors' browsers; list only the origins that need access\(hub)")
                } else if provider == .s3, text.filter({ $0 == "*" }).count == 1 {
                    context.report(
                        Self.self,
                        "origin \(JSONText.quote(text)) lets every origin of that form read this bucket's responses", node: entry.node, in: tree,
                        note: "S3 expands the \"*\" to any characters, subdomains included; list the exact origins that need access")
                }
            }
        }
    }
}
