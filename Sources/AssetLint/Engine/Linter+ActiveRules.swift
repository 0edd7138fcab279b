extension Linter {
    /// The rules that run on a file at `path` and the severity of each, after the configuration's
    /// `rules`, its matching `overrides` and the command line's `--select`/`--ignore`.
    public func activeRules(forPath path: String) -> [String: Severity] {
        RuleSelection.resolve(catalog, layers: selectionLayers(for: path))
    }
}
