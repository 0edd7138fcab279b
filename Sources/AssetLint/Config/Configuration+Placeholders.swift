// Temporary until the configuration loader lands: no globs, no overrides.
extension Configuration {
    public enum FileKindChoice: Sendable { case manifest, cors, serviceAccount }
    func configuredFileKind(for path: String) -> FileKindChoice? { nil }
    func overrideLayers(for path: String) -> [RuleSelection.Layer] { [] }
}
extension Configuration {
    func isExcluded(_ path: String) -> Bool { false }
}
public enum ConfigurationLoader {
    public static func discover(from directory: String) -> String? { nil }
    public static func load(path: String, isKnownRuleSelector: (String) -> Bool) throws -> Configuration { Configuration(directory: ".") }
}
struct PlaceholderReporter: Reporter {
    func render(_ run: LintRun, options: ReportOptions) -> String {
        run.files.flatMap { file in file.diagnostics.map { d in
            let p = file.source!.position(of: d.range.offset)
            return "\(file.path):\(p.line):\(p.column): \(d.severity.rawValue)[\(d.ruleID)] \(d.message)\n" } }.joined()
        + run.files.compactMap { $0.failure.map { f in "error: \(f)\n" } }.joined()
    }
}
extension OutputFormat { var reporter: any Reporter { PlaceholderReporter() } }
