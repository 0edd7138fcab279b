/// C307: an `http://` origin other than the local machine.
public final class CORSOriginInsecure: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C307", name: "cors-origin-insecure", severity: .warning, kinds: CORSRules.kinds,
        summary: "An origin entry uses `http://` for a host other than localhost, 127.0.0.1 or [::1].",
        rationale: """
            A page served over plain HTTP can be altered by anyone on the network path, so allowing an \
            `http://` origin lets an attacker on a café Wi-Fi inject script that reads the bucket's responses \
            with the visitor's access. The hub is served over HTTPS, and a browser on an HTTPS page never \
            sends an `http://` origin, so the entry serves no hub purpose either.

            Local development servers (`http://localhost:3000`, `http://127.0.0.1:8080`, `http://[::1]`) are \
            not reported. The unsafe fix changes the scheme to `https://`, except for an S3 website endpoint \
            (`http://BUCKET.s3-website-REGION.amazonaws.com`), which serves plain HTTP only: serve that site \
            over HTTPS (for example through CloudFront) and list the new origin instead.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["http://hub.ango.ai"], "AllowedMethods": ["GET"]}]"#),
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["http://viewer-site.s3-website-eu-west-1.amazonaws.com"], "AllowedMethods": ["GET"]}]"#,
                        note: "an S3 website endpoint: HTTP only, so no https:// fix"),
        ],
        nonTriggering: [RuleExample(.corsS3, #"[{"AllowedOrigins": ["https://hub.ango.ai", "http://localhost:3000"], "AllowedMethods": ["GET"]}]"#)])

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context) else { return }
        for rule in document.rules {
            for entry in rule.origins.entries {
                guard let text = entry.text, !entry.isExpression else { continue }
                let trimmed = text.drop { $0 == " " }
                guard trimmed.lowercased().hasPrefix("http://") else { continue }
                let rest = trimmed.dropFirst("http://".count)
                let host = Self.host(of: rest).lowercased()
                if host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.") || host == "[::1]" { continue }
                if Self.isS3WebsiteEndpoint(host) {
                    context.report(
                        Self.self,
                    "origin \(JSONText.quote(text)) is an S3 website endpoint, which serves plain HTTP only", node: entry.node, in: tree,
                    note: "anyone on the network path can inject script into its pages; serve the site over HTTPS (e.g. CloudFront) and list that origin")
                    continue
                }
                let secure = "https://" + rest
                context.report(
                    Self.self,
                    "origin \(JSONText.quote(text)) is plain HTTP", node: entry.node, in: tree,
                    fix: Fix(.unsafe, "use \(JSONText.quote(String(secure)))", edits: [CORSEdit.replaceString(entry.node, with: String(secure), in: tree)]),
                    note: "anyone on the network path can inject script into that page and read this bucket's responses through it")
            }
        }
    }

    /// `BUCKET.s3-website-REGION.amazonaws.com` and `BUCKET.s3-website.REGION.amazonaws.com` (and
    /// the `.com.cn` hosts): S3's static website endpoints, which do not support HTTPS.
    static func isS3WebsiteEndpoint(_ host: String) -> Bool {
        guard host.hasSuffix(".amazonaws.com") || host.hasSuffix(".amazonaws.com.cn") else { return false }
        return host.contains(".s3-website-") || host.contains(".s3-website.")
    }

    static func host(of authorityAndRest: Substring) -> Substring {
        let authority = authorityAndRest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let afterUser = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        if afterUser.hasPrefix("[") { return afterUser.prefix { $0 != "]" } + "]" }
        return afterUser.prefix { $0 != ":" }
    }
}
