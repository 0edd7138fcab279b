/// `text`: the human format (ruff-like). For each diagnostic:
///
/// ```
/// assets.json:3:14: error[U204] `+` in this S3 object path is read as a space
///   |
/// 3 |   {"data": "https://bucket.s3.amazonaws.com/cat+1.jpg", "externalId": "cat-1"},
///   |                                                ^
///   = help: encode the `+` as %20 (unsafe fix)
///   = note: assets.json:2:5: first used here
/// ```
///
/// diagnostics separated by a blank line, an unreadable file as `path: error: reason`, and a
/// summary line (`Found 3 errors, 1 warning in 2 files (1 fixable with --fix).`, or
/// `All checks passed.`) unless `quiet`. With `statistics`, a per-rule count table replaces the
/// diagnostics. ANSI colours only with `options.color`. All user-controlled text (paths,
/// messages, source lines) is made terminal-safe (see `ReportTerminal`).
public struct TextReporter: Reporter {
    public init() {}

    public func render(_ run: LintRun, options: ReportOptions) -> String {
        let style = ReportStyle(enabled: options.color)
        var blocks: [String] = []
        if options.statistics {
            let failures = run.files.compactMap { file in
                file.failure.map { ReportLines.unreadable(path: file.path, reason: $0, style: style) }
            }
            if !failures.isEmpty { blocks.append(failures.joined(separator: "\n")) }
            if let table = ReportLines.statistics(run, style: style) { blocks.append(table) }
        } else {
            for file in run.files {
                if let failure = file.failure {
                    blocks.append(ReportLines.unreadable(path: file.path, reason: failure, style: style))
                    continue
                }
                let kept = file.keptFindings(perRule: options.perRuleLimit)
                let shown = ReportLines.capped(kept.diagnostics, omitted: kept.omitted, limit: options.perRuleLimit)
                let locator = ReportLocator(report: file, diagnostics: shown.diagnostics)
                for diagnostic in shown.diagnostics {
                    blocks.append(block(diagnostic, in: file, locator: locator, style: style))
                }
                if !shown.hidden.isEmpty {
                    blocks.append(shown.hidden.map { ReportLines.hidden($0, path: file.path, style: style) }.joined(separator: "\n"))
                }
            }
        }
        var output = blocks.joined(separator: "\n\n")
        if !blocks.isEmpty { output += "\n" }
        if !options.quiet {
            if !blocks.isEmpty { output += "\n" }
            output += Self.summary(run, style: style) + "\n"
        }
        return output
    }

    private func block(_ diagnostic: Diagnostic, in file: FileReport, locator: ReportLocator, style: ReportStyle) -> String {
        let span = locator.span(diagnostic.range)
        var lines = [ReportLines.header(path: file.path, span: span, diagnostic: diagnostic, style: style)]
        let gutterWidth = String(span.start.line).count
        let blank = String(repeating: " ", count: gutterWidth)
        let bar = style.cyan("|")
        if let source = file.source {
            let excerpt = ReportExcerpt(source: source, range: diagnostic.range)
            lines.append("\(blank) \(bar)")
            let number = style.cyan(String(span.start.line))
            lines.append(excerpt.text.isEmpty ? "\(number) \(bar)" : "\(number) \(bar) \(excerpt.text)")
            let marker = String(repeating: "^", count: excerpt.markerWidth)
            lines.append("\(blank) \(bar) " + String(repeating: " ", count: excerpt.markerIndent) + style.severity(diagnostic.severity, marker))
        }
        let equals = style.cyan("=")
        if let fix = diagnostic.fix {
            lines.append("\(blank) \(equals) \(style.bold("help:")) \(ReportTerminal.safe(ReportText.fixHelp(fix)))")
        }
        if let note = diagnostic.note {
            lines.append("\(blank) \(equals) \(style.bold("note:")) \(ReportTerminal.safe(note))")
        }
        for related in diagnostic.related {
            let location = locator.location(related.range.offset)
            let place = "\(ReportTerminal.safe(file.path)):\(location.line):\(location.column):"
            lines.append("\(blank) \(equals) \(style.bold("note:")) \(style.bold(place)) \(ReportTerminal.safe(related.message))")
        }
        return lines.joined(separator: "\n")
    }

    /// `Found 3 errors, 1 warning in 2 files (1 fixable with --fix).`, `All checks passed.`, plus
    /// `1 file could not be read.` when some could not; `No files linted.` when there were none.
    static func summary(_ run: LintRun, style: ReportStyle) -> String {
        let failures = run.files.filter { $0.failure != nil }.count
        let findings = ReportText.severityCounts(errors: run.count(.error), warnings: run.count(.warning), infos: run.count(.info))
        // Nothing linted is not a pass (the command line says why on standard error).
        if run.files.isEmpty { return style.bold("No files linted.") }
        if findings.isEmpty, failures == 0 { return style.green("All checks passed.") }
        var sentences: [String] = []
        if !findings.isEmpty {
            let filesWithFindings = run.files.filter { $0.findingCount > 0 || !$0.omitted.isEmpty }.count
            var sentence = "Found " + findings.joined(separator: ", ") + " in " + ReportText.count(filesWithFindings, "file")
            let safe = run.files.reduce(0) { $0 + $1.tally.safelyFixable + $1.omitted.reduce(0) { $0 + $1.safelyFixable } }
            let unsafe = run.files.reduce(0) {
                $0 + $1.tally.unsafelyFixable + $1.omitted.reduce(0) { $0 + $1.fixable - $1.safelyFixable }
            }
            if safe > 0, unsafe > 0 {
                sentence += " (\(safe) fixable with --fix, \(unsafe) more with --unsafe-fixes)"
            } else if safe > 0 {
                sentence += " (\(safe) fixable with --fix)"
            } else if unsafe > 0 {
                sentence += " (\(unsafe) fixable with --unsafe-fixes)"
            }
            sentences.append(style.bold(sentence + "."))
        } else {
            sentences.append(style.bold("No findings."))
        }
        if failures > 0 {
            sentences.append(style.red(ReportText.count(failures, "file") + " could not be read."))
        }
        return sentences.joined(separator: " ")
    }
}

/// Lines shared by `text` and `concise`.
enum ReportLines {
    /// The findings of one rule that a per-rule cap left out of a file's listing.
    struct Hidden {
        var ruleID: String
        var ruleName: String
        var count: Int
    }

    /// The first `limit` diagnostics of each rule, in their order, and per rule (by rule id) how
    /// many were left out, counting those the engine only counted (`omitted`). One pass, no copies
    /// when nothing is capped.
    static func capped(_ diagnostics: [Diagnostic], omitted: [OmittedFindings] = [], limit: Int?) -> (diagnostics: [Diagnostic], hidden: [Hidden]) {
        guard let limit, diagnostics.count > limit else { return (diagnostics, adding(omitted, to: [])) }
        var seen: [String: Int] = [:]
        var kept: [Diagnostic] = []
        var hiddenIndex: [String: Int] = [:]
        var hidden: [Hidden] = []
        for diagnostic in diagnostics {
            let count = seen[diagnostic.ruleID, default: 0]
            seen[diagnostic.ruleID] = count + 1
            if count < max(0, limit) {
                kept.append(diagnostic)
            } else if let index = hiddenIndex[diagnostic.ruleID] {
                hidden[index].count += 1
            } else {
                hiddenIndex[diagnostic.ruleID] = hidden.count
                hidden.append(Hidden(ruleID: diagnostic.ruleID, ruleName: diagnostic.ruleName, count: 1))
            }
        }
        return (kept, adding(omitted, to: hidden))
    }

    private static func adding(_ omitted: [OmittedFindings], to hidden: [Hidden]) -> [Hidden] {
        var hidden = hidden
        for part in omitted {
            if let index = hidden.firstIndex(where: { $0.ruleID == part.ruleID }) {
                hidden[index].count += part.count
            } else {
                hidden.append(Hidden(ruleID: part.ruleID, ruleName: part.ruleName, count: part.count))
            }
        }
        return hidden.sorted { $0.ruleID < $1.ruleID }
    }

    /// `path: note: … and 999980 more M121 (dimension-invalid) findings in this file; --format json lists all`.
    static func hidden(_ hidden: Hidden, path: String, style: ReportStyle) -> String {
        let what = "\(ReportTerminal.safe(hidden.ruleID)) (\(ReportTerminal.safe(hidden.ruleName)))"
        let noun = hidden.count == 1 ? "finding" : "findings"
        return "\(style.bold(ReportTerminal.safe(path) + ":")) \(style.cyan("note:")) … and \(hidden.count) more \(what) \(noun) in this file; --format json lists them all"
    }

    /// `path:line:col: severity[ID] message`.
    static func header(path: String, span: ReportSpan, diagnostic: Diagnostic, style: ReportStyle) -> String {
        let place = "\(ReportTerminal.safe(path)):\(span.start.line):\(span.start.column):"
        let label = "\(diagnostic.severity.rawValue)[\(ReportTerminal.safe(diagnostic.ruleID))]"
        return "\(style.bold(place)) \(style.severity(diagnostic.severity, label)) \(ReportTerminal.safe(diagnostic.message))"
    }

    /// `path: error: reason`.
    static func unreadable(path: String, reason: String, style: ReportStyle) -> String {
        "\(style.bold(ReportTerminal.safe(path) + ":")) \(style.red("error:")) \(ReportTerminal.safe(reason))"
    }

    /// `--statistics`: one row per rule, most frequent first:
    ///
    /// ```
    /// 3  U204  url-plus-in-path  [~]
    /// 1  J004  byte-order-mark   [*]
    /// 1  J003  duplicate-key
    /// ```
    ///
    /// `[*]`: at least one finding has a safe fix (`--fix`); `[~]`: fixes exist but only unsafe
    /// ones (`--unsafe-fixes`); a last line says so for the marks shown. Nil when there is
    /// nothing to count.
    static func statistics(_ run: LintRun, style: ReportStyle) -> String? {
        struct Row {
            var id: String
            var name: String
            var count = 0
            var safe = false
            var unsafe = false
        }
        var rows: [String: Row] = [:]
        for file in run.files {
            file.forEachFinding { diagnostic in
                var row = rows[diagnostic.ruleID] ?? Row(id: diagnostic.ruleID, name: diagnostic.ruleName)
                row.count += 1
                if diagnostic.fix?.applicability == .safe { row.safe = true }
                if diagnostic.fix?.applicability == .unsafe { row.unsafe = true }
                rows[diagnostic.ruleID] = row
            }
            for part in file.omitted {
                var row = rows[part.ruleID] ?? Row(id: part.ruleID, name: part.ruleName)
                row.count += part.count
                if part.safelyFixable > 0 { row.safe = true }
                if part.fixable > part.safelyFixable { row.unsafe = true }
                rows[part.ruleID] = row
            }
        }
        guard !rows.isEmpty else { return nil }
        let sorted = rows.values.sorted { ($1.count, $0.id) < ($0.count, $1.id) }
        let countWidth = sorted.map { String($0.count).count }.max() ?? 1
        let idWidth = sorted.map { ReportTerminal.safe($0.id).count }.max() ?? 1
        let nameWidth = sorted.map { ReportTerminal.safe($0.name).count }.max() ?? 1
        var legend: [String] = []
        if sorted.contains(where: \.safe) { legend.append("\(style.green("[*]")) fixable with --fix") }
        if sorted.contains(where: { !$0.safe && $0.unsafe }) { legend.append("\(style.green("[~]")) fixable with --unsafe-fixes") }
        let lines = sorted.map { row in
            let count = String(row.count)
            let id = ReportTerminal.safe(row.id)
            let name = ReportTerminal.safe(row.name)
            var line = String(repeating: " ", count: countWidth - count.count) + count + "  "
            line += style.bold(id) + String(repeating: " ", count: idWidth - id.count) + "  " + name
            let marker = row.safe ? "[*]" : row.unsafe ? "[~]" : ""
            if !marker.isEmpty {
                line += String(repeating: " ", count: nameWidth - name.count) + "  " + style.green(marker)
            }
            return line
        }
        return (lines + (legend.isEmpty ? [] : [legend.joined(separator: "; ")])).joined(separator: "\n")
    }
}
