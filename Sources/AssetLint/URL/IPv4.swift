/// The URL Standard's IPv4 parser (with every legacy form: hex, octal, fewer than four parts),
/// its "ends in a number" checker and the IPv4 serializer.
enum IPv4Parser {
    struct Outcome {
        var address: UInt32?
        /// Validation errors in the order the standard records them; the last one caused the
        /// failure when `address` is nil.
        var errors: [URLValidationError.Kind] = []
    }

    /// Whether the last label of an ASCII domain is a number, which makes the host an IPv4 address.
    static func endsInANumber(_ domain: ArraySlice<UInt8>) -> Bool {
        var end = domain.endIndex
        if end > domain.startIndex, domain[end - 1] == URLByte.dot { end -= 1 }
        var start = end
        while start > domain.startIndex, domain[start - 1] != URLByte.dot { start -= 1 }
        let last = domain[start..<end]
        if !last.isEmpty, last.allSatisfy(URLByte.isDigit) { return true }
        return parseNumber(last) != nil
    }

    static func parse(_ input: ArraySlice<UInt8>) -> Outcome {
        var outcome = Outcome()
        var parts = input.split(separator: URLByte.dot, omittingEmptySubsequences: false)
        if parts.last?.isEmpty == true {
            outcome.errors.append(.ipv4EmptyPart)
            if parts.count > 1 { parts.removeLast() }
        }
        if parts.count > 4 {
            outcome.errors.append(.ipv4TooManyParts)
            return outcome
        }
        var numbers: [UInt64] = []
        numbers.reserveCapacity(4)
        for part in parts {
            guard let (number, isNonDecimal) = parseNumber(part) else {
                outcome.errors.append(.ipv4NonNumericPart)
                return outcome
            }
            if isNonDecimal { outcome.errors.append(.ipv4NonDecimalPart) }
            numbers.append(number)
        }
        if numbers.contains(where: { $0 > 255 }) { outcome.errors.append(.ipv4OutOfRangePart) }
        if numbers.dropLast().contains(where: { $0 > 255 }) { return outcome }
        let limit: UInt64 = 1 << (8 * UInt64(5 - numbers.count))
        guard var ipv4 = numbers.last, ipv4 < limit else { return outcome }
        for (counter, number) in numbers.dropLast().enumerated() {
            ipv4 += number << (8 * UInt64(3 - counter))
        }
        outcome.address = UInt32(ipv4)
        return outcome
    }

    /// The IPv4 number parser: the value (saturated far above 2^32) and whether it was written in
    /// hexadecimal or octal; nil on failure.
    static func parseNumber(_ input: ArraySlice<UInt8>) -> (UInt64, Bool)? {
        guard !input.isEmpty else { return nil }
        var digits = input
        var radix: UInt64 = 10
        var isNonDecimal = false
        if digits.count >= 2, digits.first == 0x30, digits[digits.startIndex + 1] | 0x20 == 0x78 {
            digits = digits.dropFirst(2)
            radix = 16
            isNonDecimal = true
        } else if digits.count >= 2, digits.first == 0x30 {
            digits = digits.dropFirst()
            radix = 8
            isNonDecimal = true
        }
        if digits.isEmpty { return (0, true) }
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt64
            switch radix {
            case 16:
                guard Hex.isDigit(byte) else { return nil }
                digit = UInt64(Hex.digitValue(byte))
            case 8:
                guard byte &- 0x30 < 8 else { return nil }
                digit = UInt64(byte - 0x30)
            default:
                guard URLByte.isDigit(byte) else { return nil }
                digit = UInt64(byte - 0x30)
            }
            // Saturate: anything above 2^40 fails the same way, and the input can be arbitrarily long.
            value = min(value * radix + digit, 1 << 40)
        }
        return (value, isNonDecimal)
    }

    static func serialize(_ address: UInt32, into output: inout [UInt8]) {
        for shift in stride(from: 24, through: 0, by: -8) {
            output.appendDecimal(Int((address >> UInt32(shift)) & 0xFF))
            if shift != 0 { output.append(URLByte.dot) }
        }
    }

    static func serialize(_ address: UInt32) -> String {
        var output: [UInt8] = []
        serialize(address, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
