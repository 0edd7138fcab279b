import Foundation
import Yams

/// One validation run over one configuration text: every section is read through its table in
/// `ConfigurationSchema`, and every problem becomes an error with its line and column.
final class ConfigurationDecoder {
    let path: String
    let text: String
    let isKnownRuleSelector: (String) -> Bool
    var configuration: Configuration
    var errors: [ConfigurationError] = []
    /// Custom rule ids and names defined in this file, which selectors may name.
    var customIDs: [String] = []
    var customNames: Set<String> = []
    /// Merge-key expansions left: `<<` of `<<` of … can otherwise grow exponentially.
    var mergeBudget = 10_000

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
        for entry in entries where entry.key == "custom" { configuration.custom = readCustomRules(entry.value) }
        var configuration = self.configuration
        read(entries, section: nil, ConfigurationSchema.root, into: &configuration)
        self.configuration = configuration
    }

    // MARK: Sections

    /// Reads each entry through its key in `schema`; reports unknown keys. `key:` with no value
    /// is as if absent.
    func read<Target>(_ entries: [Entry], section: String?, _ schema: SchemaSection<Target>, into target: inout Target) {
        for entry in entries where !isNull(entry.value) {
            guard let key = schema.key(entry.key) else {
                unknownKey(entry, section: section, allowed: schema.names)
                continue
            }
            key.read(self, entry, section.map { "\($0).\(entry.key)" } ?? entry.key, &target)
        }
    }

    /// Reads `node`, which must be a mapping, as section `keyPath`.
    func readSection<Target>(_ node: Node, _ keyPath: String, _ schema: SchemaSection<Target>, into target: inout Target) {
        guard let entries = section(node, keyPath) else { return }
        read(entries, section: keyPath, schema, into: &target)
    }

    func readProvider(_ node: Node, _ keyPath: String) -> Configuration.ProviderChoice? {
        guard let value = string(node, keyPath) else { return nil }
        if let provider = Configuration.ProviderChoice(rawValue: value) { return provider }
        let choices = ["gcs", "s3", "azure", "any"]
        fail(node, "invalid storage provider '\(value)': expected one of \(choices.joined(separator: ", "))"
            + suggestion(for: value, among: choices))
        return nil
    }

    func readAssetType(_ node: Node, _ keyPath: String) -> Configuration.AssetType? {
        guard let value = string(node, keyPath) else { return nil }
        if let type = Configuration.AssetType(rawValue: value) { return type }
        let choices = Configuration.AssetType.allCases.map(\.rawValue)
        fail(node, "invalid asset type '\(value)': expected one of \(choices.joined(separator: ", "))" + suggestion(for: value, among: choices))
        return nil
    }

    func readBuckets(_ node: Node, _ keyPath: String) -> [String]? {
        checkedStrings(node, keyPath, problem: bucketProblem)
    }

    func readOrigins(_ node: Node, _ keyPath: String) -> [String]? {
        checkedStrings(node, keyPath, problem: originProblem)
    }

    /// A list of strings; each one `problem` finds wrong is reported and left out.
    func checkedStrings(_ node: Node, _ keyPath: String, problem: (String) -> String?) -> [String]? {
        guard let items = stringItems(node, keyPath) else { return nil }
        var values: [String] = []
        for (node, value) in items {
            if let problem = problem(value) { fail(node, problem) } else { values.append(value) }
        }
        return values
    }

    func readMethods(_ node: Node, _ keyPath: String) -> [String]? {
        guard let items = stringItems(node, keyPath) else { return nil }
        var methods: [String] = []
        for (node, method) in items {
            if ConfigurationSchema.httpMethods.contains(method) {
                methods.append(method)
            } else if ConfigurationSchema.httpMethods.contains(method.uppercased()) {
                fail(node, "HTTP methods are upper case: write '\(method.uppercased())' instead of '\(method)'")
            } else {
                fail(node, "unknown HTTP method '\(method)': expected one of " + ConfigurationSchema.httpMethods.joined(separator: ", "))
            }
        }
        if items.isEmpty {
            fail(node, "'\(keyPath)' is empty: list the methods the hub's requests use, such as [GET]; to stop requiring the hub's origin, set hub.origins: [] instead")
        }
        return methods
    }

    func readLimits(_ node: Node, _ keyPath: String) -> [String: [String: Int]]? {
        guard let entries = section(node, keyPath) else { return nil }
        var limits: [String: [String: Int]] = [:]
        for entry in entries where !isNull(entry.value) {
            guard ConfigurationSchema.limitProviders.contains(entry.key) else {
                fail(entry.keyNode, "unknown provider '\(entry.key)' in '\(keyPath)': expected one of "
                    + ConfigurationSchema.limitProviders.joined(separator: ", ")
                    + suggestion(for: entry.key, among: ConfigurationSchema.limitProviders))
                continue
            }
            let providerPath = "\(keyPath).\(entry.key)"
            guard let providerEntries = section(entry.value, providerPath) else { continue }
            var values: [String: Int] = [:]
            for limit in providerEntries where !isNull(limit.value) {
                guard isIdentifier(limit.key) else {
                    fail(limit.keyNode, "invalid limit name '\(limit.key)' in '\(providerPath)': use a name like 'maxRules'")
                    continue
                }
                if let value = positiveInteger(limit.value, "\(providerPath).\(limit.key)") { values[limit.key] = value }
            }
            limits[entry.key] = values
        }
        return limits
    }

    func readExtensions(_ node: Node, _ keyPath: String) -> [String]? {
        guard let items = stringItems(node, keyPath) else { return nil }
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
        return extensions
    }

    /// An override being read.
    struct OverrideDraft {
        var override = Configuration.Override(files: [])
        var hasFiles = false
        var valid = true
    }

    func readOverrides(_ node: Node) -> [Configuration.Override] {
        guard case .sequence(let sequence) = node else {
            typeMismatch(node, "overrides", expected: "a list of overrides (- files: [...])")
            return configuration.overrides
        }
        var overrides: [Configuration.Override] = []
        for (index, item) in sequence.enumerated() {
            let keyPath = "overrides[\(index)]"
            guard let entries = section(item, keyPath) else { continue }
            var draft = OverrideDraft()
            read(entries, section: keyPath, ConfigurationSchema.override, into: &draft)
            if !draft.hasFiles && draft.valid {
                fail(item, "override is missing 'files': the globs of the files it applies to")
                draft.valid = false
            }
            if draft.valid { overrides.append(draft.override) }
        }
        return overrides
    }

    /// `labels.assets`: paths of asset manifests, relative to the configuration file.
    func readAssetManifests(_ node: Node, _ keyPath: String, directory: String) -> [String]? {
        guard let items = stringItems(node, keyPath) else { return nil }
        var paths: [String] = []
        for (node, path) in items {
            if path.trimmingCharacters(in: .whitespaces).isEmpty {
                fail(node, "an entry of '\(keyPath)' is empty: name an asset manifest, like assets/manifest.json")
            } else {
                paths.append(ConfigPathNormalization.absolute(path, base: directory))
            }
        }
        return paths
    }

    /// Bucket listings, as `--inventory` takes them: `FILE` or `BUCKET=FILE`, files relative to
    /// this configuration's folder.
    func readInventory(_ node: Node, _ keyPath: String, directory: String) -> [InventorySource]? {
        guard let items = stringItems(node, keyPath) else { return nil }
        var sources: [InventorySource] = []
        for (index, (item, value)) in items.enumerated() {
            switch InventorySource.parse(value) {
            case .success(var source):
                source.path = ConfigPathNormalization.absolute(source.path, base: directory)
                sources.append(source)
            case .failure(let error):
                fail(item, "'\(keyPath)[\(index)]': \(error.message)")
            }
        }
        return sources
    }

    func readBaseline(_ node: Node, directory: String) -> String? {
        guard let value = string(node, "baseline") else { return nil }
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            fail(node, "'baseline' is empty: name the baseline file, like .assetlint-baseline.json")
            return nil
        }
        return ConfigPathNormalization.absolute(value, base: directory)
    }
}
