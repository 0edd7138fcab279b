import Foundation
import Yams

// MARK: - Schema

/// The keys each section accepts, in the order they are listed in messages.
enum ConfigurationSchema {
    static let root = ["files", "storage", "hub", "assets", "rules", "overrides", "baseline", "custom", "json", "inventory"]
    static let files = ["manifests", "cors", "serviceAccounts", "exclude"]
    static let storage = ["provider", "buckets"]
    static let hub = ["origins", "methods", "limits"]
    static let limitProviders = ["gcs", "s3", "azure"]
    static let assets = ["extensions", "maxDimension"]
    static let rules = ["select", "ignore", "severity"]
    static let override = ["files", "select", "ignore", "severity"]
    static let custom = [
        "id", "name", "kind", "pointer", "pattern", "enum", "minLength", "maxLength", "unique", "hosts", "severity",
        "message",
    ]
    static let customChecks = ["pattern", "enum", "minLength", "maxLength", "unique", "hosts"]
    static let json = ["maxDepth"]

    /// Nested keys, for a top-level key that belongs one level down ("select" → "rules.select").
    static let nested: [(section: String, keys: [String])] = [
        ("files", files), ("storage", storage), ("hub", hub), ("assets", assets), ("rules", rules), ("json", json),
    ]

    /// Methods a CORS rule can allow (upper case, as every provider spells them).
    static let httpMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "MERGE"]

    /// Words people use for a key that has another name here.
    static let aliases: [String: String] = [
        "enable": "select", "enabled": "select", "include": "select", "disable": "ignore", "disabled": "ignore",
        "skip": "ignore", "exclude": "ignore", "level": "severity", "levels": "severity",
    ]
}

// MARK: - Decoder

/// One validation run over one configuration text.
final class ConfigurationDecoder {
    let path: String
    let text: String
    let isKnownRuleSelector: (String) -> Bool
    var configuration: Configuration
    var errors: [ConfigurationError] = []
    /// Custom rule ids and names defined in this file, which selectors may name.
    private var customIDs: [String] = []
    private var customNames: Set<String> = []
    /// Merge-key expansions left: `<<` of `<<` of … can otherwise grow exponentially.
    private var mergeBudget = 10_000

    /// Deeper than this, the configuration is rejected before Yams composes it: Yams composes
    /// recursively, and a file of nested brackets would overflow the stack of a worker thread.
    static let maximumNesting = 100

    init(path: String, directory: String, text: String, isKnownRuleSelector: @escaping (String) -> Bool) {
        self.path = path
        self.text = text
        self.isKnownRuleSelector = isKnownRuleSelector
        self.configuration = Configuration(path: path, directory: directory)
    }

    // MARK: Entry point

    func run() {
        if let (line, column) = ConfigurationDecoder.firstPositionNestedTooDeep(text) {
            fail(line: line, column: column,
                 "the configuration nests deeper than \(ConfigurationDecoder.maximumNesting) levels")
            return
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            report(yamlError: error)
            return
        } catch {
            fail(line: 1, column: 1, "cannot parse the configuration: \(error)")
            return
        }
        guard let root, !isNull(root) else { return }  // An empty file: the defaults.
        guard case .mapping = root else {
            fail(root, "the configuration must be a mapping of settings (files:, storage:, rules:, …), found \(describe(root))")
            return
        }
        let entries = mappingEntries(root)
        // Custom rules first: selectors elsewhere may name them.
        for entry in entries where entry.key == "custom" { decodeCustom(entry.value) }
        for entry in entries {
            if isNull(entry.value) { continue }  // `key:` with no value: as if absent.
            switch entry.key {
            case "files": decodeFiles(entry.value)
            case "storage": decodeStorage(entry.value)
            case "hub": decodeHub(entry.value)
            case "assets": decodeAssets(entry.value)
            case "rules": decodeRules(entry.value)
            case "overrides": decodeOverrides(entry.value)
            case "baseline": decodeBaseline(entry.value)
            case "custom": break
            case "json": decodeJSON(entry.value)
            case "inventory": decodeInventory(entry.value)
            default: unknownKey(entry, section: nil, allowed: ConfigurationSchema.root)
            }
        }
    }

    /// Where the nesting of block collections (by indentation and compact `- ` items) plus flow
    /// collections (`[`, `{` outside quoted scalars, comments and block scalars) first exceeds
    /// `maximumNesting`. A cheap over-estimate of what libyaml will see: ordinary files stay far
    /// below the limit, a file of thousands of nested brackets is caught.
    static func firstPositionNestedTooDeep(_ text: String) -> (line: Int, column: Int)? {
        var indentation: [Int] = []
        var flowDepth = 0
        var quote: Unicode.Scalar?
        /// Inside a block scalar (`|`, `>`): lines indented more than this are its text.
        var blockScalarParent: Int?
        var line = 0
        // Split on the scalar: in Swift "\r\n" is one Character, which a Character split would miss.
        for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let scalars = Array(rawLine)
            var index = 0
            while index < scalars.count, scalars[index] == " " { index += 1 }
            let leading = index
            let blank = index == scalars.count || scalars[index] == "\r"
            if let parent = blockScalarParent {
                if blank || index > parent { continue }
                blockScalarParent = nil
            }
            if quote == nil && flowDepth == 0 {
                if blank || scalars[index] == "#" { continue }
                while let last = indentation.last, last >= index { indentation.removeLast() }
                indentation.append(index)
                // Compact nested items: `- - - a`.
                while index + 1 < scalars.count, scalars[index] == "-" || scalars[index] == "?",
                    scalars[index + 1] == " "
                {
                    index += 2
                    while index < scalars.count, scalars[index] == " " { index += 1 }
                    indentation.append(index)
                    if indentation.count > maximumNesting { return (line, index + 1) }
                }
                if indentation.count > maximumNesting { return (line, index + 1) }
            }
            var previous: Unicode.Scalar?  // the last non-space scalar outside quotes on this line
            var lastToken: [Unicode.Scalar] = []
            while index < scalars.count {
                let scalar = scalars[index]
                if let open = quote {
                    if open == "\"" && scalar == "\\" {
                        index += 1
                    } else if scalar == open {
                        if open == "'" && index + 1 < scalars.count && scalars[index + 1] == "'" {
                            index += 1  // '' is a quote inside a single-quoted scalar
                        } else {
                            quote = nil
                            previous = scalar
                        }
                    }
                    index += 1
                    continue
                }
                let startsToken = previous == nil || "[{,:-?".unicodeScalars.contains(previous!)
                switch scalar {
                case "\"" where startsToken, "'" where startsToken:
                    quote = scalar
                case "#" where index == 0 || scalars[index - 1] == " " || scalars[index - 1] == "\t":
                    index = scalars.count
                    continue
                case "[", "{":
                    flowDepth += 1
                    if indentation.count + flowDepth > maximumNesting { return (line, index + 1) }
                case "]", "}":
                    flowDepth = max(0, flowDepth - 1)
                default:
                    break
                }
                if scalar == " " || scalar == "\t" || scalar == "\r" {
                    if !lastToken.isEmpty { lastToken = [] }
                } else {
                    if index > 0, scalars[index - 1] == " " || scalars[index - 1] == "\t" { lastToken = [] }
                    lastToken.append(scalar)
                    previous = scalar
                }
                index += 1
            }
            // A block scalar header (`|`, `>-`, `|2+` …) ends the line: skip its text.
            if quote == nil, flowDepth == 0, let first = lastToken.first, first == "|" || first == ">",
                lastToken.dropFirst().allSatisfy({ $0 == "-" || $0 == "+" || ("1"..."9").contains($0) })
            {
                blockScalarParent = leading
            }
        }
        return nil
    }

    // MARK: Sections

    private func decodeFiles(_ node: Node) {
        guard let entries = section(node, "files") else { return }
        for entry in entries where !isNull(entry.value) {
            let keyPath = "files.\(entry.key)"
            switch entry.key {
            case "manifests": if let globs = globList(entry.value, keyPath) { configuration.files.manifests = globs }
            case "cors": if let globs = globList(entry.value, keyPath) { configuration.files.cors = globs }
            case "serviceAccounts":
                if let globs = globList(entry.value, keyPath) { configuration.files.serviceAccounts = globs }
            case "exclude": if let globs = globList(entry.value, keyPath) { configuration.files.exclude = globs }
            default: unknownKey(entry, section: "files", allowed: ConfigurationSchema.files)
            }
        }
    }

    private func decodeStorage(_ node: Node) {
        guard let entries = section(node, "storage") else { return }
        for entry in entries where !isNull(entry.value) {
            switch entry.key {
            case "provider":
                guard let value = string(entry.value, "storage.provider") else { continue }
                if let provider = Configuration.ProviderChoice(rawValue: value) {
                    configuration.storage.provider = provider
                } else {
                    let choices = ["gcs", "s3", "azure", "any"]
                    fail(entry.value, "invalid storage provider '\(value)': expected one of \(choices.joined(separator: ", "))"
                        + suggestion(for: value, among: choices))
                }
            case "buckets":
                guard let items = stringItems(entry.value, "storage.buckets") else { continue }
                var buckets: [String] = []
                for (node, bucket) in items {
                    if let problem = bucketProblem(bucket) { fail(node, problem) } else { buckets.append(bucket) }
                }
                configuration.storage.buckets = buckets
            default: unknownKey(entry, section: "storage", allowed: ConfigurationSchema.storage)
            }
        }
    }

    private func decodeHub(_ node: Node) {
        guard let entries = section(node, "hub") else { return }
        for entry in entries where !isNull(entry.value) {
            switch entry.key {
            case "origins":
                guard let items = stringItems(entry.value, "hub.origins") else { continue }
                var origins: [String] = []
                for (node, origin) in items {
                    if let problem = originProblem(origin) { fail(node, problem) } else { origins.append(origin) }
                }
                configuration.hub.origins = origins
            case "methods":
                guard let items = stringItems(entry.value, "hub.methods") else { continue }
                var methods: [String] = []
                for (node, method) in items {
                    if ConfigurationSchema.httpMethods.contains(method) {
                        methods.append(method)
                    } else if ConfigurationSchema.httpMethods.contains(method.uppercased()) {
                        fail(node, "HTTP methods are upper case: write '\(method.uppercased())' instead of '\(method)'")
                    } else {
                        fail(node, "unknown HTTP method '\(method)': expected one of "
                            + ConfigurationSchema.httpMethods.joined(separator: ", "))
                    }
                }
                configuration.hub.methods = methods
            case "limits":
                decodeLimits(entry.value)
            default: unknownKey(entry, section: "hub", allowed: ConfigurationSchema.hub)
            }
        }
    }

    private func decodeLimits(_ node: Node) {
        guard let entries = section(node, "hub.limits") else { return }
        var limits: [String: [String: Int]] = [:]
        for entry in entries where !isNull(entry.value) {
            guard ConfigurationSchema.limitProviders.contains(entry.key) else {
                fail(entry.keyNode, "unknown provider '\(entry.key)' in 'hub.limits': expected one of "
                    + ConfigurationSchema.limitProviders.joined(separator: ", ")
                    + suggestion(for: entry.key, among: ConfigurationSchema.limitProviders))
                continue
            }
            let keyPath = "hub.limits.\(entry.key)"
            guard let providerEntries = section(entry.value, keyPath) else { continue }
            var values: [String: Int] = [:]
            for limit in providerEntries where !isNull(limit.value) {
                guard isIdentifier(limit.key) else {
                    fail(limit.keyNode, "invalid limit name '\(limit.key)' in '\(keyPath)': use a name like 'maxRules'")
                    continue
                }
                if let value = positiveInteger(limit.value, "\(keyPath).\(limit.key)") { values[limit.key] = value }
            }
            limits[entry.key] = values
        }
        configuration.hub.limits = limits
    }

    private func decodeAssets(_ node: Node) {
        guard let entries = section(node, "assets") else { return }
        for entry in entries where !isNull(entry.value) {
            switch entry.key {
            case "extensions":
                guard let items = stringItems(entry.value, "assets.extensions") else { continue }
                var extensions: [String] = []
                for (node, raw) in items {
                    var value = Substring(raw)
                    if value.hasPrefix(".") { value = value.dropFirst() }
                    if value.isEmpty || value.contains(where: { $0 == "/" || $0 == "." || $0.isWhitespace }) {
                        fail(node, "invalid file extension '\(raw)': write it without the dot, like 'jpg'")
                        continue
                    }
                    let normalised = value.lowercased()
                    if !extensions.contains(normalised) { extensions.append(normalised) }
                }
                configuration.assets.extensions = extensions
            case "maxDimension":
                if let value = positiveInteger(entry.value, "assets.maxDimension") {
                    configuration.assets.maxDimension = value
                }
            default: unknownKey(entry, section: "assets", allowed: ConfigurationSchema.assets)
            }
        }
    }

    private func decodeRules(_ node: Node) {
        guard let entries = section(node, "rules") else { return }
        for entry in entries where !isNull(entry.value) {
            switch entry.key {
            case "select": if let list = selectorList(entry.value, "rules.select") { configuration.rules.select = list }
            case "ignore": if let list = selectorList(entry.value, "rules.ignore") { configuration.rules.ignore = list }
            case "severity":
                if let map = severityMap(entry.value, "rules.severity") { configuration.rules.severity = map }
            default: unknownKey(entry, section: "rules", allowed: ConfigurationSchema.rules)
            }
        }
    }

    private func decodeOverrides(_ node: Node) {
        guard case .sequence(let sequence) = node else {
            typeMismatch(node, "overrides", expected: "a list of overrides (- files: [...])")
            return
        }
        var overrides: [Configuration.Override] = []
        for (index, item) in sequence.enumerated() {
            let keyPath = "overrides[\(index)]"
            guard let entries = section(item, keyPath) else { continue }
            var override = Configuration.Override(files: [])
            var hasFiles = false
            var valid = true
            for entry in entries {
                if isNull(entry.value) { continue }
                switch entry.key {
                case "files":
                    if let globs = globList(entry.value, "\(keyPath).files") {
                        override.files = globs
                        hasFiles = true
                        if globs.isEmpty {
                            fail(entry.value, "'\(keyPath).files' is empty: list the globs the override applies to")
                            valid = false
                        }
                    } else {
                        valid = false
                    }
                case "select": override.select = selectorList(entry.value, "\(keyPath).select")
                case "ignore": override.ignore = selectorList(entry.value, "\(keyPath).ignore") ?? []
                case "severity": override.severity = severityMap(entry.value, "\(keyPath).severity") ?? [:]
                default: unknownKey(entry, section: keyPath, allowed: ConfigurationSchema.override)
                }
            }
            if !hasFiles && valid {
                fail(item, "override is missing 'files': the globs of the files it applies to")
                valid = false
            }
            if valid { overrides.append(override) }
        }
        configuration.overrides = overrides
    }

    private func decodeBaseline(_ node: Node) {
        guard let value = string(node, "baseline") else { return }
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            fail(node, "'baseline' is empty: name the baseline file, like .assetlint-baseline.json")
            return
        }
        configuration.baseline = ConfigPathNormalization.absolute(value, base: configuration.directory)
    }

    /// Bucket listings, as `--inventory` takes them: `FILE` or `BUCKET=FILE`, files relative to
    /// this configuration's folder.
    private func decodeInventory(_ node: Node) {
        guard let items = stringItems(node, "inventory") else { return }
        var sources: [InventorySource] = []
        for (index, (item, value)) in items.enumerated() {
            switch InventorySource.parse(value) {
            case .success(var source):
                source.path = ConfigPathNormalization.absolute(source.path, base: configuration.directory)
                sources.append(source)
            case .failure(let error):
                fail(item, "'inventory[\(index)]': \(error.message)")
            }
        }
        configuration.inventory = sources
    }

    private func decodeJSON(_ node: Node) {
        guard let entries = section(node, "json") else { return }
        for entry in entries where !isNull(entry.value) {
            switch entry.key {
            case "maxDepth":
                if let value = positiveInteger(entry.value, "json.maxDepth") { configuration.json.maxDepth = value }
            default: unknownKey(entry, section: "json", allowed: ConfigurationSchema.json)
            }
        }
    }

    // MARK: Custom rules

    private func decodeCustom(_ node: Node) {
        if isNull(node) { return }
        guard case .sequence(let sequence) = node else {
            typeMismatch(node, "custom", expected: "a list of rules (- id: X001 ...)")
            return
        }
        var definitions: [Configuration.CustomRuleDefinition] = []
        var firstID: [String: Mark] = [:]
        var firstName: [String: Mark] = [:]
        for (index, item) in sequence.enumerated() {
            let keyPath = "custom[\(index)]"
            guard let entries = section(item, keyPath) else { continue }
            let errorCount = errors.count
            var id: String?
            var name: String?
            var pointer: String?
            var message: String?
            var kind: DocumentKind?
            var pattern: String?
            var allowedValues: [String]?
            var minLength: (Int, Node)?
            var maxLength: Int?
            var unique = false
            var hosts: [String]?
            var severity = Severity.error
            for entry in entries {
                let fieldPath = "\(keyPath).\(entry.key)"
                switch entry.key {
                case "id":
                    guard let value = requiredString(entry, fieldPath) else { continue }
                    if !isCustomID(value) {
                        let fixed = value.uppercased()
                        fail(entry.value, "invalid custom rule id '\(value)': custom ids are 'X' and three digits, like 'X001'"
                            + (isCustomID(fixed) ? "; did you mean '\(fixed)'?" : ""))
                    } else if let first = firstID[value] {
                        fail(entry.value, "duplicate custom rule id '\(value)': already used at \(position(first))")
                    } else {
                        firstID[value] = entry.value.mark
                        id = value
                    }
                case "name":
                    guard let value = requiredString(entry, fieldPath) else { continue }
                    if !isKebabCase(value) {
                        fail(entry.value, "invalid custom rule name '\(value)': use lower-case words joined by '-', like 'external-id-slug'")
                    } else if let first = firstName[value] {
                        fail(entry.value, "duplicate custom rule name '\(value)': already used at \(position(first))")
                    } else if isKnownRuleSelector(value) {
                        fail(entry.value, "custom rule name '\(value)' is already the name of a built-in rule; choose another")
                    } else {
                        firstName[value] = entry.value.mark
                        name = value
                    }
                case "kind":
                    guard !isNull(entry.value), let value = string(entry.value, fieldPath) else { continue }
                    if let parsed = DocumentKind(rawValue: value) {
                        kind = parsed
                    } else {
                        let kinds = DocumentKind.allCases.map(\.rawValue)
                        fail(entry.value, "invalid kind '\(value)': expected one of \(kinds.joined(separator: ", "))"
                            + suggestion(for: value, among: kinds))
                    }
                case "pointer":
                    guard let value = requiredString(entry, fieldPath, allowEmpty: true) else { continue }
                    if let problem = pointerProblem(value) { fail(entry.value, problem) } else { pointer = value }
                case "pattern":
                    guard !isNull(entry.value), let value = string(entry.value, fieldPath) else { continue }
                    if let problem = regexProblem(value) {
                        fail(entry.value, "invalid regular expression in '\(fieldPath)': \(problem)")
                    } else {
                        pattern = value
                    }
                case "enum":
                    guard !isNull(entry.value), let items = stringItems(entry.value, fieldPath) else { continue }
                    if items.isEmpty {
                        fail(entry.value, "'\(fieldPath)' is empty: list the allowed values")
                    } else {
                        allowedValues = items.map(\.value)
                    }
                case "minLength":
                    guard !isNull(entry.value) else { continue }
                    if let value = nonNegativeInteger(entry.value, fieldPath) { minLength = (value, entry.value) }
                case "maxLength":
                    guard !isNull(entry.value) else { continue }
                    maxLength = nonNegativeInteger(entry.value, fieldPath)
                case "unique":
                    guard !isNull(entry.value), let value = boolean(entry.value, fieldPath) else { continue }
                    unique = value
                case "hosts":
                    guard !isNull(entry.value), let items = stringItems(entry.value, fieldPath) else { continue }
                    var values: [String] = []
                    for (node, host) in items {
                        if let problem = hostProblem(host) { fail(node, problem) } else { values.append(host.lowercased()) }
                    }
                    if items.isEmpty { fail(entry.value, "'\(fieldPath)' is empty: list the allowed hosts") }
                    hosts = values
                case "severity":
                    guard !isNull(entry.value), let value = self.severity(entry.value, fieldPath) else { continue }
                    severity = value
                case "message":
                    guard let value = requiredString(entry, fieldPath) else { continue }
                    message = value
                default:
                    unknownKey(entry, section: keyPath, allowed: ConfigurationSchema.custom)
                }
            }
            let present = Set(entries.filter { !isNull($0.value) }.map(\.key))
            for required in ["id", "name", "pointer", "message"] where !present.contains(required) {
                fail(item, "custom rule is missing '\(required)'" + requiredHint(required))
            }
            let hasCheck = entries.contains { entry in
                ConfigurationSchema.customChecks.contains(entry.key) && !isNull(entry.value)
                    && !(entry.key == "unique" && entry.value.bool == false)
            }
            if !hasCheck {
                fail(item, "custom rule \(id.map { "'\($0)' " } ?? "")has no check: add one of "
                    + ConfigurationSchema.customChecks.joined(separator: ", "))
            }
            if let (min, minNode) = minLength, let maxLength, min > maxLength {
                fail(minNode, "'\(keyPath).minLength' (\(min)) is greater than 'maxLength' (\(maxLength))")
            }
            guard errors.count == errorCount, let id, let name, let pointer, let message else { continue }
            var definition = Configuration.CustomRuleDefinition(id: id, name: name, pointer: pointer, message: message)
            definition.kind = kind
            definition.pattern = pattern
            definition.allowedValues = allowedValues
            definition.minLength = minLength?.0
            definition.maxLength = maxLength
            definition.unique = unique
            definition.hosts = hosts
            definition.severity = severity
            let mark = item.mark
            definition.line = mark?.line ?? 1
            definition.column = mark?.column ?? 1
            definitions.append(definition)
        }
        // Selectors may name every custom rule that was well formed enough to have an id or a name.
        customIDs = Array(firstID.keys)
        customNames = Set(firstName.keys)
        configuration.custom = definitions
    }

    private func requiredHint(_ key: String) -> String {
        switch key {
        case "id": return " (an id like 'X001')"
        case "name": return " (a kebab-case name like 'external-id-slug')"
        case "pointer": return " (the JSON Pointer of the checked values, like '/*/externalId')"
        default: return " (what the diagnostic says)"
        }
    }

    private func requiredString(_ entry: Entry, _ keyPath: String, allowEmpty: Bool = false) -> String? {
        if isNull(entry.value) {
            fail(entry.value, "'\(keyPath)' has no value")
            return nil
        }
        guard let value = string(entry.value, keyPath) else { return nil }
        if !allowEmpty, value.trimmingCharacters(in: .whitespaces).isEmpty {
            fail(entry.value, "'\(keyPath)' is empty")
            return nil
        }
        return value
    }

    // MARK: Value readers

    typealias Entry = (key: String, keyNode: Node, value: Node)

    /// The entries of a mapping, with `<<` merge keys expanded; reports keys that are not strings
    /// and keys that appear twice.
    private func mappingEntries(_ node: Node) -> [Entry] {
        guard case .mapping(let mapping) = node else { return [] }
        var entries: [Entry] = []
        var merged: [Entry] = []
        var seen: [String: Mark?] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                fail(keyNode, "keys must be plain strings, found \(describe(keyNode))")
                continue
            }
            if scalar.string == "<<", keyNode.tag.description == Tag.Name.merge.rawValue {
                let sources: [Node]
                switch value {
                case .mapping: sources = [value]
                case .sequence(let sequence): sources = Array(sequence)
                default:
                    fail(value, "a merge key '<<' needs a mapping or a list of mappings, found \(describe(value))")
                    continue
                }
                for source in sources {
                    guard case .mapping = source else {
                        fail(source, "a merge key '<<' needs mappings, found \(describe(source))")
                        continue
                    }
                    mergeBudget -= 1
                    guard mergeBudget >= 0 else {
                        if mergeBudget == -1 { fail(keyNode, "too many merge keys ('<<') to expand") }
                        continue
                    }
                    merged.append(contentsOf: mappingEntries(source))
                }
                continue
            }
            let key = scalar.string
            if let first = seen[key] {
                fail(keyNode, "duplicate key '\(key)': it is already set at \(first.map(position) ?? "an earlier line"); YAML keeps only one of them")
                continue
            }
            seen[key] = keyNode.mark
            entries.append((key, keyNode, value))
        }
        // Explicit keys win over merged ones; among merged ones the first wins.
        for entry in merged where seen[entry.key] == nil {
            seen[entry.key] = entry.keyNode.mark
            entries.append(entry)
        }
        return entries
    }

    /// The entries of a section that must be a mapping.
    private func section(_ node: Node, _ keyPath: String) -> [Entry]? {
        guard case .mapping = node else {
            typeMismatch(node, keyPath, expected: "a mapping")
            return nil
        }
        return mappingEntries(node)
    }

    /// A scalar read as the text written (YAML would read `yes` or `2024` as a boolean or a number,
    /// but every field read here is a string, so the text is what the user meant).
    private func string(_ node: Node, _ keyPath: String) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            typeMismatch(node, keyPath, expected: "a string")
            return nil
        }
        return scalar.string
    }

    /// A list of strings, each with its node.
    private func stringItems(_ node: Node, _ keyPath: String) -> [(node: Node, value: String)]? {
        guard case .sequence(let sequence) = node else {
            if case .scalar(let scalar) = node {
                fail(node, "'\(keyPath)' must be a list, found \(describe(node)); write [\(quoted(scalar.string))]")
            } else {
                typeMismatch(node, keyPath, expected: "a list")
            }
            return nil
        }
        var items: [(node: Node, value: String)] = []
        var valid = true
        for (index, item) in sequence.enumerated() {
            guard case .scalar(let scalar) = item, !isNull(item) else {
                typeMismatch(item, "\(keyPath)[\(index)]", expected: "a string")
                valid = false
                continue
            }
            items.append((item, scalar.string))
        }
        return valid ? items : nil
    }

    private func globList(_ node: Node, _ keyPath: String) -> [String]? {
        guard let items = stringItems(node, keyPath) else { return nil }
        var valid = true
        for (node, pattern) in items {
            if let problem = Glob.syntaxError(in: pattern) {
                fail(node, "invalid glob '\(pattern)' in '\(keyPath)': \(problem)")
                valid = false
            }
        }
        return valid ? items.map(\.value) : nil
    }

    private func selectorList(_ node: Node, _ keyPath: String) -> [String]? {
        guard let items = stringItems(node, keyPath) else { return nil }
        var selectors: [String] = []
        for (node, selector) in items {
            if checkSelector(selector, node: node, keyPath: keyPath) { selectors.append(selector) }
        }
        return selectors
    }

    private func severityMap(_ node: Node, _ keyPath: String) -> [String: Severity]? {
        guard let entries = section(node, keyPath) else { return nil }
        var map: [String: Severity] = [:]
        for entry in entries {
            guard checkSelector(entry.key, node: entry.keyNode, keyPath: keyPath) else { continue }
            if isNull(entry.value) {
                fail(entry.value, "no severity for '\(entry.key)': expected one of error, warning, info")
                continue
            }
            if let severity = severity(entry.value, "\(keyPath).\(entry.key)") { map[entry.key] = severity }
        }
        return map
    }

    private func checkSelector(_ selector: String, node: Node, keyPath: String) -> Bool {
        if isKnownSelector(selector) { return true }
        var message = "unknown rule '\(selector)' in '\(keyPath)'"
        let candidates = [selector.uppercased(), selector.lowercased().replacingOccurrences(of: "_", with: "-")]
        if let fixed = candidates.first(where: { $0 != selector && isKnownSelector($0) }) {
            message += "; did you mean '\(fixed)'?"
        } else {
            message += ": expected a rule id (U204), a name (url-plus-in-path), an id prefix (U, U2) or ALL"
        }
        fail(node, message)
        return false
    }

    private func isKnownSelector(_ selector: String) -> Bool {
        if selector == "ALL" || isKnownRuleSelector(selector) { return true }
        if customNames.contains(selector) { return true }
        return selector.hasPrefix("X") && customIDs.contains { $0.hasPrefix(selector) }
    }

    private func severity(_ node: Node, _ keyPath: String) -> Severity? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            typeMismatch(node, keyPath, expected: "one of error, warning, info")
            return nil
        }
        let value = scalar.string
        if let severity = Severity(rawValue: value) { return severity }
        let choices = ["error", "warning", "info"]
        var message = "invalid severity '\(value)': expected one of error, warning, info"
        if ["off", "false", "no", "none", "ignore", "disable", "disabled"].contains(value.lowercased()) {
            message += " (to turn a rule off, list it in 'ignore')"
        } else {
            message += suggestion(for: value, among: choices)
        }
        fail(node, message)
        return nil
    }

    private func positiveInteger(_ node: Node, _ keyPath: String) -> Int? {
        guard let value = integer(node, keyPath, requirement: "a positive integer") else { return nil }
        guard value > 0 else {
            fail(node, "'\(keyPath)' must be a positive integer, found \(value)")
            return nil
        }
        return value
    }

    private func nonNegativeInteger(_ node: Node, _ keyPath: String) -> Int? {
        guard let value = integer(node, keyPath, requirement: "a non-negative integer") else { return nil }
        guard value >= 0 else {
            fail(node, "'\(keyPath)' must be a non-negative integer, found \(value)")
            return nil
        }
        return value
    }

    private func integer(_ node: Node, _ keyPath: String, requirement: String) -> Int? {
        guard case .scalar(let scalar) = node, scalarType(node) == .int else {
            if case .scalar(let scalar) = node, scalar.style != .plain, Int(scalar.string) != nil {
                fail(node, "'\(keyPath)' must be \(requirement), found a quoted string; remove the quotes")
            } else {
                typeMismatch(node, keyPath, expected: requirement)
            }
            return nil
        }
        guard let value = Int.construct(from: scalar) else {
            fail(node, "'\(keyPath)' is out of range: \(scalar.string)")
            return nil
        }
        return value
    }

    private func boolean(_ node: Node, _ keyPath: String) -> Bool? {
        guard case .scalar(let scalar) = node, scalarType(node) == .bool, let value = Bool.construct(from: scalar) else {
            typeMismatch(node, keyPath, expected: "true or false")
            return nil
        }
        return value
    }

    // MARK: Value checks

    private func isCustomID(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        return scalars.count == 4 && scalars[0] == "X" && scalars[1...].allSatisfy { ("0"..."9").contains($0) }
    }

    private func isKebabCase(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard let first = scalars.first, ("a"..."z").contains(first), scalars.last != "-" else { return false }
        var previousDash = false
        for scalar in scalars {
            if scalar == "-" {
                if previousDash { return false }
                previousDash = true
            } else if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                previousDash = false
            } else {
                return false
            }
        }
        return true
    }

    private func isIdentifier(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard let first = scalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// RFC 6901, plus `*` as a whole reference token for any array index or key.
    private func pointerProblem(_ pointer: String) -> String? {
        if pointer.isEmpty { return nil }
        guard pointer.hasPrefix("/") else {
            return "invalid JSON Pointer '\(pointer)': it must start with '/' (like '/*/externalId'), or be empty for the whole document"
        }
        let scalars = Array(pointer.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "~" {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if next != "0" && next != "1" {
                return "invalid JSON Pointer '\(pointer)': '~' must be followed by 0 ('~' itself) or 1 ('/')"
            }
        }
        return nil
    }

    /// Why the pattern would not compile, for both NSRegularExpression (ICU) and Swift `Regex`, so
    /// rules may use either.
    private func regexProblem(_ pattern: String) -> String? {
        var swiftProblem: String?
        do {
            _ = try Regex(pattern)
        } catch {
            swiftProblem = "\(error)"
        }
        do {
            _ = try NSRegularExpression(pattern: pattern)
        } catch {
            return swiftProblem ?? "the pattern is not valid ICU regular expression syntax"
        }
        return swiftProblem
    }

    private func bucketProblem(_ bucket: String) -> String? {
        if bucket.trimmingCharacters(in: .whitespaces).isEmpty { return "empty bucket name in 'storage.buckets'" }
        if let range = bucket.range(of: "://") {
            let rest = bucket[range.upperBound...]
            let name = rest.split(separator: "/").first.map(String.init) ?? String(rest)
            return "'\(bucket)' is a URL; 'storage.buckets' lists bucket names, like '\(name)'"
        }
        if bucket.contains(where: { $0.isWhitespace }) { return "bucket name '\(bucket)' contains whitespace" }
        return nil
    }

    private func hostProblem(_ host: String) -> String? {
        if host.isEmpty { return "empty host name" }
        if host.contains("://") || host.contains("/") {
            return "'\(host)' is not a host name: write only the host, like 'storage.googleapis.com'"
        }
        if host.contains(where: { $0.isWhitespace }) { return "host name '\(host)' contains whitespace" }
        return nil
    }

    /// Why `origin` is not `scheme://host[:port]` as a browser sends it, or nil.
    private func originProblem(_ origin: String) -> String? {
        let shown = "origin '\(origin)'"
        guard let separator = origin.range(of: "://") else {
            return "\(shown) has no scheme: write it as a browser sends it, like 'https://\(origin.trimmingCharacters(in: CharacterSet(charactersIn: "/")))'"
        }
        if origin.contains(where: { $0.isWhitespace }) { return "\(shown) contains whitespace" }
        let scheme = String(origin[..<separator.lowerBound])
        var rest = Substring(origin[separator.upperBound...])
        guard let first = scheme.unicodeScalars.first, first.properties.isAlphabetic,
            scheme.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) })
        else { return "\(shown) has an invalid scheme '\(scheme)'" }
        var path = Substring("")
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            path = rest[slash...]
            rest = rest[..<slash]
        }
        let expected = "\(scheme.lowercased())://\(rest.lowercased())"
        if path == "/" {
            return "\(shown) ends with '/': browsers send origins without a trailing slash, write '\(expected)'"
        }
        if !path.isEmpty {
            return "\(shown) has a path, query or fragment ('\(path)'): an origin is only scheme://host[:port], write '\(expected)'"
        }
        if rest.contains("@") { return "\(shown) contains credentials: an origin is only scheme://host[:port]" }
        var host = rest
        var port: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return "\(shown) has an unterminated IPv6 address" }
            host = rest[...close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return "\(shown) is not scheme://host[:port]" }
                port = after.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            port = rest[rest.index(after: colon)...]
        }
        if host.isEmpty || host == "[]" { return "\(shown) has no host" }
        if !host.hasPrefix("[") {
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            let validLabel: (Substring) -> Bool = { label in
                !label.isEmpty && label.first != "-" && label.last != "-"
                    && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
            }
            if !host.unicodeScalars.allSatisfy(\.isASCII) {
                return "\(shown) has a non-ASCII host: browsers send the punycode form (xn--…)"
            }
            if !labels.allSatisfy(validLabel) { return "\(shown) has an invalid host '\(host)'" }
        }
        if let port {
            guard !port.isEmpty, port.allSatisfy({ ("0"..."9").contains($0) }), let number = Int(port), number <= 65535 else {
                return "\(shown) has an invalid port '\(port)'"
            }
            let defaultPort = ["http": 80, "https": 443][scheme.lowercased()]
            if number == defaultPort {
                return "\(shown) names the default port: browsers omit it, write '\(scheme.lowercased())://\(host.lowercased())'"
            }
        }
        if origin != origin.lowercased() {
            return "\(shown) is not lower case: browsers send '\(origin.lowercased())'"
        }
        return nil
    }

    // MARK: Errors

    private func unknownKey(_ entry: Entry, section: String?, allowed: [String]) {
        let key = entry.key
        var message = section.map { "unknown key '\(key)' in '\($0)'" } ?? "unknown top-level key '\(key)'"
        if let alias = ConfigurationSchema.aliases[key.lowercased()], allowed.contains(alias) {
            message += "; did you mean '\(alias)'?"
        } else if let best = ConfigurationLoader.closestMatch(to: key, among: allowed) {
            message += "; did you mean '\(best)'?"
        } else if section == nil, let nested = nestedMatch(for: key) {
            message += "; did you mean '\(nested)'? (it belongs under '\(nested.split(separator: ".")[0]):')"
        } else {
            message += " (expected one of: \(allowed.joined(separator: ", ")))"
        }
        fail(entry.keyNode, message)
    }

    private func nestedMatch(for key: String) -> String? {
        for (section, keys) in ConfigurationSchema.nested {
            if let best = ConfigurationLoader.closestMatch(to: key, among: keys) { return "\(section).\(best)" }
        }
        return nil
    }

    private func suggestion(for value: String, among candidates: [String]) -> String {
        ConfigurationLoader.closestMatch(to: value, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    private func typeMismatch(_ node: Node, _ keyPath: String, expected: String) {
        fail(node, "'\(keyPath)' must be \(expected), found \(describe(node))")
    }

    private func report(yamlError error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            if character(at: mark) == "\t" {
                message += "; YAML does not allow tabs for indentation, use spaces"
            }
            fail(line: mark.line, column: mark.column, message)
        case .reader(let problem, let offset, _, _):
            let (line, column) = offset.map(position(ofCharacterOffset:)) ?? (1, 1)
            fail(line: line, column: column, "invalid YAML: \(problem)")
        default:
            fail(line: 1, column: 1, "invalid YAML: \(error)")
        }
    }

    /// The character at a 1-based line and scalar column of the text.
    private func character(at mark: Mark) -> Unicode.Scalar? {
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars {
            if line == mark.line && column == mark.column { return scalar }
            if scalar == "\n" {
                if line == mark.line { return nil }
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }

    /// Line and scalar column of a `Character` offset (what Yams reports for reader errors).
    private func position(ofCharacterOffset offset: Int) -> (Int, Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (line, column)
    }

    private func position(_ mark: Mark?) -> String {
        guard let mark else { return "an earlier line" }
        return "line \(mark.line), column \(mark.column)"
    }

    private func fail(_ node: Node, _ message: String) {
        let mark = node.mark
        fail(line: mark?.line ?? 1, column: mark?.column ?? 1, message)
    }

    private func fail(line: Int, column: Int, _ message: String) {
        errors.append(ConfigurationError(path: path, line: line, column: column, message: message))
    }

    // MARK: Node descriptions

    private enum ScalarType { case string, int, float, bool, null, timestamp, other }

    private func scalarType(_ node: Node) -> ScalarType? {
        guard case .scalar = node else { return nil }
        switch node.tag.description {
        case Tag.Name.str.rawValue: return .string
        case Tag.Name.int.rawValue: return .int
        case Tag.Name.float.rawValue: return .float
        case Tag.Name.bool.rawValue: return .bool
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.timestamp.rawValue: return .timestamp
        default: return .other
        }
    }

    private func isNull(_ node: Node) -> Bool { scalarType(node) == .null }

    private func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            switch scalarType(node) {
            case .int: return "the integer \(scalar.string)"
            case .float: return "the number \(scalar.string)"
            case .bool: return "the boolean \(scalar.string)"
            case .null: return "an empty value"
            case .timestamp: return "the date \(scalar.string)"
            default: return "the string \(quoted(scalar.string))"
            }
        }
    }

    private func quoted(_ value: String) -> String {
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}

