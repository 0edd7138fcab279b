/// C313: a rule no request can reach, because earlier rules answer everything it would.
public final class CORSShadowedRule: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C313", name: "cors-shadowed-rule", severity: .warning, kinds: CORSRules.kinds,
        summary: "A rule can never apply: for every origin and method it allows, an earlier rule matches first (the providers use the first matching rule).",
        rationale: """
            S3, GCS and Azure all answer a CORS request with the first rule, in order, that matches its origin \
            and method (S3 and Azure also check a preflight's request headers against `AllowedHeaders`). A rule \
            whose every origin and method is already matched by earlier rules is therefore dead: its \
            `ExposeHeaders`, `MaxAgeSeconds` or `responseHeader` never reach a browser. It is usually a \
            specific rule placed after a broad one (`"*"`, `https://*.example.com`), or a duplicate.

            assetlint uses the same evaluation as C304: S3 wildcards cover the origins they expand to, `"*"` \
            covers everything, GCS's method `"*"` covers every method. Move the specific rule before the broad \
            one, or merge the two. The related locations point at the rules that shadow it.
            """,
        triggering: [
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}, {"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"], "ExposeHeaders": ["ETag"]}]"#),
        ],
        nonTriggering: [
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"], "ExposeHeaders": ["ETag"]}, {"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]"#),
        ],
        flagsUnneededText: true)

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context) else { return }
        let provider = document.provider
        for set in document.ruleSets where set.rules.count > 1 {
            let evaluator = CORSEvaluator(provider: provider, rules: set.rules.map(\.spec))
            let shadowed = evaluator.shadowingRules()
            for index in set.rules.indices.dropFirst() {
                guard let shadowing = shadowed[index] else { continue }
                let rule = set.rules[index]
                let earlier = shadowing.map { set.rules[$0] }
                let duplicate = earlier.count == 1 && evaluator.rules[shadowing[0]].origins == evaluator.rules[index].origins
                    && evaluator.rules[shadowing[0]].methods == evaluator.rules[index].methods
                let cause = duplicate
                    ? "\(earlier[0].label) allows the same origins and methods first"
                    : "\(earlier.map(\.label).joinedAsChoice("and")) match\(earlier.count == 1 ? "es" : "") all its origins and methods first"
                let unused = Self.unusedSettings(rule, provider: provider)
                let effect = unused.isEmpty ? "" : ", so its \(unused.joinedAsChoice("and")) never take\(unused.count == 1 ? "s" : "") effect"
                context.report(
                    Self.self,
                    "\(rule.label) can never apply: \(cause)",
                    at: CORSShape.openingRange(rule.node, in: tree), pointer: tree.pointer(rule.node),
                    related: earlier.map { RelatedLocation(message: "\($0.label) matches first", range: CORSShape.openingRange($0.node, in: tree)) },
                    note: "\(provider.name) uses the first matching rule\(effect); move it before \(earlier.count == 1 ? "that rule" : "those rules") or merge them")
            }
        }
    }

    static func unusedSettings(_ rule: CORSRule, provider: CORSProvider) -> [String] {
        [CORSField.exposeHeaders, .responseHeaders, .maxAge, .allowedHeaders].compactMap { field in
            guard rule.fields[field] != nil else { return nil }
            return provider.name(of: field)
        }
    }
}
