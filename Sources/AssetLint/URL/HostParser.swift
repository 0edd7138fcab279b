/// The URL Standard's host parser, writing the serialized host into the parser's output.
extension BasicURLParser {
    mutating func appendHost(_ range: Range<Int>, isOpaque: Bool) -> Bool {
        ranges.host = originalRange(range)
        layout.hostStart = out.count
        let succeeded: Bool
        if byte(at: range.lowerBound) == URLByte.leftBracket {
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
        guard range.count >= 2, input[range.upperBound - 1] == URLByte.rightBracket else {
            return fail(.ipv6Unclosed, at: range.lowerBound, length: range.count)
        }
        let inner = UnsafeBufferPointer(rebasing: input[(range.lowerBound + 1)..<(range.upperBound - 1)])
        switch IPv6Parser.parse(inner) {
        case .failure(let failure):
            return fail(failure.kind, at: range.lowerBound + 1 + failure.index)
        case .success(let address):
            out.append(URLByte.leftBracket)
            address.serialize(into: &out)
            out.append(URLByte.rightBracket)
            layout.hostKind = .ipv6
            layout.ipv6 = address
            return true
        }
    }

    /// Opaque-host parser, for non-special URLs (`gs://bucket`): no IDNA, no lower-casing.
    private mutating func appendOpaqueHost(_ range: Range<Int>) -> Bool {
        for index in range where URLByte.isForbiddenHostCodePoint(input[index]) {
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
        if raw.contains(URLByte.percent) {
            let decoded = PercentDecoding.decode(raw)
            outcome = decoded.withUnsafeBufferPointer { DomainToASCII.convert($0, into: &out) }
        } else {
            outcome = DomainToASCII.convert(raw, into: &out)
        }
        switch outcome {
        case .success:
            break
        case .asciiDespiteIDNA(let idnaErrors):
            report(.domainToASCII, at: range.lowerBound, length: range.count, idnaErrors: idnaErrors)
        case .failure(let kind, let index, let idnaErrors):
            // An index into the domain is an index into the input only when nothing was decoded.
            if let index, !raw.contains(URLByte.percent) {
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
        /// An ASCII domain that UTS #46 ToASCII rejects (an `xn--` label that is not valid punycode or
        /// decodes to something IDNA does not allow): the standard takes it lower-cased all the same,
        /// for web compatibility, with a domain-to-ASCII validation error.
        case asciiDespiteIDNA(idnaErrors: UInt32)
        /// `index` locates the offending byte in the domain when it is known.
        case failure(URLValidationError.Kind, index: Int?, idnaErrors: UInt32)
    }

    /// ICU reports these, but the URL Standard runs ToASCII with CheckHyphens and VerifyDnsLength
    /// false: empty label, label too long, domain too long, leading/trailing hyphen, hyphen 3-4.
    static let ignoredIDNAErrors: UInt32 = 0x3F

    /// Appends the ASCII form of `domain` (UTF-8) to `output`; on failure `output` is unchanged.
    ///
    /// With beStrict false the standard's result for an ASCII domain is the domain lower-cased,
    /// whatever UTS #46 says of it; UTS #46 only decides whether that is a validation error. An ASCII
    /// domain without an `xn--` label is always valid under UTS #46 (it maps to its lower case), so
    /// it skips ICU; `allowFastPath: false` exists to test that equivalence. ICU 72 predates the
    /// standard's rule and rejects ASCII domains with invalid `xn--` labels: those are taken here.
    static func convert(_ domain: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], allowFastPath: Bool = true) -> Outcome {
        let start = output.count
        if allowFastPath, let scan = FastPathScan(domain) {
            if let index = scan.firstForbidden { return .failure(.domainInvalidCodePoint, index: index, idnaErrors: 0) }
            output.append(contentsOf: domain)
            if scan.hasUppercase {
                for index in start..<output.count { output[index] = URLByte.lowercased(output[index]) }
            }
            return .success
        }
        // UTF-8 decode without BOM: ill-formed bytes become U+FFFD, which ToASCII rejects.
        let result = ICU.domainToASCII(String(decoding: domain, as: UTF8.self))
        let errors = result.errors & ~ignoredIDNAErrors
        if errors != 0 || result.ascii.isEmpty {
            guard domain.allSatisfy({ $0 < 0x80 }) else { return .failure(.domainToASCII, index: nil, idnaErrors: result.errors) }
            if let index = domain.firstIndex(where: URLByte.isForbiddenDomainCodePoint) {
                return .failure(.domainInvalidCodePoint, index: index, idnaErrors: 0)
            }
            output.append(contentsOf: domain.lazy.map(URLByte.lowercased))
            return .asciiDespiteIDNA(idnaErrors: result.errors)
        }
        for byte in result.ascii.utf8 {
            if URLByte.isForbiddenDomainCodePoint(byte) {
                output.removeSubrange(start...)
                return .failure(.domainInvalidCodePoint, index: nil, idnaErrors: 0)
            }
            output.append(byte)
        }
        return .success
    }

    /// One pass over a domain deciding the fast path: nil when the domain is not ASCII or has an
    /// `xn--` label.
    struct FastPathScan {
        var firstForbidden: Int?
        var hasUppercase = false

        init?(_ domain: UnsafeBufferPointer<UInt8>) {
            if Self.startsWithACEPrefix(domain, at: 0) { return nil }
            let quiet = ASCIIByteSet.quietDomainBytes
            let forbidden = ASCIIByteSet.forbiddenDomain
            for index in domain.indices {
                let byte = domain[index]
                if quiet.contains(byte) { continue }
                if byte >= 0x80 { return nil }
                if byte == URLByte.dot {
                    if Self.startsWithACEPrefix(domain, at: index + 1) { return nil }
                } else if URLByte.isUppercase(byte) {
                    hasUppercase = true
                } else if firstForbidden == nil, forbidden.contains(byte) {
                    firstForbidden = index
                }
            }
        }

        /// `xn--`, ASCII case-insensitively.
        private static func startsWithACEPrefix(_ domain: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
            index + 4 <= domain.count && domain[index] | 0x20 == 0x78 && domain[index + 1] | 0x20 == 0x6E
                && domain[index + 2] == URLByte.minus && domain[index + 3] == URLByte.minus
        }
    }
}
