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

    /// The rest of a broken file is scanned in steps: exactly the ranges of one scan, wherever the
    /// steps fall (inside a member name, a value, a signature), and every byte handed back once.
    func testScanningInStepsFindsWhatOneScanFinds() {
        var generator = SeededGenerator(seed: 0x5EC2)
        let pieces = [
            #""private_key": "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n""#, #""private_key_id" : "0123abcd""#,
            #""private_key""#, #""private_key": 7"#, #""private_key":"unterminated , more"#, "https://b/x.jpg?X-Amz-Signature=abc123&y=1",
            "?sig=zzz", "&Signature=", "&x-goog-signature=ABC#frag", "??&&", #"{"data": "https://b.s3.amazonaws.com/k.jpg"}"#, ", ", "\n", "\"",
        ]
        for round in 0..<300 {
            let text = (0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            let file = SourceFile(path: "x.json", text: text)
            let expected = SecretScanner.ranges(in: file.bytes)
            for step in [1, 2, 3, 5, 8, 13, 64] {
                var passed: [Range<Int>] = []
                let stepped = SecretScanner.ranges(in: file.bytes, from: 0, step: step) { passed.append($0) }
                XCTAssertEqual(stepped, expected, "round \(round), step \(step): \(text)")
                // Each scan hands back the whole file, in order, without gaps.
                let ends = passed.map(\.upperBound)
                XCTAssertEqual(ends.filter { $0 == file.count }.count, 2, "round \(round), step \(step)")
                for (earlier, later) in zip(passed, passed.dropFirst()) where later.lowerBound != 0 {
                    XCTAssertEqual(earlier.upperBound, later.lowerBound)
                }
            }
        }
    }
}
