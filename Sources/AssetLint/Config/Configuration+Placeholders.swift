// Temporary until the configuration loader lands: no globs, no overrides.
extension Configuration {
    public enum FileKindChoice: Sendable { case manifest, cors, serviceAccount }
    func configuredFileKind(for path: String) -> FileKindChoice? { nil }
    func overrideLayers(for path: String) -> [RuleSelection.Layer] { [] }
}
