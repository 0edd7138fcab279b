// The names the engine (Linter) was written against while the loader was being built, mapped
// onto the loader's API.
extension Configuration {
    public typealias FileKindChoice = ConfiguredKind

    /// `configuredKind(for:)`.
    func configuredFileKind(for path: String) -> ConfiguredKind? { configuredKind(for: path) }

    /// The layers of the `overrides` that match `path`, in order; the base `rules` layer is
    /// added by the engine itself.
    func overrideLayers(for path: String) -> [RuleSelection.Layer] {
        ruleSettings(for: path).dropFirst().map {
            RuleSelection.Layer(select: $0.select, ignore: $0.ignore, severity: $0.severity)
        }
    }
}
