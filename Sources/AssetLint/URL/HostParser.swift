/// The URL Standard's host parser, writing the serialized host into the parser's output.
extension BasicURLParser {
    mutating func appendHost(_ range: Range<Int>, isOpaque: Bool) -> Bool {
        ranges.host = originalRange(range)
        layout.hostStart = out.count
        let succeeded: Bool
        if byte(at: range.lowerBound) == ASCII.leftBracket {
            succeeded = appendIPv6(range)
        } else if isOpaque {
            succeeded = appendOpaqueHost(range)
        } else {
            succeeded = appendDomainOrIPv4(range)
        }
        layout.hostEnd = out.count
        return succeeded
    }

    private mutating func appendIPv6(_ range: Range<Int>) -> Bool {
        guard range.count >= 2, input[range.upperBound - 1] == ASCII.rightBracket else {
            return fail(.ipv6Unclosed, at: range.lowerBound, length: range.count)
        }
        let inner = UnsafeBufferPointer(rebasing: input[(range.lowerBound + 1)..<(range.upperBound - 1)])
        switch IPv6Parser.parse(inner) {
        case .failure(let failure):
            return fail(failure.kind, at: range.lowerBound + 1 + failure.index)
        case .success(let address):
            out.append(ASCII.leftBracket)
            address.serialize(into: &out)
            out.append(ASCII.rightBracket)
            layout.hostKind = .ipv6
            layout.ipv6 = address
            return true
        }
    }

    /// Opaque-host parser, for non-special URLs (`gs://bucket`): no IDNA, no lower-casing.
    private mutating func appendOpaqueHost(_ range: Range<Int>) -> Bool {
        for index in range where ASCII.isForbiddenHostCodePoint(input[index]) {
            return fail(.hostInvalidCodePoint, at: index)
        }
        var index = range.lowerBound
        while index < range.upperBound {
            index = appendCodePoint(at: index, encoding: .c0Control)
        }
        layout.hostKind = out.count == layout.hostStart ? .empty : .opaque
        return true
    }

    /// Percent-decodes the host, runs domain to ASCII, and parses it as IPv4 when it ends in a number.
    private mutating func appendDomainOrIPv4(_ range: Range<Int>) -> Bool {
        let raw = UnsafeBufferPointer(rebasing: input[range])
        let outcome: DomainToASCII.Outcome
        if raw.contains(ASCII.percent) {
            let decoded = PercentDecoding.decode(raw)
            outcome = decoded.withUnsafeBufferPointer { DomainToASCII.convert($0, into: &out) }
        } else {
            outcome = DomainToASCII.convert(raw, into: &out)
        }
        switch outcome {
        case .success:
            break
        case .failure(let kind, let index, let idnaErrors):
            // An index into the domain is an index into the input only when nothing was decoded.
            if let index, !raw.contains(ASCII.percent) {
                return fail(kind, at: range.lowerBound + index)
            }
            return fail(kind, at: range.lowerBound, length: range.count, idnaErrors: idnaErrors)
        }
        let domain = out[layout.hostStart...]
        guard IPv4Parser.endsInANumber(domain) else {
            layout.hostKind = .domain
            return true
        }
        let ipv4 = IPv4Parser.parse(domain)
        for (position, kind) in ipv4.errors.enumerated() {
            if ipv4.address == nil, position == ipv4.errors.count - 1 {
                return fail(kind, at: range.lowerBound, length: range.count)
            }
            report(kind, at: range.lowerBound, length: range.count)
        }
        guard let address = ipv4.address else {
            return fail(.ipv4NonNumericPart, at: range.lowerBound, length: range.count)
        }
        out.removeSubrange(layout.hostStart...)
        IPv4Parser.serialize(address, into: &out)
        layout.hostKind = .ipv4
        layout.ipv4 = address
        return true
    }
}

/// The standard's "domain to ASCII" with beStrict false.
enum DomainToASCII {
    enum Outcome: Equatable {
        case success
        /// `index` locates the offending byte in the domain when it is known.
        case failure(URLValidationError.Kind, index: Int?, idnaErrors: UInt32)
    }

    /// ICU reports these, but the URL Standard runs ToASCII with CheckHyphens and VerifyDnsLength
    /// false: empty label, label too long, domain too long, leading/trailing hyphen, hyphen 3-4.
    static let ignoredIDNAErrors: UInt32 = 0x3F

    /// Appends the ASCII form of `domain` (UTF-8) to `output`; on failure `output` is unchanged.
    ///
    /// An ASCII domain without an `xn--` label maps to its ASCII lower case under UTS #46
    /// (the standard's note on domain to ASCII says so), so it skips ICU; `allowFastPath: false`
    /// exists to test that equivalence.
    static func convert(_ domain: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], allowFastPath: Bool = true) -> Outcome {
        let start = output.count
        if allowFastPath, isASCII(domain), !hasPunycodeLabel(domain) {
            for (index, byte) in domain.enumerated() {
                if ASCII.isForbiddenDomainCodePoint(byte) {
                    output.removeSubrange(start...)
                    return .failure(.domainInvalidCodePoint, index: index, idnaErrors: 0)
                }
                output.append(ASCII.lowercased(byte))
            }
            return .success
        }
        // UTF-8 decode without BOM: ill-formed bytes become U+FFFD, which ToASCII rejects.
        let result = ICU.domainToASCII(String(decoding: domain, as: UTF8.self))
        let errors = result.errors & ~ignoredIDNAErrors
        if errors != 0 || result.ascii.isEmpty {
            return .failure(.domainToASCII, index: nil, idnaErrors: result.errors)
        }
        for byte in result.ascii.utf8 {
            if ASCII.isForbiddenDomainCodePoint(byte) {
                output.removeSubrange(start...)
                return .failure(.domainInvalidCodePoint, index: nil, idnaErrors: 0)
            }
            output.append(byte)
        }
        return .success
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.contains { $0 >= 0x80 }
    }

    /// Whether a label starts with `xn--`, ASCII case-insensitively.
    static func hasPunycodeLabel(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var labelStart = 0
        while labelStart + 4 <= bytes.count {
            if bytes[labelStart] | 0x20 == 0x78, bytes[labelStart + 1] | 0x20 == 0x6E,
               bytes[labelStart + 2] == ASCII.minus, bytes[labelStart + 3] == ASCII.minus {
                return true
            }
            guard let dot = bytes[labelStart...].firstIndex(of: ASCII.dot) else { return false }
            labelStart = dot + 1
        }
        return false
    }
}
