/// A finding's identity across runs, shared by SARIF's `partialFingerprints` and the baseline.
///
/// SHA-256 (hex) of the rule id, the path, the JSON pointer with array indexes replaced by `*`,
/// and the offending text. Line numbers and item positions are left out, so the fingerprint
/// survives unrelated edits, re-indentation and items inserted above; for an object or array the
/// JSON whitespace outside strings is left out too. Equal findings in one file share a fingerprint
/// and are told apart by their order of occurrence.
public enum Fingerprint {
    /// At most this many bytes of the offending text feed the fingerprint (plus its length).
    static let textLimit = 64 * 1024

    public static func of(_ diagnostic: Diagnostic, path: String, source: SourceFile?) -> String {
        var hasher = ReportSHA256()
        hasher.update("assetlint-fingerprint-v1\u{0}\(diagnostic.ruleID)\u{0}\(path)\u{0}\(indexFree(diagnostic.pointer))\u{0}")
        guard let source else { return hasher.hexDigest() }
        let bytes = source.bytes
        let start = min(max(0, diagnostic.range.offset), bytes.count)
        let end = min(max(start, diagnostic.range.end), bytes.count)
        let limit = min(end, start + textLimit)
        if limit < end { hasher.update("truncated \(end - start)\u{0}") }
        guard start < limit else { return hasher.hexDigest() }
        let normalize = bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[")
        var text: [UInt8] = []
        text.reserveCapacity(limit - start)
        var inString = false
        var escaped = false
        for index in start..<limit {
            let byte = bytes[index]
            if normalize, !inString, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            text.append(byte)
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            }
        }
        hasher.update(text)
        return hasher.hexDigest()
    }

    /// `/12/dataset/3` → `/*/dataset/*`. Object keys that look like numbers are replaced too,
    /// which only makes two such findings share a fingerprint (told apart by occurrence).
    static func indexFree(_ pointer: String) -> String {
        pointer.split(separator: "/", omittingEmptySubsequences: false).map { component in
            !component.isEmpty && component.allSatisfy(\.isNumber) ? "*" : String(component)
        }.joined(separator: "/")
    }
}
