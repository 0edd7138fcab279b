import XCTest
@testable import AssetLint

/// Content detection of the CORS forms and service-account keys (spec section 3).
final class CORSKindDetectionTests: XCTestCase {
    private func kind(_ text: String, path: String = "file.json") -> DocumentKind? {
        LintHelper.lint(text, path: path).kind
    }

    func testForms() {
        let rows: [(String, DocumentKind)] = [
            (#"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#, .corsGCS),
            (#"[{"maxAgeSeconds": 3600}]"#, .corsGCS),
            (#"{"cors": [{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]}"#, .corsGCS),
            (#"{"origin": ["https://hub.ango.ai"], "method": ["GET"]}"#, .corsGCS),
            (#"[{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]"#, .corsS3),
            (#"{"CORSRules": []}"#, .corsS3),
            (#"{"CORSConfiguration": {"CORSRules": []}, "Bucket": "b"}"#, .corsS3),
            (#"[{"CORSRules": []}]"#, .corsS3),
            (#"{"AllowedOrigins": ["https://hub.ango.ai"]}"#, .corsS3),
            (#"{"corsRules": []}"#, .corsAzure),
            (#"{"cors": {"corsRules": []}}"#, .corsAzure),
            (#"{"properties": {"cors": {"corsRules": []}}}"#, .corsAzure),
            (#"[{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"]}]"#, .corsAzure),
            (#"{"resources": [{"type": "x", "resources": [{"type": "blobServices", "properties": {"cors": {"corsRules": []}}}]}]}"#, .corsAzure),
            (#"{"resources": {"blobs": {"type": "Microsoft.Storage/storageAccounts/blobServices", "properties": {"cors": {"corsRules": []}}}}}"#, .corsAzure),
            (#"{"resources": [{"type": "Microsoft.Resources/deployments", "properties": {"template": {"resources": [{"properties": {"cors": {"corsRules": []}}}]}}}]}"#, .corsAzure),
            // A GCS rule with stray S3 names is still GCS (origins and methods weigh more).
            (#"[{"origin": ["https://hub.ango.ai"], "method": ["GET"], "ExposeHeaders": [], "MaxAgeSeconds": 1}]"#, .corsGCS),
            (#"{"type": "service_account", "private_key": "..."}"#, .serviceAccount),
            // Not CORS: a log record, a manifest, a package.json.
            (#"{"origin": "https://hub.ango.ai", "method": "GET", "status": 200}"#, .json),
            (#"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a"}]"#, .manifest),
            (#"{"name": "x", "resources": [{"type": "y"}]}"#, .json),
        ]
        for (text, expected) in rows {
            XCTAssertEqual(kind(text), expected, text)
        }
    }

    func testEmptyArrayIsNamedByItsFile() {
        XCTAssertEqual(kind("[]", path: "infra/cors.json"), .corsGCS)
        XCTAssertEqual(kind("[]", path: "infra/empty.json"), .json)
    }

    func testAzureLocationsInDocumentOrder() throws {
        let text = try String(contentsOfFile: Package.fixture("cors/azure/nested-blob-service.json"), encoding: .utf8)
        let report = LintHelper.lint(text)
        XCTAssertEqual(report.kind, .corsAzure)
        let source = SourceFile(path: "t.json", text: text)
        var parser = JSONParser(source: source, maxDepth: 64)
        var tree = JSONTree(source: source)
        XCTAssertTrue(parser.parseDocument(into: &tree))
        let document = try XCTUnwrap(CORSDocument(tree: tree, kind: .corsAzure))
        XCTAssertEqual(document.form, .azureTemplate)
        XCTAssertEqual(document.ruleSets.map(\.resourceType), ["blobServices", "fileServices"])
        XCTAssertEqual(document.ruleSets.map(\.servesBlobs), [true, false])
        XCTAssertEqual(tree.pointer(document.ruleSets[1].listNode!), "/resources/0/resources/1/properties/cors/corsRules")
    }
}
