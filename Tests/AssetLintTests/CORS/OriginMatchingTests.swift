import XCTest
@testable import AssetLint

/// Origin, method and header matching per provider, as tables derived from each provider's
/// documented matching (S3: one `*` anywhere, case-sensitive; GCS and Azure: exact or `*`).
final class CORSOriginMatchingTests: XCTestCase {
    private struct Row {
        var pattern: String
        var origin: String
        var s3: Bool
        var gcs: Bool
        var azure: Bool
    }

    // pattern, browser Origin, S3, GCS, Azure
    private let table: [Row] = [
        Row(pattern: "https://hub.ango.ai", origin: "https://hub.ango.ai", s3: true, gcs: true, azure: true),
        Row(pattern: "*", origin: "https://hub.ango.ai", s3: true, gcs: true, azure: true),
        Row(pattern: "*", origin: "null", s3: true, gcs: true, azure: true),
        // wildcard subdomains: S3 only
        Row(pattern: "https://*.ango.ai", origin: "https://hub.ango.ai", s3: true, gcs: false, azure: false),
        Row(pattern: "https://*.ango.ai", origin: "https://a.b.ango.ai", s3: true, gcs: false, azure: false),
        Row(pattern: "https://*.ango.ai", origin: "https://ango.ai", s3: false, gcs: false, azure: false),
        Row(pattern: "https://*.ango.ai", origin: "http://hub.ango.ai", s3: false, gcs: false, azure: false),
        Row(pattern: "https://*.ango.ai", origin: "https://hub.ango.ai.evil.example", s3: false, gcs: false, azure: false),
        Row(pattern: "https://*ango.ai", origin: "https://evilango.ai", s3: true, gcs: false, azure: false),
        Row(pattern: "https://*", origin: "https://anything.example", s3: true, gcs: false, azure: false),
        Row(pattern: "*://hub.ango.ai", origin: "http://hub.ango.ai", s3: true, gcs: false, azure: false),
        Row(pattern: "http://localhost:*", origin: "http://localhost:3000", s3: true, gcs: false, azure: false),
        // the `*` may stand for nothing
        Row(pattern: "https://hub*.ango.ai", origin: "https://hub.ango.ai", s3: true, gcs: false, azure: false),
        // a pattern matching itself literally is fine everywhere
        Row(pattern: "https://*.ango.ai", origin: "https://*.ango.ai", s3: true, gcs: true, azure: true),
        // more than one `*`: S3 rejects the configuration, so it matches nothing
        Row(pattern: "https://*.*.ango.ai", origin: "https://a.b.ango.ai", s3: false, gcs: false, azure: false),
        // case-sensitive everywhere: browsers send lower case
        Row(pattern: "https://HUB.ango.ai", origin: "https://hub.ango.ai", s3: false, gcs: false, azure: false),
        Row(pattern: "https://*.Ango.ai", origin: "https://hub.ango.ai", s3: false, gcs: false, azure: false),
        // no normalisation of paths, slashes, ports or whitespace
        Row(pattern: "https://hub.ango.ai/", origin: "https://hub.ango.ai", s3: false, gcs: false, azure: false),
        Row(pattern: "https://hub.ango.ai:443", origin: "https://hub.ango.ai", s3: false, gcs: false, azure: false),
        Row(pattern: " https://hub.ango.ai", origin: "https://hub.ango.ai", s3: false, gcs: false, azure: false),
        Row(pattern: "hub.ango.ai", origin: "https://hub.ango.ai", s3: false, gcs: false, azure: false),
        Row(pattern: "https://hub.ango.ai", origin: "https://hub.ango.ai:8443", s3: false, gcs: false, azure: false),
    ]

    func testOriginMatchingTable() {
        for row in table {
            XCTAssertEqual(OriginMatcher.matches(row.pattern, origin: row.origin, provider: .s3), row.s3, "S3: \(row.pattern) vs \(row.origin)")
            XCTAssertEqual(OriginMatcher.matches(row.pattern, origin: row.origin, provider: .gcs), row.gcs, "GCS: \(row.pattern) vs \(row.origin)")
            XCTAssertEqual(OriginMatcher.matches(row.pattern, origin: row.origin, provider: .azure), row.azure, "Azure: \(row.pattern) vs \(row.origin)")
        }
    }

    func testMethodMatching() {
        // (pattern, method, S3, GCS, Azure)
        let rows: [(String, String, Bool, Bool, Bool)] = [
            ("GET", "GET", true, true, true),
            ("get", "GET", false, false, false),
            ("*", "GET", false, true, false),
            ("*", "DELETE", false, true, false),
            ("HEAD", "GET", false, false, false),
        ]
        for (pattern, method, s3, gcs, azure) in rows {
            XCTAssertEqual(OriginMatcher.methodMatches(pattern, method: method, provider: .s3), s3, "S3 \(pattern)/\(method)")
            XCTAssertEqual(OriginMatcher.methodMatches(pattern, method: method, provider: .gcs), gcs, "GCS \(pattern)/\(method)")
            XCTAssertEqual(OriginMatcher.methodMatches(pattern, method: method, provider: .azure), azure, "Azure \(pattern)/\(method)")
        }
    }

    func testHeaderMatching() {
        // (allowed entry, request header, S3, Azure); header names are case-insensitive
        let rows: [(String, String, Bool, Bool)] = [
            ("*", "Content-Type", true, true),
            ("content-type", "Content-Type", true, true),
            ("x-amz-meta-*", "x-amz-meta-owner", true, true),
            ("x-ms-meta*", "x-ms-meta-owner", true, true),
            ("*-type", "content-type", true, false),
            ("x-amz-*-id", "x-amz-request-id", true, false),
            ("Content-Type", "Content-Length", false, false),
        ]
        for (pattern, header, s3, azure) in rows {
            XCTAssertEqual(OriginMatcher.headerMatches(pattern, header: header, provider: .s3), s3, "S3 \(pattern)/\(header)")
            XCTAssertEqual(OriginMatcher.headerMatches(pattern, header: header, provider: .azure), azure, "Azure \(pattern)/\(header)")
        }
    }

    func testPatternCoverage() {
        // (general, specific, S3, GCS/Azure): does every origin `specific` matches also match `general`?
        let rows: [(String, String, Bool, Bool)] = [
            ("*", "https://hub.ango.ai", true, true),
            ("*", "https://*.ango.ai", true, true),
            ("https://*.ango.ai", "https://hub.ango.ai", true, false),
            ("https://*.ango.ai", "https://*.hub.ango.ai", true, false),
            ("https://*.hub.ango.ai", "https://*.ango.ai", false, false),
            ("https://hub.ango.ai", "https://hub.ango.ai", true, true),
            ("https://hub.ango.ai", "https://*.ango.ai", false, false),
            ("https://*", "http://hub.ango.ai", false, false),
        ]
        for (general, specific, s3, other) in rows {
            XCTAssertEqual(OriginMatcher.covers(general, specific, provider: .s3), s3, "S3 \(general) ⊇ \(specific)")
            XCTAssertEqual(OriginMatcher.covers(general, specific, provider: .gcs), other, "GCS \(general) ⊇ \(specific)")
            XCTAssertEqual(OriginMatcher.covers(general, specific, provider: .azure), other, "Azure \(general) ⊇ \(specific)")
        }
    }
}
