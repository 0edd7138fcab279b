/// Hands each streamed item (of a manifest, a label or an attachment import) to the item checks of
/// a file. In the fast engine, in a manifest, it reads the item's facts once (`ItemFactsReader`)
/// and calls a check only when the item holds one of the signals the check declared
/// (`ItemRule.reportsOn`); the per-file state of the observers among them hears the facts of the
/// items none of its rules is called on (`FactsRecorder`). In the reference engine, and in the
/// other kinds, every check is called on every item, and nothing else happens.
final class ItemDispatcher {
    private struct Entry {
        let check: any ItemChecker
        let signals: UInt64
        let everyItem: Bool
        /// Position of the check's recorder in `recorders`, or -1.
        let recorder: Int
    }

    private let entries: [Entry]
    /// The observers' states, each once (M110, M111 and M112 share the id table).
    private let recorders: [any FactsRecorder]
    /// Nil in the reference engine, and for files that are not manifests.
    let facts: ItemFactsReader?
    /// The signals of all checks together: an item with none of them gives no check anything to
    /// report.
    let anySignal: ItemSignals
    /// Some check is called on every item (a custom rule).
    let callsEveryItem: Bool
    /// What the recorders read of the items their rules are not called on.
    let observed: ItemFacts.Parts

    init(_ rules: [any RuleCheck], context: LintContext, engine: LintEngine) {
        var entries: [Entry] = []
        var recorders: [any FactsRecorder] = []
        var anySignal: ItemSignals = []
        for rule in rules {
            guard let check = rule.itemShape?.checker else { continue }
            var position = -1
            if let recorder = check.factsRecorder(in: context) {
                position = recorders.firstIndex { $0 === recorder } ?? {
                    recorders.append(recorder)
                    return recorders.count - 1
                }()
            }
            switch check.itemDeclaration {
            case .reportsOn(let signals):
                entries.append(Entry(check: check, signals: signals.rawValue, everyItem: false, recorder: position))
                anySignal.formUnion(signals)
            case .everyItem:
                entries.append(Entry(check: check, signals: 0, everyItem: true, recorder: position))
            }
        }
        precondition(recorders.count <= 64, "at most 64 per-file states hear the items")
        self.entries = entries
        self.recorders = recorders
        self.anySignal = anySignal
        observed = recorders.reduce(into: []) { $0.formUnion($1.observes) }
        callsEveryItem = entries.contains { $0.everyItem }
        // Item facts are a manifest's: in other kinds every check is called on every item.
        facts = engine == .fast && context.kind == .manifest ? ItemFactsReader(context: context) : nil
    }

    /// Checks item number `index`, the root of `tree`.
    func deliver(item index: Int, of tree: JSONTree, context: LintContext) {
        let root = tree.root
        guard let reader = facts else {
            for entry in entries { entry.check.check(item: root, at: index, in: tree, context: context) }
            return
        }
        let facts = reader.read(item: root, at: index, in: tree)
        let signals = facts.signals.rawValue
        // The recorders whose rules were called: the calls entered what the rules keep.
        var heard: UInt64 = 0
        for entry in entries where entry.everyItem || signals & entry.signals != 0 {
            entry.check.check(item: root, at: index, in: tree, context: context)
            if entry.recorder >= 0 { heard |= 1 << UInt64(entry.recorder) }
        }
        for (position, recorder) in recorders.enumerated() where heard & (1 << UInt64(position)) == 0 {
            guard recorder.mustCheck(facts) else {
                recorder.record(facts)
                continue
            }
            for entry in entries where entry.recorder == position {
                entry.check.check(item: root, at: index, in: tree, context: context)
            }
        }
    }

    /// For `BareItemShortcut`: when no check may report on an item with these facts, hands them to
    /// the recorders and returns true; otherwise changes nothing and returns false.
    @inline(__always)
    func takesQuietly(_ facts: ItemFacts) -> Bool {
        guard facts.signals.rawValue & anySignal.rawValue == 0 else { return false }
        for recorder in recorders where recorder.mustCheck(facts) { return false }
        for recorder in recorders { recorder.record(facts) }
        return true
    }
}
