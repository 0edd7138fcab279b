/// The shape of M110, M111 and M112: they enter every item's `externalId` in the file's
/// `ExternalIDTable` (the first of them to see an item does) and report the pairs it finds when
/// the file is done. They never report on an item by itself, so the fast engine calls none of them
/// on items: it hands them every item's facts instead.
protocol ExternalIDTableRule: ItemFactsObserver {}

extension ExternalIDTableRule {
    static var reportsOn: ItemSignals { [] }

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        ExternalIDTable.of(context).enter(item: item, at: index, in: tree, context: context)
    }

    func recorder(in context: LintContext) -> any FactsRecorder { ExternalIDTable.of(context) }
}

/// The table hears every item's id.
extension ExternalIDTable: FactsRecorder {
    var observes: ItemFacts.Parts { .externalID }
    func mustCheck(_ facts: ItemFacts) -> Bool { false }
    func record(_ facts: ItemFacts) { enter(facts) }
}

/// The two ids of an M111 or M112 finding, read back from the file.
struct ExternalIDPair {
    var range: ByteRange
    var text: [UInt8]
    var firstRange: ByteRange
    var firstText: [UInt8]
    var pointer: String
    var isNFC: Bool

    init?(_ match: ExternalIDTable.Match, in file: SourceFile) {
        guard let (range, text) = ExternalIDTable.readString(at: match.literalStart, in: file),
              let (firstRange, firstText) = ExternalIDTable.readString(at: match.firstStart, in: file) else { return nil }
        self.range = range
        self.text = text
        self.firstRange = firstRange
        self.firstText = firstText
        pointer = "/\(match.item)/externalId"
        isNFC = text.withUnsafeBufferPointer { ICU.isNFC(utf8: $0) }
    }

    var shown: String { ScalarNames.quoted(String(decoding: text, as: UTF8.self), limit: 60) }
    var firstShown: String { ScalarNames.quoted(String(decoding: firstText, as: UTF8.self), limit: 60) }
}

/// M111 and M112 findings come from one table per file, kept by M112 when it is active (its
/// skeleton key finds both kinds of pair) and by M111 otherwise; the keeper reports both rules'
/// findings. So a file whose rules are split between two threads still builds one table, and the
/// findings do not depend on how the rules were grouped.
enum ExternalIDPairs {
    static func report(_ analysis: ExternalIDTable, context: LintContext) {
        analysis.finishLookups()
        for match in analysis.matches {
            guard let pair = ExternalIDPair(match, in: context.file) else { continue }
            switch match.kind {
            case .exactDuplicate:
                continue  // M110 reports its own
            case .normalizationDuplicate:
                let form = pair.isNFC ? "this one is NFC, the other is not" : "this one is not NFC"
                context.report(ExternalIDNormalizationDuplicate.self,
                               "externalId \(pair.shown) equals \(pair.firstShown) after NFC normalization (\(form))",
                               at: pair.range, pointer: pair.pointer,
                               related: [RelatedLocation(message: "the same id in another normalization form", range: pair.firstRange)],
                               note: "tools that normalize text treat them as one id, so exports and round trips mix up the two assets; use one spelling")
            case .confusable:
                let difference = ExternalIDText.difference(pair.text, pair.firstText).map { "this one has \($0); " } ?? ""
                context.report(ExternalIDConfusable.self,
                               "externalId \(pair.shown) looks like \(pair.firstShown)",
                               at: pair.range, pointer: pair.pointer,
                               related: [RelatedLocation(message: "the id it can be confused with", range: pair.firstRange)],
                               note: "\(difference)same confusable skeleton: people searching and reviewing by id will mix them up; rename one of them")
            }
        }
        reportOverlongIDs(analysis, context: context)
    }

    /// Ids longer than `CheckedPrefix.limit` are compared with the others byte for byte only: the
    /// keeper of the table says so on each, as an info.
    private static func reportOverlongIDs(_ analysis: ExternalIDTable, context: LintContext) {
        let rule: any Rule.Type
        let skipped: String
        switch analysis.matchMode {
        case .skeleton:
            rule = ExternalIDConfusable.self
            skipped = "not after NFC or for look-alikes"
        case .normalization:
            rule = ExternalIDNormalizationDuplicate.self
            skipped = "not after NFC"
        case .exact, .none:
            return
        }
        let bytes = context.file.bytes
        for id in analysis.overlongIDs {
            let end = JSONString.closingQuote(bytes, from: id.literalStart + 1).map { $0 + 1 } ?? bytes.count
            context.report(rule,
                           "externalId is \(URLText.count(id.length)) bytes long: compared with the other ids byte for byte only",
                           at: ByteRange(start: id.literalStart, end: end), pointer: "/\(id.item)/externalId",
                           note: "ids over \(CheckedPrefix.limitText) are compared byte for byte only, \(skipped)", atMost: .info)
        }
    }
}

/// Shared helpers of the external-id Unicode rules.
enum ExternalIDText {
    /// Where scalars `a` and `b` differ, as `'1' (U+0031 DIGIT ONE) where it has 'l' (U+006C …)`.
    static func difference(_ a: [UInt8], _ b: [UInt8]) -> String? {
        let left = Array(String(decoding: a, as: UTF8.self).unicodeScalars)
        let right = Array(String(decoding: b, as: UTF8.self).unicodeScalars)
        var prefix = 0
        while prefix < left.count, prefix < right.count, left[prefix] == right[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < left.count - prefix, suffix < right.count - prefix,
              left[left.count - 1 - suffix] == right[right.count - 1 - suffix] { suffix += 1 }
        let mine = left[prefix..<(left.count - suffix)]
        let theirs = right[prefix..<(right.count - suffix)]
        guard mine.count <= 4, theirs.count <= 4, !(mine.isEmpty && theirs.isEmpty) else { return nil }
        return "\(describe(mine)) where it has \(describe(theirs))"
    }

    static func describe(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        if scalars.isEmpty { return "nothing" }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        let names = scalars.map { ScalarNames.describe($0.value) }.joined(separator: ", ")
        return "\(ScalarNames.quoted(text)) (\(names))"
    }

    static func examples(_ ids: String...) -> String {
        "[\n" + ids.enumerated().map { #"  {"data": "https://storage.googleapis.com/my-bucket/\#($0.offset + 1).jpg", "externalId": "\#($0.element)"}"# }
            .joined(separator: ",\n") + "\n]"
    }
}
