import XCTest
@testable import AssetLint

/// The fast scan is only a reading of the bytes: whenever it calls a URL clean, the URL parser
/// gives it back unchanged, the storage analysis finds the same provider and bucket, and no U rule
/// (called through the reference engine, which never scans) has anything to say.
final class URLFastScanTests: XCTestCase {
    private func scanner(_ config: Configuration = Configuration(directory: "/")) -> URLFastScan {
        URLFastScan(configuration: config, scalars: UnicodeScalarTable())
    }

    static let prefixes = ["https://", "http://", "HTTPS://", "https:/", "https:\\\\", "gs://", "s3://", " https://"]
    static let hosts = [
        "my-bucket.s3.amazonaws.com", "s3.eu-central-1.amazonaws.com/my-bucket", "storage.googleapis.com/my-bucket",
        "b.storage.googleapis.com", "acct.blob.core.windows.net/c", "storage.cloud.google.com/b", "example.com",
        "My-Bucket.s3.amazonaws.com", "xn--bcher-kva.example", "127.0.0.1", "b.s3.amazonaws.com.", "d1.cloudfront.net",
        "b.s3-website-us-east-1.amazonaws.com", "s3.amazonaws.com", "b.s3.dualstack.us-east-1.amazonaws.com",
        "user@b.s3.amazonaws.com", "b.s3.amazonaws.com:443", "b.s3-accelerate.amazonaws.com", "s3-accelerate.amazonaws.com/b",
        "storage.googleapis.com/my%2Dbucket", "bücher.example", "0x7f.1", "b.s3.amazonaws.com:8080",
    ]
    static let paths = [
        "/cat.jpg", "/a b.jpg", "/a+b.jpg", "/caf%C3%A9.jpg", "/cafe%CC%81.jpg", "/caf%E9.jpg", "/my%2520cat.jpg", "/100%",
        "/./x.jpg", "/.hidden.jpg", "/a/../b.jpg", "/x?y", "/x#y", "/", "", "/%2e/x.jpg", "/%2E%2E/x.jpg", "/東京.jpg",
        "/a|b.jpg", "/a%2Fb.jpg", "/%C3", "/%C3%A9%", "/%ED%A0%80.jpg", "/%F4%90%80%80.jpg", "/%C0%AF.jpg", "/a%zz.jpg",
        "/" + String(repeating: "k", count: 1030), "/" + String(repeating: "%C3%A9", count: 600), "/k/" + String(repeating: "x", count: 1000),
        "/a\\b.jpg", "/a^b.jpg", "/(1)!$&'*,;=:@~_.jpg", "/dir//x.jpg", "/%E6%9D%B1%E4%BA%AC/%F0%9F%98%80.jpg",
        "/%e2%84%ab.jpg", "/%E1%84%92%E1%85%A1%E1%86%AB.jpg", "/x.jpg?X-Amz-Signature=a", "/%C3%A9%CC%81.jpg", "/%25.jpg",
    ]

    func testACleanURLIsCanonicalInItsBucketAndNoURLRuleReports() throws {
        let fast = scanner()
        var cleanCount = 0
        let linter = Linter(configuration: Configuration(directory: "/"), options: LintOptions(kind: .manifest, engine: .reference),
                            rules: RuleRegistry.rules(in: .url))
        for prefix in Self.prefixes {
            for host in Self.hosts {
                for path in Self.paths {
                    let url = prefix + host + path
                    let bytes = Array(url.utf8)
                    guard let clean = bytes.withUnsafeBufferPointer(fast.scan) else { continue }
                    cleanCount += 1
                    let detail = AssetURL(node: 0, text: bytes)
                    XCTAssertEqual(detail.url?.href, url, "canonical: \(url)")
                    XCTAssertTrue(detail.result.validationErrors.isEmpty, "valid: \(url)")
                    XCTAssertEqual(detail.location?.provider, clean.provider, url)
                    XCTAssertEqual(detail.location.map { Array($0.bucket.utf8) }, Array(clean.bucket), url)
                    let text = URLRuleTesting.manifest(url.replacingOccurrences(of: "\\", with: "\\\\"))
                    let report = linter.lint(SourceFile(path: "assets.json", text: text))
                    XCTAssertEqual(report.diagnostics.map { "\($0.ruleID) \($0.message)" }, [], url)
                }
            }
        }
        XCTAssertGreaterThan(cleanCount, 40, "ordinary URLs are clean")
    }

    func testOrdinaryURLsAreClean() {
        let fast = scanner()
        for url in ["https://bucket-name.s3.eu-central-1.amazonaws.com/file%202.jpg",
                    "https://storage.googleapis.com/my-bucket/caf%C3%A9%2000000000/street_0.jpg",
                    "https://my-bucket.s3.eu-central-1.amazonaws.com/dog%2000000001/caf%C3%A9_1.jpg",
                    "https://acct.blob.core.windows.net/images/%E6%9D%B1%E4%BA%AC.png",
                    "https://s3.amazonaws.com/my.dotted.bucket/k.jpg"] {
            XCTAssertNotNil(Array(url.utf8).withUnsafeBufferPointer(fast.scan), url)
        }
    }

    func testConfiguredProviderMakesOtherProvidersUnclean() throws {
        var config = Configuration(directory: "/")
        config.storage.provider = .gcs
        let fast = scanner(config)
        XCTAssertNil(Array("https://b.s3.amazonaws.com/k.jpg".utf8).withUnsafeBufferPointer(fast.scan))
        XCTAssertNotNil(Array("https://storage.googleapis.com/b/k.jpg".utf8).withUnsafeBufferPointer(fast.scan))
    }
}
