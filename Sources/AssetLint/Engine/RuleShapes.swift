/// What the engine can ask of every rule instance. A rule also takes one or more of the shapes
/// below, which say what it looks at: the parser's issues (`IssueRule`), whole documents
/// (`DocumentRule`), or the items of a streamed manifest (`ItemRule`, with its declaration of the
/// items it may report on). There is no default shape: a rule that takes none is never called.
///
/// The engine meets an instance's shapes through `issueShape`, `documentShape` and `itemShape`,
/// which the shape protocols fill in: the compiler picks them when a rule declares its shapes, so
/// no shape is looked up at run time. (A dynamic cast to a protocol scans the binary's conformance
/// records on first use: some 33 million instructions at every start for the built-in rules.)
/// A rule never writes them; `RuleShapeTests` holds each to the protocols its rule conforms to.
public protocol RuleCheck: AnyObject {
    /// Called once when the file is done. In a manifest checked in parts, only on the first part's
    /// instance, after the later parts' per-file state has been merged into it (`PartMergeable`).
    func finish(context: LintContext)
    /// This instance as an `IssueRule`, nil when it is none.
    var issueShape: (any IssueRule)? { get }
    /// This instance as a `DocumentRule`, nil when it is none.
    var documentShape: (any DocumentRule)? { get }
    /// This instance as a check of streamed items (`ItemRule`, `ImportItemRule`, a custom rule),
    /// nil when it is none.
    var itemShape: ItemShape? { get }
}

extension RuleCheck {
    public func finish(context: LintContext) {}
    public var issueShape: (any IssueRule)? { nil }
    public var documentShape: (any DocumentRule)? { nil }
    public var itemShape: ItemShape? { nil }
}

/// A rule instance as a check of streamed items (the item shapes are the engine's own).
public struct ItemShape {
    let checker: any ItemChecker
}

/// A built-in rule: one type, carrying its metadata, instantiated afresh for every file (and for
/// every part of a manifest checked in parts). Rule instances keep no state across items: what a
/// rule remembers of a file lives in a `PartMergeable` analysis of the file's context, so a file
/// checked in parts gives what one pass gives (`RuleShapeTests` holds every built-in rule to it).
public protocol Rule: RuleCheck, SendableMetatype {
    static var metadata: RuleMetadata { get }
    init()
}

extension Rule {
    public var metadata: RuleMetadata { Self.metadata }
}

/// A rule that hears what the JSON layer found in the bytes (the J rules).
public protocol IssueRule: RuleCheck {
    func check(issue: JSONIssue, context: LintContext)
}

extension IssueRule {
    public var issueShape: (any IssueRule)? { self }
}

/// A rule on whole documents: a CORS file, a key, plain JSON, and the manifest as a whole when its
/// top level is not an array or the array is empty.
public protocol DocumentRule: RuleCheck {
    func check(document tree: JSONTree, context: LintContext)
}

extension DocumentRule {
    public var documentShape: (any DocumentRule)? { self }
}

/// A check called on the items of a streamed manifest (a built-in `ItemRule`, or a custom rule from
/// the configuration).
protocol ItemChecker: RuleCheck {
    /// Which items the check may report on, asked once per file.
    var itemDeclaration: ItemDeclaration { get }
    /// Checks item number `index`, the root of `tree`, completely: this is what the reference
    /// engine calls on every item, so it never skips work on the strength of a shortcut.
    func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext)
    /// The per-file state that hears the items the check is not called on (`ItemFactsObserver`
    /// fills it in), nil when it keeps none.
    func factsRecorder(in context: LintContext) -> (any FactsRecorder)?
    /// This check as a U rule, which label and attachment imports call through `EmbeddedURLCheck`
    /// (`URLRule` fills it in), nil when it is none.
    var urlShape: (any URLRule)? { get }
}

extension ItemChecker {
    public var itemShape: ItemShape? { ItemShape(checker: self) }
    func factsRecorder(in context: LintContext) -> (any FactsRecorder)? { nil }
    var urlShape: (any URLRule)? { nil }
}

/// How an item check meets the items of a manifest.
enum ItemDeclaration: Equatable {
    /// It may report on an item only when the item's facts (`ItemFacts`) hold one of these signals;
    /// the fast engine calls it on no other item, and skips the parser for an item none of the
    /// file's checks may report on (`BareItemShortcut`).
    case reportsOn(ItemSignals)
    /// It is called on every item. A custom rule says so (its pointer may select anything), and
    /// so do the rules of label and attachment imports, kinds without item facts
    /// (`ImportItemRule`); in a manifest it turns the bare-item shortcut off for the file, which
    /// `RuleShapeTests` allows no built-in rule.
    case everyItem
}

/// A built-in rule on manifest items. It states next to its check, in `reportsOn`, the item facts
/// under which it may report; `ItemDeclarationTests` holds every item rule to its declaration
/// over generated items (every Unicode white space, control, format and default-ignorable code
/// point, every byte class of URLs, escapes and number forms).
protocol ItemRule: Rule, ItemChecker {
    /// The signals of an item on which the rule may report. On an item with none of them the rule
    /// reports nothing, so the fast engine does not call it.
    static var reportsOn: ItemSignals { get }
}

extension ItemRule {
    var itemDeclaration: ItemDeclaration { .reportsOn(Self.reportsOn) }
}

/// A built-in rule on the items of a label or attachment import. Those kinds have no item facts
/// and no bare-item shortcut: every item goes through the parser, and the rule is called on each
/// with a complete check. (The U rules meet the URLs of those files through `EmbeddedURLCheck`,
/// whose shortcut follows their `reportsOn`.) A rule of this shape never applies to manifests
/// (`RuleShapeTests`).
protocol ImportItemRule: Rule, ItemChecker {}

extension ImportItemRule {
    var itemDeclaration: ItemDeclaration { .everyItem }
}

/// An item rule that keeps per-file state fed by every item (the id table of M110-M112, U213's
/// buckets), so the state must hear of the items the rule is not called on too: its recorder.
protocol ItemFactsObserver: ItemRule {
    /// The per-file state that hears the facts of the items the rule is not called on. Rules that
    /// share a state name the same instance, and it hears each item once.
    func recorder(in context: LintContext) -> any FactsRecorder
}

extension ItemFactsObserver {
    func factsRecorder(in context: LintContext) -> (any FactsRecorder)? { recorder(in: context) }
}

/// Per-file state of item rules that hears, for an item none of its rules is called on, the
/// item's facts: first `mustCheck` (its rules may need the item after all), then `record`, which
/// enters what the rules' `check(item:)` would have entered.
protocol FactsRecorder: PartMergeable {
    /// The parts of `ItemFacts` that `mustCheck` and `record` read. The bare-item shortcut provides
    /// some of them (`BareItemShortcut.provides`); a recorder that reads anything else turns it off
    /// for the file, and `RuleShapeTests` names its rule.
    var observes: ItemFacts.Parts { get }
    /// Whether the rules must be called on this item although their signals do not ask for it
    /// (one of them would report on it). Records nothing.
    func mustCheck(_ facts: ItemFacts) -> Bool
    /// Records what the rules' `check(item:)` would have recorded of this item.
    func record(_ facts: ItemFacts)
}

/// Per-file state that spans items, shared through `LintContext.fileState`. When a manifest is
/// checked in parts, every part's context has its own; once all parts are streamed, the engine
/// folds each later part's state into the first part's, in file order, before the rules finish.
/// The result must be what one context streaming every item would hold.
protocol PartMergeable: AnyObject {
    /// Takes in the state of `later`, which is of the same type and saw the items that follow.
    func absorb(_ later: AnyObject)
}

/// A rule as the engine runs it: its metadata and how to make a fresh checker for one file.
/// Built-in rules and the configuration's declarative `custom:` rules both become descriptors.
public struct RuleDescriptor: Sendable {
    public var metadata: RuleMetadata
    public var make: @Sendable () -> any RuleCheck

    public init(metadata: RuleMetadata, make: @escaping @Sendable () -> any RuleCheck) {
        self.metadata = metadata
        self.make = make
    }

    public init(_ rule: any Rule.Type) {
        self.init(metadata: RuleRegistry.metadata(of: rule), make: { rule.init() })
    }
}
