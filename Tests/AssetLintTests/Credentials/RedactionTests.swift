import Foundation
import XCTest
@testable import AssetLint

/// Source excerpts never show key material, even when the key file does not parse.
final class RedactionTests: XCTestCase {
    private let secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDSecretSecretSecret"

    private func textOutput(_ text: String) -> String {
        let run = LintRun(files: [Linter(configuration: Configuration(directory: ".")).lint(SourceFile(path: "key.json", text: text))], catalog: RuleRegistry.catalog)
        return OutputFormat.allCases.map { $0.reporter.render(run, options: ReportOptions()) }.joined()
    }

    func testTruncatedKeyFileShowsNoSecret() {
        let truncated = "{\"type\": \"service_account\", \"private_key_id\": \"0123456789abcdef\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n\(secret)"
        let output = textOutput(truncated)
        XCTAssertTrue(output.contains("J001"), output)
        XCTAssertFalse(output.contains("SecretSecret"), output)
        XCTAssertFalse(output.contains("0123456789abcdef"), output)
        XCTAssertTrue(output.contains("<redacted>"))
    }

    func testMinifiedKeyOnOneLineShowsNoSecret() {
        let key = "{\"type\": \"service_account\", \"project_id\": \"p\", \"private_key_id\": \"0123456789abcdef\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n\(secret)\\n-----END PRIVATE KEY-----\\n\", \"client_email\": \"a@p.iam.gserviceaccount.com\", \"client_email\": \"dup\"}"
        let output = textOutput(key)
        XCTAssertTrue(output.contains("K401"))
        XCTAssertTrue(output.contains("J003"))
        XCTAssertFalse(output.contains("SecretSecret"), output)
        XCTAssertFalse(output.contains("0123456789abcdef"), output)
    }

    func testScannerFindsBothFieldsAndUnterminatedValues() {
        let text = #"{"private_key_id": "abc", "x": "private_key", "private_key" : "-----BEGIN"#
        let file = SourceFile(path: "k.json", text: text)
        let ranges = ServiceAccountKeys.secretRangesByScanning(file.bytes)
        XCTAssertEqual(ranges.map { file.text(in: $0.offset..<$0.end) }, [#""abc""#, #""-----BEGIN"#])
    }
}
