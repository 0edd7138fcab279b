/// What an item's `data` string holds: the asset's URL, or the content of a Markdown asset.
///
/// The hub imports Markdown (and HTML) assets with the content itself in `data` where other
/// assets have a URL. Under `assets.type: auto` (the default) a `data` is Markdown when its first
/// character that is not white space is `<` or `#`, or when it holds a line break between other
/// characters and does not start like a URL (`https://`): no URL starts with `<` or `#`, and a
/// URL never spans lines. `assets.type: markdown` makes every `data` Markdown,
/// `url` none. A Markdown `data` gets no U rule and no extension rule (M130); M131 and M132 check
/// what the hub asks of its text.
enum AssetData {
    /// Whether decoded `data` text `bytes` is Markdown under `type`.
    @inline(__always)
    static func isMarkdown(_ bytes: UnsafeBufferPointer<UInt8>, type: Configuration.AssetType) -> Bool {
        switch type {
        case .url: false
        case .markdown: true
        case .auto: looksLikeContent(bytes)
        }
    }

    /// The `auto` test on the text between leading and trailing white space (a URL with a stray
    /// space or line break at an end stays a URL, for U203): it starts with `<` or `#`, or it holds
    /// a line break and does not start with a scheme and `://`.
    static func looksLikeContent(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        var end = bytes.count
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return false }
        if bytes[start] == UInt8(ascii: "<") || bytes[start] == UInt8(ascii: "#") { return true }
        var index = start
        while index < end, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
        return index < end && !startsWithScheme(bytes, from: start, to: end)
    }

    @inline(__always)
    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// `ALPHA *(ALPHA / DIGIT / "+" / "-" / ".") "://"` at `start`.
    private static func startsWithScheme(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        guard isAlpha(bytes[start]) else { return false }
        var index = start + 1
        while index < end, isAlpha(bytes[index]) || (bytes[index] >= 0x30 && bytes[index] <= 0x39)
            || bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: ".") {
            index += 1
        }
        return index + 2 < end && bytes[index] == UInt8(ascii: ":") && bytes[index + 1] == UInt8(ascii: "/")
            && bytes[index + 2] == UInt8(ascii: "/")
    }

    /// Whether node `data` of `tree` is a string holding Markdown under `type`.
    static func isMarkdown(_ data: JSONTree.Index, in tree: JSONTree, type: Configuration.AssetType) -> Bool {
        guard tree[data].kind == .string else { return false }
        if type != .auto { return type == .markdown }
        return ManifestText.withDecodedBytes(data, in: tree) { looksLikeContent($0) }
    }

    /// Whether node `data` of `tree` is a string holding Markdown under the file's `assets.type`.
    static func isMarkdown(_ data: JSONTree.Index, in tree: JSONTree, context: LintContext) -> Bool {
        isMarkdown(data, in: tree, type: context.configuration.assets.type)
    }
}
