/// C311: a preflight cache time that is not a non-negative whole number of seconds.
public final class CORSMaxAge: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C311", name: "cors-max-age", severity: .error, kinds: CORSRules.kinds,
        summary: "`maxAgeSeconds` / `MaxAgeSeconds` / `maxAgeInSeconds` is not a non-negative whole number: a string, a fraction, a negative number, or another type.",
        rationale: """
            The max age tells the browser how long it may reuse a preflight answer. All three providers take \
            a non-negative integer number of seconds; `aws s3api` rejects `"3600"` (*Invalid type for \
            parameter MaxAgeSeconds*), the JSON API and ARM reject a string, a fraction or a negative number, \
            and the whole configuration is refused with it. Values above the 32-bit maximum are C312's.

            A missing max age is valid everywhere except Azure, where `maxAgeInSeconds` is required (C301): \
            browsers then cache preflights for a few seconds only, which costs an extra request per upload \
            but does not break the hub, so it is not reported.

            The safe fix turns a quoted number (`"3600"`) or a whole number written with an exponent \
            (`3.6e3`) into the plain integer.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.corsS3, #"{"CORSRules": [{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"], "MaxAgeSeconds": "3600"}]}"#),
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"], "maxAgeSeconds": -1}]"#),
        ],
        nonTriggering: [
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"], "maxAgeSeconds": 3600}]"#),
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#, note: "a missing max age is valid"),
        ])

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context) else { return }
        let provider = document.provider
        for rule in document.rules {
            guard let node = rule.fields[.maxAge], let name = provider.name(of: .maxAge) else { continue }
            let value = tree[node]
            let written = tree.sourceText(node)
            switch value.kind {
            case .number:
                let negative = written.hasPrefix("-")
                if value.flags.contains(.integer) {
                    if negative {
                        context.report(
                            Self.self, "\(name) is \(written): \(provider.name) rejects a negative max age", node: node, in: tree,
                            note: "use a number of seconds such as 3600, or 0 to disable preflight caching")
                    }
                    continue
                }
                let number = tree.double(node) ?? .nan
                if !negative, number.isFinite, number == number.rounded(), number <= 9_007_199_254_740_992 {
                    let integer = String(Int64(number))
                    context.report(
                        Self.self, "\(name) is written \(written): \(provider.name) takes a plain integer",
                        node: node, in: tree, fix: Fix(.safe, "write \(integer)", edits: [TextEdit(range: value.range, replacement: integer)]))
                } else {
                    context.report(
                        Self.self, "\(name) is \(written), not a whole number of seconds", node: node, in: tree,
                        note: "\(provider.name) takes a non-negative whole number and rejects the configuration; use a number such as 3600")
                }
            case .string:
                let text = tree.string(node) ?? ""
                if CORSDocument.isARMExpression(text) { continue }
                let trimmed = text.trimmingSpaces()
                if !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), trimmed.count <= 18 {
                    let integer = String(Int(trimmed) ?? 0)
                    context.report(
                        Self.self, "\(name) is the string \(JSONText.quote(text)), not a number",
                        node: node, in: tree, fix: Fix(.safe, "write \(integer) without quotes", edits: [TextEdit(range: value.range, replacement: integer)]),
                        note: "\(provider.name) takes a number and rejects the configuration")
                } else {
                    context.report(
                        Self.self, "\(name) is the string \(JSONText.quote(text)), not a number", node: node, in: tree,
                        note: "\(provider.name) takes a whole number of seconds and rejects the configuration; use a number such as 3600")
                }
            default:
                context.report(
                    Self.self, "\(name) is \(CORSShape.article(value.kind)), not a number", node: node, in: tree,
                    note: "\(provider.name) takes a whole number of seconds and rejects the configuration; use a number such as 3600")
            }
        }
    }
}
