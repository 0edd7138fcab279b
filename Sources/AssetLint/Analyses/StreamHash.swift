/// A fast 64-bit hash of byte strings, for fingerprints (not for security).
struct StreamHash {
    private(set) var state: UInt64 = 0x243F_6A88_85A3_08D3
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var length = 0

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        pending |= UInt64(byte) << (UInt64(pendingCount) << 3)
        pendingCount += 1
        length += 1
        if pendingCount == 8 {
            mix(pending)
            pending = 0
            pendingCount = 0
        }
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        if pendingCount == 0 {
            while index + 8 <= bytes.count {
                mix(UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)))
                index += 8
            }
            length += index
        }
        while index < bytes.count {
            append(bytes[index])
            index += 1
        }
    }

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        state = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
        state ^= state >> 29
    }

    func finish() -> UInt64 {
        var copy = self
        copy.mix(pending ^ (UInt64(length) << 56))
        var h = copy.state
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hasher = StreamHash()
        hasher.append(bytes)
        return hasher.finish()
    }
}
