/// A sample input shown on a rule's page and run as a test.
public struct RuleExample: Sendable {
    public var kind: DocumentKind
    public var text: String
    /// Extra `.assetlint.yml` content the example needs (for example configured buckets).
    public var config: String?
    /// An asset manifest the example is checked against, as with `--assets`.
    public var assets: String?
    /// A bucket listing the example is checked against (`--inventory`), in a format that names its
    /// bucket (gsutil URLs).
    public var listing: String?
    public var note: String?

    public init(
        _ kind: DocumentKind, _ text: String, config: String? = nil, assets: String? = nil, listing: String? = nil, note: String? = nil
    ) {
        self.kind = kind
        self.text = text
        self.config = config
        self.assets = assets
        self.listing = listing
        self.note = note
    }
}

/// The rule family, from the first letter of the id.
public enum RuleFamily: String, Sendable, CaseIterable {
    case json = "J", manifest = "M", url = "U", inventory = "I", labels = "L", attachments = "A", cors = "C", credentials = "K", custom = "X"

    public var title: String {
        switch self {
        case .json: "JSON document"
        case .manifest: "Manifest structure"
        case .url: "Asset URLs"
        case .inventory: "Bucket inventory"
        case .labels: "Label import"
        case .attachments: "Attachment import"
        case .cors: "CORS"
        case .credentials: "Credentials"
        case .custom: "Custom (configuration)"
        }
    }
}

/// Everything about a rule that is not its check: the single source of the rule catalog,
/// `assetlint rules`, `assetlint explain` and the `Rules/` pages.
public struct RuleMetadata: Sendable {
    public enum FixAvailability: String, Sendable {
        case none, safe, unsafe, sometimes
    }

    public var id: String
    public var name: String
    public var severity: Severity
    /// The document kinds the rule applies to.
    public var kinds: Set<DocumentKind>
    /// One line: what the rule reports.
    public var summary: String
    /// Why it matters and how to fix it, in Markdown paragraphs.
    public var rationale: String
    public var fix: FixAvailability
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]
    /// Whether a finding's range is text that has no effect (a CORS rule no request reaches):
    /// editors show it faded (the Language Server Protocol's `Unnecessary` tag).
    public var flagsUnneededText: Bool

    public init(
        id: String, name: String, severity: Severity, kinds: Set<DocumentKind>, summary: String, rationale: String,
        fix: FixAvailability = .none, triggering: [RuleExample], nonTriggering: [RuleExample], flagsUnneededText: Bool = false
    ) {
        self.id = id
        self.name = name
        self.severity = severity
        self.kinds = kinds
        self.summary = summary
        self.rationale = rationale
        self.fix = fix
        self.triggering = triggering
        self.nonTriggering = nonTriggering
        self.flagsUnneededText = flagsUnneededText
    }

    public var family: RuleFamily { RuleFamily(rawValue: String(id.prefix(1))) ?? .custom }
    public var helpPath: String { "Rules/\(id).md" }
}
