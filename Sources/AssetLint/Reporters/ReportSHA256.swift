/// SHA-256 (FIPS 180-4), for SARIF fingerprints and baselines. Written out here because Foundation
/// on Linux has no digest API and the package takes no crypto dependency. A report of a million
/// findings hashes a million times, so the hasher lives on the stack: no allocation per hash.
struct ReportSHA256 {
    private var state: SIMD8<UInt32> = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// The bytes of the block being filled (`pendingCount` of them).
    private var pending = SIMD64<UInt8>()
    private var pendingCount = 0
    private var totalBytes: UInt64 = 0

    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    init() {}

    mutating func update(byte: UInt8) {
        pending[pendingCount] = byte
        pendingCount += 1
        totalBytes &+= 1
        if pendingCount == 64 {
            compress()
            pendingCount = 0
        }
    }

    mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: $0) }
        if done == nil {
            for byte in bytes { update(byte: byte) }
        }
    }

    /// Contiguous bytes, a block's worth at a time.
    private mutating func update(buffer bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        totalBytes &+= UInt64(bytes.count)
        while offset < bytes.count {
            let taken = min(64 - pendingCount, bytes.count - offset)
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.advanced(by: pendingCount).copyMemory(from: base + offset, byteCount: taken)
            }
            pendingCount += taken
            offset += taken
            if pendingCount == 64 {
                compress()
                pendingCount = 0
            }
        }
    }

    mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update($0) }
    }

    /// The digest: eight big-endian words. The padding is written into the block whole, not a
    /// byte at a time (a million findings are a million digests).
    mutating func digest() -> SIMD8<UInt32> {
        let bitLength = totalBytes &* 8
        let count = pendingCount
        withUnsafeMutableBytes(of: &pending) { block in
            block[count] = 0x80
            for index in (count + 1)..<64 { block[index] = 0 }
        }
        if count >= 56 {
            compress()
            pending = SIMD64()
        }
        withUnsafeMutableBytes(of: &pending) { block in
            block.storeBytes(of: bitLength.bigEndian, toByteOffset: 56, as: UInt64.self)
        }
        compress()
        pendingCount = 0
        return state
    }

    /// The digest as 64 lower-case hex digits.
    mutating func hexDigest() -> String {
        Self.hex(digest())
    }

    static func hex(_ digest: SIMD8<UInt32>) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 64) { buffer in
            digits.withUTF8Buffer { digits in
                for word in 0..<8 {
                    for nibble in 0..<8 {
                        buffer[word * 8 + nibble] = digits[Int(digest[word] >> UInt32(28 - nibble * 4) & 0xF)]
                    }
                }
            }
            return 64
        }
    }

    /// The first `count` hex digits of `digest`, appended to `output`.
    static func appendHex(_ digest: SIMD8<UInt32>, count: Int = 64, to output: inout [UInt8]) {
        let count = max(0, min(count, 64))
        let digits: StaticString = "0123456789abcdef"
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { text in
            digits.withUTF8Buffer { digits in
                var index = 0
                for wordIndex in 0..<8 where index < count {
                    let word = digest[wordIndex]
                    var shift: UInt32 = 28
                    while index < count {
                        text[index] = digits[Int(word >> shift & 0xF)]
                        index += 1
                        if shift == 0 { break }
                        shift -= 4
                    }
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[0..<count]))
        }
    }

    static func hex(_ text: String) -> String {
        var hasher = ReportSHA256()
        hasher.update(text)
        return hasher.hexDigest()
    }

    private mutating func compress() {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            withUnsafeBytes(of: pending) { block in
                for index in 0..<16 {
                    w[index] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
                }
            }
            for index in 16..<64 {
                let s0 = rotr(w[index - 15], 7) ^ rotr(w[index - 15], 18) ^ (w[index - 15] >> 3)
                let s1 = rotr(w[index - 2], 17) ^ rotr(w[index - 2], 19) ^ (w[index - 2] >> 10)
                w[index] = w[index - 16] &+ s0 &+ w[index - 7] &+ s1
            }
            var a = state[0], b = state[1], c = state[2], d = state[3]
            var e = state[4], f = state[5], g = state[6], h = state[7]
            Self.k.withUnsafeBufferPointer { k in
                for index in 0..<64 {
                    let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                    let choice = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ choice &+ k[index] &+ w[index]
                    let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ majority
                    h = g
                    g = f
                    f = e
                    e = d &+ t1
                    d = c
                    c = b
                    b = a
                    a = t1 &+ t2
                }
            }
            state &+= SIMD8(a, b, c, d, e, f, g, h)
        }
    }

    private func rotr(_ value: UInt32, _ count: UInt32) -> UInt32 {
        value >> count | value << (32 - count)
    }
}
