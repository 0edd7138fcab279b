/// C309: methods that reading assets does not need: DELETE, or GCS's `*`.
public final class CORSMethodExcess: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C309", name: "cors-method-excess", severity: .warning, kinds: CORSRules.kinds,
        summary: "A rule allows DELETE or (GCS) every method with `*`; reading assets needs neither.",
        rationale: """
            CORS does not grant permissions by itself, but it decides which cross-origin scripts may send a \
            request and read the answer. Allowing `DELETE` (or every method) means that any allowed origin's \
            page, holding a signed URL or credentials, can delete objects from a browser. The hub reads assets \
            with `GET` (and `HEAD`); its recommended snippets also allow `PUT` and `POST` for uploads, never \
            `DELETE`. Keep the method list to what is used.

            Methods listed in `hub.methods` are never reported. The unsafe fix removes the entry.
            """,
        fix: .unsafe,
        triggering: [
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai"], "method": ["GET", "DELETE"]}]"#),
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai"], "method": ["*"]}]"#),
        ],
        nonTriggering: [
            RuleExample(.corsS3, #"[{"AllowedHeaders":["*"],"AllowedMethods":["GET","POST","PUT","HEAD"],"AllowedOrigins":["https://api.ango.ai","https://hub.ango.ai"],"ExposeHeaders":[]}]"#),
        ])

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context) else { return }
        let provider = document.provider
        let needed = Set(CORSDocument.hubMethods(context.configuration))
        for rule in document.rules {
            for entry in rule.methods.entries {
                guard let text = entry.text, !entry.isExpression else { continue }
                let isWildcard = text == "*" && provider.allowsMethodWildcard
                guard (text == "DELETE" && !needed.contains("DELETE")) || (isWildcard && !needed.contains("*")) else { continue }
                let message = isWildcard
                    ? "method \"*\" allows every method, DELETE included"
                    : "method \"DELETE\" lets every allowed origin's pages delete objects"
                let note = isWildcard
                    ? "reading assets needs none but \(CORSDocument.hubMethods(context.configuration).map(JSONText.quote).joinedAsChoice("and")) (hub.methods): list the methods your pages use"
                    : "reading assets does not need it; remove it unless a page of yours deletes objects from a browser"
                var fix: Fix?
                let hubMethods = CORSDocument.hubMethods(context.configuration)
                if isWildcard {
                    fix = Fix(.unsafe, "allow only the methods of hub.methods", edits: [
                        TextEdit(range: tree[entry.node].range, replacement: hubMethods.map(JSONText.quote).joined(separator: ", ")),
                    ])
                } else if rule.methods.entries.count > 1 {
                    fix = Fix(.unsafe, "remove \"DELETE\"", edits: [CORSEdit.remove(entry.node, in: tree)])
                }
                context.report(Self.self, message, node: entry.node, in: tree, fix: fix, note: note)
            }
        }
    }
}
