/// What the M rules share: the kinds they apply to and where a finding about a whole item goes.
public enum ManifestRules {
    static let kinds: Set<DocumentKind> = [.manifest]

    /// Where a finding about a missing member is reported: the item's opening brace (one byte), so
    /// the underline stays short however large the item is.
    static func anchor(of item: JSONTree.Index, in tree: JSONTree) -> ByteRange {
        ByteRange(offset: tree[item].start, length: 1)
    }
}
