/// A finding's identity across runs, shared by SARIF's `partialFingerprints` and the baseline.
///
/// SHA-256 (hex) of the rule id, the path, the JSON pointer with array indexes replaced by `*`,
/// the identity of the item the finding is about (`ItemIdentity`: a manifest item's `externalId`,
/// a CORS rule's origins and methods) and the offending text. Line numbers and item positions are
/// left out, so the fingerprint survives unrelated edits, re-indentation, items inserted above and
/// items moved around; for an object or array the JSON whitespace outside strings is left out
/// too. Findings that still share a fingerprint (the same defect on two items with one identity)
/// are told apart by their order of occurrence.
public enum Fingerprint {
    /// The ways fingerprints have been computed; a baseline says which one wrote it.
    public enum Scheme: Int, Sendable, CaseIterable {
        /// Without item identities (baselines of version 1): equal defects on different items shared
        /// a fingerprint and were matched in file order.
        case v1 = 1
        /// With item identities.
        case v2 = 2

        public static let current = Scheme.v2
    }

    /// At most this many bytes of the offending text feed the fingerprint (plus its length).
    static let textLimit = 64 * 1024

    /// The fingerprints of all of `report`'s diagnostics, in order, under the name `path`. Item
    /// identities are read once for the whole file (see `ItemIdentity.identities(of:)`).
    public static func all(in report: FileReport, path: String, scheme: Scheme = .current) -> [String] {
        let identities = scheme == .v1 ? [] : ItemIdentity.identities(of: report)
        return report.diagnostics.indices.map { index in
            of(report.diagnostics[index], path: path, source: report.source,
               identity: identities.isEmpty ? nil : identities[index], scheme: scheme)
        }
    }

    public static func of(
        _ diagnostic: Diagnostic, path: String, source: SourceFile?, identity: String? = nil, scheme: Scheme = .current
    ) -> String {
        var hasher = ReportSHA256()
        hasher.update("assetlint-fingerprint-v\(scheme.rawValue)\u{0}\(diagnostic.ruleID)\u{0}\(path)\u{0}\(indexFree(diagnostic.pointer))\u{0}")
        if scheme != .v1 {
            // Tagged, so that no identity and an empty one differ.
            hasher.update(identity.map { "item \($0.utf8.count)\u{0}\($0)\u{0}" } ?? "no item\u{0}")
        }
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
