/// The one hexadecimal helper: digits of percent escapes, `\u` escapes, IPv4 and IPv6 hosts, and
/// code points in messages (`U+00A0`).
enum Hex {
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 6 }

    /// The value of a hex digit; only meaningful when `isDigit(byte)`.
    @inline(__always) static func digitValue(_ byte: UInt8) -> UInt8 {
        byte &- 0x30 < 10 ? byte &- 0x30 : (byte | 0x20) &- 0x61 &+ 10
    }

    /// The value of a hex digit, or nil.
    @inline(__always) static func value(_ byte: UInt8) -> UInt8? { isDigit(byte) ? digitValue(byte) : nil }

    @inline(__always) static func upperDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x37 + value }
    @inline(__always) static func lowerDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x57 + value }

    /// `value` in upper-case hex with at least `minimumDigits` digits: `00A0`.
    static func string<T: BinaryInteger>(_ value: T, minimumDigits: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return digits.count >= minimumDigits ? digits : String(repeating: "0", count: minimumDigits - digits.count) + digits
    }
}
