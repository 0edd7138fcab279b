import CICU
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Finds the bytes of a file that must never be printed, without parsing it (so a file that does
/// not parse is covered too): the values of `private_key`/`private_key_id` members (see
/// `ServiceAccountKeys.secretRangesByScanning`) and the values of the URL query parameters
/// `SignedURL.secretParameterNames` lists (signatures, session and access tokens), each after a
/// `?` or `&`, up to the next `&`, `#`, `"`, whitespace or control byte.
public enum SecretScanner {
    static let signatureNames: [[UInt8]] = SignedURL.secretParameterNames.map { Array($0.utf8) }

    /// Every secret range of `bytes`, in offset order.
    public static func ranges(in bytes: UnsafeBufferPointer<UInt8>) -> [ByteRange] {
        ranges(in: bytes, from: 0, step: bytes.count) { _ in }
    }

    /// `ranges(in:)` over `bytes` from `start` in steps of `step` bytes: the same ranges, while
    /// `passed` hears which bytes each scan is done with (the caller may drop a mapped file's
    /// pages behind it, so a scan of hundreds of megabytes keeps little of them resident).
    public static func ranges(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, step: Int, passed: (Range<Int>) -> Void) -> [ByteRange] {
        func inSteps(_ scan: (inout Int, Int) -> [ByteRange]) -> [ByteRange] {
            var ranges: [ByteRange] = []
            var position = start
            while position < bytes.count {
                let from = position
                ranges += scan(&position, min(bytes.count, position + max(1, step)))
                passed(from..<position)
            }
            return ranges
        }
        let keys = inSteps { ServiceAccountKeys.secretRangesByScanning(bytes, from: &$0, startingBefore: $1) }
        let signatures = inSteps { signatureRanges(in: bytes, from: &$0, startingBefore: $1) }
        if signatures.isEmpty { return keys }
        if keys.isEmpty { return signatures }
        return (keys + signatures).sorted { ($0.offset, $0.end) < ($1.offset, $1.end) }
    }

    /// The values of signature parameters in URL queries.
    public static func signatureRanges(in bytes: UnsafeBufferPointer<UInt8>) -> [ByteRange] {
        var index = 0
        return signatureRanges(in: bytes, from: &index, startingBefore: bytes.count)
    }

    /// The ranges of `signatureRanges` whose `?` or `&` is at or after `position` and before
    /// `limit`; `position` is left where the scan of the rest goes on.
    static func signatureRanges(in bytes: UnsafeBufferPointer<UInt8>, from position: inout Int, startingBefore limit: Int) -> [ByteRange] {
        var ranges: [ByteRange] = []
        let count = bytes.count
        let region = UnsafeBufferPointer(rebasing: bytes[..<min(count, limit)])
        var index = position
        defer { position = max(index, limit) }
        // The next `?` and the next `&`, each found with memchr; most files have neither.
        var nextQuestion = ByteSearch.find(UInt8(ascii: "?"), in: region, from: index) ?? count
        var nextAmpersand = ByteSearch.find(UInt8(ascii: "&"), in: region, from: index) ?? count
        while true {
            let separator = min(nextQuestion, nextAmpersand)
            guard separator < count else { break }
            index = separator + 1
            for name in signatureNames where matches(name, in: bytes, at: index) {
                let valueStart = index + name.count + 1
                var end = valueStart
                while end < count {
                    let value = bytes[end]
                    if value == UInt8(ascii: "&") || value == UInt8(ascii: "#") || value == UInt8(ascii: "\"") || value <= 0x20 || value == 0x7F {
                        break
                    }
                    end += 1
                }
                if end > valueStart { ranges.append(ByteRange(start: valueStart, end: end)) }
                index = end
                break
            }
            if nextQuestion < index { nextQuestion = ByteSearch.find(UInt8(ascii: "?"), in: region, from: index) ?? count }
            if nextAmpersand < index { nextAmpersand = ByteSearch.find(UInt8(ascii: "&"), in: region, from: index) ?? count }
        }
        return ranges
    }

    /// Whether `name=` (ASCII, case-insensitive) is at `offset`.
    private static func matches(_ name: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset + name.count < bytes.count, bytes[offset + name.count] == UInt8(ascii: "=") else { return false }
        for (index, expected) in name.enumerated() {
            var byte = bytes[offset + index]
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 0x20 }
            if byte != expected { return false }
        }
        return true
    }
}

/// Byte and substring search over buffers through the C library (vectorised in glibc).
enum ByteSearch {
    /// The offset of the first `byte` at or after `start`.
    static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let hit = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The offset of the first occurrence of `needle` at or after `start`.
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress, !needle.isEmpty else { return nil }
        return needle.withUnsafeBytes { pattern -> Int? in
            guard let hit = cicu_memmem(base + start, bytes.count - start, pattern.baseAddress, pattern.count) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }
}
