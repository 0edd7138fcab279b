import XCTest
@testable import AssetLint

final class URLHostTests: XCTestCase {
    private func convert(_ domain: String, fastPath: Bool) -> (ascii: String?, outcome: DomainToASCII.Outcome) {
        var output: [UInt8] = []
        var domain = domain
        let outcome = domain.withUTF8 { DomainToASCII.convert($0, into: &output, allowFastPath: fastPath) }
        if case .failure = outcome { return (nil, outcome) }
        return (String(decoding: output, as: UTF8.self), outcome)
    }

    /// The ASCII fast path must agree with ICU's UTS #46 ToASCII (as the URL Standard runs it) for
    /// every ASCII domain without an `xn--` label.
    func testASCIIFastPathMatchesICU() {
        var domains = [
            "example.com", "EXAMPLE.COM", "Example.Com.", "a..b", ".", "..", "a.", ".a", "-leading.com", "trailing-.com",
            "ab--cd.com", "under_score.com", "x", "0", "1.2.3.4", "a-b-c", "xn", "xn-", "xn-a.com", "axn--b.com",
            "sub.xnx--.com", String(repeating: "a", count: 64) + ".com", String(repeating: "abcdefghij.", count: 30) + "com",
            "!$&'()*+,;=_`{}~.com", "\"quoted\".com", "a-.b-.c-", "ZZZ", "MiXeD-CaSe-123.example",
        ]
        // Every printable ASCII character that is not a forbidden domain code point, in a label.
        for byte in UInt8(0x21)...UInt8(0x7E) where !URLByte.isForbiddenDomainCodePoint(byte) && byte != URLByte.dot {
            domains.append("a\(Character(Unicode.Scalar(byte)))b.example")
        }
        for domain in domains {
            let fast = convert(domain, fastPath: true)
            let icu = convert(domain, fastPath: false)
            XCTAssertEqual(fast.ascii, icu.ascii, "domain \(domain.debugDescription)")
            XCTAssertEqual(fast.ascii, domain.lowercased(), "domain \(domain.debugDescription)")
        }
    }

    func testFastPathIsNotTakenForPunycodeOrNonASCII() {
        func takesFastPath(_ domain: String) -> Bool {
            Array(domain.utf8).withUnsafeBufferPointer { DomainToASCII.FastPathScan($0) != nil }
        }
        XCTAssertFalse(takesFastPath("a.XN--53H.b"))
        XCTAssertFalse(takesFastPath("xn--53h"))
        XCTAssertFalse(takesFastPath("caf\u{E9}.example"))
        XCTAssertTrue(takesFastPath("axn--53h.b"))
        XCTAssertTrue(takesFastPath("a.xn-.b"))
        XCTAssertTrue(takesFastPath("EXAMPLE.com"))
        XCTAssertEqual(convert("xn--a.com", fastPath: true).ascii, "xn--a.com")
        XCTAssertEqual(convert("XN--53H.example", fastPath: true).ascii, "xn--53h.example")
        XCTAssertEqual(convert("Bücher.example", fastPath: true).ascii, "xn--bcher-kva.example")
    }

    func testForbiddenDomainCodePointsFailBothWays() {
        for domain in ["ex ample", "exa%mple", "exa#mple", "a<b", "a>b", "a^b", "a|b", "a\u{7F}b", "a\u{1}b", "a[b", "a@b"] {
            XCTAssertNil(convert(domain, fastPath: true).ascii, domain.debugDescription)
            if case .failure(let kind, _, _) = convert(domain, fastPath: true).outcome {
                XCTAssertEqual(kind, .domainInvalidCodePoint)
            } else {
                XCTFail("fast path accepted \(domain.debugDescription)")
            }
            XCTAssertNil(convert(domain, fastPath: false).ascii, domain.debugDescription)
        }
    }

    func testIDNAFailureCarriesICUErrorBits() throws {
        let result = URLParser.parse("https://a\u{200C}b.example/")
        let failure = try XCTUnwrap(result.failure)
        XCTAssertEqual(failure.kind, .domainToASCII)
        XCTAssertNotEqual(failure.idnaErrors & ~DomainToASCII.ignoredIDNAErrors, 0)
        XCTAssertEqual(failure.offset, 8)
        XCTAssertEqual(failure.length, "a\u{200C}b.example".utf8.count)
    }

    /// The current URL Standard takes an ASCII domain lower-cased even where UTS #46 rejects an
    /// `xn--` label (ICU 72 rejects it); the rejection is a validation error, not a failure.
    func testASCIIDomainWithInvalidPunycodeIsTakenLowerCased() throws {
        for (input, href) in [
            ("https://xn--a.com/", "https://xn--a.com/"), ("https://xn--/", "https://xn--/"),
            ("http://a.b.c.XN--pokxncvks", "http://a.b.c.xn--pokxncvks/"), ("http://10.0.0.xN--pokxncvks", "http://10.0.0.xn--pokxncvks/"),
            ("https://xn--8i7caa.example/", "https://xn--8i7caa.example/"), ("https://Xn--%41/", "https://xn--a/"),
        ] {
            let result = URLParser.parse(input)
            XCTAssertEqual(result.url?.href, href, input)
            let error = try XCTUnwrap(result.validationErrors.first { $0.kind == .domainToASCII }, input)
            XCTAssertNotEqual(error.idnaErrors & ~DomainToASCII.ignoredIDNAErrors, 0, input)
        }
        // Forbidden code points still fail, and non-ASCII domains still need UTS #46's approval.
        XCTAssertEqual(URLParser.parse("https://xn--a%20b/").failure?.kind, .domainInvalidCodePoint)
        XCTAssertEqual(URLParser.parse("https://xn--a\u{E9}.com/").failure?.kind, .domainToASCII)
        XCTAssertEqual(URLParser.parse("https://%C2%AD/").failure?.kind, .domainToASCII)
    }

    func testHostValues() throws {
        XCTAssertEqual(URLParser.parse("https://EXAMPLE.com/").url?.host, .domain("example.com"))
        XCTAssertEqual(URLParser.parse("https://0x7f.1/").url?.host, .ipv4(0x7F00_0001))
        XCTAssertEqual(URLParser.parse("https://[::1]/").url?.host, .ipv6(IPv6Address(pieces: [0, 0, 0, 0, 0, 0, 0, 1])))
        XCTAssertEqual(URLParser.parse("gs://My-Bucket/x").url?.host, .opaque("My-Bucket"))
        XCTAssertEqual(URLParser.parse("file:///x").url?.host, .empty)
        XCTAssertEqual(URLParser.parse("gs:///x").url?.host, .empty)
        let noHost = try XCTUnwrap(URLParser.parse("mailto:a@b").url)
        XCTAssertNil(noHost.host)
        XCTAssertEqual(noHost.hostname, "")
        XCTAssertEqual(URLParser.parse("https://[1:0::2]:8080/").url?.hostname, "[1::2]")
        XCTAssertEqual(URLHost.ipv4(0xC0A8_0001).description, "192.168.0.1")
    }

    func testIPv4NumberParser() {
        func number(_ text: String) -> (UInt64, Bool)? { IPv4Parser.parseNumber(ArraySlice(text.utf8)) }
        XCTAssertTrue(number("0x")! == (0, true))
        XCTAssertTrue(number("0X1f")! == (31, true))
        XCTAssertTrue(number("010")! == (8, true))
        XCTAssertTrue(number("0")! == (0, false))
        XCTAssertTrue(number("255")! == (255, false))
        XCTAssertNil(number(""))
        XCTAssertNil(number("08"))
        XCTAssertNil(number("0xg"))
        XCTAssertNil(number("1a"))
        // Saturates instead of overflowing on absurdly long numbers.
        XCTAssertGreaterThan(number(String(repeating: "9", count: 100))!.0, 0xFFFF_FFFF)
    }

    func testEndsInANumber() {
        func ends(_ text: String) -> Bool { IPv4Parser.endsInANumber(ArraySlice(text.utf8)) }
        XCTAssertTrue(ends("1.2.3.4"))
        XCTAssertTrue(ends("example.1"))
        XCTAssertTrue(ends("example.1."))
        XCTAssertTrue(ends("example.0x"))
        XCTAssertTrue(ends("example.0XAB"))
        XCTAssertTrue(ends("09"))
        XCTAssertFalse(ends("example.com"))
        XCTAssertFalse(ends("example.1x"))
        XCTAssertFalse(ends("example.0xg"))
        XCTAssertFalse(ends("example.."))
        XCTAssertFalse(ends(""))
    }

    func testIPv6SerializationCompressesLongestZeroRun() {
        func text(_ pieces: [UInt16]) -> String { IPv6Address(pieces: pieces).description }
        XCTAssertEqual(text([0, 0xF, 0, 0, 0xF, 0xF, 0, 0]), "0:f::f:f:0:0")
        XCTAssertEqual(text([1, 0, 0, 2, 0, 0, 0, 3]), "1:0:0:2::3")
        XCTAssertEqual(text([1, 0, 0, 2, 0, 0, 3, 4]), "1::2:0:0:3:4")
        XCTAssertEqual(text([0, 0, 0, 0, 0, 0, 0, 0]), "::")
        XCTAssertEqual(text([0xABCD, 0x0012, 0, 0, 0, 0, 0, 0x0001]), "abcd:12::1")
        XCTAssertEqual(text([1, 2, 3, 4, 5, 6, 7, 8]), "1:2:3:4:5:6:7:8")
    }

    func testPercentEncodeSets() {
        XCTAssertTrue(PercentEncodeSet.c0Control.contains(0x00))
        XCTAssertTrue(PercentEncodeSet.c0Control.contains(0x1F))
        XCTAssertTrue(PercentEncodeSet.c0Control.contains(0x7F))
        XCTAssertTrue(PercentEncodeSet.c0Control.contains(0x80))
        XCTAssertFalse(PercentEncodeSet.c0Control.contains(0x20))
        XCTAssertFalse(PercentEncodeSet.c0Control.contains(0x7E))
        XCTAssertTrue(PercentEncodeSet.path.contains(UInt8(ascii: "?")))
        XCTAssertTrue(PercentEncodeSet.path.contains(UInt8(ascii: "^")))
        XCTAssertFalse(PercentEncodeSet.path.contains(UInt8(ascii: "|")))
        XCTAssertFalse(PercentEncodeSet.path.contains(UInt8(ascii: "+")))
        XCTAssertFalse(PercentEncodeSet.query.contains(UInt8(ascii: "'")))
        XCTAssertTrue(PercentEncodeSet.specialQuery.contains(UInt8(ascii: "'")))
        XCTAssertTrue(PercentEncodeSet.fragment.contains(UInt8(ascii: "`")))
        XCTAssertFalse(PercentEncodeSet.query.contains(UInt8(ascii: "`")))
        for character in "/:;=@[\\]|" {
            XCTAssertTrue(PercentEncodeSet.userinfo.contains(character.asciiValue!), "\(character)")
        }
        XCTAssertTrue(URLByte.isForbiddenHostCodePoint(0))
        XCTAssertTrue(URLByte.isForbiddenHostCodePoint(UInt8(ascii: "|")))
        XCTAssertFalse(URLByte.isForbiddenHostCodePoint(UInt8(ascii: "%")))
        XCTAssertTrue(URLByte.isForbiddenDomainCodePoint(UInt8(ascii: "%")))
    }
}
