/// What `--diff` prints for one file: a unified diff that `patch -p0` and `git apply -p0` apply,
/// or, when a hunk would have to show a secret, nothing and the reason.
///
/// A patch must carry the file's bytes exactly, so secrets cannot be masked in it (a masked line
/// no longer matches the file): a file whose hunks would show a URL signature, a session token or
/// key material gets no hunk at all, and standard error says why. Lines that are not UTF-8 cannot
/// be carried on a text stream either, and are withheld the same way.
enum DiffPatch: Equatable {
    case patch(String)
    /// Why there is no patch (a clause, e.g. "a hunk would show a URL signature").
    case withheld(String)

    static func make(path: String, original: [UInt8], fixed: [UInt8]) -> DiffPatch {
        let shown = UnifiedDiff.shownBytes(original: original, fixed: fixed)
        if let secret = secret(in: original, shown: shown.original) ?? secret(in: fixed, shown: shown.fixed) {
            return .withheld("a hunk would show \(secret), and secrets are never printed")
        }
        let notUTF8 = zip([original, fixed], [shown.original, shown.fixed]).contains { bytes, ranges in
            ranges.contains { !isUTF8(bytes[$0]) }
        }
        if notUTF8 { return .withheld("a hunk would show bytes that are not UTF-8, which the diff cannot carry as text") }
        return .patch(UnifiedDiff.render(path: path, original: original, fixed: fixed))
    }

    /// What secret one of the `shown` ranges of `bytes` holds, if any.
    private static func secret(in bytes: [UInt8], shown: [Range<Int>]) -> String? {
        func overlapping(_ ranges: [ByteRange]) -> Bool {
            ranges.contains { secret in shown.contains { secret.offset < $0.upperBound && $0.lowerBound < max(secret.end, secret.offset + 1) } }
        }
        return bytes.withUnsafeBufferPointer { buffer in
            let all = SecretScanner.ranges(in: buffer)
            guard overlapping(all) else { return nil }
            return overlapping(SecretScanner.signatureRanges(in: buffer)) ? "a URL signature or session token" : "key material"
        }
    }

    private static func isUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
