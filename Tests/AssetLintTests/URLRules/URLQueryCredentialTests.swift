import Foundation
import XCTest
@testable import AssetLint

/// U218: a query that carries a credential is an error, one finding with the signature (U211)
/// as its note; a plain expiring signature stays U211's warning.
final class URLQueryCredentialTests: XCTestCase {
    private typealias T = URLRuleTesting

    private func findings(_ url: String, ignore: [String] = []) throws -> [Diagnostic] {
        let config = ignore.isEmpty ? nil : "rules:\n  ignore: [\(ignore.joined(separator: ", "))]"
        return try T.lint(T.manifest(url), config: config).diagnostics
    }

    /// The text of `diagnostic`'s range in `T.manifest(url)`.
    private func underlined(_ diagnostic: Diagnostic?, in url: String) -> String? {
        guard let diagnostic else { return nil }
        let bytes = Array(T.manifest(url).utf8)
        return String(decoding: bytes[diagnostic.range.offset..<diagnostic.range.end], as: UTF8.self)
    }

    func testSessionTokenIsOneErrorWithTheSignatureAsItsNote() throws {
        let url = "https://b.s3.eu-central-1.amazonaws.com/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLE%2F20240501%2Feu-central-1%2Fs3%2Faws4_request&X-Amz-Date=20240501T120000Z&X-Amz-Expires=3600&X-Amz-Security-Token=SESSIONTOKEN123&X-Amz-SignedHeaders=host&X-Amz-Signature=0badc0ffee"
        let all = try findings(url)
        XCTAssertEqual(all.map(\.ruleID), ["U218"], all.map(\.message).description)
        let finding = all.first
        XCTAssertEqual(finding?.severity, .error)
        XCTAssertEqual(finding?.message, "the URL carries an AWS session token (X-Amz-Security-Token)")
        XCTAssertEqual(underlined(finding, in: url), "X-Amz-Security-Token=SESSIONTOKEN123")
        XCTAssertEqual(finding?.related.map(\.message), ["this is also an S3 presigned URL (Signature Version 4) that expires 2024-05-01 13:00:00 UTC (U211)"])
        XCTAssertEqual(finding?.fix?.applicability, .unsafe)
        XCTAssertEqual(T.applyFixes(all, to: T.manifest(url)), T.manifest("https://b.s3.eu-central-1.amazonaws.com/cat.jpg"))
        for text in [finding?.message ?? ""] + (finding?.related.map(\.message) ?? []) + [finding?.fix?.description ?? ""] {
            XCTAssertFalse(text.contains("SESSIONTOKEN") || text.contains("0badc0ffee"), text)
        }
        // Without U218, the URL is still reported, as presigned.
        XCTAssertEqual(try findings(url, ignore: ["U218"]).map(\.ruleID), ["U211"])
        // Without U211, U218 has no note to add.
        XCTAssertEqual(try findings(url, ignore: ["U211"]).first?.related, [])
    }

    func testEachCredentialKind() throws {
        let cases: [(url: String, message: String, underlined: String)] = [
            ("https://storage.googleapis.com/b/cat.jpg?access_token=ya29.SECRET",
             "the URL carries an OAuth access token (access_token)", "access_token=ya29.SECRET"),
            ("https://acct.blob.core.windows.net/c/cat.jpg?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2024-05-01T12%3A00%3A00Z&sig=abc%2Bdef%3D",
             "the URL carries an Azure account SAS (ss, srt), which opens the storage account", "ss=b"),
            ("https://acct.blob.core.windows.net/c/cat.jpg?sv=2022-11-02&sr=c&sp=r&se=2024-05-01T12%3A00%3A00Z&sig=abc",
             "the URL carries an Azure SAS for a whole container (sr=c)", "sr=c"),
            ("https://acct.blob.core.windows.net/c/cat.jpg?sv=2022-11-02&sr=b&sp=racwd&se=2024-05-01T12%3A00%3A00Z&sig=abc",
             "the URL carries an Azure SAS that allows more than reading (sp=racwd)", "sp=racwd"),
            // A user delegation SAS names the key's owner (skoid, sktid), not a secret; its permissions still count.
            ("https://acct.blob.core.windows.net/c/cat.jpg?sv=2022-11-02&sr=b&sp=rw&skoid=00000000-0000-0000-0000-000000000000&sktid=11111111-1111-1111-1111-111111111111&skt=2024-05-01T00%3A00%3A00Z&ske=2024-05-02T00%3A00%3A00Z&sks=b&skv=2022-11-02&se=2024-05-01T12%3A00%3A00Z&sig=abc",
             "the URL carries an Azure SAS that allows more than reading (sp=rw)", "sp=rw"),
        ]
        for (url, message, text) in cases {
            let all = try findings(url)
            XCTAssertEqual(all.map(\.ruleID), ["U218"], "\(url): \(all.map(\.message))")
            XCTAssertEqual(all.first?.message, message)
            XCTAssertEqual(underlined(all.first, in: url), text)
        }
    }

    /// A signature that opens this one object for reading until it expires is a warning, U211's.
    func testPlainSignaturesStayWarnings() throws {
        for url in [
            "https://b.s3.eu-central-1.amazonaws.com/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20240501%2Feu-central-1%2Fs3%2Faws4_request&X-Amz-Date=20240501T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=abc",
            "https://storage.googleapis.com/b/cat.jpg?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40p.iam.gserviceaccount.com%2F20240101%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20240101T000000Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature=abc",
            "https://acct.blob.core.windows.net/c/cat.jpg?sv=2022-11-02&sr=b&sp=r&se=2024-05-01T12%3A00%3A00Z&sig=abc",
            "https://b.s3.amazonaws.com/cat.jpg?X-Amz-Signature=abc&X-Amz-Security-Token=",
        ] {
            let all = try findings(url)
            XCTAssertEqual(all.map(\.ruleID), ["U211"], "\(url): \(all.map(\.message))")
            XCTAssertEqual(all.first?.severity, .warning)
        }
        XCTAssertEqual(try findings("https://b.s3.amazonaws.com/cat.jpg?versionId=abc").map(\.ruleID), [])
    }

    /// The secret parameters are one list: the scanner that redacts excerpts and withholds diffs
    /// reads it, so a new secret parameter is covered everywhere at once.
    func testTheScannerRedactsEverySecretParameter() {
        for name in SignedURL.secretParameterNames {
            let text = "https://b/x.jpg?a=1&\(name.uppercased())=VALUE&z=2"
            let file = SourceFile(path: "x.json", text: text)
            let ranges = SecretScanner.signatureRanges(in: file.bytes)
            XCTAssertEqual(ranges.map { file.text(in: $0.offset..<$0.end) }, ["VALUE"], name)
            XCTAssertTrue(SignedURL.isSecretParameter(name.uppercased()))
        }
        XCTAssertTrue(SignedURL.secretParameterNames.contains("access_token"))
        XCTAssertTrue(SignedURL.secretParameterNames.contains("x-amz-security-token"))
    }
}
