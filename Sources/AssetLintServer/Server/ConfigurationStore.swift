import AssetLint

/// The configuration of each document: the nearest `.assetlint.yml` above it (or the one the
/// settings name), read once and kept until a configuration file changes. A broken file still
/// gives a configuration (its valid settings; the others keep their defaults) and its problems,
/// which the server shows on the file.
final class ConfigurationStore {
    struct Resolved {
        /// The configuration file, or nil for the defaults.
        var path: String?
        var configuration: Configuration
        var errors: [ConfigurationError]
        /// Lints with the settings' selection, keeping at most `maxDiagnostics` findings per rule.
        var linter: Linter
        /// Lints keeping every finding (for "fix all").
        var completeLinter: Linter
    }

    /// Bumped whenever configurations are read again: a document linted under an older one is stale.
    private(set) var generation = 0
    private var discovered: [String: String?] = [:]
    private var loaded: [String: Resolved] = [:]
    private var defaults: [String: Resolved] = [:]
    var settings = ServerSettings() {
        didSet { if settings != oldValue { invalidate() } }
    }
    /// The listings the configurations name, read once and kept across configuration reloads.
    let listings = ListingCache()
    /// Problems of listings read since the server last took them (`takeListingProblems`).
    private var listingProblems: [ListingProblem] = []
    /// The workspace's root folder, for a relative `configuration` setting and documents that are
    /// not files.
    var root: String?

    func invalidate() {
        listings.sweep()
        discovered.removeAll()
        loaded.removeAll()
        defaults.removeAll()
        generation += 1
    }

    /// The configuration for a document at `path` (nil for a document that is not a file).
    func resolve(forDocumentAt path: String?) -> Resolved {
        let folder = path.map(Self.folder(of:)) ?? root ?? "/"
        if let explicit = settings.configuration {
            let absolute = explicit.hasPrefix("/") ? explicit : (root ?? folder) + "/" + explicit
            return load(absolute, folder: folder)
        }
        let found: String?
        if let cached = discovered[folder] {
            found = cached
        } else {
            found = ConfigurationLoader.discover(from: folder)
            discovered[folder] = .some(found)
        }
        guard let found else {
            let base = root ?? folder
            if let cached = defaults[base] { return cached }
            let resolved = make(path: nil, configuration: Configuration(directory: base), errors: [])
            defaults[base] = resolved
            return resolved
        }
        return load(found, folder: folder)
    }

    /// The configuration files read so far that have problems.
    var brokenFiles: [String: [ConfigurationError]] {
        loaded.compactMapValues { $0.errors.isEmpty ? nil : $0.errors }
    }

    /// Reads the configuration file at `path` (absolute) unless it was read already or is gone.
    func read(configurationAt path: String) {
        guard loaded[path] == nil, FileIdentity.current(of: path) != nil else { return }
        _ = load(path, folder: Self.folder(of: path))
    }

    private func load(_ path: String, folder: String) -> Resolved {
        if let cached = loaded[path] { return cached }
        let catalog = RuleRegistry.catalog
        let (configuration, errors) = ConfigurationLoader.validate(path: path) { RuleSelection.isKnown($0, in: catalog) }
        let resolved = make(path: path, configuration: configuration, errors: errors)
        loaded[path] = resolved
        return resolved
    }

    private func make(path: String?, configuration: Configuration, errors: [ConfigurationError]) -> Resolved {
        // Selectors of the settings that name no rule (custom rules included) are left out; the
        // server says so when the settings arrive.
        let catalog = Linter(configuration: configuration).catalog
        let select = settings.select?.filter { RuleSelection.isKnown($0, in: catalog) }
        var options = LintOptions(
            select: select?.isEmpty == true ? nil : select, ignore: settings.ignore.filter { RuleSelection.isKnown($0, in: catalog) })
        if !configuration.inventory.isEmpty {
            let (load, readNow) = listings.inventory(of: configuration.inventory)
            options.inventory = load.inventory
            if readNow { listingProblems += load.problems }
        }
        let all = Linter(configuration: configuration, options: options)
        options.keepPerRule = settings.maxDiagnostics
        return Resolved(path: path, configuration: configuration, errors: errors,
                        linter: Linter(configuration: configuration, options: options), completeLinter: all)
    }

    /// The problems of the listings read since the last call.
    func takeListingProblems() -> [ListingProblem] {
        defer { listingProblems.removeAll() }
        return listingProblems
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
