import XCTest
@testable import AssetLint

/// Odd shapes in every position: the C and K rules must never crash, and their fixes must leave JSON.
final class CORSRobustnessTests: XCTestCase {
    private let values = [
        "null", "true", "0", "-1", "1e400", "99999999999999999999999", "3.5", #""""#, #"" ""#, #""*""#, #""**""#, #""[x]""#,
        #""[parameters('a')]""#, "[]", "[null]", "[[]]", "[{}]", #"["", "*", "https://"]"#, "{}", #"{"a": 1}"#,
        #""https://[::1""#, #""https://h:99999999999999999999""#, #""\u0000\ud800""#, #""ü://ä""#, #""-----BEGIN -----""#,
    ]
    private let keys = [
        "origin", "method", "responseHeader", "maxAgeSeconds", "AllowedOrigins", "AllowedMethods", "AllowedHeaders",
        "ExposeHeaders", "MaxAgeSeconds", "ID", "allowedOrigins", "allowedMethods", "allowedHeaders", "exposedHeaders",
        "maxAgeInSeconds", "CORSRules", "corsRules", "cors", "type", "private_key", "private_key_id", "client_email",
    ]

    func testOddValuesEverywhere() {
        var documents: [String] = []
        for key in keys {
            for value in values {
                documents.append("[{\"\(key)\": \(value)}]")
                documents.append("{\"\(key)\": \(value)}")
                documents.append("{\"CORSRules\": [{\"\(key)\": \(value), \"AllowedOrigins\": [\"https://hub.ango.ai\"]}]}")
                documents.append("{\"resources\": [{\"type\": \(value), \"properties\": {\"cors\": {\"corsRules\": [{\"\(key)\": \(value)}]}}}]}")
                documents.append("{\"type\": \"service_account\", \"private_key\": \"x\", \"\(key)\": \(value)}")
            }
        }
        documents += ["[]", "{}", "1", "\"x\"", "null", "[1, [2], {\"3\": 4}]", "{\"resources\": {\"a\": {\"resources\": {\"b\": {\"cors\": {\"corsRules\": 5}}}}}}"]
        let kinds: [DocumentKind?] = [nil, .corsGCS, .corsS3, .corsAzure, .serviceAccount]
        for document in documents {
            for kind in kinds {
                let report = LintHelper.lint(document, kind: kind)
                guard !report.diagnostics.contains(where: { $0.ruleID == "J001" }) else { continue }
                for d in report.diagnostics {
                    XCTAssertLessThanOrEqual(d.range.end, document.utf8.count, "\(d.ruleID) range outside \(document)")
                }
                // Rounds of --unsafe-fixes, as the fix session runs them, never break the JSON.
                var current = report
                for _ in 0..<4 {
                    guard current.diagnostics.contains(where: { $0.fix != nil }) else { break }
                    let fixed = LintHelper.applyingFixes(current, unsafe: true)
                    current = LintHelper.lint(fixed, kind: kind)
                    XCTAssertFalse(current.diagnostics.contains { $0.ruleID == "J001" }, "fixes broke \(document) [\(kind?.rawValue ?? "auto")]: \(fixed)")
                }
            }
        }
    }
}
