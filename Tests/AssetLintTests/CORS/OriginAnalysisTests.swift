import XCTest
@testable import AssetLint

/// What makes a configured origin differ from every `Origin` header a browser sends, and the entry
/// that would match.
final class CORSOriginAnalysisTests: XCTestCase {
    func testMalformedOriginsAndTheirCorrections() {
        // (entry, provider, corrected or nil when not derivable, a word of the explanation)
        let rows: [(String, CORSProvider, String?, String)] = [
            ("https://hub.ango.ai/", .gcs, "https://hub.ango.ai", "trailing slash"),
            ("https://hub.ango.ai/projects/7", .s3, "https://hub.ango.ai", "path"),
            ("https://hub.ango.ai?x=1", .s3, "https://hub.ango.ai", "query"),
            ("https://hub.ango.ai#top", .s3, "https://hub.ango.ai", "fragment"),
            ("  https://hub.ango.ai ", .azure, "https://hub.ango.ai", "spaces"),
            ("HTTPS://HUB.ANGO.AI", .s3, "https://hub.ango.ai", "upper-case"),
            ("https://Hub.Ango.ai", .gcs, "https://hub.ango.ai", "upper-case"),
            ("hub.ango.ai", .azure, "https://hub.ango.ai", "no scheme"),
            ("//hub.ango.ai", .gcs, "https://hub.ango.ai", "no scheme"),
            ("localhost:3000", .gcs, "http://localhost:3000", "no scheme"),
            ("https://hub.ango.ai:443", .s3, "https://hub.ango.ai", "default port"),
            ("http://hub.ango.ai:80/", .s3, "http://hub.ango.ai", "default port"),
            ("https://user@hub.ango.ai", .s3, "https://hub.ango.ai", "user name"),
            ("https://hub.ango.ai:", .s3, "https://hub.ango.ai", "bare ':'"),
            ("https://bücher.example", .gcs, "https://xn--bcher-kva.example", "non-ASCII"),
            ("https://hub.ango.ai:99999", .s3, nil, "invalid port"),
            ("https://hub ango.ai", .s3, nil, "whitespace"),
            ("", .gcs, nil, "empty"),
            ("https://", .s3, nil, "no host"),
            ("https://*.ango.ai", .gcs, nil, "'*' inside"),
            ("https://*.ango.ai", .azure, nil, "'*' inside"),
            ("https://hub.ango.ai.", .gcs, "https://hub.ango.ai", "ends its host with a dot"),
            ("https://hub.ango.ai.:8443", .s3, "https://hub.ango.ai:8443", "ends its host with a dot"),
            ("https://hub..ango.ai", .s3, nil, "empty label"),
            ("https://.hub.ango.ai", .gcs, nil, "empty label"),
        ]
        for (entry, provider, corrected, word) in rows {
            let analysis = OriginAnalysis.analyze(entry, provider: provider)
            XCTAssertFalse(analysis.isValid, "\(entry) should be malformed on \(provider)")
            XCTAssertEqual(analysis.corrected, corrected, "\(entry) on \(provider)")
            XCTAssertTrue(analysis.explanation.contains(word), "\(entry): \(analysis.explanation)")
            XCTAssertTrue(analysis.explanation.hasSuffix("so this entry never matches"), analysis.explanation)
        }
    }

    func testValidOrigins() {
        let rows: [(String, CORSProvider)] = [
            ("https://hub.ango.ai", .gcs), ("*", .gcs), ("*", .s3), ("http://localhost:3000", .s3),
            ("https://*.ango.ai", .s3), ("http://localhost:*", .s3), ("*://hub.ango.ai", .s3),
            ("http://[::1]:8080", .azure), ("https://hub.ango.ai:8443", .azure), ("null", .gcs),
            ("chrome-extension://abcdefghijklmnop", .gcs), ("https://xn--bcher-kva.example", .s3),
        ]
        for (entry, provider) in rows {
            let analysis = OriginAnalysis.analyze(entry, provider: provider)
            XCTAssertTrue(analysis.isValid, "\(entry) on \(provider): \(analysis.explanation)")
        }
    }

    /// The byte check that passes plain origins agrees with the full analysis: on every origin it
    /// passes, and on generated near-plain origins (upper case, paths, ports, spaces, wildcards,
    /// non-ASCII, schemes) it passes none that the analysis finds a problem in.
    func testPlainOriginShortcutAgreesWithTheAnalysis() {
        var random = SeededGenerator(seed: 3)
        let pieces = ["https://", "http://", "hub", ".", "ango", "-", "ai", "0", "9", "/", ":", "443", ":8080", "H", " ", "*",
                      "\u{E9}", "?", "#", "@", "_", "HTTPS://", "ftp://", "//", "[::1]", "\t", "null", "localhost"]
        var passed = 0
        for _ in 0..<6000 {
            var origin = random.below(3) == 0 ? "" : ["https://", "http://"][random.below(2)]
            for _ in 0..<(random.below(6) + 1) { origin += pieces[random.below(pieces.count)] }
            let plain = OriginAnalysis.isPlainOrigin(origin)
            for provider in CORSProvider.allCases {
                let full = OriginAnalysis.analyze(origin, provider: provider, allowFastPath: false)
                XCTAssertEqual(OriginAnalysis.analyze(origin, provider: provider), full, "\(origin.debugDescription) on \(provider)")
                if plain { XCTAssertTrue(full.isValid, "\(origin.debugDescription) on \(provider): \(full.explanation)") }
            }
            if plain { passed += 1 }
        }
        XCTAssertGreaterThan(passed, 300)
    }
}
