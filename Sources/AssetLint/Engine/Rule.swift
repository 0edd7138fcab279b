/// A sample input shown on a rule's page and run as a test.
public struct RuleExample: Sendable {
    public var kind: DocumentKind
    public var text: String
    /// Extra `.assetlint.yml` content the example needs (for example configured buckets).
    public var config: String?
    /// A bucket listing the example is checked against (`--inventory`), in a format that names its
    /// bucket (gsutil URLs).
    public var listing: String?
    public var note: String?

    public init(_ kind: DocumentKind, _ text: String, config: String? = nil, listing: String? = nil, note: String? = nil) {
        self.kind = kind
        self.text = text
        self.config = config
        self.listing = listing
        self.note = note
    }
}

/// The rule family, from the first letter of the id.
public enum RuleFamily: String, Sendable, CaseIterable {
    case json = "J", manifest = "M", url = "U", cors = "C", credentials = "K", inventory = "I", custom = "X"

    public var title: String {
        switch self {
        case .json: "JSON document"
        case .manifest: "Manifest structure"
        case .url: "Asset URLs"
        case .cors: "CORS"
        case .credentials: "Credentials"
        case .inventory: "Bucket inventory"
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

    public init(
        id: String, name: String, severity: Severity, kinds: Set<DocumentKind>, summary: String, rationale: String,
        fix: FixAvailability = .none, triggering: [RuleExample], nonTriggering: [RuleExample]
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
    }

    public var family: RuleFamily { RuleFamily(rawValue: String(id.prefix(1))) ?? .custom }
    public var helpPath: String { "Rules/\(id).md" }
}

/// The hooks of a check. The engine calls the ones that fit the document: `check(document:)` with
/// the whole tree for CORS, service-account and generic JSON files; for manifests, `check(item:)`
/// once per item of the streamed top-level array (the tree then holds that one item), then
/// `finish`. J rules react to what the JSON layer found through `check(issue:)`.
public protocol RuleCheck: AnyObject {
    /// Which streamed items the rule wants, asked once per file before the first item.
    func itemInterest(context: LintContext) -> ItemInterest
    func check(issue: JSONIssue, context: LintContext)
    func check(document tree: JSONTree, context: LintContext)
    func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext)
    func finish(context: LintContext)
    /// Whether the rule can check a large manifest in consecutive parts on several cores. Each part
    /// has its own rule instances and context; the instances of the first part finish the file.
    /// So a rule may say yes when it keeps nothing across items, or keeps it in a shared analysis
    /// that merges the parts (`PartMergeable`). Asked once per file; the default is yes.
    func checksInParts(context: LintContext) -> Bool
}

extension RuleCheck {
    public func itemInterest(context: LintContext) -> ItemInterest { .every }
    public func check(issue: JSONIssue, context: LintContext) {}
    public func check(document tree: JSONTree, context: LintContext) {}
    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {}
    public func finish(context: LintContext) {}
    public func checksInParts(context: LintContext) -> Bool { true }
}

/// Per-file state shared through `LintContext.shared` that spans items. When a manifest is checked
/// in parts, every part's context has its own; once all parts are streamed, the engine folds each
/// later part's state into the first part's, in file order, before the rules finish. The result
/// must be what one context streaming every item would hold.
protocol PartMergeable: AnyObject {
    /// Takes in the state of `later`, which is of the same type and saw the items that follow.
    func absorb(_ later: AnyObject)
}

/// Which items of a streamed manifest the engine hands to a rule's `check(item:)`.
public enum ItemInterest {
    /// Every item (the default).
    case every
    /// None: the rule hears the parser's issues, or looks at whole documents only.
    case none
    /// The items that a per-file analysis shared by several rules marks as needing attention. The
    /// first rule of the group to be called for an item runs the analysis, which records the item
    /// and its verdict in `state`; the engine reads it and skips the other rules of the group for
    /// a quiet item, without a call.
    case gated(UnsafeMutablePointer<ItemState>)
    /// The items that `screen` does not pass as plain. The engine asks the screen once per item,
    /// before the first rule behind it, and skips all of them for a plain item.
    case screened(any ItemScreen)
}

/// A verdict shared by several rules on each streamed item: is there anything for them to look at?
/// Most items of a large manifest are plainly well formed, and asking one screen is much cheaper
/// than calling every rule to find nothing.
public protocol ItemScreen: AnyObject {
    /// Whether item number `index` (node `item` of `tree`) needs the rules behind the screen.
    /// Returning false promises that none of them would report anything on it.
    func needsAttention(item: JSONTree.Index, at index: Int, in tree: JSONTree) -> Bool
}

/// A built-in rule: one type, carrying its metadata, instantiated afresh for every file it runs
/// on, so it may keep per-file state (seen ids, first bucket) in stored properties.
public protocol Rule: RuleCheck {
    static var metadata: RuleMetadata { get }
    init()
}

extension Rule {
    public var metadata: RuleMetadata { Self.metadata }
}

/// A rule as the engine runs it: its metadata and how to make a fresh checker for one file.
/// Built-in rules and the configuration's declarative `custom:` rules both become descriptors.
public struct RuleDescriptor: @unchecked Sendable {
    public var metadata: RuleMetadata
    public var make: () -> any RuleCheck

    public init(metadata: RuleMetadata, make: @escaping () -> any RuleCheck) {
        self.metadata = metadata
        self.make = make
    }

    public init(_ rule: any Rule.Type) {
        self.init(metadata: rule.metadata, make: { rule.init() })
    }
}
