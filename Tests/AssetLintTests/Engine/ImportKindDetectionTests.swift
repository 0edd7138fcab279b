import Foundation
import XCTest
@testable import AssetLint

/// Detection of label and attachment imports, and of the files that belong to other tools: Label
/// Studio tasks, Azure Maps templates, JSON with Comments.
final class ImportKindDetectionTests: XCTestCase {
    private func kind(_ text: String, path: String = "file.json", configure: ((inout Configuration) -> Void)? = nil) -> DocumentKind? {
        LintHelper.lint(text, path: path, configure: configure).kind
    }

    func testLabelAndAttachmentImports() {
        let rows: [(String, DocumentKind)] = [
            (#"[{"externalId": "a.jpg", "objects": []}]"#, .labels),
            (#"[{"data": "https://asset.url/a.jpg", "objects": []}]"#, .labels),
            (#"[{"asset": "https://asset.url/a.jpg", "externalId": "a.jpg", "classifications": []}]"#, .labels),
            (#"[{"data": "https://asset.png", "classifications": [{"schemaId": "1", "answer": ["Trunk"]}]}]"#, .labels),
            (#"[{"externalId": "a.png", "brushDataUrl": "https://d.s3.amazonaws.com/a.png"}]"#, .labels),
            (#"[{"data": "https://my-bucket.com/asset.nrrd", "externalId": "x", "medicalBrushDataUrl": "https://m.url/s.nrrd"}]"#, .labels),
            (#"[{"externalId": "a.jpg", "relations": []}]"#, .labels),
            (#"[{"externalId": "a.jpg", "attachments": [{"type": "TEXT", "value": "t"}]}]"#, .attachments),
            // The asset builder sends classifications with an asset import's data and externalId.
            (#"[{"data": "<div>x</div>", "externalId": "00001.md", "classifications": [{"title": "t", "answer": "a"}]}]"#, .manifest),
            // An asset import with attachments, and the REST attachment form: data decides.
            (#"[{"data": "https://url-to.asset/video.mp4", "externalId": "x", "attachments": []}]"#, .manifest),
            // `objects` without an asset named is no claim.
            (#"[{"objects": []}]"#, .json),
            (#"[{"image": "https://a/b.jpg", "objects": [{"label": "car"}]}]"#, .json),
        ]
        for (text, expected) in rows {
            XCTAssertEqual(kind(text), expected, text)
        }
    }

    func testOtherToolsFilesArePlainJSON() throws {
        for name in ["label-studio-tasks.json", "label-studio-text-tasks.json", "azure-maps-template.json", "azure-maps-account.json",
                     "tsconfig.json", ".vscode/settings.json", ".devcontainer/devcontainer.json", ".eslintrc.json"] {
            let report = LintHelper.lintFixture("other-tools/" + name)
            XCTAssertEqual(report.kind, .json, name)
            XCTAssertEqual(LintHelper.findings(report).map(\.description), [], name)
        }
        // Label Studio: `data` is an object of named fields; a manifest item with such a `data` is still a manifest.
        XCTAssertEqual(kind(#"[{"data": {"image": "https://a/b.jpg"}, "predictions": []}]"#), .json)
        XCTAssertEqual(kind(#"[{"data": {"image": "https://a/b.jpg"}, "externalId": "b.jpg"}]"#), .manifest)
    }

    /// A string `origin` is what every URL record has (WPT's test data has one in most entries);
    /// a GCS rule lists its origins or has a method, header list or max age beside.
    func testURLRecordsAreNotGCSCORS() {
        let report = LintHelper.lintFixture("urls/wpt/urltestdata.json")
        XCTAssertEqual(report.kind, .json)
        XCTAssertEqual(LintHelper.findings(report).map(\.description), [])
        let rows: [(String, DocumentKind)] = [
            (#"[{"input": "http://a.example/b", "href": "http://a.example/b", "origin": "http://a.example"}]"#, .json),
            (#"[{"origin": "https://a.example"}]"#, .json),
            (#"[{"origin": ["https://a.example"]}]"#, .corsGCS),
            (#"[{"origin": "https://a.example", "method": ["GET"]}]"#, .corsGCS),
            (#"[{"origin": "https://a.example", "method": "GET"}]"#, .corsGCS),
            (#"[{"origin": "https://a.example", "maxAgeSeconds": 3600}]"#, .corsGCS),
            (#"[{"origin": "https://a.example", "responseHeader": ["Content-Type"]}]"#, .corsGCS),
        ]
        for (text, expected) in rows {
            XCTAssertEqual(kind(text), expected, text)
        }
    }

    func testAzureCORSOnlyUnderStorageResources() {
        let maps = #"{"resources": [{"type": "Microsoft.Maps/accounts", "properties": {"cors": {"corsRules": [{"allowedOrigins": ["https://a.example"]}]}}}]}"#
        XCTAssertEqual(kind(maps), .json)
        XCTAssertEqual(kind(#"{"type": "Microsoft.Maps/accounts", "properties": {"cors": {"corsRules": [{"allowedOrigins": ["https://a.example"]}]}}}"#), .json)
        let mixed = #"{"resources": [{"type": "Microsoft.Maps/accounts", "properties": {"cors": {"corsRules": [{"allowedOrigins": ["https://a.example"]}]}}}, {"type": "Microsoft.Storage/storageAccounts/blobServices", "name": "acct/default", "properties": {"cors": {"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}}}]}"#
        let report = LintHelper.lint(mixed)
        XCTAssertEqual(report.kind, .corsAzure)
        XCTAssertEqual(LintHelper.findings(report).map(\.description), [], "the Maps account's rules are not the bucket's")
        for type in ["Microsoft.Storage/storageAccounts", "microsoft.storage/storageaccounts/blobServices", "blobServices", "Microsoft.Storage/storageAccounts/fileServices", "[variables('type')]"] {
            XCTAssertEqual(kind(#"{"resources": [{"type": "\#(type)", "properties": {"cors": {"corsRules": []}}}]}"#), .corsAzure, type)
        }
        for type in ["Microsoft.Maps/accounts", "Microsoft.Web/sites", "Microsoft.SignalRService/signalR"] {
            XCTAssertEqual(kind(#"{"resources": [{"type": "\#(type)", "properties": {"cors": {"corsRules": []}}}]}"#), .json, type)
        }
    }

    func testConfigurationGlobsAndKindOption() {
        let text = #"[{"externalId": "a.jpg", "attachments": []}]"#
        XCTAssertEqual(kind(text, path: "imports/x.json") { $0.files.labels = ["imports/*.json"] }, .labels)
        XCTAssertEqual(kind(#"[{"externalId": "a.jpg", "objects": []}]"#, path: "imports/x.json") { $0.files.attachments = ["imports/*.json"] }, .attachments)
        XCTAssertEqual(LintHelper.lint(text, kind: .labels).kind, .labels)
        XCTAssertEqual(DocumentKind(rawValue: "labels"), .labels)
        XCTAssertEqual(DocumentKind(rawValue: "attachments"), .attachments)
    }

    func testJSONCNames() {
        for path in ["tsconfig.json", "web/tsconfig.app.json", "jsconfig.json", "a/.vscode/launch.json", ".vscode/settings.json",
                     ".devcontainer/devcontainer.json", ".devcontainer.json", ".eslintrc.json", ".babelrc", "x.jsonc", "w.code-workspace",
                     "tslint.json", "api-extractor.json"] {
            XCTAssertTrue(JSONCFiles.matches(path), path)
        }
        for path in ["assets.json", "tsconfig.yaml", "vscode/settings.json", "package.json", "cors.json", ".vscode/x/y.json", "my-tsconfig.json"] {
            XCTAssertFalse(JSONCFiles.matches(path), path)
        }
    }

    /// A JSONC name is plain JSON whatever its content, with comments read as whitespace; the
    /// configuration or `--kind` can still make it something else, parsed strictly.
    func testJSONCFilesAreLintedWithComments() {
        let commented = "[\n  // the hub's assets\n  {\"data\": \"https://b.s3.amazonaws.com/a.jpg\", \"externalId\": \"a\"}, /* more */\n]\n"
        let report = LintHelper.lint(commented, path: ".vscode/assets.json")
        XCTAssertEqual(report.kind, .json)
        XCTAssertEqual(LintHelper.findings(report).map(\.description), [])
        XCTAssertEqual(LintHelper.findings(LintHelper.lint(commented, path: "assets.json")).map(\.rule), ["J001"])
        XCTAssertEqual(LintHelper.findings(LintHelper.lint(commented, kind: .manifest, path: "tsconfig.json")).map(\.rule), ["J001"])
        // What stays an error in JSONC is reported where it is, in the file's own lines and columns.
        let broken = "{\n  /* é */ \"a\": 1,,\n}\n"
        let found = LintHelper.findings(LintHelper.lint(broken, path: "tsconfig.json"))
        XCTAssertEqual(found.map(\.rule), ["J001"])
        XCTAssertEqual(found.first.map { "\($0.line):\($0.column)" }, "2:18")
        // Duplicate keys are still found, and the report shows the original text.
        let duplicate = LintHelper.lint("{\"a\": 1, // one\n \"a\": 2}\n", path: "tsconfig.json")
        XCTAssertEqual(LintHelper.findings(duplicate).map(\.rule), ["J003"])
        XCTAssertEqual(duplicate.source.map { String(decoding: $0.bytes, as: UTF8.self) }, "{\"a\": 1, // one\n \"a\": 2}\n")
    }
}
