import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything the `assetlint` command decides from its arguments and environment.
public struct SessionOptions: Sendable {
    public struct FormatRequest: Sendable, Equatable {
        public var format: OutputFormat
        /// Where to write it; nil for standard output.
        public var path: String?

        public init(format: OutputFormat, path: String? = nil) {
            self.format = format
            self.path = path
        }

        /// Parses `FORMAT` or `FORMAT=FILE`; `FORMAT=-` and `FORMAT=/dev/stdout` are standard output,
        /// as `FORMAT` is (so the default text report does not go there too).
        public static func parse(_ text: String) -> FormatRequest? {
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let format = OutputFormat(rawValue: String(parts[0]).lowercased()) else { return nil }
            if parts.count == 2 {
                guard !parts[1].isEmpty else { return nil }
                if parts[1] == "-" || parts[1] == "/dev/stdout" { return FormatRequest(format: format) }
                return FormatRequest(format: format, path: String(parts[1]))
            }
            return FormatRequest(format: format)
        }
    }

    public var paths: [String] = ["."]
    public var formats: [FormatRequest] = [FormatRequest(format: .text)]
    public var configPath: String?
    public var lint = LintOptions()
    public var stdinFilename: String?
    public var fix = false
    public var unsafeFixes = false
    public var diff = false
    /// `--baseline`: hide the findings recorded there (default: the configuration's `baseline`).
    public var baselinePath: String?
    /// `--write-baseline`: record the current findings there.
    public var writeBaselinePath: String?
    public var maxWarnings: Int?
    public var strict = false
    public var color = false
    public var quiet = false
    public var statistics = false
    public var workingDirectory = "."
    /// `--assets`: asset manifests label and attachment imports are checked against, in addition
    /// to the configuration's `labels.assets`.
    public var assetManifests: [String] = []
    /// `--inventory`: bucket listings, added to the configuration's `inventory:`.
    public var inventory: [InventorySource] = []
    /// `--inventory-unused`: count the listed images no asset URL names (I503).
    public var inventoryUnused = false

    public init() {}
}

/// Where a session writes: standard output and standard error, replaceable in tests.
public struct OutputSink: Sendable {
    public var standardOutput: @Sendable (String) -> Void
    public var standardError: @Sendable (String) -> Void

    public init(standardOutput: @escaping @Sendable (String) -> Void, standardError: @escaping @Sendable (String) -> Void) {
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    public static let console = OutputSink(
        standardOutput: { text in writeAll(1, text) },
        standardError: { text in writeAll(2, text) })

    private static func writeAll(_ descriptor: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += count
            }
        }
    }
}

/// Exit statuses of the command line (spec section 3).
public enum ExitStatus {
    public static let clean: Int32 = 0
    public static let findings: Int32 = 1
    public static let usageOrInput: Int32 = 2
}

/// One run of the linter over the command line's paths: configuration, file collection, parallel
/// linting, fixes, reports and the exit status.
public enum LintSession {
    public static func run(_ options: SessionOptions, output: OutputSink = .console) -> Int32 {
        let configuration: Configuration
        switch loadConfiguration(options) {
        case .success(let loaded): configuration = loaded
        case .failure(let error):
            output.standardError("\(error)\n")
            return ExitStatus.usageOrInput
        }
        var lintOptions = options.lint
        let manifests = configuration.labels.assets + options.assetManifests
        if !manifests.isEmpty {
            switch AssetIndex.load(paths: manifests, maxDepth: configuration.json.maxDepth) {
            case .success(let index): lintOptions.assets = index
            case .failure(let error):
                output.standardError("\(error)\n")
                return ExitStatus.usageOrInput
            }
        }
        // When every output lists at most a few findings per rule and file (text, concise) and
        // nothing needs each finding (fixes, baselines), the engine keeps only those and counts
        // the rest: a file with a million findings then takes little memory.
        let listsFew = options.formats.allSatisfy { $0.format == .text || $0.format == .concise }
        let needsAll = options.fix || options.diff || options.writeBaselinePath != nil
            || options.baselinePath != nil || configuration.baseline != nil
        if listsFew, !needsAll, lintOptions.keepPerRule == nil {
            lintOptions.keepPerRule = ReportOptions.defaultPerRuleLimit
        }
        // When some output lists every finding but nothing needs them afterwards, each file's
        // findings are written to a spool as they are found and read back once per report.
        if !listsFew, !needsAll { lintOptions.spoolsFindings = true }
        // Bucket listings: bad lines are warnings on standard error and the lint goes on; a listing
        // that cannot be used at all fails the run (exit status 2) after the other files are linted.
        var inventoryFailed = false
        let sources = configuration.inventory + options.inventory
        if options.inventoryUnused, sources.isEmpty {
            output.standardError("error: --inventory-unused counts the objects of bucket listings: give one with --inventory or inventory: in .assetlint.yml\n")
            return ExitStatus.usageOrInput
        }
        if !sources.isEmpty {
            let load = InventoryLoader.load(sources)
            for problem in load.problems { output.standardError("\(problem)\n") }
            inventoryFailed = load.hasErrors
            lintOptions.inventory = options.inventoryUnused ? load.inventory.trackingUsage() : load.inventory
        }
        let linter = Linter(configuration: configuration, options: lintOptions)
        // Custom rules from the configuration are selectable too, so selectors are checked here.
        let unknown = ((options.lint.select ?? []) + options.lint.ignore).filter { !RuleSelection.isKnown($0, in: linter.catalog) }
        if !unknown.isEmpty {
            for selector in unknown {
                let option = (options.lint.select ?? []).contains(selector) ? "--select" : "--ignore"
                let hint = RuleSelection.suggestion(for: selector, in: linter.catalog).map { "; did you mean '\($0)'?" } ?? " (see 'assetlint rules')"
                output.standardError("error: unknown rule or prefix '\(selector)' in \(option)\(hint)\n")
            }
            return ExitStatus.usageOrInput
        }
        var skipped: [PathCollector.Skipped] = []
        let inputs = PathCollector.collect(options.paths, configuration: configuration, skipped: &skipped)
        if !options.quiet {
            for path in skipped { output.standardError(skippedNote(path, configuration: configuration)) }
        }
        var reports = lintAll(inputs, linter: linter, options: options)

        var fixedCount = 0
        var fixFailures = false
        if options.fix || options.diff {
            let outcome = FixSession.run(reports: reports, linter: linter, options: options, output: output)
            reports = outcome.reports
            fixedCount = outcome.fixed
            fixFailures = outcome.failed
        }
        // I503 once every file is linted: the listed images no asset URL named.
        if lintOptions.inventory.tracksUsage {
            reports += InventoryUsage.reports(of: lintOptions.inventory) { linter.severity(of: ListedObjectUnused.metadata.id, forPath: $0) }
        }

        var baselineFailed = false
        if let target = options.writeBaselinePath {
            var baseline = Baseline(path: target)
            baseline.record(reports)
            do {
                try AtomicWriter.replace(target, with: Array(baseline.render().utf8), expected: nil)
                output.standardError("Wrote \(baseline.total) finding\(baseline.total == 1 ? "" : "s") to the baseline \(target).\n")
                // Everything found is now recorded: the run passes unless a file was unreadable.
                for index in reports.indices { reports[index].diagnostics.removeAll() }
            } catch {
                output.standardError("error: cannot write the baseline \(error)\n")
                baselineFailed = true
            }
        } else if let source = options.baselinePath ?? configuration.baseline {
            switch Baseline.load(path: source) {
            case .success(let baseline):
                let outcome = baseline.filter(&reports)
                if let note = baselineNote(outcome, baseline: baseline) { output.standardError(note) }
            case .failure(let error):
                output.standardError("error: \(error)\n")
                baselineFailed = true
            }
        }

        let run = LintRun(files: reports, catalog: linter.catalog)
        let reportOptions = ReportOptions(color: options.color, quiet: options.quiet, statistics: options.statistics)
        var writeFailed = false
        // Standard output carries the patch with --diff, the fixed document with --fix on '-'.
        let standardOutputTaken = options.diff || (options.fix && inputs.contains(.standardInput))
        for request in options.formats {
            guard let path = request.path else {
                // Standard output gets the report piece by piece (standard error, when standard
                // output carries something else).
                request.format.reporter.write(run, options: reportOptions, to: standardOutputTaken ? output.standardError : output.standardOutput)
                continue
            }
            do {
                try AtomicWriter.replace(path, expected: nil) { submit in
                    request.format.reporter.write(run, options: ReportOptions(), submitting: submit)
                }
            } catch {
                output.standardError("error: cannot write the \(request.format.rawValue) report to \(error)\n")
                writeFailed = true
            }
        }
        if options.fix, !options.diff, fixedCount > 0, !options.quiet {
            output.standardError("Fixed \(fixedCount) finding\(fixedCount == 1 ? "" : "s").\n")
        }
        return exitStatus(run, options: options, otherFailure: writeFailed || fixFailures || baselineFailed || inventoryFailed)
    }

    /// `warning: no JSON files to lint under assets/` and the like: a run that lints nothing says so
    /// (the exit status stays 0: nothing linted, nothing found, and a pre-commit hook whose staged
    /// files are all excluded must pass).
    static func skippedNote(_ skipped: PathCollector.Skipped, configuration: Configuration) -> String {
        let exclude = "files.exclude" + (configuration.path.map { " in \($0)" } ?? "")
        switch skipped {
        case .emptyFolder(let folder, let files, let folders):
            let counts = [files > 0 ? ReportText.count(files, "JSON file") : nil, folders > 0 ? ReportText.count(folders, "folder") : nil]
                .compactMap { $0 }
            let reason = counts.isEmpty ? "" : " (\(exclude) excludes \(counts.joined(separator: " and ")) there)"
            return "warning: no JSON files to lint under \(folder)\(reason)\n"
        case .excludedFile(let file):
            return "warning: \(file) is not linted: \(exclude) matches it\n"
        }
    }

    /// What the run says about the baseline it read: findings recorded for the files linted that
    /// no longer occur (never those of files the run did not lint: a pre-commit hook lints a few
    /// files, and rewriting the baseline from it would drop the others), and a baseline written
    /// before fingerprints named items.
    static func baselineNote(_ outcome: Baseline.FilterOutcome, baseline: Baseline) -> String? {
        var lines: [String] = []
        let source = baseline.path
        if outcome.gone > 0 {
            var line = "info: \(ReportText.count(outcome.gone, "finding")) recorded in the baseline \(source) "
            line += outcome.gone == 1 ? "no longer occurs" : "no longer occur"
            if outcome.unlintedFiles == 0 {
                line += "; run with --write-baseline \(source) to shrink it"
            } else {
                line += " in the files linted; to shrink it, run --write-baseline \(source) over every path it covers "
                line += "(\(ReportText.count(outcome.unlintedFiles, "file")) it records \(outcome.unlintedFiles == 1 ? "was" : "were") not linted this time)"
            }
            lines.append(line)
        }
        if baseline.scheme != .current {
            lines.append(
                "info: the baseline \(source) is in an older format (version \(baseline.scheme.rawValue)), which tells equal findings "
                    + "apart by their order in the file; run with --write-baseline \(source) to record each finding with the item it is about")
        }
        return lines.isEmpty ? nil : lines.map { $0 + "\n" }.joined()
    }

    static func exitStatus(_ run: LintRun, options: SessionOptions, otherFailure: Bool) -> Int32 {
        if otherFailure || run.files.contains(where: { $0.failure != nil }) { return ExitStatus.usageOrInput }
        if run.count(.error) > 0 { return ExitStatus.findings }
        let warnings = run.count(.warning)
        if options.strict, warnings > 0 { return ExitStatus.findings }
        if let limit = options.maxWarnings, warnings > limit { return ExitStatus.findings }
        if options.diff, run.fixableCount > 0 { return ExitStatus.findings }
        return ExitStatus.clean
    }

    /// The configuration, or every problem found in it (each reported with its line and column).
    public static func loadConfiguration(_ options: SessionOptions) -> Result<Configuration, ConfigurationErrors> {
        let catalog = RuleRegistry.catalog
        let known: (String) -> Bool = { RuleSelection.isKnown($0, in: catalog) }
        let path = options.configPath ?? ConfigurationLoader.discover(from: options.workingDirectory)
        guard let path else { return .success(Configuration(directory: options.workingDirectory)) }
        let (configuration, errors) = ConfigurationLoader.validate(path: path, isKnownRuleSelector: known)
        return errors.isEmpty ? .success(configuration) : .failure(ConfigurationErrors(errors: errors))
    }

    public struct ConfigurationErrors: Error, CustomStringConvertible {
        public var errors: [ConfigurationError]
        public var description: String { errors.map(\.description).joined(separator: "\n") }
    }

    /// Lints every input, on all cores; the result keeps the order of the inputs.
    static func lintAll(_ inputs: [PathCollector.Input], linter: Linter, options: SessionOptions) -> [FileReport] {
        Parallel.map(inputs.count) { index in
            switch inputs[index] {
            case .file(let path):
                return linter.lint(path: path)
            case .standardInput:
                let name = options.stdinFilename ?? "-"
                switch FileLoader.loadStandardInput(displayPath: name) {
                case .success(let file): return linter.lint(file)
                case .failure(let error): return .unreadable(name, reason: error.reason)
                }
            case .unreadable(let path, let reason):
                return .unreadable(path, reason: reason)
            }
        }
    }
}
