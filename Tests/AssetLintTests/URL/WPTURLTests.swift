import Foundation
import XCTest
@testable import AssetLint

/// The web-platform-tests URL parsing cases (`Fixtures/urls/wpt/urltestdata.json`, see the README
/// beside it): every case whose input is an absolute `http:` or `https:` URL, parsed as assetlint
/// parses asset URLs (without a base), must give the browser's answer: failure, or the same `href`
/// and components.
final class WPTURLTests: XCTestCase {
    struct Case {
        var input: String
        var expected: [String: String]?
    }

    static let cases: [Case] = {
        let path = Package.fixture("urls/wpt/urltestdata.json")
        guard let data = FileManager.default.contents(atPath: path),
              let entries = try? JSONSerialization.jsonObject(with: data) as? [Any] else { return [] }
        return entries.compactMap { entry -> Case? in
            guard let entry = entry as? [String: Any], let input = entry["input"] as? String,
                  isAbsoluteWebURL(input, base: entry["base"] as? String) else { return nil }
            if entry["failure"] as? Bool == true { return Case(input: input, expected: nil) }
            return Case(input: input, expected: entry.compactMapValues { $0 as? String })
        }
    }()

    /// Whether parsing `input` against `base` gives what parsing it alone gives, with an http or
    /// https scheme: no base, a base of another scheme, or `//` right after the scheme.
    static func isAbsoluteWebURL(_ input: String, base: String?) -> Bool {
        let trimmed = input.unicodeScalars.drop { $0.value <= 0x20 }.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        let text = String(String.UnicodeScalarView(trimmed))
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return false }
        guard let base, !base.isEmpty else { return true }
        let baseScheme = base.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() }
        return baseScheme != scheme || text[text.index(after: colon)...].hasPrefix("//")
    }

    func testEveryHTTPCaseParsesAsTheBrowserDoes() {
        XCTAssertGreaterThanOrEqual(Self.cases.count, 380, "the WPT fixture is missing or shrank")
        var failed: [String] = []
        for testCase in Self.cases {
            let url = URLParser.parse(testCase.input).url
            guard let expected = testCase.expected else {
                if let url { failed.append("\(testCase.input.debugDescription): expected failure, got \(url.href)") }
                continue
            }
            guard let url else {
                failed.append("\(testCase.input.debugDescription): expected \(expected["href"] ?? ""), got failure")
                continue
            }
            let actual = Self.components(of: url)
            for (name, value) in actual where expected[name] != nil && expected[name] != value {
                failed.append("\(testCase.input.debugDescription): \(name) \(value.debugDescription), expected \(expected[name]!.debugDescription)")
            }
        }
        XCTAssertEqual(failed, [], "\(failed.count) of \(Self.cases.count) WPT http(s) cases differ")
    }

    /// The components as the URL API (`new URL(...)`) shows them.
    static func components(of url: WebURL) -> [String: String] {
        var host = url.hostname
        if let port = url.port { host += ":\(port)" }
        return [
            "href": url.href,
            "protocol": url.scheme + ":",
            "username": url.username,
            "password": url.password,
            "host": host,
            "hostname": url.hostname,
            "port": url.port.map(String.init) ?? "",
            "pathname": url.pathname,
            "search": url.query.map { $0.isEmpty ? "" : "?" + $0 } ?? "",
            "hash": url.fragment.map { $0.isEmpty ? "" : "#" + $0 } ?? "",
        ]
    }
}
