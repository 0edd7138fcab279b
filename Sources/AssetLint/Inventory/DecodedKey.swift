/// A percent-decoded object key in a buffer reused from key to key, so that decoding a million
/// URL paths or S3 Inventory keys allocates nothing after the first.
final class DecodedKey {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 256
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }
    var bytes: [UInt8] { Array(buffer) }

    /// Decodes `encoded` as `PercentDecoding.decode` does: `%XX` with two hex digits is the byte,
    /// anything else stays; with `plusAsSpace`, a `+` is a space (S3 Inventory keys).
    @inline(__always)
    func decode(_ encoded: UnsafeBufferPointer<UInt8>, plusAsSpace: Bool = false) {
        if encoded.count > capacity {
            storage.deallocate()
            capacity = encoded.count
            storage = .allocate(capacity: capacity)
        }
        var out = 0, index = 0
        let end = encoded.count
        while index < end {
            let byte = encoded[index]
            if byte == URLByte.percent, index + 2 < end, Hex.isDigit(encoded[index + 1]), Hex.isDigit(encoded[index + 2]) {
                storage[out] = Hex.digitValue(encoded[index + 1]) << 4 | Hex.digitValue(encoded[index + 2])
                index += 3
            } else {
                storage[out] = plusAsSpace && byte == URLByte.plus ? URLByte.space : byte
                index += 1
            }
            out += 1
        }
        count = out
    }
}
