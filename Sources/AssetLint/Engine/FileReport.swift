/// The outcome of linting one path.
public struct FileReport: Sendable {
    public var path: String
    public var kind: DocumentKind?
    public var source: SourceFile?
    public var diagnostics: [Diagnostic]
    /// The rules that ran on the file, in catalog order (JUnit lists each as a test case).
    public var rulesRun: [RuleMetadata]
    /// Why the file could not be read; exit status 2.
    public var failure: String?
    /// Findings counted but not kept (see `LintOptions.keepPerRule`).
    public var omitted: [OmittedFindings] = []
    /// Findings written out as they were reported (see `LintOptions.spoolsFindings`); they are not
    /// in `diagnostics`. `forEachFinding` reads both.
    var spool: FindingSpool?

    public init(path: String, kind: DocumentKind?, source: SourceFile?, diagnostics: [Diagnostic], rulesRun: [RuleMetadata], failure: String? = nil) {
        self.path = path
        self.kind = kind
        self.source = source
        self.diagnostics = diagnostics
        self.rulesRun = rulesRun
        self.failure = failure
    }

    public static func unreadable(_ path: String, reason: String) -> FileReport {
        FileReport(path: path, kind: nil, source: nil, diagnostics: [], rulesRun: [], failure: reason)
    }
}
