/// Takes bare manifest items (`BareItem`) straight from the bytes, without the parser, when no
/// check of the file may report on them: their facts, read from the bytes, hold none of the
/// signals the checks declared, and no observer needs them (`ItemDispatcher.takesQuietly`). So the
/// shortcut follows the rules' declarations and holds no condition of its own; an item it does not
/// take goes to the parser and the checks as usual. The parser reports nothing on a bare item, so
/// the J rules miss nothing either.
///
/// It is off for a file when some check is called on every item (a custom rule), when an observer
/// reads a part of the facts a bare item does not provide, or when a bare item would be nested
/// too deep for `json.maxDepth`; `RuleShapeTests` names any built-in rule that would turn it off.
struct BareItemShortcut {
    /// The parts of `ItemFacts` read from a bare item.
    static let provides: ItemFacts.Parts = [.externalID, .cleanDataURL]

    private let bytes: UnsafeBufferPointer<UInt8>
    // The stream that uses the shortcut owns these for as long as it streams: unowned, so taking
    // an item costs no reference counting.
    private unowned(unsafe) let dispatcher: ItemDispatcher
    private unowned(unsafe) let reader: ItemFactsReader

    init?(dispatcher: ItemDispatcher, context: LintContext, maxDepth: Int) {
        guard maxDepth >= 2, let reader = dispatcher.facts, Self.canStandIn(for: dispatcher) else { return nil }
        bytes = context.file.bytes
        self.dispatcher = dispatcher
        self.reader = reader
    }

    /// Whether the shortcut can take items for `dispatcher`'s checks.
    static func canStandIn(for dispatcher: ItemDispatcher) -> Bool {
        !dispatcher.callsEveryItem && provides.isSuperset(of: dispatcher.observed)
    }

    /// Takes item number `index` when it is a bare item at `offset` on which no check may report,
    /// and returns the offset after it; returns nil and changes nothing otherwise.
    @inline(__always)
    func consume(at offset: Int, item index: Int) -> Int? {
        guard let item = BareItem.read(bytes, at: offset) else { return nil }
        let facts = reader.read(item, at: index, in: bytes)
        guard dispatcher.takesQuietly(facts) else { return nil }
        return item.end
    }
}
