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

    /// The fingerprints of all of `report`'s findings, in report order, under the name `path`. Item
    /// identities are read as the findings come (`ItemIdentity.Resolver`).
    public static func all(in report: FileReport, path: String, scheme: Scheme = .current) -> [String] {
        var identities = ItemIdentity.Resolver(report: report)
        var fingerprints: [String] = []
        report.forEachFinding { diagnostic in
            let identity = scheme == .v1 ? nil : identities.identity(ofPointer: diagnostic.pointer)
            fingerprints.append(of(diagnostic, path: path, source: report.source, identity: identity, scheme: scheme))
        }
        return fingerprints
    }

    public static func of(
        _ diagnostic: Diagnostic, path: String, source: SourceFile?, identity: String? = nil, scheme: Scheme = .current
    ) -> String {
        ReportSHA256.hex(digest(of: diagnostic, path: path, source: source, identity: identity, scheme: scheme))
    }

    /// The fingerprint as the SHA-256 digest, hashed straight from the texts and the source bytes
    /// (a report of a million findings takes a million of them).
    static func digest(
        of diagnostic: Diagnostic, path: String, source: SourceFile?, identity: String? = nil, scheme: Scheme = .current
    ) -> SIMD8<UInt32> {
        var hasher = ReportSHA256()
        hasher.update("assetlint-fingerprint-v\(scheme.rawValue)\u{0}")
        hasher.update(diagnostic.ruleID)
        hasher.update(byte: 0)
        hasher.update(path)
        hasher.update(byte: 0)
        hashIndexFree(diagnostic.pointer, into: &hasher)
        hasher.update(byte: 0)
        if scheme != .v1 {
            // Tagged, so that no identity and an empty one differ.
            if let identity {
                hasher.update("item \(identity.utf8.count)\u{0}")
                hasher.update(identity)
                hasher.update(byte: 0)
            } else {
                hasher.update("no item\u{0}")
            }
        }
        guard let source else { return hasher.digest() }
        let bytes = source.bytes
        let start = min(max(0, diagnostic.range.offset), bytes.count)
        let end = min(max(start, diagnostic.range.end), bytes.count)
        let limit = min(end, start + textLimit)
        if limit < end { hasher.update("truncated \(end - start)\u{0}") }
        guard start < limit else { return hasher.digest() }
        let normalize = bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[")
        guard normalize else {
            hasher.update(UnsafeBufferPointer(rebasing: bytes[start..<limit]))
            return hasher.digest()
        }
        var inString = false
        var escaped = false
        for index in start..<limit {
            let byte = bytes[index]
            if !inString, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            hasher.update(byte: byte)
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
        return hasher.digest()
    }

    /// Hashes `indexFree(pointer)`; an ASCII pointer without building it.
    private static func hashIndexFree(_ pointer: String, into hasher: inout ReportSHA256) {
        var pointer = pointer
        let ascii = pointer.withUTF8 { utf8 -> Bool in
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return false }
            var componentStart = 0
            for index in 0...utf8.count where index == utf8.count || utf8[index] == UInt8(ascii: "/") {
                let component = UnsafeBufferPointer(rebasing: utf8[componentStart..<index])
                if componentStart > 0 { hasher.update(byte: UInt8(ascii: "/")) }
                if !component.isEmpty, component.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                    hasher.update(byte: UInt8(ascii: "*"))
                } else {
                    hasher.update(component)
                }
                componentStart = index + 1
            }
            return true
        }
        if !ascii { hasher.update(indexFree(pointer)) }
    }

    /// `/12/dataset/3` → `/*/dataset/*`. Object keys that look like numbers are replaced too,
    /// which only makes two such findings share a fingerprint (told apart by occurrence).
    static func indexFree(_ pointer: String) -> String {
        pointer.split(separator: "/", omittingEmptySubsequences: false).map { component in
            !component.isEmpty && component.allSatisfy(\.isNumber) ? "*" : String(component)
        }.joined(separator: "/")
    }
}
