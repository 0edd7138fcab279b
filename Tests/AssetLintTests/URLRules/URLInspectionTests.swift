import Foundation
import XCTest
@testable import AssetLint

/// `assetlint url`: the JSON shape of the specification, offsets into the URL, the text form.
final class URLInspectionTests: XCTestCase {
    private func inspect(_ urls: [String], config: String? = nil) throws -> [URLInspection.Result] {
        URLInspection.inspect(urls, configuration: try URLRuleTesting.configuration(config))
    }

    func testJSONShape() throws {
        let inputs = ["https://My-Bucket.s3.amazonaws.com/cats/my cat+1.jpg", "images/cat.jpg", "https://b.s3.amazonaws.com/ok.jpg",
                      "https://storage.googleapis.com/b/say-\"hi\".jpg"]
        let json = URLInspection.renderJSON(try inspect(inputs))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(Array(object.keys), ["urls"])
        let urls = try XCTUnwrap(object["urls"] as? [[String: Any]])
        XCTAssertEqual(urls.count, 4)
        for (entry, input) in zip(urls, inputs) {
            XCTAssertEqual(Set(entry.keys), ["input", "valid", "href", "diagnostics"])
            XCTAssertEqual(entry["input"] as? String, input)
        }
        XCTAssertEqual(urls[0]["valid"] as? Bool, true)
        XCTAssertEqual(urls[0]["href"] as? String, "https://my-bucket.s3.amazonaws.com/cats/my%20cat+1.jpg")
        let diagnostics = try XCTUnwrap(urls[0]["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.map { $0["rule"] as? String }, ["U208", "U203", "U204"])
        let plus = diagnostics[2]
        XCTAssertEqual(plus["offset"] as? Int, Array(inputs[0].utf8).firstIndex(of: UInt8(ascii: "+")))
        XCTAssertEqual(plus["length"] as? Int, 1)
        XCTAssertEqual(plus["severity"] as? String, "error")
        let fix = try XCTUnwrap(plus["fix"] as? [String: Any])
        XCTAssertEqual(fix["applicability"] as? String, "unsafe")
        XCTAssertEqual((fix["edits"] as? [[String: Any]])?.first?["text"] as? String, "%20")
        XCTAssertEqual(urls[1]["valid"] as? Bool, false)
        XCTAssertTrue(urls[1]["href"] is NSNull)
        XCTAssertEqual((urls[1]["diagnostics"] as? [[String: Any]])?.map { $0["rule"] as? String }, ["U201"])
        XCTAssertEqual((urls[2]["diagnostics"] as? [Any])?.count, 0)
        // Quotes in the input: offsets are offsets of the URL, not of any JSON spelling of it.
        let quoted = try XCTUnwrap((urls[3]["diagnostics"] as? [[String: Any]])?.first { ($0["message"] as? String)?.contains("'\"'") == true })
        XCTAssertEqual(quoted["offset"] as? Int, Array(inputs[3].utf8).firstIndex(of: UInt8(ascii: "\"")))
        XCTAssertEqual((quoted["fix"] as? [String: Any]).flatMap { ($0["edits"] as? [[String: Any]])?.first?["text"] as? String }, "%22")
    }

    func testTextShowsComponentsAndHidesSecrets() throws {
        let url = "https://admin:hunter2@b.s3.eu-central-1.amazonaws.com/a%20b.jpg?X-Amz-Signature=deadbeef&X-Amz-Date=20240101T000000Z"
        let text = URLInspection.renderText(try inspect([url]))
        XCTAssertTrue(text.contains("  storage: Amazon S3, virtual-hosted, bucket \"b\", region eu-central-1\n"), text)
        XCTAssertTrue(text.contains("  key: \"a b.jpg\"\n"), text)
        XCTAssertTrue(text.contains("  password: ***\n"), text)
        XCTAssertTrue(text.contains("  query: X-Amz-Signature=REDACTED&X-Amz-Date=20240101T000000Z\n"), text)
        XCTAssertTrue(text.contains("error[U210]"))
        XCTAssertTrue(text.contains("    note: browsers do not send credentials for images and media"), text)
        XCTAssertTrue(text.contains("warning[U211]"))
        let components = text.split(separator: "\n").filter { !$0.hasPrefix("    ") && !$0.contains("href:") && !$0.hasPrefix("https://") }
        XCTAssertFalse(components.joined().contains("hunter2"))
        XCTAssertFalse(components.joined().contains("deadbeef"))
    }

    func testConfigurationDrivesProviderAndBuckets() throws {
        let results = try inspect(["https://b.s3.amazonaws.com/k.jpg"], config: "storage:\n  provider: gcs\n  buckets: [my-bucket]")
        XCTAssertEqual(results[0].findings.map(\.ruleID), ["U212", "U213"])
    }

    func testCommandLine() throws {
        let result = try Package.run(["url", "--format", "json", "gs://my-bucket/a.jpg", "https://storage.googleapis.com/my-bucket/a.jpg"])
        XCTAssertEqual(result.status, 1, result.standardError)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let urls = try XCTUnwrap(object?["urls"] as? [[String: Any]])
        XCTAssertEqual(urls.map { $0["href"] as? String }, ["gs://my-bucket/a.jpg", "https://storage.googleapis.com/my-bucket/a.jpg"])
        let clean = try Package.run(["url", "https://storage.googleapis.com/my-bucket/a.jpg"])
        XCTAssertEqual(clean.status, 0)
        XCTAssertTrue(clean.standardOutput.contains("  storage: Google Cloud Storage, path-style, bucket \"my-bucket\"\n"), clean.standardOutput)
        XCTAssertEqual(try Package.run(["url"]).status, 2)
    }
}
