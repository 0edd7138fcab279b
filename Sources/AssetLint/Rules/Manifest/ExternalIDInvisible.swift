/// M114: control, bidi-control, format, default-ignorable or unassigned characters in an external id.
public final class ExternalIDInvisible: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M114", name: "external-id-invisible", severity: .error, kinds: [.manifest],
        summary: "An `externalId` holds a control character, a bidirectional control, a zero-width, tag or other invisible (format or default-ignorable) character, or a code point unassigned in Unicode.",
        rationale: """
            These characters do not show, or show as boxes, yet make the id a different string: \
            `cat\\u200B-1` looks like `cat-1` and is not, so lookups, joins and exports by id fail for no \
            visible reason. Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and friends) make an id \
            display in a different order than it is stored (the "Trojan Source" trick). Tag characters \
            (U+E0000-U+E007F) are invisible copies of ASCII that can smuggle text into an id. Control \
            characters come from copied terminal output and broken exports; unassigned code points from \
            corrupted data.

            Each such character is reported at its position, with its name; an unsafe fix removes controls, \
            bidi controls and invisible characters (an unassigned code point must be looked at). Emoji \
            sequences keep their zero-width joiners and variation selectors, and a flag's tag sequence \
            (U+1F3F4 followed by tags ending in U+E007F CANCEL TAG) stays whole. ICU decides the character \
            classes. White space, including the tab and line break controls, is M113's.

            An id longer than 1 MiB is checked in its first mebibyte only, and an info finding on it says so.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.manifest, ExternalIDText.examples("cat\\u200b-1")),
            RuleExample(.manifest, ExternalIDText.examples("invoice-\\u202egpj.exe")),
            RuleExample(.manifest, ExternalIDText.examples("cat-\\udb40\\udc41"), note: "a tag character, U+E0041 TAG LATIN CAPITAL LETTER A"),
            RuleExample(.manifest, ExternalIDText.examples("cat-\\u0378"), note: "an unassigned code point: no fix"),
        ],
        nonTriggering: [
            RuleExample(.manifest, ExternalIDText.examples(
                "cat-1", "caf\\u00e9", "\\u2764\\ufe0f-heart",
                "\\ud83c\\udff4\\udb40\\udc67\\udb40\\udc62\\udb40\\udc73\\udb40\\udc63\\udb40\\udc74\\udb40\\udc7f-flag")),
        ])

    static let reportsOn: ItemSignals = [.idControl, .idInvisible]

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let node = context.itemMembers.members(of: item, at: index, in: tree)[.externalId],
              tree[node].kind == .string else { return }
        let (decoded, total) = CheckedPrefix.decodedPrefix(of: node, in: tree)
        let text = decoded.withUnsafeBufferPointer { decoded[0..<CheckedPrefix.end(of: $0, table: context.scalars)] }
        if total > text.count {
            context.report(Self.self, CheckedPrefix.message("externalId", total: total, checkedFor: "invisible characters"),
                           at: tree[node].range, pointer: tree.pointer(node), atMost: .info)
        }
        let scalars = Array(String(decoding: text, as: UTF8.self).unicodeScalars)
        var offset = 0
        var offsets: [Int] = []
        for scalar in scalars {
            offsets.append(offset)
            offset += String(scalar).utf8.count
        }
        let shown = ScalarNames.quoted(String(decoding: text.prefix(1024), as: UTF8.self), limit: 60)
        var ranges = DecodedRanges(node, in: tree)
        for (position, scalar) in scalars.enumerated() {
            // Tabs, line breaks and other white space are M113's.
            if scalar.properties.isWhitespace { continue }
            let kind = scalar.value < 0x80
                ? (scalar.value < 0x20 || scalar.value == 0x7F ? ICU.CharacterClass.control : .ordinary)
                : context.scalars.characterClass(scalar.value)
            let what: String
            switch kind {
            case .control: what = "the control character"
            case .bidiControl: what = "the bidirectional control"
            case .zeroWidth:
                if Self.isPartOfEmoji(position, scalars) { continue }
                what = "the invisible character"
            case .unassigned: what = "the unassigned code point"
            default: continue
            }
            let range = ranges.fileRange(offsets[position]..<(offsets[position] + String(scalar).utf8.count))
            let name = ScalarNames.describe(scalar.value)
            let consequence: String
            switch kind {
            case .bidiControl: consequence = "it reorders how the id is displayed, so what people see is not what is stored"
            case .unassigned: consequence = "no font shows it and a later Unicode version may give it a meaning"
            default: consequence = "the id looks like one without it but is a different string"
            }
            let fix = kind == .unassigned ? nil : Fix(.unsafe, "remove \(name)", edits: [TextEdit(range: range, replacement: "")])
            context.report(Self.self, "externalId \(shown) contains \(what) \(name)",
                           at: range, pointer: tree.pointer(node), fix: fix, note: consequence)
        }
    }

    /// A zero-width joiner between emoji, a variation selector after one, or a tag of a flag's
    /// tag sequence.
    static func isPartOfEmoji(_ position: Int, _ scalars: [Unicode.Scalar]) -> Bool {
        let scalar = scalars[position]
        let before = position > 0 ? scalars[position - 1] : nil
        let after = position + 1 < scalars.count ? scalars[position + 1] : nil
        switch scalar.value {
        case 0x200D: return isEmoji(before) && isEmoji(after)
        case 0xFE0E, 0xFE0F: return isEmoji(before)
        case 0xE0020...0xE007F: return isInTagSequence(position, scalars)
        default: return false
        }
    }

    private static func isEmoji(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar, scalar.value >= 0x80 else { return false }
        return scalar.properties.isEmoji || scalar.value == 0xFE0F
    }

    /// An emoji tag sequence (UTS #51): an emoji, one or more tag characters U+E0020-U+E007E, and
    /// U+E007F CANCEL TAG.
    private static func isInTagSequence(_ position: Int, _ scalars: [Unicode.Scalar]) -> Bool {
        func isTagSpec(_ index: Int) -> Bool { (0xE0020...0xE007E).contains(scalars[index].value) }
        var start = position
        while start > 0, isTagSpec(start - 1) { start -= 1 }
        var end = position
        while end < scalars.count, isTagSpec(end) { end += 1 }
        return end < scalars.count && scalars[end].value == 0xE007F && end > start && start > 0 && isEmoji(scalars[start - 1])
    }
}
