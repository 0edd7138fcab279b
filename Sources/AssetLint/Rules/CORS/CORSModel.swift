/// The provider-neutral model of a CORS configuration that every C rule reads: which provider and
/// which form (the shape a particular tool takes), the rule lists, and for every rule the JSON node
/// of each field, so diagnostics point at exact bytes.

/// The storage provider a CORS file is for.
public enum CORSProvider: String, Sendable, CaseIterable {
    case gcs, s3, azure

    public init?(kind: DocumentKind) {
        switch kind {
        case .corsGCS: self = .gcs
        case .corsS3: self = .s3
        case .corsAzure: self = .azure
        default: return nil
        }
    }

    public var kind: DocumentKind {
        switch self {
        case .gcs: .corsGCS
        case .s3: .corsS3
        case .azure: .corsAzure
        }
    }

    /// How messages name the provider.
    public var name: String {
        switch self {
        case .gcs: "GCS"
        case .s3: "S3"
        case .azure: "Azure Blob Storage"
        }
    }

    /// The spelling of each field this provider knows.
    public var fieldNames: [(CORSField, String)] {
        switch self {
        case .gcs:
            [(.origins, "origin"), (.methods, "method"), (.responseHeaders, "responseHeader"), (.maxAge, "maxAgeSeconds")]
        case .s3:
            [(.origins, "AllowedOrigins"), (.methods, "AllowedMethods"), (.allowedHeaders, "AllowedHeaders"),
             (.exposeHeaders, "ExposeHeaders"), (.maxAge, "MaxAgeSeconds"), (.id, "ID")]
        case .azure:
            [(.origins, "allowedOrigins"), (.methods, "allowedMethods"), (.allowedHeaders, "allowedHeaders"),
             (.exposeHeaders, "exposedHeaders"), (.maxAge, "maxAgeInSeconds")]
        }
    }

    public func name(of field: CORSField) -> String? { fieldNames.first { $0.0 == field }?.1 }

    public func field(named key: String) -> CORSField? { fieldNames.first { $0.1 == key }?.0 }

    /// Fields without which the provider rejects the rule or the rule matches nothing.
    public var requiredFields: [CORSField] {
        switch self {
        case .gcs, .s3: [.origins, .methods]
        case .azure: [.origins, .methods, .allowedHeaders, .exposeHeaders, .maxAge]
        }
    }

    /// The methods the provider accepts in a rule.
    public var methods: [String] {
        switch self {
        case .s3: ["GET", "PUT", "HEAD", "POST", "DELETE"]
        case .gcs: ["GET", "HEAD", "PUT", "POST", "DELETE", "PATCH", "OPTIONS"]
        case .azure: ["DELETE", "GET", "HEAD", "MERGE", "POST", "OPTIONS", "PUT", "PATCH"]
        }
    }

    /// Whether `"*"` is accepted as a method ("any method").
    public var allowsMethodWildcard: Bool { self == .gcs }

    /// Whether request headers take part in choosing the rule (preflight `Access-Control-Request-Headers`).
    public var matchesRequestHeaders: Bool { self != .gcs }

    /// The field of this provider that corresponds to `field` of another provider, for renames.
    public func equivalent(of field: CORSField) -> CORSField? {
        if name(of: field) != nil { return field }
        switch (self, field) {
        case (.gcs, .allowedHeaders), (.gcs, .exposeHeaders): return .responseHeaders
        case (.s3, .responseHeaders), (.azure, .responseHeaders): return .exposeHeaders
        default: return nil
        }
    }

    /// The provider whose exact field name `key` is, other than this one.
    public func foreignProvider(of key: String) -> (CORSProvider, CORSField)? {
        for other in CORSProvider.allCases where other != self {
            if let field = other.field(named: key) { return (other, field) }
        }
        return nil
    }
}

/// A setting of a CORS rule, whatever the provider calls it.
public enum CORSField: String, Sendable, CaseIterable {
    case origins, methods, allowedHeaders, exposeHeaders, responseHeaders, maxAge, id

    /// Whether the value is a list of strings (the rest are a number or a string).
    public var isList: Bool {
        switch self {
        case .origins, .methods, .allowedHeaders, .exposeHeaders, .responseHeaders: true
        case .maxAge, .id: false
        }
    }

    public var isHeaderList: Bool { self == .allowedHeaders || self == .exposeHeaders || self == .responseHeaders }
}

/// The shape a particular tool takes; see the C301 page.
public enum CORSForm: Sendable, Equatable {
    /// `[{"origin": ...}]`: `gsutil cors set` and `gcloud storage buckets update --cors-file`.
    case gcsList
    /// `{"cors": [...]}`: the JSON API bucket resource (`PATCH .../b/BUCKET?fields=cors`).
    case gcsBucketResource
    /// `[{"AllowedOrigins": ...}]`: the S3 console's CORS editor.
    case s3Console
    /// `{"CORSRules": [...]}`: `aws s3api put-bucket-cors --cors-configuration file://...`.
    case s3CLI
    /// `{"CORSConfiguration": {"CORSRules": [...]}}`: `aws s3api put-bucket-cors --cli-input-json file://...`.
    case s3CLIInput
    /// `[{"CORSRules": [...]}]`: the CLI object inside the console's array; no tool takes it.
    case s3WrappedInArray
    /// `{"corsRules": [...]}`: the `cors` property of an ARM blob service.
    case azureRules
    /// `{"cors": {"corsRules": ...}}` or `{"properties": {"cors": {"corsRules": ...}}}`: service properties.
    case azureServiceProperties
    /// An ARM (or Bicep-compiled) template whose resources hold `properties.cors.corsRules`.
    case azureTemplate
    /// A bare array of Azure rules.
    case azureList
    /// One rule object without the list around it.
    case singleRule
    /// Nothing CORS-like (the kind was forced with `--kind` or a configuration glob).
    case unrecognized

    /// The tool that takes this form, for messages.
    public var tool: String {
        switch self {
        case .gcsList: "`gcloud storage buckets update --cors-file` and `gsutil cors set`"
        case .gcsBucketResource: "the GCS JSON API (a bucket resource's `cors` field)"
        case .s3Console: "the S3 console's CORS editor"
        case .s3CLI: "`aws s3api put-bucket-cors --cors-configuration file://...`"
        case .s3CLIInput: "`aws s3api put-bucket-cors --cli-input-json file://...`"
        case .s3WrappedInArray, .singleRule, .unrecognized: "no tool"
        case .azureRules, .azureServiceProperties: "the blob service's `cors` property (ARM, REST, `az` output)"
        case .azureTemplate: "an ARM template deployment"
        case .azureList: "a list of Azure CORS rules"
        }
    }
}

/// One string (or other value) of a rule's list.
public struct CORSValue: Sendable {
    public var node: JSONTree.Index
    /// The decoded string; nil when the entry is not a string.
    public var text: String?
    /// An ARM template expression such as `"[parameters('origin')]"`, whose value is unknown here.
    public var isExpression: Bool
}

/// What a list field of a rule holds.
public enum CORSListValue: Sendable {
    case absent
    /// A JSON array: its node and entries.
    case list(JSONTree.Index, [CORSValue])
    /// A single value where a list belongs (C301 reports it; evaluation reads it as a one-entry list).
    case scalar(JSONTree.Index, CORSValue)
    /// An ARM expression standing for the whole list.
    case expression(JSONTree.Index)

    public var node: JSONTree.Index? {
        switch self {
        case .absent: nil
        case .list(let node, _), .scalar(let node, _), .expression(let node): node
        }
    }

    /// The entries, reading a single value as a one-entry list.
    public var entries: [CORSValue] {
        switch self {
        case .absent, .expression: []
        case .list(_, let values): values
        case .scalar(_, let value): [value]
        }
    }

    public var strings: [String] { entries.compactMap { $0.isExpression ? nil : $0.text } }
    public var isUnresolved: Bool {
        if case .expression = self { return true }
        return entries.contains { $0.isExpression }
    }
}

/// One CORS rule of a rule list.
public struct CORSRule: Sendable {
    public var provider: CORSProvider
    /// The rule object.
    public var node: JSONTree.Index
    /// Position in its list (0 for a lone rule object).
    public var index: Int
    /// The value node of each field the provider knows (the last one when a key repeats).
    public var fields: [CORSField: JSONTree.Index] = [:]
    /// Member nodes whose key is not a field of this provider.
    public var otherMembers: [JSONTree.Index] = []
    public var origins: CORSListValue = .absent
    public var methods: CORSListValue = .absent
    public var allowedHeaders: CORSListValue = .absent
    public var exposeHeaders: CORSListValue = .absent
    public var responseHeaders: CORSListValue = .absent
    /// S3's `ID`, decoded.
    public var id: String?
    /// The max age as written.
    public var maxAgeText: String?

    public func list(_ field: CORSField) -> CORSListValue {
        switch field {
        case .origins: origins
        case .methods: methods
        case .allowedHeaders: allowedHeaders
        case .exposeHeaders: exposeHeaders
        case .responseHeaders: responseHeaders
        case .maxAge, .id: .absent
        }
    }

    /// "rule 2" or `rule 2 ("read-assets")` for S3 rules with an ID, counted from 1 as lines are
    /// (the rule at `/CORSRules/1` is rule 2).
    public var label: String {
        if let id, !id.isEmpty { return "rule \(index + 1) (\(JSONText.quote(String(id.prefix(40)))))" }
        return "rule \(index + 1)"
    }

    /// The rule as the evaluator sees it.
    public var spec: CORSRuleSpec {
        CORSRuleSpec(
            origins: origins.strings, methods: methods.strings,
            allowedHeaders: provider.matchesRequestHeaders ? allowedHeaders.strings : [],
            unresolved: origins.isUnresolved || methods.isUnresolved)
    }
}

/// One list of rules: the whole file for GCS and S3; each blob, file, queue or table service of an
/// Azure template.
public struct CORSRuleSet: Sendable {
    /// The node that should be the array of rules (nil for a lone rule object).
    public var listNode: JSONTree.Index?
    /// The member name that holds the list (`CORSRules`, `corsRules`, `cors`), nil for a top-level array.
    public var listKey: String?
    public var rules: [CORSRule] = []
    /// List entries that are not objects.
    public var nonObjectEntries: [JSONTree.Index] = []
    /// The ARM resource type around an Azure rule list, when there is one.
    public var resourceType: String?

    /// Whether the hub loads assets through this list: everything but Azure file, queue and table services.
    public var servesBlobs: Bool {
        guard let type = resourceType?.lowercased() else { return true }
        return !(type.hasSuffix("fileservices") || type.hasSuffix("queueservices") || type.hasSuffix("tableservices"))
    }

    /// Whether the list exists and is a JSON array with no entries.
    public func isEmptyList(in tree: JSONTree) -> Bool {
        guard let listNode else { return false }
        return tree[listNode].kind == .array && tree[listNode].childCount == 0
    }
}

/// A CORS file, read once per rule from the parsed tree.
public struct CORSDocument: Sendable {
    public var provider: CORSProvider
    public var form: CORSForm
    public var ruleSets: [CORSRuleSet]

    public var rules: [CORSRule] { ruleSets.flatMap(\.rules) }

    /// Reads the document; nil when `kind` is not a CORS kind or the tree is empty.
    public init?(tree: JSONTree, kind: DocumentKind) {
        guard let provider = CORSProvider(kind: kind), tree.root != JSONNode.none else { return nil }
        self.provider = provider
        let root = tree.root
        var form = CORSForm.unrecognized
        var sets: [CORSRuleSet] = []

        func set(list: JSONTree.Index?, key: String?, type: String? = nil) -> CORSRuleSet {
            var result = CORSRuleSet(listNode: list, listKey: key, resourceType: type)
            guard let list else { return result }
            if tree[list].kind == .array {
                for element in tree.children(of: list) {
                    if tree[element].kind == .object {
                        result.rules.append(CORSDocument.readRule(element, index: Int(tree[element].index), provider: provider, in: tree))
                    } else {
                        result.nonObjectEntries.append(element)
                    }
                }
            } else if tree[list].kind == .object, CORSDocument.looksLikeRule(list, provider: provider, in: tree) {
                // `"CORSRules": {...}`: one rule where a list belongs; C301 reports, the rest read it.
                result.rules.append(CORSDocument.readRule(list, index: 0, provider: provider, in: tree))
            }
            return result
        }

        switch (provider, tree[root].kind) {
        case (.gcs, .array):
            form = .gcsList
            sets = [set(list: root, key: nil)]
        case (.gcs, .object):
            if let cors = tree.member("cors", of: root) {
                form = .gcsBucketResource
                sets = [set(list: cors, key: "cors")]
            } else if CORSDocument.looksLikeRule(root, provider: provider, in: tree) {
                form = .singleRule
                sets = [CORSRuleSet(listNode: nil, listKey: nil, rules: [CORSDocument.readRule(root, index: 0, provider: provider, in: tree)])]
            }
        case (.s3, .array):
            let wrapped = tree.children(of: root).first { tree[$0].kind == .object && tree.member("CORSRules", of: $0) != nil }
            if let wrapped, let inner = tree.member("CORSRules", of: wrapped) {
                form = .s3WrappedInArray
                sets = [set(list: inner, key: "CORSRules")]
            } else {
                form = .s3Console
                sets = [set(list: root, key: nil)]
            }
        case (.s3, .object):
            if let rules = tree.member("CORSRules", of: root) {
                form = .s3CLI
                sets = [set(list: rules, key: "CORSRules")]
            } else if let configuration = tree.member("CORSConfiguration", of: root) {
                form = .s3CLIInput
                let rules = tree[configuration].kind == .object ? tree.member("CORSRules", of: configuration) : nil
                sets = [set(list: rules, key: "CORSRules")]
            } else if CORSDocument.looksLikeRule(root, provider: provider, in: tree) {
                form = .singleRule
                sets = [CORSRuleSet(listNode: nil, listKey: nil, rules: [CORSDocument.readRule(root, index: 0, provider: provider, in: tree)])]
            }
        case (.azure, .array):
            form = .azureList
            sets = [set(list: root, key: nil)]
        case (.azure, .object):
            let locations = KindDetector.azureRulesLocations(root, in: tree)
            if !locations.isEmpty {
                if tree.member("corsRules", of: root) != nil {
                    form = .azureRules
                } else if tree.member("resources", of: root) != nil {
                    form = .azureTemplate
                } else {
                    form = .azureServiceProperties
                }
                sets = locations.map { set(list: $0, key: "corsRules", type: CORSDocument.resourceType(around: $0, in: tree)) }
            } else if CORSDocument.looksLikeRule(root, provider: provider, in: tree) {
                form = .singleRule
                sets = [CORSRuleSet(listNode: nil, listKey: nil, rules: [CORSDocument.readRule(root, index: 0, provider: provider, in: tree)])]
            }
        default:
            break
        }
        self.form = form
        self.ruleSets = sets
    }

    /// Whether an object carries at least one field name of `provider` (or of another provider,
    /// so that a rule written with the wrong names is still read as a rule).
    static func looksLikeRule(_ object: JSONTree.Index, provider: CORSProvider, in tree: JSONTree) -> Bool {
        guard tree[object].kind == .object else { return false }
        for member in tree.children(of: object) {
            guard let key = tree.key(of: member) else { continue }
            if provider.field(named: key) != nil || provider.foreignProvider(of: key) != nil { return true }
        }
        return false
    }

    static func readRule(_ object: JSONTree.Index, index: Int, provider: CORSProvider, in tree: JSONTree) -> CORSRule {
        var rule = CORSRule(provider: provider, node: object, index: index)
        for member in tree.children(of: object) {
            guard let key = tree.key(of: member) else { continue }
            if let field = provider.field(named: key) {
                rule.fields[field] = member
            } else {
                rule.otherMembers.append(member)
            }
        }
        for (field, node) in rule.fields {
            switch field {
            case .origins: rule.origins = listValue(node, in: tree)
            case .methods: rule.methods = listValue(node, in: tree)
            case .allowedHeaders: rule.allowedHeaders = listValue(node, in: tree)
            case .exposeHeaders: rule.exposeHeaders = listValue(node, in: tree)
            case .responseHeaders: rule.responseHeaders = listValue(node, in: tree)
            case .id: rule.id = tree.string(node)
            case .maxAge: rule.maxAgeText = tree.sourceText(node)
            }
        }
        return rule
    }

    static func listValue(_ node: JSONTree.Index, in tree: JSONTree) -> CORSListValue {
        switch tree[node].kind {
        case .array:
            return .list(node, tree.children(of: node).map { value($0, in: tree) })
        case .string:
            let entry = value(node, in: tree)
            return entry.isExpression ? .expression(node) : .scalar(node, entry)
        default:
            return .scalar(node, CORSValue(node: node, text: nil, isExpression: false))
        }
    }

    static func value(_ node: JSONTree.Index, in tree: JSONTree) -> CORSValue {
        let text = tree.string(node)
        return CORSValue(node: node, text: text, isExpression: text.map(isARMExpression) ?? false)
    }

    /// `"[parameters('x')]"`; `"[[literal"` is ARM's escape for a literal bracket.
    public static func isARMExpression(_ text: String) -> Bool {
        text.hasPrefix("[") && text.hasSuffix("]") && !text.hasPrefix("[[") && text.count >= 2
    }

    /// The `type` of the nearest enclosing object that has one (an ARM resource).
    static func resourceType(around node: JSONTree.Index, in tree: JSONTree) -> String? {
        var current = tree[node].parent
        while current != JSONNode.none {
            if tree[current].kind == .object, let type = tree.member("type", of: current), let text = tree.string(type) {
                return text
            }
            current = tree[current].parent
        }
        return nil
    }

    /// The key member of rule `rule`'s field `field`, for messages and pointers even when absent.
    public func fieldName(_ field: CORSField) -> String { provider.name(of: field) ?? field.rawValue }
}
