import ArgumentParser
import AssetLint

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint files and folders (the default command).",
        discussion: """
            Folders are searched for *.json files; '-' reads standard input. Exit status: 0 when there is no \
            error-severity finding (and warnings are within --max-warnings), also when there was nothing to lint \
            (a warning says so); 1 when there are findings (with --diff: fixes are pending); 2 on a usage error, a \
            bad configuration, or a file that could not be read. With --diff, standard output carries only the \
            patch (apply it with 'patch -p0' or 'git apply -p0') and the report goes to standard error.
            """)

    @Argument(help: "Files and folders to lint ('-' for standard input). Default: the current folder.")
    var paths: [String] = []

    @Option(name: .customLong("format"), help: ArgumentHelp(
        "Output format, optionally written to a file: text, concise, json, junit, sarif, github. Repeatable.",
        valueName: "format[=file]"))
    var formats: [String] = []

    @Option(help: "Configuration file (default: the nearest .assetlint.yml from the current folder upwards).")
    var config: String?

    @Option(help: "Document kind: auto, manifest, labels, attachments, cors-gcs, cors-s3, cors-azure, service-account, json.")
    var kind: String = "auto"

    @Option(name: .customLong("assets"), help: ArgumentHelp(
        "An asset manifest whose externalIds label and attachment imports may name (L509, A605). Repeatable.",
        valueName: "manifest"))
    var assetManifests: [String] = []

    @Option(help: ArgumentHelp("Rules to run: ids, names, prefixes or ALL, comma-separated; replaces the configuration's list.", valueName: "rules"))
    var select: [String] = []

    @Option(help: ArgumentHelp("Rules not to run, comma-separated; added to the configuration's list.", valueName: "rules"))
    var ignore: [String] = []

    @Flag(help: "Apply safe fixes to the files.")
    var fix = false

    @Flag(help: "Also apply unsafe fixes (with --fix or --diff).")
    var unsafeFixes = false

    @Flag(help: "Show the fixes as a unified diff instead of writing them.")
    var diff = false

    @Option(help: "The file name to report for standard input ('-').")
    var stdinFilename: String?

    @Option(help: "Hide the findings recorded in this baseline file (default: the configuration's 'baseline').")
    var baseline: String?

    @Option(help: "Record the current findings in this baseline file and pass.")
    var writeBaseline: String?

    @Option(help: "Fail when there are more than this many warnings.")
    var maxWarnings: Int?

    @Flag(help: "Fail on any warning.")
    var strict = false

    @Option(name: .customLong("inventory"), help: ArgumentHelp(
        "A bucket listing to check asset URLs against (gsutil/gcloud ls, aws s3 ls, S3 Inventory, az storage blob list), found by content; BUCKET=FILE for listings that do not name their bucket. Repeatable.",
        valueName: "[bucket=]file"))
    var inventory: [String] = []

    @Flag(name: .customLong("inventory-unused"), help: "With --inventory: count the listed images that no asset URL of the linted files names (I503, one note per bucket).")
    var inventoryUnused = false

    @Flag(help: "Never colour the output (also: NO_COLOR; FORCE_COLOR forces colour).")
    var noColor = false

    @Flag(help: "Print only the findings, no summary.")
    var quiet = false

    @Flag(help: "Print the number of findings per rule instead of each finding.")
    var statistics = false

    @Option(help: ArgumentHelp(
        "Manifest engine: fast, or reference (every item through the parser and every rule, on one thread; for checking the fast engine).",
        valueName: "engine"))
    var engine: String = LintEngine.fast.rawValue

    func validate() throws {
        for format in formats where SessionOptions.FormatRequest.parse(format) == nil {
            let name = String(format.prefix { $0 != "=" })
            let names = OutputFormat.allCases.map(\.rawValue)
            if names.contains(name.lowercased()) {
                throw ValidationError("--format \(name)= needs a file name after '='")
            }
            throw ValidationError(unknownValue(
                "format", name, among: names, expected: "text, concise, json, junit, sarif or github, optionally followed by =FILE"))
        }
        if kind != "auto", DocumentKind(rawValue: kind) == nil {
            let kinds = ["auto"] + DocumentKind.allCases.map(\.rawValue)
            throw ValidationError(unknownValue("kind", kind, among: kinds, expected: kinds.joined(separator: ", ")))
        }
        if baseline != nil, writeBaseline != nil {
            throw ValidationError("--baseline and --write-baseline cannot be used together")
        }
        if LintEngine(rawValue: engine) == nil {
            throw ValidationError("unknown engine '\(engine)': expected fast or reference")
        }
        for argument in inventory {
            if case .failure(let error) = InventorySource.parse(argument) { throw ValidationError("--inventory: \(error.message)") }
        }
        if let maxWarnings, maxWarnings < 0 { throw ValidationError("--max-warnings must be 0 or more") }
        let standardOutputFormats = formats.compactMap(SessionOptions.FormatRequest.parse).filter { $0.path == nil }
        if standardOutputFormats.count > 1 {
            throw ValidationError("only one --format can write to standard output; give the others a file (e.g. --format junit=report.xml)")
        }
    }

    func run() throws {
        var options = SessionOptions()
        options.paths = paths.isEmpty ? ["."] : paths
        let requests = formats.compactMap(SessionOptions.FormatRequest.parse)
        options.formats = requests.contains { $0.path == nil } ? requests : [SessionOptions.FormatRequest(format: .text)] + requests
        options.configPath = config
        options.lint = LintOptions(
            kind: DocumentKind(rawValue: kind), select: select.isEmpty ? nil : splitList(select), ignore: splitList(ignore),
            engine: LintEngine(rawValue: engine) ?? .fast)
        options.stdinFilename = stdinFilename
        options.fix = fix
        options.unsafeFixes = unsafeFixes
        options.diff = diff
        options.baselinePath = baseline
        options.writeBaselinePath = writeBaseline
        options.maxWarnings = maxWarnings
        options.strict = strict
        options.quiet = quiet
        options.statistics = statistics
        options.color = wantsColor()
        options.workingDirectory = currentDirectory()
        options.assetManifests = assetManifests
        options.inventory = inventory.compactMap { try? InventorySource.parse($0).get() }
        options.inventoryUnused = inventoryUnused
        if !quiet, ProgressBar.isWanted(environment: environmentValue) {
            let bar = ProgressBar()
            options.lint.progress = { bar.update($0) }
        }
        let status = LintSession.run(options)
        if status != 0 { throw ExitCode(status) }
    }

    private func wantsColor() -> Bool {
        if noColor { return false }
        if let force = environmentValue("FORCE_COLOR"), !force.isEmpty, force != "0" { return true }
        if let noColor = environmentValue("NO_COLOR"), !noColor.isEmpty { return false }
        return isTerminal(1)
    }
}

/// `unknown kind 'manfest'; did you mean 'manifest'?`, or the expected values when nothing is
/// close (the configuration's did-you-mean).
func unknownValue(_ what: String, _ value: String, among candidates: [String], expected: String) -> String {
    if let suggestion = ConfigurationLoader.closestMatch(to: value, among: candidates) {
        return "unknown \(what) '\(value)'; did you mean '\(suggestion)'?"
    }
    return "unknown \(what) '\(value)': expected \(expected)"
}

func splitList(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",") }.map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
}

extension String {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
