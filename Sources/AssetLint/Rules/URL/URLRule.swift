/// The common shape of the U rules: each looks at the URLs of an item one at a time (the
/// `AssetURLAnalysis` of the item, computed once for all of them) and reports on ranges of their
/// text.
protocol URLRule: ItemRule {
    /// Checks one URL of the item.
    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext)
    /// Whether the rule looks at URLs longer than `AssetURL.lengthLimit` (false by default).
    static var checksOverlongURLs: Bool { get }
}

extension URLRule {
    var urlShape: (any URLRule)? { self }

    /// The U rules may report on an item whose `data` is not a clean storage URL, or that has
    /// other URLs (`dataset`, attachments). `ItemDeclarationTests` holds each of them to it.
    static var reportsOn: ItemSignals { ItemSignals.dataURLNotClean.union(.otherURLMembers) }

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        for entry in AssetURLAnalysis.of(context).urls(of: item, at: index, in: tree, context: context) {
            inspect(entry.url, in: tree, context: context)
        }
    }

    /// URLs longer than `AssetURL.lengthLimit` are not parsed: only U216 looks at them, to
    /// report their length.
    static var checksOverlongURLs: Bool { false }

    /// Checks one URL, unless it is too long to be parsed and the rule does not look at those.
    func inspect(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard url.overlongLength == nil || Self.checksOverlongURLs else { return }
        check(url, in: tree, context: context)
    }

    /// Reports on text offsets `range` of `url`.
    func report(
        _ message: String, _ url: AssetURL, _ range: Range<Int>, in tree: JSONTree, context: LintContext,
        related: [RelatedLocation] = [], note: String? = nil, fix: Fix? = nil, atMost: Severity? = nil
    ) {
        let fileRange = url.fileRange(range, in: tree)
        let pointer = tree.pointer(url.node)
        if let atMost {
            context.report(Self.self, message, at: fileRange, pointer: pointer, related: related, fix: fix, note: note, atMost: atMost)
        } else {
            context.report(Self.self, message, at: fileRange, pointer: pointer, related: related, fix: fix, note: note)
        }
    }
}

/// Example manifests for the rule pages: one item per URL.
enum URLExamples {
    static func manifest(_ urls: String...) -> String {
        var lines: [String] = []
        for (index, url) in urls.enumerated() {
            lines.append(#"  {"data": "\#(url)", "externalId": "asset-\#(index + 1)"}"#)
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]"
    }
}
