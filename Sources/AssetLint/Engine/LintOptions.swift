/// How far the streaming of one large file has come.
public struct LintProgress: Sendable {
    public var path: String
    public var bytes: Int
    public var total: Int
    public var items: Int
    public var finished = false
}

/// Which engine checks manifest items.
public enum LintEngine: String, Sendable, CaseIterable {
    /// Reads each item's facts once and calls only the item rules that may report on it
    /// (`ItemRule.reportsOn`); takes bare items straight from the bytes; checks large files in
    /// parts on every core.
    case fast
    /// The oracle: every item goes through the parser and every item rule is called on it, in one
    /// pass on one thread, without facts, shortcuts or parts. The differential tests and the
    /// fuzzer require the same report from both engines.
    case reference
}

/// Options that come from the command line rather than the configuration file.
public struct LintOptions: Sendable {
    /// `--kind`; nil for automatic detection.
    public var kind: DocumentKind?
    /// `--select` (replaces the configuration's `rules.select`) and `--ignore` (adds to it).
    public var select: [String]?
    public var ignore: [String] = []
    /// `--engine`.
    public var engine = LintEngine.fast
    /// Called now and then while a manifest streams (the command line draws a progress bar).
    public var progress: (@Sendable (LintProgress) -> Void)?
    /// Streamed arrays at least this large are checked in parts on several cores (fast engine).
    public var splitThreshold = 8 << 20
    /// Keep at most this many findings of one rule in one file (the first in report order) and
    /// only count the others (`FileReport.omitted`); nil keeps all. The session sets it when every
    /// requested output lists no more than that many (text and concise), and nothing needs every
    /// finding (fixes, baselines), so a file with a million findings takes little memory.
    public var keepPerRule: Int?
    /// Write each file's findings to a `FindingSpool` as they are reported instead of keeping them
    /// as values (`FileReport.spool`): for runs whose reports list every finding and that need no
    /// finding afterwards (no fixes, no baseline). Ignored with `keepPerRule`.
    public var spoolsFindings = false
    /// Hears how many parts of a file split across cores were checked and merged.
    var partsObserver: (@Sendable (Int) -> Void)?
    /// Hears, per streamed part, how many items `BareItemShortcut` took.
    var bareItemsObserver: (@Sendable (Int) -> Void)?
    /// `--assets` and `labels.assets`: the asset manifests whose externalIds label and attachment
    /// imports may name (L509, A605); nil when none are given.
    public var assets: AssetIndex?
    /// `--inventory` and `inventory:`: the bucket listings the I rules check asset URLs against.
    public var inventory = Inventory.empty

    public init(kind: DocumentKind? = nil, select: [String]? = nil, ignore: [String] = [], engine: LintEngine = .fast) {
        self.kind = kind
        self.select = select
        self.ignore = ignore
        self.engine = engine
    }
}
