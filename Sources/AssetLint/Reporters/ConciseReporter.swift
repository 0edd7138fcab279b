/// `concise`: one line per diagnostic, `path:line:col: severity[ID] message`, and
/// `path: error: reason` for a file that could not be read; nothing else (no source, no summary),
/// which is what editors' errorformat and CI problem matchers parse. At most
/// `options.perRuleLimit` findings of one rule per file are listed, then one
/// `path: note: … and N more ID (name) findings in this file` line. With `statistics`, the
/// per-rule table of `text` instead of the diagnostics. Colours only with `options.color`.
public struct ConciseReporter: Reporter {
    public init() {}

    public func render(_ run: LintRun, options: ReportOptions) -> String {
        let style = ReportStyle(enabled: options.color)
        var lines: [String] = []
        for file in run.files {
            if let failure = file.failure {
                lines.append(ReportLines.unreadable(path: file.path, reason: failure, style: style))
                continue
            }
            guard !options.statistics else { continue }
            let kept = file.keptFindings(perRule: options.perRuleLimit)
            let shown = ReportLines.capped(kept.diagnostics, omitted: kept.omitted, limit: options.perRuleLimit)
            let locator = ReportLocator(report: file, diagnostics: shown.diagnostics)
            for diagnostic in shown.diagnostics {
                lines.append(ReportLines.header(path: file.path, span: locator.span(diagnostic.range), diagnostic: diagnostic, style: style))
            }
            for hidden in shown.hidden { lines.append(ReportLines.hidden(hidden, path: file.path, style: style)) }
        }
        if options.statistics, let table = ReportLines.statistics(run, style: style) {
            lines.append(table)
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}
