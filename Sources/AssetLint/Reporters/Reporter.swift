/// Everything a reporter needs about one run.
public struct LintRun: Sendable {
    public var files: [FileReport]
    /// Every rule known to the run (built-in and custom), for formats that describe rules (SARIF).
    public var catalog: [RuleMetadata]
    public var toolVersion: String

    public init(files: [FileReport], catalog: [RuleMetadata], toolVersion: String = AssetLintVersion.current) {
        self.files = files
        self.catalog = catalog
        self.toolVersion = toolVersion
    }

    /// Every finding, those the engine only counted included (`FileReport.omitted`).
    public var diagnosticCount: Int {
        files.reduce(0) { $0 + $1.findingCount + $1.omitted.reduce(0) { $0 + $1.count } }
    }

    public func count(_ severity: Severity) -> Int {
        files.reduce(0) { total, file in
            total + file.tally.count(severity) + file.omitted.filter { $0.severity == severity }.reduce(0) { $0 + $1.count }
        }
    }

    public var fixableCount: Int {
        files.reduce(0) { $0 + $1.tally.fixable + $1.omitted.reduce(0) { $0 + $1.fixable } }
    }
}

public struct ReportOptions: Sendable {
    /// ANSI colours (text format on a terminal, unless NO_COLOR; FORCE_COLOR forces them).
    public var color: Bool
    /// `--quiet`: only diagnostics, no summary.
    public var quiet: Bool
    /// `--statistics`: a count per rule instead of each diagnostic (text and concise).
    public var statistics: Bool
    /// Text and concise show at most this many findings of one rule in one file, then one
    /// "… and N more" line (nil: all). A file with a million findings stays readable and quick to
    /// print; the machine formats (json, junit, sarif, github) always list every finding.
    public var perRuleLimit: Int?

    public static let defaultPerRuleLimit = 20

    public init(color: Bool = false, quiet: Bool = false, statistics: Bool = false, perRuleLimit: Int? = ReportOptions.defaultPerRuleLimit) {
        self.color = color
        self.quiet = quiet
        self.statistics = statistics
        self.perRuleLimit = perRuleLimit
    }
}

/// Renders a run in one output format.
public protocol Reporter {
    func render(_ run: LintRun, options: ReportOptions) -> String
    /// Renders a run piece by piece into `emit`, for formats whose text is large enough that
    /// holding all of it at once matters (json with a million findings is most of a gigabyte).
    func write(_ run: LintRun, options: ReportOptions, to emit: (String) -> Void)
    /// The same pieces as UTF-8 buffers that `submit` takes, leaving an empty buffer in their
    /// place (`AtomicWriter.replace(_:expected:submitting:)` writes them on another thread).
    func write(_ run: LintRun, options: ReportOptions, submitting submit: (inout [UInt8]) -> Void)
}

extension Reporter {
    public func write(_ run: LintRun, options: ReportOptions, to emit: (String) -> Void) {
        emit(render(run, options: options))
    }

    public func write(_ run: LintRun, options: ReportOptions, submitting submit: (inout [UInt8]) -> Void) {
        write(run, options: options) { text in
            var bytes = Array(text.utf8)
            submit(&bytes)
        }
    }
}

/// Text pieces handed on as strings: each buffer becomes one and is emptied for reuse.
private func handingOn(_ emit: @escaping (String) -> Void) -> (inout [UInt8]) -> Void {
    { bytes in
        emit(String(decoding: bytes, as: UTF8.self))
        bytes.removeAll(keepingCapacity: true)
    }
}

/// A format that is one JSON document (json, sarif): written through `ReportJSONWriter`, whole
/// for `render` and a megabyte at a time for `write`. Options do not change these formats.
protocol JSONDocumentReporter: Reporter {
    func document(_ run: LintRun, into json: inout ReportJSONWriter)
}

extension JSONDocumentReporter {
    public func render(_ run: LintRun, options: ReportOptions) -> String {
        var json = ReportJSONWriter()
        document(run, into: &json)
        return json.finish()
    }

    public func write(_ run: LintRun, options: ReportOptions, to emit: (String) -> Void) {
        withoutActuallyEscaping(emit) { emit in
            write(run, options: options, submitting: handingOn(emit))
        }
    }

    public func write(_ run: LintRun, options: ReportOptions, submitting submit: (inout [UInt8]) -> Void) {
        withoutActuallyEscaping(submit) { submit in
            var json = ReportJSONWriter(sink: submit)
            document(run, into: &json)
            _ = json.finish()
        }
    }
}

/// A text format written piece by piece (github, junit): `write` hands out about a megabyte at a
/// time, so a report of a million findings is never held whole; `render` collects the pieces.
protocol PiecewiseReporter: Reporter {
    func write(_ run: LintRun, into output: inout ReportPieces)
}

extension PiecewiseReporter {
    public func render(_ run: LintRun, options: ReportOptions) -> String {
        var text = ""
        write(run, options: options) { text += $0 }
        return text
    }

    public func write(_ run: LintRun, options: ReportOptions, to emit: (String) -> Void) {
        withoutActuallyEscaping(emit) { emit in
            write(run, options: options, submitting: handingOn(emit))
        }
    }

    public func write(_ run: LintRun, options: ReportOptions, submitting submit: (inout [UInt8]) -> Void) {
        withoutActuallyEscaping(submit) { submit in
            var output = ReportPieces(submit)
            write(run, into: &output)
            output.finish()
        }
    }
}

/// Text on its way out, as UTF-8: kept until about a megabyte has gathered, then handed on.
struct ReportPieces {
    private var buffer: [UInt8] = []
    private let submit: (inout [UInt8]) -> Void
    static let flushSize = 1 << 20

    init(_ submit: @escaping (inout [UInt8]) -> Void) {
        self.submit = submit
        buffer.reserveCapacity(Self.flushSize + (64 << 10))
    }

    mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushSize { flush() }
    }

    mutating func finish() { flush() }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        submit(&buffer)
    }
}

/// The output formats of `--format`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, concise, json, junit, sarif, github
}

extension OutputFormat {
    /// The reporter that renders this format.
    public var reporter: any Reporter {
        switch self {
        case .text: TextReporter()
        case .concise: ConciseReporter()
        case .json: JSONReporter()
        case .junit: JUnitReporter()
        case .sarif: SARIFReporter()
        case .github: GitHubReporter()
        }
    }
}
