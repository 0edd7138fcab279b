/// Windows-1252, the usual reading of bytes that are not UTF-8 (it is Latin-1 except 0x80–0x9F).
enum Windows1252 {
    private static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The scalar byte `byte` stands for, nil for the five bytes Windows-1252 leaves undefined.
    static func scalar(_ byte: UInt8) -> UInt32? {
        if byte < 0x80 || byte >= 0xA0 { return UInt32(byte) }
        let value = high[Int(byte - 0x80)]
        return value == 0 ? nil : value
    }

    /// `bytes` read as Windows-1252, nil when one of them is undefined there.
    static func decode(_ bytes: some Sequence<UInt8>) -> String? {
        var out = ""
        for byte in bytes {
            guard let value = scalar(byte), let scalar = Unicode.Scalar(value) else { return nil }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
