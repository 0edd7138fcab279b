/// C312: the configuration exceeds a documented provider limit, so the provider rejects it.
public final class CORSProviderLimits: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C312", name: "cors-provider-limits", severity: .error, kinds: CORSRules.kinds,
        summary: "The configuration exceeds a provider limit (rule count, size, origins per rule, entry length, wildcards, ID length, max age), so the provider rejects it.",
        rationale: """
            The providers refuse a CORS configuration outright when it breaks one of their limits, and the \
            error (*MalformedXML*, *InvalidRequest*, an ARM validation failure) rarely says which:

            | Limit | S3 | GCS | Azure | `hub.limits` key |
            |---|---|---|---|---|
            | rules per configuration | 100 | | 5 per service | `maxRules` |
            | configuration size | 64 KB of the XML S3 stores | | 2 KiB of values (tags excluded) | `maxConfigBytes` |
            | origins per rule | | | 64 | `maxOriginsPerRule` |
            | characters per origin | | | 256 | `maxOriginLength` |
            | headers per list (literal / prefixed `x-ms-meta*`) | | | 64 / 2 | `maxHeadersPerList`, `maxPrefixedHeadersPerList` |
            | characters per header | | | 256 | `maxHeaderLength` |
            | `*` per origin | 1 | | | `maxWildcardsPerOrigin` |
            | `ID` length | 255 | | | `maxIDLength` |
            | max age | 2147483647 (32-bit) | 2147483647 | 2147483647 | `maxAgeSeconds` |

            S3 also accepts at most one `*` in an `AllowedHeaders` entry and none in `ExposeHeaders`. S3's \
            64 KB applies to the XML form of the configuration, which is larger than the JSON you write; \
            assetlint computes that XML size. Azure's 2 KiB counts the values of all rules without the XML tags.

            When a provider changes a limit, override it in `.assetlint.yml`: \
            `hub: {limits: {s3: {maxRules: 100}, azure: {maxRules: 5}}}`; a key set for a provider without a \
            built-in limit (for example `gcs: {maxRules: 10}`) adds one.
            """,
        triggering: [
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["https://*.*.ango.ai"], "AllowedMethods": ["GET"]}]"#, note: "two wildcards in one S3 origin"),
            RuleExample(.corsGCS, #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"], "maxAgeSeconds": 4294967296}]"#),
            RuleExample(.corsAzure, """
                {"corsRules": [
                  {"allowedOrigins": ["https://a.example"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0},
                  {"allowedOrigins": ["https://b.example"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0},
                  {"allowedOrigins": ["https://c.example"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0},
                  {"allowedOrigins": ["https://d.example"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0},
                  {"allowedOrigins": ["https://e.example"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0},
                  {"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}
                ]}
                """, note: "six rules; Azure takes five"),
        ],
        nonTriggering: [
            RuleExample(.corsS3, #"[{"ID": "hub-read", "AllowedOrigins": ["https://*.ango.ai"], "AllowedMethods": ["GET"], "MaxAgeSeconds": 86400}]"#),
            RuleExample(.corsAzure, """
                {"corsRules": [
                  {"allowedOrigins": ["https://a.example"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0},
                  {"allowedOrigins": ["https://b.example"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0},
                  {"allowedOrigins": ["https://c.example"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0},
                  {"allowedOrigins": ["https://d.example"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0},
                  {"allowedOrigins": ["https://e.example"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0},
                  {"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}
                ]}
                """, config: "hub:\n  limits:\n    azure: {maxRules: 10}", note: "six rules after the provider raised its limit"),
        ])

    public init() {}

    private var context: LintContext!
    private var provider: CORSProvider = .gcs

    private func limit(_ key: String) -> Int? { CORSLimits.limit(key, for: provider, in: context.configuration) }

    private func override(_ key: String) -> String { "hub.limits.\(provider.rawValue).\(key)" }

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context) else { return }
        self.context = context
        provider = document.provider
        for set in document.ruleSets {
            if let max = limit("maxRules"), set.rules.count > max {
                let first = set.rules[max]
                context.report(
                    Self.self,
                    "\(set.rules.count) rules, over \(provider.name)'s limit of \(max)\(provider == .azure ? " per service" : "")",
                    at: CORSShape.openingRange(first.node, in: tree), pointer: tree.pointer(first.node),
                    note: "\(provider.name) rejects the whole configuration; merge rules that share methods and headers (limit: \(override("maxRules")))")
            }
            if let max = limit("maxConfigBytes") {
                checkSize(set, max: max, tree: tree)
            }
            for rule in set.rules { checkRule(rule, tree: tree) }
        }
    }

    private func checkSize(_ set: CORSRuleSet, max: Int, tree: JSONTree) {
        let size: Int
        let description: String
        let how: String
        switch provider {
        case .s3:
            size = Self.s3XMLSize(set.rules)
            description = "this configuration is about \(size) bytes as XML, over S3's limit of \(max)"
            how = "S3 stores CORS as XML, at most 64 KB, and rejects it; "
        case .azure:
            size = Self.azureValueSize(set.rules)
            description = "these rules hold about \(size) bytes of values, over Azure's limit of \(max)"
            how = "Azure counts the values of a service's CORS rules, XML tags excluded, and rejects them; "
        case .gcs:
            let node = set.listNode ?? tree.root
            size = tree[node].end - tree[node].start
            description = "this CORS configuration is \(size) bytes, over the configured limit of \(max)"
            how = ""
        }
        guard size > max else { return }
        let anchor = set.listNode ?? tree.root
        context.report(
            Self.self, description, at: CORSShape.openingRange(anchor, in: tree), pointer: tree.pointer(anchor),
            note: "\(how)merge rules or shorten lists (limit: \(override("maxConfigBytes")))")
    }

    private func checkRule(_ rule: CORSRule, tree: JSONTree) {
        let origins = rule.origins.entries.filter { !$0.isExpression }
        if let max = limit("maxOriginsPerRule"), origins.count > max {
            context.report(
                Self.self,
                "\(rule.label) lists \(origins.count) origins, over \(provider.name)'s limit of \(max) per rule", node: origins[max].node, in: tree,
                note: "\(provider.name) rejects the configuration; split the origins over several rules (limit: \(override("maxOriginsPerRule")))")
        }
        // Looked up once per rule, not once per origin (a rule may list a thousand).
        let maxOriginLength = limit("maxOriginLength")
        let maxWildcards = limit("maxWildcardsPerOrigin")
        for entry in origins {
            guard let text = entry.text else { continue }
            if let max = maxOriginLength, text.unicodeScalars.count > max {
                context.report(
                    Self.self, "origin of \(text.unicodeScalars.count) characters, over \(provider.name)'s limit of \(max)", node: entry.node, in: tree,
                    note: "\(provider.name) rejects the configuration (limit: \(override("maxOriginLength")))")
            }
            if let max = maxWildcards, text != "*", case let stars = Self.wildcardCount(text), stars > max {
                context.report(
                    Self.self,
                    "origin \(JSONText.quote(text)) has \(stars) \"*\" wildcards; \(provider.name) accepts \(max)", node: entry.node, in: tree,
                    note: "\(provider.name) rejects the whole configuration; use one \"*\" (such as \"https://*.example.com\") or list the origins")
            }
        }
        for field in [CORSField.allowedHeaders, .exposeHeaders] {
            guard let name = provider.name(of: field) else { continue }
            let entries = rule.list(field).entries.filter { !$0.isExpression && $0.text != nil }
            let literal = entries.filter { !$0.text!.hasSuffix("*") }
            let prefixed = entries.filter { $0.text!.hasSuffix("*") && $0.text! != "*" }
            if let max = limit("maxHeadersPerList"), literal.count > max {
                context.report(
                    Self.self, "\(name) lists \(literal.count) headers, over \(provider.name)'s limit of \(max)", node: literal[max].node, in: tree,
                    note: "\(provider.name) rejects the configuration (limit: \(override("maxHeadersPerList")))")
            }
            if let max = limit("maxPrefixedHeadersPerList"), prefixed.count > max {
                context.report(
                    Self.self, "\(name) lists \(prefixed.count) prefixed headers (ending in \"*\"), over \(provider.name)'s limit of \(max)",
                    node: prefixed[max].node, in: tree,
                    note: "\(provider.name) rejects the configuration (limit: \(override("maxPrefixedHeadersPerList")))")
            }
            for entry in entries {
                let text = entry.text!
                if let max = limit("maxHeaderLength"), text.unicodeScalars.count > max {
                    context.report(
                        Self.self, "\(name) entry of \(text.unicodeScalars.count) characters, over \(provider.name)'s limit of \(max)",
                        node: entry.node, in: tree, note: "limit: \(override("maxHeaderLength"))")
                }
                if provider == .s3, field == .allowedHeaders, text.filter({ $0 == "*" }).count > 1 {
                    context.report(
                        Self.self, "AllowedHeaders entry \(JSONText.quote(text)) has more than one \"*\"", node: entry.node, in: tree,
                        note: "S3 accepts one wildcard per entry and rejects the configuration")
                }
                if provider == .s3, field == .exposeHeaders, text.contains("*") {
                    context.report(
                        Self.self, "ExposeHeaders entry \(JSONText.quote(text)) is a wildcard, which S3 does not accept there", node: entry.node, in: tree,
                        note: "list each response header the page must read, such as \"ETag\"")
                }
            }
        }
        if let node = rule.fields[.id], let id = tree.string(node), let max = limit("maxIDLength"), id.unicodeScalars.count > max {
            context.report(
                Self.self, "ID of \(id.unicodeScalars.count) characters, over \(provider.name)'s limit of \(max)", node: node, in: tree,
                note: "\(provider.name) rejects the configuration; shorten it (limit: \(override("maxIDLength")))")
        }
        if let node = rule.fields[.maxAge], let max = limit("maxAgeSeconds"), tree[node].kind == .number, tree[node].flags.contains(.integer) {
            let written = tree.sourceText(node)
            let tooLarge = tree.integer(node).map { $0 > max } ?? !written.hasPrefix("-")
            if tooLarge {
                context.report(
                    Self.self,
                    "\(provider.name(of: .maxAge) ?? "max age") is \(written), over \(provider.name)'s limit of \(max)", node: node, in: tree,
                    note: "\(provider.name) rejects the configuration (a 32-bit integer); browsers cap the preflight cache at hours anyway, so use 3600 or 86400 (limit: \(override("maxAgeSeconds")))")
            }
        }
    }

    /// The size of the XML S3 stores for these rules.
    /// The `*` characters of `text`: its `*` bytes when it is ASCII (no combining mark can follow a
    /// `*` and make it another character), else counted character by character.
    static func wildcardCount(_ text: String) -> Int {
        var stars = 0
        var ascii = true
        for byte in text.utf8 {
            if byte == 0x2A { stars += 1 } else if byte >= 0x80 { ascii = false }
        }
        return ascii ? stars : text.filter { $0 == "*" }.count
    }

    static func s3XMLSize(_ rules: [CORSRule]) -> Int {
        func element(_ name: String, _ value: String) -> Int { 2 * name.utf8.count + 5 + xmlEscapedSize(value) }
        var size = #"<?xml version="1.0" encoding="UTF-8"?><CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></CORSConfiguration>"#.utf8.count
        for rule in rules {
            size += "<CORSRule></CORSRule>".utf8.count
            if let id = rule.id { size += element("ID", id) }
            size += rule.origins.strings.reduce(0) { $0 + element("AllowedOrigin", $1) }
            size += rule.methods.strings.reduce(0) { $0 + element("AllowedMethod", $1) }
            size += rule.allowedHeaders.strings.reduce(0) { $0 + element("AllowedHeader", $1) }
            size += rule.exposeHeaders.strings.reduce(0) { $0 + element("ExposeHeader", $1) }
            if let maxAge = rule.maxAgeText { size += element("MaxAgeSeconds", maxAge) }
        }
        return size
    }

    static func xmlEscapedSize(_ text: String) -> Int {
        text.utf8.reduce(0) { total, byte in
            switch byte {
            case UInt8(ascii: "&"): total + 5
            case UInt8(ascii: "<"), UInt8(ascii: ">"): total + 4
            case UInt8(ascii: "\""), UInt8(ascii: "'"): total + 6
            default: total + 1
            }
        }
    }

    /// Azure's measure: the values of all rules, lists joined with commas as in the XML form.
    static func azureValueSize(_ rules: [CORSRule]) -> Int {
        func joined(_ list: [String]) -> Int { list.reduce(0) { $0 + $1.utf8.count } + max(0, list.count - 1) }
        return rules.reduce(0) { total, rule in
            total + joined(rule.origins.strings) + joined(rule.methods.strings) + joined(rule.allowedHeaders.strings)
                + joined(rule.exposeHeaders.strings) + (rule.maxAgeText?.utf8.count ?? 0)
        }
    }
}
