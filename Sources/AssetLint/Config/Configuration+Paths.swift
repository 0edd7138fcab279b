import Foundation

/// What the `files:` globs of a configuration say a file is. The CORS provider is then decided by
/// the file's content.
public enum ConfiguredKind: String, Sendable, CaseIterable {
    case manifest, labels, attachments, cors, serviceAccount
}

/// One layer of rule selection for a file: the `rules:` section, then each `overrides:` entry whose
/// `files` match, in the order they are written.
///
/// The engine folds the layers in order (`RuleSelection.resolve`), ruff-style: later layers refine
/// earlier ones, a nil `select` keeps what the earlier layers selected, and an override's
/// `ignore: [U204]` only turns U204 off for the files it matches.
public struct RuleSettingsLayer: Sendable, Equatable {
    public enum Origin: Sendable, Equatable {
        /// The top-level `rules:` section.
        case rules
        /// `overrides[index]`.
        case override(index: Int)
    }

    public var origin: Origin
    public var select: [String]?
    public var ignore: [String]
    public var severity: [String: Severity]

    public init(origin: Origin, select: [String]?, ignore: [String], severity: [String: Severity]) {
        self.origin = origin
        self.select = select
        self.ignore = ignore
        self.severity = severity
    }
}

extension Configuration {
    /// `path` relative to `directory`, `/`-separated, for glob matching and reports ("." for the
    /// folder itself). Relative paths are taken relative to the current folder. A path outside
    /// `directory` (even after resolving symbolic links) is returned as given, normalised
    /// (`./a//b/../c.json` → `a/c.json`); `-` (standard input) is returned unchanged.
    public func relativePath(_ path: String) -> String {
        if path == "-" { return path }
        let base = ConfigPathNormalization.absolute(directory)
        let absolute = ConfigPathNormalization.absolute(path)
        if let relative = ConfigPathNormalization.relative(absolute, to: base) { return relative }
        let resolvedBase = ConfigPathNormalization.resolvingSymlinks(base)
        let resolved = ConfigPathNormalization.resolvingSymlinks(absolute)
        if let relative = ConfigPathNormalization.relative(resolved, to: resolvedBase) { return relative }
        return ConfigPathNormalization.normalize(path)
    }

    /// Whether `files.exclude` matches `path` or a folder it lies in. A path ending in `/` names a
    /// folder: it is excluded when the globs exclude everything that could be inside it, so a
    /// folder walk can skip it (`node_modules/**` excludes `node_modules/`; `assets/*.tmp.json`
    /// does not exclude `assets/`).
    public func isExcluded(_ path: String) -> Bool {
        guard !files.exclude.isEmpty else { return false }
        let relative = relativePath(path)
        if path.hasSuffix("/") {
            return files.exclude.contains { ConfigGlobCache.shared.glob($0).matchesEverything(inFolder: relative) }
        }
        return matchesAny(files.exclude, path: relative)
    }

    /// What the `files` globs say `path` is, or nil to detect the kind from the content. When more
    /// than one list matches, the first in this order wins: `manifests`, `labels`, `attachments`,
    /// `cors`, `serviceAccounts`.
    public func configuredKind(for path: String) -> ConfiguredKind? {
        let relative = relativePath(path)
        if matchesAny(files.manifests, path: relative) { return .manifest }
        if matchesAny(files.labels, path: relative) { return .labels }
        if matchesAny(files.attachments, path: relative) { return .attachments }
        if matchesAny(files.cors, path: relative) { return .cors }
        if matchesAny(files.serviceAccounts, path: relative) { return .serviceAccount }
        return nil
    }

    /// The rule settings that apply to `path`: `rules` first, then every override whose `files`
    /// match, in file order (see `RuleSettingsLayer` for how to fold them).
    public func ruleSettings(for path: String) -> [RuleSettingsLayer] {
        var layers = [
            RuleSettingsLayer(origin: .rules, select: rules.select, ignore: rules.ignore, severity: rules.severity)
        ]
        guard !overrides.isEmpty else { return layers }
        let relative = relativePath(path)
        for (index, override) in overrides.enumerated() where matchesAny(override.files, path: relative) {
            layers.append(
                RuleSettingsLayer(
                    origin: .override(index: index), select: override.select, ignore: override.ignore,
                    severity: override.severity))
        }
        return layers
    }

    /// The configuration as it applies to the file at `path`: `assets.type` of the last override
    /// that matches it and sets one.
    public func applying(overridesFor path: String) -> Configuration {
        guard overrides.contains(where: { $0.assetType != nil }) else { return self }
        let relative = relativePath(path)
        var configuration = self
        for override in overrides where override.assetType != nil && matchesAny(override.files, path: relative) {
            configuration.assets.type = override.assetType!
        }
        return configuration
    }

    /// Whether one of `globs` matches `relativePath` (already relative to `directory`).
    public func matchesAny(_ globs: [String], path relativePath: String) -> Bool {
        for pattern in globs where ConfigGlobCache.shared.glob(pattern).matches(relativePath) { return true }
        return false
    }
}

/// Compiled globs by pattern, shared by all threads: a configuration has a handful of patterns
/// and files are linted in parallel, so each pattern is compiled once per process.
final class ConfigGlobCache: @unchecked Sendable {
    static let shared = ConfigGlobCache()
    private let lock = NSLock()
    private var globs: [String: Glob] = [:]

    func glob(_ pattern: String) -> Glob {
        lock.lock()
        defer { lock.unlock() }
        // String keys compare canonically (NFC == NFD); globs compare scalars, so check the spelling.
        if let glob = globs[pattern], glob.pattern.unicodeScalars.elementsEqual(pattern.unicodeScalars) {
            return glob
        }
        let glob = Glob(pattern)
        if globs.count > 4096 { globs.removeAll() }
        globs[pattern] = glob
        return glob
    }
}
