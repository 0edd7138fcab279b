/// The common shape of the U rules: per item, look only at the URLs the shared analysis did not
/// find clean, and report on ranges of their text.
protocol URLRule: Rule {
    /// The file's shared analysis, remembered by the rule instance (see `SharedAnalysisLink`).
    var urlAnalysis: SharedAnalysisLink<AssetURLAnalysis> { get set }

    /// Checks one URL that needs a closer look (the fast scan did not find it clean).
    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext)
}

extension URLRule {
    /// The analysis of item `index`, computed by the first rule that asks for it.
    func analysis(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) -> AssetURLAnalysis {
        let analysis = urlAnalysis.object ?? AssetURLAnalysis.of(context)
        if urlAnalysis.object == nil { urlAnalysis = SharedAnalysisLink(analysis, state: analysis.itemState) }
        if analysis.itemState.pointee.index != index { analysis.analyze(item: item, at: index, in: tree) }
        return analysis
    }

    /// The U rules share the file's URL analysis: the engine calls them only for items whose URLs
    /// need a closer look.
    public func itemInterest(context: LintContext) -> ItemInterest {
        let analysis = AssetURLAnalysis.of(context)
        urlAnalysis = SharedAnalysisLink(analysis, state: analysis.itemState)
        return .gated(analysis.itemState)
    }

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        if urlAnalysis.isQuiet(index) { return }
        checkURLs(item: item, at: index, in: tree, context: context)
    }

    /// Out of line, so that the quiet path above stays a few instructions without a stack frame.
    @inline(never)
    func checkURLs(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        let analysis = analysis(item: item, at: index, in: tree, context: context)
        guard analysis.needsAttention else { return }
        for url in analysis.details { check(url, in: tree, context: context) }
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

/// What a shared per-item analysis tells every rule about the current item, in memory the rules
/// read without reference counting.
public struct ItemState {
    /// The item the analysis is for (-1 before the first).
    public var index = -1
    /// Whether any rule needs to look at the item at all.
    public var needsAttention = false

    public init(index: Int = -1, needsAttention: Bool = false) {
        self.index = index
        self.needsAttention = needsAttention
    }
}

/// A rule instance's link to a per-file shared analysis. The analysis is owned by the file's
/// `LintContext`, which outlives every use of the rule instances, so the link holds it unowned;
/// the common question (has the item been analysed, and is there anything to look at?) reads
/// plain memory, without retaining the analysis: a rule costs a few nanoseconds per clean item.
struct SharedAnalysisLink<Analysis: AnyObject> {
    unowned(unsafe) var object: Analysis?
    var state: UnsafeMutablePointer<ItemState>?

    init() {}

    init(_ object: Analysis, state: UnsafeMutablePointer<ItemState>) {
        self.object = object
        self.state = state
    }

    /// Whether item `index` has been analysed and needs no look.
    @inline(__always)
    func isQuiet(_ index: Int) -> Bool {
        guard let state else { return false }
        return state.pointee.index == index && !state.pointee.needsAttention
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
