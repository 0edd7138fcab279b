import Yams

/// One key of a section of `.assetlint.yml`, and how its value is read into `Target` (the
/// configuration, an override, a custom rule being read). Each key is written once, here: the
/// decoder finds a key's reader in its section, and lists the section's keys in messages.
struct SchemaKey<Target>: Sendable {
    let name: String
    /// One of the checks a custom rule makes (`pattern`, `enum`, …).
    let isCheck: Bool
    let read: @Sendable (ConfigurationDecoder, ConfigurationDecoder.Entry, _ keyPath: String, inout Target) -> Void

    init(_ name: String, isCheck: Bool = false,
         _ read: @escaping @Sendable (ConfigurationDecoder, ConfigurationDecoder.Entry, _ keyPath: String, inout Target) -> Void) {
        self.name = name
        self.isCheck = isCheck
        self.read = read
    }
}

/// A section of `.assetlint.yml`: its keys, in the order messages list them.
struct SchemaSection<Target>: Sendable {
    let keys: [SchemaKey<Target>]
    var names: [String] { keys.map(\.name) }

    init(_ keys: [SchemaKey<Target>]) { self.keys = keys }

    func key(_ name: String) -> SchemaKey<Target>? { keys.first { $0.name == name } }
}

/// The sections of `.assetlint.yml`.
enum ConfigurationSchema {
    static let root = SchemaSection<Configuration>([
        SchemaKey("files") { decoder, entry, path, configuration in decoder.readSection(entry.value, path, files, into: &configuration) },
        SchemaKey("storage") { decoder, entry, path, configuration in decoder.readSection(entry.value, path, storage, into: &configuration) },
        SchemaKey("hub") { decoder, entry, path, configuration in decoder.readSection(entry.value, path, hub, into: &configuration) },
        SchemaKey("assets") { decoder, entry, path, configuration in decoder.readSection(entry.value, path, assets, into: &configuration) },
        SchemaKey("labels") { decoder, entry, path, configuration in decoder.readSection(entry.value, path, labels, into: &configuration) },
        SchemaKey("rules") { decoder, entry, path, configuration in decoder.readSection(entry.value, path, rules, into: &configuration) },
        SchemaKey("overrides") { decoder, entry, _, configuration in configuration.overrides = decoder.readOverrides(entry.value) },
        SchemaKey("baseline") { decoder, entry, _, configuration in
            if let baseline = decoder.readBaseline(entry.value, directory: configuration.directory) { configuration.baseline = baseline }
        },
        // Read before the others (selectors elsewhere may name custom rules): see `run()`.
        SchemaKey("custom") { _, _, _, _ in },
        SchemaKey("json") { decoder, entry, path, configuration in decoder.readSection(entry.value, path, json, into: &configuration) },
        SchemaKey("inventory") { decoder, entry, path, configuration in
            if let sources = decoder.readInventory(entry.value, path, directory: configuration.directory) { configuration.inventory = sources }
        },
    ])

    static let files = SchemaSection<Configuration>([
        globs("manifests", \.files.manifests), globs("labels", \.files.labels), globs("attachments", \.files.attachments),
        globs("cors", \.files.cors), globs("serviceAccounts", \.files.serviceAccounts), globs("exclude", \.files.exclude),
    ])

    static let storage = SchemaSection<Configuration>([
        SchemaKey("provider") { decoder, entry, path, configuration in
            if let provider = decoder.readProvider(entry.value, path) {
                configuration.storage.provider = provider
                configuration.storage.providerConfigured = true
            }
        },
        SchemaKey("buckets") { decoder, entry, path, configuration in
            if let buckets = decoder.readBuckets(entry.value, path) { configuration.storage.buckets = buckets }
        },
    ])

    static let hub = SchemaSection<Configuration>([
        SchemaKey("origins") { decoder, entry, path, configuration in
            if let origins = decoder.readOrigins(entry.value, path) {
                configuration.hub.origins = origins
                configuration.hub.originsConfigured = true
            }
        },
        SchemaKey("methods") { decoder, entry, path, configuration in
            if let methods = decoder.readMethods(entry.value, path) { configuration.hub.methods = methods }
        },
        SchemaKey("limits") { decoder, entry, path, configuration in
            if let limits = decoder.readLimits(entry.value, path) { configuration.hub.limits = limits }
        },
    ])

    static let assets = SchemaSection<Configuration>([
        SchemaKey("extensions") { decoder, entry, path, configuration in
            if let extensions = decoder.readExtensions(entry.value, path) { configuration.assets.extensions = extensions }
        },
        SchemaKey("maxDimension") { decoder, entry, path, configuration in
            if let value = decoder.positiveInteger(entry.value, path) { configuration.assets.maxDimension = value }
        },
        SchemaKey("type") { decoder, entry, path, configuration in
            if let type = decoder.readAssetType(entry.value, path) { configuration.assets.type = type }
        },
    ])

    /// The `assets` section of an item of `overrides`.
    static let overrideAssets = SchemaSection<ConfigurationDecoder.OverrideDraft>([
        SchemaKey("type") { decoder, entry, path, draft in draft.override.assetType = decoder.readAssetType(entry.value, path) },
    ])

    static let rules = SchemaSection<Configuration>([
        SchemaKey("select") { decoder, entry, path, configuration in
            if let list = decoder.selectorList(entry.value, path) { configuration.rules.select = list }
        },
        SchemaKey("ignore") { decoder, entry, path, configuration in
            if let list = decoder.selectorList(entry.value, path) { configuration.rules.ignore = list }
        },
        SchemaKey("severity") { decoder, entry, path, configuration in
            if let map = decoder.severityMap(entry.value, path) { configuration.rules.severity = map }
        },
    ])

    static let labels = SchemaSection<Configuration>([
        SchemaKey("assets") { decoder, entry, path, configuration in
            if let paths = decoder.readAssetManifests(entry.value, path, directory: configuration.directory) { configuration.labels.assets = paths }
        },
    ])

    static let json = SchemaSection<Configuration>([
        SchemaKey("maxDepth") { decoder, entry, path, configuration in
            if let value = decoder.positiveInteger(entry.value, path) { configuration.json.maxDepth = value }
        },
    ])

    /// An item of `overrides`.
    static let override = SchemaSection<ConfigurationDecoder.OverrideDraft>([
        SchemaKey("files") { decoder, entry, path, draft in
            guard let globs = decoder.globList(entry.value, path) else {
                draft.valid = false
                return
            }
            draft.override.files = globs
            draft.hasFiles = true
            if globs.isEmpty {
                decoder.fail(entry.value, "'\(path)' is empty: list the globs the override applies to")
                draft.valid = false
            }
        },
        SchemaKey("select") { decoder, entry, path, draft in draft.override.select = decoder.selectorList(entry.value, path) },
        SchemaKey("ignore") { decoder, entry, path, draft in draft.override.ignore = decoder.selectorList(entry.value, path) ?? [] },
        SchemaKey("severity") { decoder, entry, path, draft in draft.override.severity = decoder.severityMap(entry.value, path) ?? [:] },
        SchemaKey("assets") { decoder, entry, path, draft in decoder.readSection(entry.value, path, overrideAssets, into: &draft) },
    ])

    /// An item of `custom` (`ConfigurationDecoder+Custom.swift` reads the values).
    static let custom = SchemaSection<ConfigurationDecoder.CustomRuleDraft>([
        SchemaKey("id") { decoder, entry, path, draft in decoder.readCustomID(entry, path, into: &draft) },
        SchemaKey("name") { decoder, entry, path, draft in decoder.readCustomName(entry, path, into: &draft) },
        SchemaKey("kind") { decoder, entry, path, draft in decoder.readCustomKind(entry, path, into: &draft) },
        SchemaKey("pointer") { decoder, entry, path, draft in
            guard let value = decoder.requiredString(entry, path, allowEmpty: true) else { return }
            if let problem = decoder.pointerProblem(value) { decoder.fail(entry.value, problem) } else { draft.pointer = value }
        },
        SchemaKey("pattern", isCheck: true) { decoder, entry, path, draft in decoder.readCustomPattern(entry, path, into: &draft) },
        SchemaKey("enum", isCheck: true) { decoder, entry, path, draft in
            guard !decoder.isNull(entry.value), let items = decoder.stringItems(entry.value, path) else { return }
            if items.isEmpty { decoder.fail(entry.value, "'\(path)' is empty: list the allowed values") } else { draft.allowedValues = items.map(\.value) }
        },
        SchemaKey("minLength", isCheck: true) { decoder, entry, path, draft in
            guard !decoder.isNull(entry.value) else { return }
            if let value = decoder.nonNegativeInteger(entry.value, path) { draft.minLength = (value, entry.value) }
        },
        SchemaKey("maxLength", isCheck: true) { decoder, entry, path, draft in
            guard !decoder.isNull(entry.value) else { return }
            draft.maxLength = decoder.nonNegativeInteger(entry.value, path)
        },
        SchemaKey("unique", isCheck: true) { decoder, entry, path, draft in
            guard !decoder.isNull(entry.value), let value = decoder.boolean(entry.value, path) else { return }
            draft.unique = value
        },
        SchemaKey("hosts", isCheck: true) { decoder, entry, path, draft in decoder.readCustomHosts(entry, path, into: &draft) },
        SchemaKey("severity") { decoder, entry, path, draft in
            guard !decoder.isNull(entry.value), let value = decoder.severity(entry.value, path) else { return }
            draft.severity = value
        },
        SchemaKey("message") { decoder, entry, path, draft in
            if let value = decoder.requiredString(entry, path) { draft.message = value }
        },
    ])

    /// The sections whose keys a misplaced top-level key may belong to ("select" → "rules.select").
    static let nested: [(section: String, keys: [String])] = [
        ("files", files.names), ("storage", storage.names), ("hub", hub.names), ("assets", assets.names), ("rules", rules.names),
        ("json", json.names), ("labels", labels.names),
    ]

    /// Providers `hub.limits` takes.
    static let limitProviders = ["gcs", "s3", "azure"]

    /// Methods a CORS rule can allow (upper case, as every provider spells them).
    static let httpMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "MERGE"]

    /// Words people use for a key that has another name here.
    static let aliases: [String: String] = [
        "enable": "select", "enabled": "select", "include": "select", "disable": "ignore", "disabled": "ignore",
        "skip": "ignore", "exclude": "ignore", "level": "severity", "levels": "severity",
    ]

    /// A list of globs written into the configuration at `field`.
    private static func globs(_ name: String, _ field: WritableKeyPath<Configuration, [String]> & Sendable) -> SchemaKey<Configuration> {
        SchemaKey(name) { decoder, entry, path, configuration in
            if let globs = decoder.globList(entry.value, path) { configuration[keyPath: field] = globs }
        }
    }
}
