/// A rule called on every streamed item that reports nothing on a bare item (`BareItem`): an
/// object with only `data`, `externalId`, `width` and `height`, holding no other object.
protocol QuietOnBareItems: RuleCheck {}

/// Checks a bare manifest item (`BareItem`) straight from the bytes, standing in for the parser,
/// the dispatcher and the item rules when none of them would report anything on it: the
/// structural M rules through `PlainItemScreen`'s value checks, the U rules through the URL fast
/// scan and U213's bucket tracking, the `externalId` rules through the id analysis, which also
/// enters the id for M110-M112 exactly as `analyze` does, and, while bucket listings are loaded,
/// the I rules through the existence check itself (`InventoryAnalysis.isQuiet`): an item whose
/// object is not listed goes to the rules. Anything else (an item that is not
/// bare, or one a rule may report on) is left untouched for the usual path.
///
/// It exists only when it can stand in for every rule the dispatcher would call on an item; a
/// rule it does not know (a custom rule, say) turns it off for the file. `BareItemShortcutTests`
/// lint the same manifests with and without it and require the same report.
final class BareItemShortcut {
    private let bytes: UnsafeBufferPointer<UInt8>
    // The file's context owns these for as long as its items stream (the shortcut lives inside
    // one `stream` call): unowned, so using them costs no reference counting per item.
    private unowned(unsafe) let screen: PlainItemScreen?
    private unowned(unsafe) let urls: AssetURLAnalysis?
    private unowned(unsafe) let ids: ExternalIDAnalysis?
    private unowned(unsafe) let objects: InventoryAnalysis?

    /// Nil when some rule `dispatcher` calls on items is not one the shortcut stands in for, or a
    /// bare item would be nested too deep for `maxDepth`.
    init?(dispatcher: ItemDispatcher, context: LintContext, maxDepth: Int) {
        guard maxDepth >= 2 else { return nil }
        let urls = context.existing(AssetURLAnalysis.self)
        let ids = context.existing(ExternalIDAnalysis.self)
        let objects = context.existing(InventoryAnalysis.self)
        var screen: PlainItemScreen?
        var checksURLs = false, checksIDs = false, checksObjects = false
        for trigger in dispatcher.triggers {
            switch trigger {
            case .screen(let candidate):
                guard let plain = candidate as? PlainItemScreen else { return nil }
                screen = plain
            case .gate(let gate):
                if let urls, gate == urls.itemState {
                    checksURLs = true
                } else if let ids, gate == ids.itemState {
                    checksIDs = true
                } else if let objects, gate == objects.itemState {
                    checksObjects = true
                } else {
                    return nil
                }
            case .every(let rule):
                guard rule is QuietOnBareItems else { return nil }
            }
        }
        bytes = context.file.bytes
        self.screen = screen
        self.urls = checksURLs ? urls : nil
        self.ids = checksIDs ? ids : nil
        self.objects = checksObjects ? objects : nil
    }

    /// Checks item number `index` when it is a bare item at `offset` on which no rule reports
    /// anything, records what the analyses keep across items, and returns the offset after it.
    /// Returns nil and changes nothing otherwise.
    func consume(at offset: Int, item index: Int) -> Int? {
        guard let item = BareItem.read(bytes, at: offset) else { return nil }
        let data = content(item.data)
        let id = content(item.externalID)
        var provider: StorageProvider?
        var path: AssetPath?
        if let urls {
            guard let quiet = urls.quietURL(data) else { return nil }
            provider = quiet.provider
            path = AssetPath(data, lastSegment: quiet.lastSegmentStart..<data.count)
        }
        if let screen {
            guard screen.valuesArePlain(
                id: id, path: path ?? AssetPath(data), width: item.width.map(DimensionValue.valid),
                height: item.height.map(DimensionValue.valid))
            else { return nil }
        }
        if let ids, !ids.isQuiet(id, mayBeNonASCII: item.externalIDIsNonASCII) { return nil }
        if let objects, !objects.isQuiet(data, scanned: provider) { return nil }
        // Quiet: from here on, what `analyze` would have recorded.
        if let urls, let provider { urls.recordQuiet(provider, url: ByteRange(start: item.data.lowerBound, end: item.data.upperBound)) }
        ids?.enterQuiet(id, item: index, literalStart: item.externalID.lowerBound)
        return item.end
    }

    /// The bytes between the quotes of a string literal.
    @inline(__always)
    private func content(_ literal: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[(literal.lowerBound + 1)..<(literal.upperBound - 1)])
    }
}
