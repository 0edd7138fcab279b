import XCTest
@testable import AssetLint

final class URLComponentTests: XCTestCase {
    func testComponents() throws {
        let url = try XCTUnwrap(WebURL("HTTPS://us%20er:p@ss@Example.COM:8443/a/b%20c/?x=1&y=é#frag"))
        XCTAssertEqual(url.href, "https://us%20er:p%40ss@example.com:8443/a/b%20c/?x=1&y=%C3%A9#frag")
        XCTAssertEqual(url.scheme, "https")
        XCTAssertTrue(url.isSpecial)
        XCTAssertEqual(url.defaultPort, 443)
        XCTAssertEqual(url.username, "us%20er")
        XCTAssertEqual(url.password, "p%40ss")
        XCTAssertTrue(url.includesCredentials)
        XCTAssertEqual(url.hostname, "example.com")
        XCTAssertEqual(url.port, 8443)
        XCTAssertEqual(url.pathname, "/a/b%20c/")
        XCTAssertEqual(url.pathSegments, ["a", "b%20c", ""])
        XCTAssertFalse(url.hasOpaquePath)
        XCTAssertEqual(url.query, "x=1&y=%C3%A9")
        XCTAssertEqual(url.fragment, "frag")
        XCTAssertEqual(url.hrefExcludingFragment, "https://us%20er:p%40ss@example.com:8443/a/b%20c/?x=1&y=%C3%A9")
        XCTAssertEqual(url.description, url.href)
    }

    func testAbsentComponents() throws {
        let url = try XCTUnwrap(WebURL("https://example.com"))
        XCTAssertEqual(url.username, "")
        XCTAssertEqual(url.password, "")
        XCTAssertFalse(url.includesCredentials)
        XCTAssertNil(url.port)
        XCTAssertEqual(url.pathname, "/")
        XCTAssertEqual(url.pathSegments, [""])
        XCTAssertNil(url.query)
        XCTAssertNil(url.fragment)

        let bare = try XCTUnwrap(WebURL("https://example.com/?#"))
        XCTAssertEqual(bare.query, "")
        XCTAssertEqual(bare.fragment, "")

        let nonSpecial = try XCTUnwrap(WebURL("foo://host"))
        XCTAssertEqual(nonSpecial.pathname, "")
        XCTAssertEqual(nonSpecial.pathSegments, [])
        XCTAssertFalse(nonSpecial.isSpecial)
        XCTAssertNil(nonSpecial.defaultPort)

        let opaque = try XCTUnwrap(WebURL("mailto:someone@example.org?subject=hi"))
        XCTAssertTrue(opaque.hasOpaquePath)
        XCTAssertEqual(opaque.pathname, "someone@example.org")
        XCTAssertEqual(opaque.pathSegments, [])
        XCTAssertEqual(opaque.query, "subject=hi")

        let dotted = try XCTUnwrap(WebURL("web+demo:/.//not-a-host/"))
        XCTAssertEqual(dotted.pathname, "//not-a-host/")
        XCTAssertEqual(dotted.pathSegments, ["", "not-a-host", ""])
    }

    func testEqualityIsSerializationEquality() {
        XCTAssertEqual(WebURL("HTTPS://Example.com:443/a/../b"), WebURL("https://example.com/b"))
        XCTAssertNotEqual(WebURL("https://example.com/b"), WebURL("https://example.com/b#x"))
        XCTAssertEqual(Set([WebURL("https://a/")!, WebURL("https://A:443/")!]).count, 1)
        XCTAssertNil(WebURL("not a url"))
    }

    func testValidationErrorOffsetsPointIntoTheOriginalInput() throws {
        // Offsets are UTF-8 bytes of the input as given, before trimming and tab removal.
        let input = "  https://exa\tmple.com/a é b?q=<#\"x"
        let errors = URLParser.parse(input).validationErrors
        let located = errors.map { ($0.kind, $0.offset, $0.length) }
        let expected: [(URLValidationError.Kind, Int, Int)] = [
            (.invalidURLUnit, 0, 2),        // leading spaces
            (.invalidURLUnit, 13, 1),       // the tab
            (.invalidURLUnit, 24, 1),       // space before é
            (.invalidURLUnit, 27, 1),       // space after é (é is two bytes)
            (.invalidURLUnit, 32, 1),       // <
            (.invalidURLUnit, 34, 1),       // "
        ]
        XCTAssertEqual(located.count, expected.count, "\(errors)")
        for (actual, wanted) in zip(located, expected) {
            XCTAssertEqual(actual.0, wanted.0)
            XCTAssertEqual(actual.1, wanted.1, "\(wanted.0)")
            XCTAssertEqual(actual.2, wanted.2, "\(wanted.0)")
        }
        for error in errors {
            let bytes = Array(input.utf8)[error.offset..<(error.offset + error.length)]
            XCTAssertFalse(bytes.isEmpty)
        }
    }

    func testNonASCIIInvalidUnitCoversTheWholeCodePoint() throws {
        let input = "https://example.com/" + String(Unicode.Scalar(0xFDD0)!)
        let error = try XCTUnwrap(URLParser.parse(input).validationErrors.first)
        XCTAssertEqual(error.kind, .invalidURLUnit)
        XCTAssertEqual(error.offset, 20)
        XCTAssertEqual(error.length, 3)
    }

    func testFailureOffsets() throws {
        let space = try XCTUnwrap(URLParser.parse("https://ex ample.com/").failure)
        XCTAssertEqual(space.kind, .domainInvalidCodePoint)
        XCTAssertEqual(space.offset, 10)
        XCTAssertEqual(space.length, 1)

        let port = try XCTUnwrap(URLParser.parse("https://example.com:65536/").failure)
        XCTAssertEqual(port.kind, .portOutOfRange)
        XCTAssertEqual(port.offset, 20)
        XCTAssertEqual(port.length, 5)

        let ipv6 = try XCTUnwrap(URLParser.parse("https://[1:2:3!:4]/").failure)
        XCTAssertEqual(ipv6.kind, .ipv6InvalidCodePoint)
        XCTAssertEqual(ipv6.offset, 14)

        let missing = try XCTUnwrap(URLParser.parse("https://").failure)
        XCTAssertEqual(missing.kind, .hostMissing)
        XCTAssertEqual(missing.offset, 8)
        XCTAssertEqual(missing.length, 0)
    }

    func testComponentRanges() throws {
        let input = " https://user:pw@Host.com:8080/a%20b/c?q=1#top"
        let result = URLParser.parse(input)
        let bytes = Array(input.utf8)
        func text(_ range: Range<Int>?) -> String? { range.map { String(decoding: bytes[$0], as: UTF8.self) } }
        XCTAssertEqual(text(result.ranges.scheme), "https")
        XCTAssertEqual(text(result.ranges.username), "user")
        XCTAssertEqual(text(result.ranges.password), "pw")
        XCTAssertEqual(text(result.ranges.host), "Host.com")
        XCTAssertEqual(text(result.ranges.port), "8080")
        XCTAssertEqual(text(result.ranges.path), "/a%20b/c")
        XCTAssertEqual(text(result.ranges.query), "q=1")
        XCTAssertEqual(text(result.ranges.fragment), "top")

        let withTab = "https://ho\tst/p\tq"
        let tabbed = URLParser.parse(withTab)
        let tabBytes = Array(withTab.utf8)
        XCTAssertEqual(tabbed.url?.href, "https://host/pq")
        XCTAssertEqual(tabbed.ranges.host.map { String(decoding: tabBytes[$0], as: UTF8.self) }, "ho\tst")
        XCTAssertEqual(tabbed.ranges.path.map { String(decoding: tabBytes[$0], as: UTF8.self) }, "/p\tq")

        let gs = URLParser.parse("gs://bucket/key")
        XCTAssertEqual(gs.ranges.host, 5..<11)
        XCTAssertEqual(gs.ranges.path, 11..<15)
        XCTAssertNil(gs.ranges.query)
    }

    func testIllFormedUTF8DoesNotTrap() {
        let samples: [[UInt8]] = [
            Array("https://example.com/".utf8) + [0xFF, 0xC3],
            Array("https://exa".utf8) + [0xC3] + Array(".com/".utf8),
            Array("gs://b".utf8) + [0xE2, 0x82] + Array("/k".utf8),
            [0xF0, 0x9F],
        ]
        for bytes in samples {
            let result = bytes.withUnsafeBufferPointer(URLParser.parse(utf8:))
            if let url = result.url {
                XCTAssertTrue(url.href.utf8.allSatisfy { $0 < 0x80 })
            }
        }
        let path = (Array("https://example.com/".utf8) + [0xFF]).withUnsafeBufferPointer(URLParser.parse(utf8:))
        XCTAssertEqual(path.url?.href, "https://example.com/%FF")
        XCTAssertEqual(path.validationErrors.map(\.kind), [.invalidURLUnit])
        let host = (Array("https://exa".utf8) + [0xC3] + Array(".com/".utf8)).withUnsafeBufferPointer(URLParser.parse(utf8:))
        XCTAssertEqual(host.failure?.kind, .domainToASCII)
    }

    func testLongAndHostileInputs() {
        let long = "https://example.com/" + String(repeating: "a/../", count: 20_000) + "x"
        XCTAssertEqual(URLParser.parse(long).url?.href, "https://example.com/x")
        let manyDots = "https://example.com/" + String(repeating: "../", count: 10_000)
        XCTAssertEqual(URLParser.parse(manyDots).url?.href, "https://example.com/")
        let bigHost = "https://" + String(repeating: "a", count: 100_000) + ".com/"
        XCTAssertEqual(URLParser.parse(bigHost).url?.hostname.utf8.count, 100_004)
        XCTAssertNil(URLParser.parse("https://" + String(repeating: "9", count: 10_000) + "/").url)
        XCTAssertNil(URLParser.parse("https://[" + String(repeating: "1:", count: 10_000) + "]/").url)
        XCTAssertNil(URLParser.parse(String(repeating: "\u{0}", count: 1000)).url)
    }
}
