import AssetLint

/// Document URIs and file system paths.
enum DocumentURI {
    /// The path a `file:` URI names (percent-decoded), or nil for other schemes and for a `file:`
    /// URI with a host other than `localhost`.
    static func path(of uri: String) -> String? {
        let bytes = Array(uri.utf8)
        let scheme = Array("file://".utf8)
        // The scheme is case-insensitive: "FILE://" is "file://".
        let matches = zip(bytes, scheme).allSatisfy { $0 == $1 || ($1 >= 0x61 && $1 <= 0x7A && $0 == $1 - 0x20) }
        guard bytes.count > scheme.count, matches else { return nil }
        var rest = Array(bytes[scheme.count...])
        let localhost = Array("localhost".utf8)
        if rest.starts(with: localhost) { rest.removeFirst(localhost.count) }
        guard rest.first == UInt8(ascii: "/") else { return nil }
        if let end = rest.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) { rest.removeSubrange(end...) }
        var decoded: [UInt8] = []
        var index = 0
        while index < rest.count {
            if rest[index] == UInt8(ascii: "%"), index + 2 < rest.count, let high = hexValue(rest[index + 1]), let low = hexValue(rest[index + 2]) {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(rest[index])
                index += 1
            }
        }
        guard !decoded.contains(0) else { return nil }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// The `file:` URI of an absolute path.
    static func uri(forPath path: String) -> String { FileURI.uri(forAbsolutePath: path) }

    /// The last segment of a URI's path, for documents that are not files (`untitled:Untitled-1`).
    static func name(of uri: String) -> String {
        let withoutQuery = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        let last = withoutQuery.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? uri
        return last.isEmpty ? "untitled" : last
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
