/// How much of one string value the character-level Unicode checks read: the invisible characters
/// (M114) and the NFC form (M116) of an `externalId`, and its NFC form and confusable skeleton when
/// ids are compared (M111, M112).
///
/// Past a megabyte these checks say nothing a person can act on, and their cost grows with the
/// value (per-scalar tables, ICU normalization, a finding per character): an id of 256 MB of
/// `e` + U+0301 took minutes and gigabytes. So a longer value is checked in its first `limit` bytes
/// only, and each rule that stopped there says so in an info finding on the value. The item facts
/// raise every id signal for such a value (`ExternalIDFacts`), so the fast engine calls the same
/// rules on it as the reference engine.
enum CheckedPrefix {
    /// 1 MiB of UTF-8.
    static let limit = 1 << 20

    /// How a finding names the limit.
    static let limitText = "1 MiB"

    /// Where the checked prefix of `bytes` (decoded UTF-8, at least `limit` + 4 bytes of it
    /// when it is longer) ends: all of `bytes` when they are at most `limit` long, else the last
    /// place at or before `limit` that is followed by an ASCII byte (no normalization, emoji
    /// sequence or tag sequence continues across it, so the prefix is checked as it is in the
    /// whole value), else one followed by an NFC-inert scalar, else the last scalar boundary.
    static func end(of bytes: UnsafeBufferPointer<UInt8>, table: UnicodeScalarTable) -> Int {
        guard bytes.count > limit else { return bytes.count }
        let searched = 64 << 10
        var cut = limit
        while cut > limit - searched {
            if bytes[cut] < 0x80 { return cut }
            cut -= 1
        }
        var boundary: Int?
        cut = limit
        while cut > limit - searched {
            if bytes[cut] & 0xC0 != 0x80 {
                boundary = boundary ?? cut
                if table.isNFCInert(UTF8Decoding.scalarOrReplacement(bytes, at: cut).scalar) { return cut }
            }
            cut -= 1
        }
        return boundary ?? limit
    }

    /// The first `limit` + 4 decoded bytes of string node `node` (all of them when it is not
    /// longer), decoded from the file without decoding the rest, and the decoded length of the
    /// whole value.
    static func decodedPrefix(of node: JSONTree.Index, in tree: JSONTree) -> (bytes: [UInt8], total: Int) {
        let total = ManifestText.decodedLength(node, in: tree)
        guard total > limit else { return (ManifestText.decodedBytes(node, in: tree), total) }
        let literal = tree[node]
        if !literal.flags.contains(.escaped) { return (Array(tree.rawStringContent(node).prefix(limit + 4)), total) }
        var prefix: [UInt8] = []
        prefix.reserveCapacity(limit + 4)
        JSONString.decode(tree.source.bytes, literalStart: literal.start, literalEnd: literal.end, stopAfter: limit + 4) {
            prefix.append($0)
        }
        return (prefix, total)
    }

    /// The info finding's sentence: `externalId is 268,435,456 bytes long: only its first 1 MiB
    /// was checked for invisible characters`.
    static func message(_ what: String, total: Int, checkedFor purpose: String) -> String {
        "\(what) is \(URLText.count(total)) bytes long: only its first \(limitText) was checked for \(purpose)"
    }
}
