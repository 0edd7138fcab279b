/// The items of a streamed top-level array, one at a time, from the start of the array or of a
/// part: each is either taken by the bare-item shortcut (no tree; its facts went to the observers)
/// or parsed into `tree`, with what the parser found waiting in `takeIssues()`.
struct ItemSource {
    /// An item's byte range, and whether it was parsed into `tree`.
    struct Item {
        var range: Range<Int>
        var parsed: Bool
    }

    private(set) var parser: JSONParser
    private(set) var tree: JSONTree
    private let shortcut: BareItemShortcut?
    /// The number of the next item.
    private(set) var index: Int
    /// How many items the shortcut took.
    private(set) var bareItems = 0

    /// A source positioned after the array's `[`, or at `start` for a later part.
    init(file: SourceFile, maxDepth: Int, start: PartBoundary?, shortcut: BareItemShortcut?) {
        parser = JSONParser(source: file, maxDepth: maxDepth)
        tree = JSONTree(source: file)
        self.shortcut = shortcut
        if let start {
            parser.resumeTopLevelArray(at: start.offset)
            index = start.index
        } else {
            _ = parser.openTopLevelArray()
            index = 0
        }
    }

    /// The next item, or nil at the end of the array or where the text breaks off.
    mutating func next() -> Item? {
        if let shortcut, let start = parser.upcomingElement(), let end = shortcut.consume(at: start, item: index) {
            parser.skipElement(to: end)
            bareItems += 1
            index += 1
            return Item(range: start..<end, parsed: false)
        }
        guard parser.nextElement(into: &tree, index: index) else { return nil }
        index += 1
        let root = tree.nodes.first
        return Item(range: (root?.start ?? 0)..<(root?.end ?? parser.position), parsed: true)
    }

    mutating func takeIssues() -> [JSONIssue] { parser.takeIssues() }

    /// Where the next element starts (skipping whitespace and the comma), when it is known.
    mutating func nextElementStart() -> Int? { parser.nextElementStart() }

    /// Ends the stream at `offset` when the parser is exactly there, before an element.
    mutating func endPart(at offset: Int) -> Bool { parser.endPart(at: offset) }

    var failed: Bool { parser.failed }
    var position: Int { parser.position }
}
