/// A file extension, lower-cased, without the dot, packed into two words so that extracting and
/// comparing one allocates nothing. Only the first 16 bytes are kept (no real format has a longer
/// extension); the length is kept in full.
struct FileExtension: Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var count: Int

    init<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        count = bytes.count
        var shift: UInt64 = 0
        for byte in bytes.prefix(16) {
            let lower = UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            if shift < 64 { low |= lower << shift } else { high |= lower << (shift - 64) }
            shift += 8
        }
    }

    /// A configured extension: a leading dot is allowed.
    init(_ text: String) {
        var text = Substring(text)
        while text.first == "." { text = text.dropFirst() }
        self.init(Array(text.utf8))
    }

    /// The extension for messages (shortened past 16 bytes).
    var text: String {
        var bytes: [UInt8] = []
        for index in 0..<min(count, 16) {
            let word = index < 8 ? low : high
            bytes.append(UInt8(truncatingIfNeeded: word >> (UInt64(index % 8) * 8)))
        }
        return String(decoding: bytes, as: UTF8.self) + (count > 16 ? "…" : "")
    }

    static let images: [FileExtension] = Configuration.AssetSettings.imageExtensions.sorted().map(FileExtension.init)
}

/// Where the file extension of an asset URL is, found on the bytes of the URL string without a URL
/// parser: the last segment of the path (query and fragment ignored), percent-decoded.
struct AssetPath {
    /// Byte range (in the decoded JSON string) of the last path segment as written.
    var segment: Range<Int>
    /// The extension, lower-cased and percent-decoded; nil when there is none.
    var fileExtension: FileExtension?
    /// Byte range (in the decoded JSON string) of the extension as written.
    var extensionRange: Range<Int>?

    /// Nil for strings that are not hierarchical URLs or paths (`data:...`, `mailto:...`), which the
    /// URL rules report.
    init?(_ url: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var end = url.count
        while start < end, url[start] <= 0x20 { start += 1 }
        while end > start, url[end - 1] <= 0x20 { end -= 1 }
        guard start < end else { return nil }

        func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

        var pathStart = start
        // scheme ":" — then "//" authority, or an opaque URL.
        if isAlpha(url[start]) {
            var offset = start + 1
            while offset < end,
                isAlpha(url[offset]) || (url[offset] >= 0x30 && url[offset] <= 0x39)
                    || url[offset] == UInt8(ascii: "+") || url[offset] == UInt8(ascii: "-")
                    || url[offset] == UInt8(ascii: ".")
            {
                offset += 1
            }
            if offset < end, url[offset] == UInt8(ascii: ":") {
                guard offset + 2 < end, url[offset + 1] == UInt8(ascii: "/"), url[offset + 2] == UInt8(ascii: "/")
                else {
                    return nil
                }
                pathStart = Self.firstOf(UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), in: url, from: offset + 3, to: end)
            }
        } else if end - start >= 2, url[start] == UInt8(ascii: "/"), url[start + 1] == UInt8(ascii: "/") {
            pathStart = Self.firstOf(UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), in: url, from: start + 2, to: end)
        }
        let pathEnd = Self.firstOf(UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "#"), in: url, from: pathStart, to: end)
        var segmentStart = pathEnd
        while segmentStart > pathStart, url[segmentStart - 1] != UInt8(ascii: "/") { segmentStart -= 1 }
        self.init(url, lastSegment: segmentStart..<pathEnd)
    }

    /// The path whose last segment, found by the caller, is `segment` of `url`.
    init(_ url: UnsafeBufferPointer<UInt8>, lastSegment segment: Range<Int>) {
        self.segment = segment
        fileExtension = nil
        extensionRange = nil
        let segmentStart = segment.lowerBound, pathEnd = segment.upperBound

        // The extension follows the last dot of the percent-decoded segment. When no '%' follows the
        // last literal dot (the usual case), no escape can hide a later dot: read the bytes in place.
        var dot = pathEnd
        var percentAfterDot = false
        var offset = pathEnd
        while offset > segmentStart {
            offset -= 1
            let byte = url[offset]
            if byte == UInt8(ascii: ".") {
                dot = offset
                break
            }
            if byte == UInt8(ascii: "%") { percentAfterDot = true }
        }
        if !percentAfterDot {
            guard dot != pathEnd, dot + 1 < pathEnd else { return }
            fileExtension = FileExtension(UnsafeBufferPointer(rebasing: url[(dot + 1)..<pathEnd]))
            extensionRange = (dot + 1)..<pathEnd
            return
        }
        let (decoded, origin) = AssetPath.percentDecoded(url, segment)
        guard let decodedDot = decoded.lastIndex(of: UInt8(ascii: ".")), decodedDot + 1 < decoded.count else { return }
        fileExtension = FileExtension(decoded[(decodedDot + 1)...])
        extensionRange = origin[decodedDot + 1]..<pathEnd
    }

    /// The offset of the first of bytes `a`, `b` or `c` in `url[start..<end]`, or `end`. Eight bytes
    /// at a time: the has-zero-byte trick may stop a word early (never late), and the byte loop
    /// that follows is exact.
    @inline(__always)
    static func firstOf(_ a: UInt8, _ b: UInt8, _ c: UInt8, in url: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var offset = start
        if let base = url.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while offset + 8 <= end {
                let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
                let xa = word ^ (ones &* UInt64(a)), xb = word ^ (ones &* UInt64(b)), xc = word ^ (ones &* UInt64(c))
                if (((xa &- ones) & ~xa) | ((xb &- ones) & ~xb) | ((xc &- ones) & ~xc)) & highs != 0 { break }
                offset += 8
            }
        }
        while offset < end, url[offset] != a, url[offset] != b, url[offset] != c { offset += 1 }
        return offset
    }

    /// Percent-decodes `range` of `url` (invalid escapes stay as written), with the offset each
    /// decoded byte comes from.
    static func percentDecoded(_ url: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (
        bytes: [UInt8], origin: [Int]
    ) {
        var decoded: [UInt8] = []
        var origin: [Int] = []
        decoded.reserveCapacity(range.count)
        origin.reserveCapacity(range.count)
        var offset = range.lowerBound
        let end = min(range.upperBound, url.count)
        while offset < end {
            if url[offset] == UInt8(ascii: "%"), offset + 2 < end,
                let high = Hex.value(url[offset + 1]), let low = Hex.value(url[offset + 2])
            {
                decoded.append(high << 4 | low)
                origin.append(offset)
                offset += 3
            } else {
                decoded.append(url[offset])
                origin.append(offset)
                offset += 1
            }
        }
        return (decoded, origin)
    }

    /// The percent-decoded last path segment of string node `index`, for messages.
    func fileName(of index: JSONTree.Index, in tree: JSONTree) -> String {
        let segment = self.segment
        return ManifestText.withDecodedBytes(index, in: tree) {
            String(decoding: AssetPath.percentDecoded($0, segment).bytes, as: UTF8.self)
        }
    }

    /// The extension of string node `index` as a message shows it: percent-decoded, lower case.
    func extensionText(of index: JSONTree.Index, in tree: JSONTree) -> String {
        guard let range = extensionRange else { return "" }
        return ManifestText.withDecodedBytes(index, in: tree) {
            String(decoding: AssetPath.percentDecoded($0, range).bytes, as: UTF8.self).lowercased()
        }
    }

    /// The path of string node `index`, or nil when it is not a string or not a hierarchical URL.
    static func of(_ index: JSONTree.Index, in tree: JSONTree) -> AssetPath? {
        guard tree[index].kind == .string else { return nil }
        return ManifestText.withDecodedBytes(index, in: tree) { AssetPath($0) }
    }
}
