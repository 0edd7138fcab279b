/// Tests on eight bytes at once (a little-endian word loaded from a buffer), for loops that skip
/// the words holding nothing of interest and look at the others byte by byte. Both tests are
/// exact about whether such a byte exists (not always about which one it is).
enum ByteWords {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` is below `limit` (at most 0x80).
    @inline(__always)
    static func hasByte(below limit: UInt8, in word: UInt64) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }

    /// Whether some byte of `word` is `byte`.
    @inline(__always)
    static func hasByte(_ byte: UInt8, in word: UInt64) -> Bool {
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & highs != 0
    }

    /// The offset of the first word of `bytes`, from `start` on, for which `interesting` holds, or
    /// of the last bytes that do not fill a word.
    @inline(__always)
    static func skipping(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, unless interesting: (UInt64) -> Bool) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var offset = start
        while offset + 8 <= bytes.count, !interesting(UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)) {
            offset += 8
        }
        return offset
    }
}
