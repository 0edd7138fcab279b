import XCTest
@testable import AssetLint

/// Cases derived from the URL Standard's algorithm and examples (basic URL parser, host parser,
/// IPv4/IPv6 parsers, percent-encode sets). `href == nil` means the parser returns failure, and
/// `failure` names the validation error that causes it.
final class URLParserTableTests: XCTestCase {
    struct Case {
        var input: String
        var href: String?
        /// The failing validation error, or for a success every validation error in order (nil: not checked).
        var errors: [URLValidationError.Kind]?
        var line: UInt

        init(_ input: String, _ href: String?, _ errors: [URLValidationError.Kind]? = nil, line: UInt = #line) {
            self.input = input
            self.href = href
            self.errors = errors
            self.line = line
        }
    }

    static let cases: [Case] = [
        // Basics and canonicalization
        Case("https://example.com/", "https://example.com/", []),
        Case("https://example.com", "https://example.com/", []),
        Case("HTTPS://EXAMPLE.com:443/a/./b/../c?q=1 2#f g", "https://example.com/a/c?q=1%202#f%20g",
             [.invalidURLUnit, .invalidURLUnit]),
        Case("https://EXAMPLE.com/../x", "https://example.com/x", []),
        Case("https://example.com/././foo", "https://example.com/foo", []),
        Case("https://example.org//", "https://example.org//", []),
        Case("https://////example.com///", "https://example.com///",
             [.specialSchemeMissingFollowingSolidus, .specialSchemeMissingFollowingSolidus,
              .specialSchemeMissingFollowingSolidus, .specialSchemeMissingFollowingSolidus]),
        Case("https:example.org", "https://example.org/", [.specialSchemeMissingFollowingSolidus]),
        Case("https:/example.org/x", "https://example.org/x",
             [.specialSchemeMissingFollowingSolidus, .specialSchemeMissingFollowingSolidus]),
        Case("http://example.com:80/", "http://example.com/", []),
        Case("http://example.com:443/", "http://example.com:443/", []),
        Case("https://example.com:0443/", "https://example.com/", []),
        Case("https://example.com:8080/", "https://example.com:8080/", []),
        Case("https://example.com:/", "https://example.com/", []),
        Case("ws://example.com:80/", "ws://example.com/", []),
        Case("wss://example.com:443/x", "wss://example.com/x", []),
        Case("ftp://example.com:21/x", "ftp://example.com/x", []),
        Case("https://example.com:65535/", "https://example.com:65535/", []),

        // Preprocessing: C0 control or space trimmed, tab and newline removed
        Case("  https://example.com/  ", "https://example.com/", [.invalidURLUnit, .invalidURLUnit]),
        Case("\u{0}\u{1F}https://example.com/\u{7}", "https://example.com/", [.invalidURLUnit, .invalidURLUnit]),
        Case("ht\ttps://exa\nmple.org/a\rb", "https://example.org/ab", [.invalidURLUnit, .invalidURLUnit, .invalidURLUnit]),

        // Backslashes
        Case(#"https:\\example.com\a\b"#, "https://example.com/a/b",
             [.specialSchemeMissingFollowingSolidus, .specialSchemeMissingFollowingSolidus,
              .specialSchemeMissingFollowingSolidus, .invalidReverseSolidus, .invalidReverseSolidus]),
        Case(#"https://example.org\path\to\file"#, "https://example.org/path/to/file",
             [.invalidReverseSolidus, .invalidReverseSolidus, .invalidReverseSolidus]),
        Case(#"https://exa\mple.com/"#, "https://exa/mple.com/", [.invalidReverseSolidus]),
        Case(#"http://a:b@c\"#, "http://a:b@c/", [.invalidCredentials, .invalidReverseSolidus]),
        Case(#"gs://bucket/a\b"#, #"gs://bucket/a\b"#, [.invalidURLUnit]),

        // Userinfo
        Case("https://user:pass@host/", "https://user:pass@host/", [.invalidCredentials]),
        Case("https://user@host/", "https://user@host/", [.invalidCredentials]),
        Case("https://:pass@host/", "https://:pass@host/", [.invalidCredentials]),
        Case("https://user:@host/", "https://user@host/", [.invalidCredentials]),
        Case("https://:@host/", "https://host/", [.invalidCredentials]),
        Case("https://@host/", "https://host/", [.invalidCredentials]),
        Case("https://a@b@c/", "https://a%40b@c/", [.invalidCredentials, .invalidCredentials]),
        Case("https://a:b@c:d@e/", "https://a:b%40c%3Ad@e/", [.invalidCredentials, .invalidCredentials]),
        Case("https://us er:pä ss@host/", "https://us%20er:p%C3%A4%20ss@host/", [.invalidCredentials]),
        Case("https://host@/", nil, [.hostMissing]),
        Case("https://user:pass@", nil, [.hostMissing]),

        // Missing pieces
        Case("https://", nil, [.hostMissing]),
        Case("https://#fragment", nil, [.hostMissing]),
        Case("https://:443", nil, [.hostMissing]),
        Case("https://?q", nil, [.hostMissing]),
        Case("example.com/a.jpg", nil, [.missingSchemeNonRelativeURL]),
        Case("/bucket/a.jpg", nil, [.missingSchemeNonRelativeURL]),
        Case("", nil, [.missingSchemeNonRelativeURL]),
        Case("1https://example.com/", nil, [.missingSchemeNonRelativeURL]),

        // Ports
        Case("https://example.com:65536/", nil, [.portOutOfRange]),
        Case("https://example.com:99999999999999999999/", nil, [.portOutOfRange]),
        Case("https://example.com:7z/", nil, [.portInvalid]),
        Case("https://example.com:demo", nil, [.portInvalid]),
        Case("https://example.com:-1/", nil, [.portInvalid]),

        // Domains and IDNA
        Case("https://ex ample.com", nil, [.domainInvalidCodePoint]),
        Case("https://exa%23mple.org", nil, [.domainInvalidCodePoint]),
        Case("https://exa%41mple.org/", "https://exaample.org/", []),
        Case("https://exa<mple.org/", nil, [.domainInvalidCodePoint]),
        Case("https://exa|mple.org/", nil, [.domainInvalidCodePoint]),
        Case("https://xn--a.com/", "https://xn--a.com/", [.domainToASCII]),
        Case("https://a.b.c.xn--pokxncvks", "https://a.b.c.xn--pokxncvks/", [.domainToASCII]),
        Case("https://a\u{200C}b.example/", nil, [.domainToASCII]),
        Case("https://xn--53h.example/", "https://xn--53h.example/", []),
        Case("https://XN--53H.Example/", "https://xn--53h.example/", []),
        Case("https://a\u{00AD}b.com/", "https://ab.com/", []),
        Case("https://\u{FF45}\u{FF58}\u{FF41}\u{FF4D}\u{FF50}\u{FF4C}\u{FF45}\u{FF0E}\u{FF43}\u{FF4F}\u{FF4D}/", "https://example.com/", []),
        Case("https://\u{FF05}\u{FF14}\u{FF11}.com", nil, [.domainInvalidCodePoint]),
        Case("https://fa\u{DF}.example/", "https://xn--fa-hia.example/", []),
        Case("https://\u{2615}.example/", "https://xn--53h.example/", []),
        Case("https://%E2%98%95.example/", "https://xn--53h.example/", []),
        Case("https://m\u{FC}nchen.de/", "https://xn--mnchen-3ya.de/", []),
        Case("https://b\u{FC}cher.de:8080/p\u{E4}th?q=\u{E4}#\u{E4}", "https://xn--bcher-kva.de:8080/p%C3%A4th?q=%C3%A4#%C3%A4", []),
        Case("https://a\u{3002}b.com/", "https://a.b.com/", []),
        Case("https://a%C0%80b.com/", nil, [.domainToASCII]),
        Case("https://\u{AD}/", nil, [.domainToASCII]),
        Case("https://EXAMPLE.COM./", "https://example.com./", []),
        Case("https://example..com/", "https://example..com/", []),
        Case("https://-example-.com/", "https://-example-.com/", []),
        Case("https://ab--c.com/", "https://ab--c.com/", []),
        Case("https://under_score.example.com/", "https://under_score.example.com/", []),

        // IPv4
        Case("https://0x7f.1/", "https://127.0.0.1/", [.ipv4NonDecimalPart]),
        Case("https://127.0.0.1/", "https://127.0.0.1/", []),
        Case("https://127.1/", "https://127.0.0.1/", []),
        Case("https://2130706433/", "https://127.0.0.1/", [.ipv4OutOfRangePart]),
        Case("https://0177.0.0.01/", "https://127.0.0.1/", [.ipv4NonDecimalPart, .ipv4NonDecimalPart]),
        Case("https://0x7F000001/", "https://127.0.0.1/", [.ipv4NonDecimalPart, .ipv4OutOfRangePart]),
        Case("https://127.0.0x0.1", "https://127.0.0.1/", [.ipv4NonDecimalPart]),
        Case("https://0x/", "https://0.0.0.0/", [.ipv4NonDecimalPart]),
        Case("https://0/", "https://0.0.0.0/", []),
        Case("https://%30x7f.1/", "https://127.0.0.1/", [.ipv4NonDecimalPart]),
        Case("https://127.0.0.1./", "https://127.0.0.1/", [.ipv4EmptyPart]),
        Case("https://4294967295/", "https://255.255.255.255/", [.ipv4OutOfRangePart]),
        Case("https://999999999999/", nil, [.ipv4OutOfRangePart]),
        Case("https://4294967296/", nil, [.ipv4OutOfRangePart]),
        Case("https://1.2.3.4.5/", nil, [.ipv4TooManyParts]),
        Case("https://test.42", nil, [.ipv4NonNumericPart]),
        Case("https://09/", nil, [.ipv4NonNumericPart]),
        Case("https://example.255/", nil, [.ipv4NonNumericPart]),
        Case("https://255.255.4000.1", nil, [.ipv4OutOfRangePart]),
        Case("https://256.0.0.1/", nil, [.ipv4OutOfRangePart]),
        Case("https://0x100.1/", nil, [.ipv4NonDecimalPart, .ipv4OutOfRangePart]),
        Case("https://1.2.3.08/", nil, [.ipv4NonNumericPart]),
        Case("https://1.2.3.4x/", "https://1.2.3.4x/", []),
        Case("https://example.com.1x/", "https://example.com.1x/", []),

        // IPv6
        Case("https://[::1]:443/", "https://[::1]/", []),
        Case("https://[0:0::1]/", "https://[::1]/", []),
        Case("https://[1:0:0:2::3:0]/", "https://[1::2:0:0:3:0]/", []),
        Case("https://[0:0:0:0:0:0:0:0]/", "https://[::]/", []),
        Case("https://[1:0:0:0:0:0:0:0]/", "https://[1::]/", []),
        Case("https://[0:0:1:0:0:1:0:0]/", "https://[::1:0:0:1:0:0]/", []),
        Case("https://[1:2:3:4:5:6:7:8]/", "https://[1:2:3:4:5:6:7:8]/", []),
        Case("https://[1:0:3:4:5:6:7:8]/", "https://[1:0:3:4:5:6:7:8]/", []),
        Case("https://[ABCD::EF]/", "https://[abcd::ef]/", []),
        Case("https://[::ffff:1.2.3.4]/", "https://[::ffff:102:304]/", []),
        Case("https://[::1", nil, [.ipv6Unclosed]),
        Case("https://[:1]", nil, [.ipv6InvalidCompression]),
        Case("https://[1:2:3:4:5:6:7:8:9]", nil, [.ipv6TooManyPieces]),
        Case("https://[1::1::1]", nil, [.ipv6MultipleCompression]),
        Case("https://[1:2:3!:4]", nil, [.ipv6InvalidCodePoint]),
        Case("https://[1:2:3:]", nil, [.ipv6InvalidCodePoint]),
        Case("https://[1:2:3]", nil, [.ipv6TooFewPieces]),
        Case("https://[1:1:1:1:1:1:1:127.0.0.1]", nil, [.ipv4InIPv6TooManyPieces]),
        Case("https://[ffff::.0.0.1]", nil, [.ipv4InIPv6InvalidCodePoint]),
        Case("https://[ffff::127.00.0.1]", nil, [.ipv4InIPv6InvalidCodePoint]),
        Case("https://[ffff::127.0.0.4000]", nil, [.ipv4InIPv6OutOfRangePart]),
        Case("https://[ffff::127.0.0]", nil, [.ipv4InIPv6TooFewParts]),
        Case("http://[www.example.com]/", nil, [.ipv6InvalidCodePoint]),

        // Path: percent-encoding and dot segments
        Case("https://example.com/foo bar", "https://example.com/foo%20bar", [.invalidURLUnit]),
        Case("https://example.com/caf\u{E9}.jpg", "https://example.com/caf%C3%A9.jpg", []),
        Case("https://example.com/cafe\u{301}.jpg", "https://example.com/cafe%CC%81.jpg", []),
        Case("https://example.com/\u{1F600}", "https://example.com/%F0%9F%98%80", []),
        Case("https://example.com/a+b.jpg", "https://example.com/a+b.jpg", []),
        // `^` joined the path percent-encode set in 2024; older parsers leave it raw.
        Case("https://example.com/\"<>`{}^|", "https://example.com/%22%3C%3E%60%7B%7D%5E|",
             Array(repeating: .invalidURLUnit, count: 8)),
        Case("https://example.com/%2e%2E/a", "https://example.com/a", []),
        Case("https://example.com/a/%2e%2E", "https://example.com/", []),
        Case("https://example.com/a/.%2e/b", "https://example.com/b", []),
        Case("https://example.com/a/%2E./b", "https://example.com/b", []),
        Case("https://example.com/a/%2e/b", "https://example.com/a/b", []),
        Case("https://example.com/a/./b/.", "https://example.com/a/b/", []),
        Case("https://example.com/a/b/..", "https://example.com/a/", []),
        Case("https://example.com/a/..%2fb", "https://example.com/a/..%2fb", []),
        Case("https://example.com/...", "https://example.com/...", []),
        Case("https://example.com/%zz", "https://example.com/%zz", [.invalidURLUnit]),
        Case("https://example.com/%", "https://example.com/%", [.invalidURLUnit]),
        Case("https://example.com/%41", "https://example.com/%41", []),
        Case("https://example.com/[]?[]#[]", "https://example.com/[]?[]#[]", Array(repeating: .invalidURLUnit, count: 6)),
        Case("https://example/%?%#%", "https://example/%?%#%", [.invalidURLUnit, .invalidURLUnit, .invalidURLUnit]),
        Case("https://example/%25?%25#%25", "https://example/%25?%25#%25", []),
        Case("https://example.com/" + String(Unicode.Scalar(0xFDD0)!), "https://example.com/%EF%B7%90", [.invalidURLUnit]),
        Case("https://example.com/\u{85}", "https://example.com/%C2%85", [.invalidURLUnit]),

        // Query and fragment
        Case("https://example.com/?'\"<>`", "https://example.com/?%27%22%3C%3E`", Array(repeating: .invalidURLUnit, count: 4)),
        Case("gs://bucket/k?'\"", "gs://bucket/k?'%22", [.invalidURLUnit]),
        Case("https://example.com/?q=caf\u{E9} x", "https://example.com/?q=caf%C3%A9%20x", [.invalidURLUnit]),
        Case("https://example.com/a.jpg#frag ment\"<>`", "https://example.com/a.jpg#frag%20ment%22%3C%3E%60",
             Array(repeating: .invalidURLUnit, count: 5)),
        Case("https://example.com/a?b#c#d", "https://example.com/a?b#c#d", [.invalidURLUnit]),
        Case("https://example.com/a?", "https://example.com/a?", []),
        Case("https://example.com/a#", "https://example.com/a#", []),
        Case("https://example.com/a#\u{E9}", "https://example.com/a#%C3%A9", []),

        // Non-special schemes: opaque hosts and paths
        Case("gs://bucket/key with space.jpg", "gs://bucket/key%20with%20space.jpg", [.invalidURLUnit, .invalidURLUnit]),
        Case("gs://Bucket/Key%20x", "gs://Bucket/Key%20x", []),
        Case("s3://my-bucket/a/../b.jpg", "s3://my-bucket/b.jpg", []),
        Case("s3:/bucket/key", "s3:/bucket/key", []),
        Case("s3:bucket/key", "s3:bucket/key", []),
        Case("gs:///key", "gs:///key", []),
        Case("gs://", "gs://", []),
        Case("gs://b\u{FC}cket/k", "gs://b%C3%BCcket/k", []),
        // `..` leaves an empty segment behind: the path is [""], serialized as "/".
        Case("s3:/..", "s3:/", []),
        Case("foo://EXAMPLE.COM/", "foo://EXAMPLE.COM/", []),
        Case("foo://exa[mple.org", nil, [.hostInvalidCodePoint]),
        Case("foo://ho|st/", nil, [.hostInvalidCodePoint]),
        Case("foo://ho%00st/", "foo://ho%00st/", []),
        Case("foo://:80/", nil, [.hostMissing]),
        Case("foo://[::1]/", "foo://[::1]/", []),
        Case("web+demo:/.//not-a-host/", "web+demo:/.//not-a-host/", []),
        Case("web+demo:/path/..//not-a-host/", "web+demo:/.//not-a-host/", []),
        Case("mailto:user@example.org", "mailto:user@example.org", []),
        Case("urn:isbn:9780307476463", "urn:isbn:9780307476463", []),
        Case("mailto:a b?x", "mailto:a b?x", []),
        // An opaque path's space right before `?` or `#` is encoded so it survives reparsing.
        Case("mailto:a ?x", "mailto:a%20?x", []),
        Case("mailto:a #x", "mailto:a%20#x", []),
        Case("mailto:a b", "mailto:a b", []),

        // file:
        Case("file:///C|/demo", "file:///C:/demo", [.invalidURLUnit]),
        Case("file:///C:/x/../..", "file:///C:/", []),
        Case("file://C:/x", "file:///C:/x", [.fileInvalidWindowsDriveLetterHost]),
        Case("file://loc%61lhost/", "file:///", []),
        Case("file://LOCALHOST/etc", "file:///etc", []),
        Case(#"file:c:\foo"#, "file:///c:/foo", [.specialSchemeMissingFollowingSolidus, .invalidReverseSolidus]),
        Case("file:", "file:///", [.specialSchemeMissingFollowingSolidus]),
        Case("file://server/share/a.jpg", "file://server/share/a.jpg", []),
        Case("file://1.2.3.4/x", "file://1.2.3.4/x", []),
        Case("file://ex ample/", nil, [.domainInvalidCodePoint]),
    ]

    func testTable() {
        XCTAssertGreaterThanOrEqual(Self.cases.count, 80)
        for testCase in Self.cases {
            let result = URLParser.parse(testCase.input)
            XCTAssertEqual(result.url?.href, testCase.href, "href of \(testCase.input.debugDescription)", line: testCase.line)
            if testCase.href == nil {
                XCTAssertNil(result.url, line: testCase.line)
                XCTAssertNotNil(result.failure, "failure of \(testCase.input.debugDescription)", line: testCase.line)
                XCTAssertEqual(result.failure, result.validationErrors.last, line: testCase.line)
                if let expected = testCase.errors?.last {
                    XCTAssertEqual(result.failure?.kind, expected, "failure of \(testCase.input.debugDescription)", line: testCase.line)
                }
            } else {
                XCTAssertNil(result.failure, "failure of \(testCase.input.debugDescription)", line: testCase.line)
                if let expected = testCase.errors {
                    XCTAssertEqual(result.validationErrors.map(\.kind), expected,
                                   "errors of \(testCase.input.debugDescription)", line: testCase.line)
                }
            }
        }
    }

    /// A serialization is a fixed point: parsing it again gives the same URL and no new failure.
    func testSerializationIsIdempotent() {
        for testCase in Self.cases {
            guard let href = URLParser.parse(testCase.input).url?.href else { continue }
            XCTAssertEqual(URLParser.parse(href).url?.href, href, "reparse of \(href)", line: testCase.line)
        }
    }
}
