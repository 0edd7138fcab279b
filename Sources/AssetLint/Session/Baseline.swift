/// Known findings recorded in a file so that only new ones fail a run (`--write-baseline`,
/// `--baseline`, `baseline:` in the configuration).
///
/// Each finding is kept as its rule, its path (relative to the baseline file's folder) and its
/// `Fingerprint`, which ignores line numbers and item positions. Matching is by count: a file with
/// two recorded findings of one fingerprint hides two, and a third is new.
public struct Baseline: Sendable {
    public struct Key: Hashable, Sendable {
        public var path: String
        public var rule: String
        public var fingerprint: String
    }

    public var path: String
    public private(set) var counts: [Key: Int] = [:]
    private let paths: Configuration

    public init(path: String) {
        self.path = path
        paths = Configuration(directory: Self.folder(of: path))
    }

    public var total: Int { counts.values.reduce(0, +) }

    public func key(_ diagnostic: Diagnostic, in report: FileReport) -> Key {
        let relative = paths.relativePath(report.path)
        return Key(path: relative, rule: diagnostic.ruleID, fingerprint: Fingerprint.of(diagnostic, path: relative, source: report.source))
    }

    public mutating func record(_ reports: [FileReport]) {
        for report in reports {
            for diagnostic in report.diagnostics { counts[key(diagnostic, in: report), default: 0] += 1 }
        }
    }

    /// Removes the recorded findings from `reports`; returns how many recorded ones did not occur.
    public func filter(_ reports: inout [FileReport]) -> Int {
        var remaining = counts
        for index in reports.indices {
            let report = reports[index]
            reports[index].diagnostics.removeAll { diagnostic in
                let key = key(diagnostic, in: report)
                guard let count = remaining[key], count > 0 else { return false }
                remaining[key] = count - 1
                return true
            }
        }
        return remaining.values.reduce(0, +)
    }

    // MARK: - File format

    /// `{"version": 1, "findings": [{"path", "rule", "fingerprint", "count"}]}`, sorted, so the
    /// file diffs well in review.
    public func render() -> String {
        let keys = counts.keys.sorted { ($0.path, $0.rule, $0.fingerprint) < ($1.path, $1.rule, $1.fingerprint) }
        var out = "{\n  \"version\": 1,\n  \"tool\": \"assetlint\",\n  \"findings\": ["
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
        guard let version = tree.member("version", of: tree.root), tree.integer(version) == 1 else {
            return invalid("unsupported version")
        }
        guard let findings = tree.member("findings", of: tree.root), tree[findings].kind == .array else {
            return invalid("no \"findings\" list")
        }
        var baseline = Baseline(path: path)
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
