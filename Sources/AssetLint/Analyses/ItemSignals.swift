/// Cheap facts about one manifest item, as bits: what an item rule declares it may report on
/// (`ItemRule.reportsOn`) and what `ItemFactsReader` finds, once per item, for all rules at once.
///
/// A signal may be raised when it does not hold (the reader may be conservative: a rule called
/// for nothing reports nothing), but never missed when it does: a missed signal is a finding the
/// fast engine skips. `ItemDeclarationTests` compares the reader with each rule's full check, and
/// the differential tests compare the fast engine with the reference engine, which has no signals.
struct ItemSignals: OptionSet, Hashable, Sendable {
    let rawValue: UInt64
    init(rawValue: UInt64) { self.rawValue = rawValue }

    // MARK: Structure

    /// The item is not an object.
    static let notObject = ItemSignals(rawValue: 1 << 0)
    /// A key that is none of the manifest fields (`ManifestField`).
    static let unknownMember = ItemSignals(rawValue: 1 << 1)
    /// A field holds a JSON type the hub does not read for it (`ManifestField.expectedKind`).
    static let unexpectedKind = ItemSignals(rawValue: 1 << 2)
    /// No `data` member.
    static let noData = ItemSignals(rawValue: 1 << 3)
    /// No `externalId` member.
    static let noExternalID = ItemSignals(rawValue: 1 << 4)
    /// An object or array below the item (inside `metadata`, say), or an item that is an array.
    static let nestedValue = ItemSignals(rawValue: 1 << 5)

    /// The item has member `field` (the last of repeated keys counts, as everywhere).
    static func has(_ field: ManifestField) -> ItemSignals {
        ItemSignals(rawValue: 1 << (presenceShift + UInt64(field.rawValue)))
    }

    private static let presenceShift: UInt64 = 8  // bits 8...23, room for sixteen fields

    // MARK: Dimensions

    /// `width` without `height` or the reverse.
    static let unpairedDimension = ItemSignals(rawValue: 1 << 24)
    /// `width` or `height` is not an integer literal above zero that fits in `Int`.
    static let dimensionNotPlainInteger = ItemSignals(rawValue: 1 << 25)
    /// `width` or `height` is above `assets.maxDimension`.
    static let dimensionAboveMaximum = ItemSignals(rawValue: 1 << 26)
    /// `width` or `height` on an item whose `data` has a file extension that is not an image's, or
    /// is a Markdown asset.
    static let dimensionOnNonImage = ItemSignals(rawValue: 1 << 27)

    // MARK: The asset URL

    /// `data` is a hierarchical URL or path whose last segment has no extension, or one that
    /// `assets.extensions` does not list.
    static let extensionNotAccepted = ItemSignals(rawValue: 1 << 28)
    /// `data` is a string that the URL fast scan does not find a clean storage URL: anything but an
    /// `https://` URL of an accepted storage endpoint that is already its canonical form, with a
    /// bucket, a key of at most 1,024 bytes, valid UTF-8 escapes decoding to NFC and no dot segment.
    static let dataURLNotClean = ItemSignals(rawValue: 1 << 29)
    /// `data` is a Markdown asset's content, not a URL (`AssetData`): no `dataURLNotClean` and no
    /// extension signal is raised for it.
    static let markdownData = ItemSignals(rawValue: 1 << 30)

    // MARK: The externalId (its decoded text, when it is a string)

    static let idEmpty = ItemSignals(rawValue: 1 << 32)
    /// The first or last character has the Unicode White_Space property.
    static let idEdgeWhitespace = ItemSignals(rawValue: 1 << 33)
    /// A tab or line break anywhere: U+0009-000D, U+0085, U+2028, U+2029.
    static let idLineBreakOrTab = ItemSignals(rawValue: 1 << 34)
    /// A C0 or C1 control character or DEL.
    static let idControl = ItemSignals(rawValue: 1 << 35)
    /// A bidirectional control, a format character, a default-ignorable or an unassigned code
    /// point (ICU's classes), or bytes that are not UTF-8.
    static let idInvisible = ItemSignals(rawValue: 1 << 36)
    /// Not in Unicode Normalization Form C.
    static let idNotNFC = ItemSignals(rawValue: 1 << 37)

    // MARK: Groups

    /// Members whose values hold asset URLs besides `data`: every `dataset` entry and the `value`
    /// of IMAGE and VIDEO attachments. The URL rules look at them item by item.
    static let otherURLMembers: ItemSignals = [.has(.dataset), .has(.attachments)]
}
