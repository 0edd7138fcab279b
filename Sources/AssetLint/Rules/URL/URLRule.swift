/// The common shape of the U rules: per item, look only at the URLs the shared analysis did not
/// find clean, and report on ranges of their text.
protocol URLRule: Rule {
    /// Checks one URL that needs a closer look (the fast scan did not find it clean).
    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext)
}

extension URLRule {
    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        let analysis = AssetURLAnalysis.prepare(item: item, at: index, in: tree, context: context)
        guard analysis.needsAttention else { return }
        for entry in analysis.entries {
            if let url = entry.detail { check(url, in: tree, context: context) }
        }
    }

    /// Reports on text offsets `range` of `url`.
    func report(
        _ message: String, _ url: AssetURL, _ range: Range<Int>, in tree: JSONTree, context: LintContext,
        related: [RelatedLocation] = [], fix: Fix? = nil, atMost: Severity? = nil
    ) {
        let fileRange = url.fileRange(range, in: tree)
        let pointer = tree.pointer(url.node)
        if let atMost {
            context.report(Self.self, message, at: fileRange, pointer: pointer, related: related, fix: fix, atMost: atMost)
        } else {
            context.report(Self.self, message, at: fileRange, pointer: pointer, related: related, fix: fix)
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
