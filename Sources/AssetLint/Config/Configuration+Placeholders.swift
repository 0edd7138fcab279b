// Temporary until the reporters land.
struct PlaceholderReporter: Reporter {
    func render(_ run: LintRun, options: ReportOptions) -> String {
        run.files.flatMap { file in file.diagnostics.map { d in
            let p = file.source!.position(of: d.range.offset)
            return "\(file.path):\(p.line):\(p.column): \(d.severity.rawValue)[\(d.ruleID)] \(d.message)\n" } }.joined()
        + run.files.compactMap { $0.failure.map { f in "error: \(f)\n" } }.joined()
    }
}
extension OutputFormat { var reporter: any Reporter { PlaceholderReporter() } }
