#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Known findings recorded in a file so that only new ones fail a run (`--write-baseline`,
/// `--baseline`, `baseline:` in the configuration).
///
/// Each finding is kept as its rule, its path (relative to the baseline file's folder) and its
/// `Fingerprint`, which names the item the finding is about (`ItemIdentity`) and ignores line
/// numbers and item positions. Matching is by count: a file with two recorded findings of one
/// fingerprint hides two, and a third is new. Such findings are the same defect on items with the
/// same identity (a duplicated item); the first ones in file order are taken as the recorded
/// ones, as M110 takes the first item with an id as the original.
///
/// Baselines of version 1 were written before fingerprints named items; they are still read,
/// with the fingerprints of that version (`Fingerprint.Scheme.v1`), and the run says how to
/// record them anew.
public struct Baseline: Sendable {
    public struct Key: Hashable, Sendable {
        public var path: String
        public var rule: String
        public var fingerprint: String
    }

    /// The file format version this assetlint writes.
    public static let version = 2

    public var path: String
    /// How the recorded fingerprints were computed.
    public private(set) var scheme = Fingerprint.Scheme.current
    public private(set) var counts: [Key: Int] = [:]
    private let paths: Configuration

    public init(path: String) {
        self.path = path
        paths = Configuration(directory: Self.folder(of: path))
    }

    public var total: Int { counts.values.reduce(0, +) }

    /// The keys of all of `report`'s diagnostics, in order.
    public func keys(in report: FileReport) -> [Key] {
        let relative = paths.relativePath(report.path)
        let fingerprints = Fingerprint.all(in: report, path: relative, scheme: scheme)
        return zip(report.diagnostics, fingerprints).map { Key(path: relative, rule: $0.ruleID, fingerprint: $1) }
    }

    public mutating func record(_ reports: [FileReport]) {
        for report in reports {
            for key in keys(in: report) { counts[key, default: 0] += 1 }
        }
    }

    /// What `filter` did.
    public struct FilterOutcome: Equatable, Sendable {
        /// Recorded findings of the files linted (or of files that no longer exist) that did not
        /// occur: the baseline can shrink by that much.
        public var gone = 0
        /// Files the baseline records findings for that this run did not lint, and that exist:
        /// the run covered only some of the baseline's paths, so rewriting the baseline from it
        /// would drop theirs.
        public var unlintedFiles = 0
    }

    /// Removes the recorded findings from `reports`; says how many recorded ones did not occur.
    public func filter(_ reports: inout [FileReport]) -> FilterOutcome {
        var remaining = counts
        var linted: Set<String> = []
        for index in reports.indices {
            let report = reports[index]
            guard report.failure == nil else { continue }
            linted.insert(paths.relativePath(report.path))
            let keys = keys(in: report)
            var position = 0
            reports[index].diagnostics.removeAll { _ in
                let key = keys[position]
                position += 1
                guard let count = remaining[key], count > 0 else { return false }
                remaining[key] = count - 1
                return true
            }
        }
        var outcome = FilterOutcome()
        var unlinted: Set<String> = []
        var exists: [String: Bool] = [:]
        for (key, count) in remaining where count > 0 {
            if linted.contains(key.path) {
                outcome.gone += count
                continue
            }
            let present = exists[key.path] ?? fileExists(key.path)
            exists[key.path] = present
            if present {
                unlinted.insert(key.path)
            } else {
                outcome.gone += count
            }
        }
        outcome.unlintedFiles = unlinted.count
        return outcome
    }

    /// Whether `relative` (a path as the baseline records it) names something on disk.
    private func fileExists(_ relative: String) -> Bool {
        let full = relative.hasPrefix("/") ? relative : Self.folder(of: path) + "/" + relative
        return access(full, F_OK) == 0
    }

    // MARK: - File format

    /// `{"version": 2, "tool": "assetlint", "findings": [{"path", "rule", "fingerprint", "count"}]}`,
    /// sorted, so the file diffs well in review.
    public func render() -> String {
        let keys = counts.keys.sorted { ($0.path, $0.rule, $0.fingerprint) < ($1.path, $1.rule, $1.fingerprint) }
        var out = "{\n  \"version\": \(scheme.rawValue),\n  \"tool\": \"assetlint\",\n  \"findings\": ["
        for (index, key) in keys.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"path\": \(JSONText.quote(key.path)), \"rule\": \(JSONText.quote(key.rule)), "
            out += "\"fingerprint\": \(JSONText.quote(key.fingerprint)), \"count\": \(counts[key]!)}"
        }
        out += keys.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static func load(path: String) -> Result<Baseline, LoadError> {
        let file: SourceFile
        switch FileLoader.load(path: path) {
        case .success(let loaded): file = loaded
        case .failure(let error): return .failure(LoadError(description: "cannot read the baseline \(path): \(error.reason)"))
        }
        var parser = JSONParser(source: file)
        var tree = JSONTree(source: file)
        func invalid(_ why: String) -> Result<Baseline, LoadError> {
            .failure(LoadError(description: "\(path): not an assetlint baseline: \(why); write a new one with --write-baseline"))
        }
        guard parser.parseDocument(into: &tree), tree[tree.root].kind == .object else { return invalid("not a JSON object") }
        guard let versionNode = tree.member("version", of: tree.root), let version = tree.integer(versionNode) else {
            return invalid("no \"version\"")
        }
        guard let scheme = Fingerprint.Scheme(rawValue: version) else {
            return .failure(LoadError(description: version > Self.version
                ? "\(path): baseline version \(version) was written by a newer assetlint (this one reads versions 1 and 2); upgrade assetlint or write a new baseline with --write-baseline"
                : "\(path): not an assetlint baseline: unsupported version \(version); write a new one with --write-baseline"))
        }
        guard let findings = tree.member("findings", of: tree.root), tree[findings].kind == .array else {
            return invalid("no \"findings\" list")
        }
        var baseline = Baseline(path: path)
        baseline.scheme = scheme
        for entry in tree.children(of: findings) {
            guard tree[entry].kind == .object,
                let path = tree.member("path", of: entry).flatMap(tree.string),
                let rule = tree.member("rule", of: entry).flatMap(tree.string),
                let fingerprint = tree.member("fingerprint", of: entry).flatMap(tree.string)
            else {
                return invalid("finding \(tree.pointer(entry)) lacks path, rule or fingerprint")
            }
            let count = tree.member("count", of: entry).flatMap(tree.integer) ?? 1
            guard count > 0 else { return invalid("finding \(tree.pointer(entry)) has a count below 1") }
            baseline.counts[Key(path: path, rule: rule, fingerprint: fingerprint), default: 0] += count
        }
        return .success(baseline)
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
