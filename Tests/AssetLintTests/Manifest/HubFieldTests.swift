import Foundation
import XCTest

@testable import AssetLint

/// The manifest fields as the hub and its SDK use them, public URLs, and Markdown assets: what
/// the rule examples do not show (positions, fixes, the configuration, every rule staying quiet).
final class HubFieldTests: XCTestCase {
    // MARK: Markdown assets

    func testMarkdownDataGetsNoURLOrExtensionRule() {
        let report = lintManifest(#"""
            [
              {"externalId": "1", "data": "<div style='font-size:13px'>Serial No: 1</div>"},
              {"externalId": "2", "data": "# Heading\nSubtitle"},
              {"externalId": "3", "data": "  <p>text</p>"}
            ]
            """#)
        XCTAssertEqual(report.diagnostics.filter { $0.ruleID.hasPrefix("U") || $0.ruleID == "M130" }.map(\.ruleID), [], report.summary)
        XCTAssertEqual(report.diagnostics.filter { $0.severity != .info }.map(\.ruleID), [], report.summary)
    }

    func testURLsThatAreNotMarkdownStayURLs() {
        let report = lintManifest(#"""
            [
              {"externalId": "1", "data": "images/cat.jpg"},
              {"externalId": "2", "data": "example.com/a.jpg"},
              {"externalId": "3", "data": "https://bucket-name.s3.amazonaws.com/my cat.jpg"}
            ]
            """#)
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }.map(\.ruleID), ["U201", "U201", "U203"], report.summary)
    }

    func testLineBreaksMakeMarkdownOnlyBetweenTextThatIsNotAURL() {
        let report = lintManifest(#"""
            [
              {"externalId": "1", "data": " https://bucket-name.s3.amazonaws.com/a.jpg\n"},
              {"externalId": "2", "data": "https://bucket-name.s3.amazonaws.com/a.jpg\nhttps://bucket-name.s3.amazonaws.com/b.jpg"},
              {"externalId": "3", "data": "Serial No: 1\nSite: Berlin"}
            ]
            """#)
        XCTAssertEqual(report.diagnostics("U203").map(\.pointer), ["/0/data", "/0/data", "/1/data"], report.summary)
        XCTAssertEqual(report.diagnostics.filter { $0.pointer == "/2/data" }.map(\.ruleID), ["M131"], report.summary)
    }

    func testAssetTypeForcesMarkdownOrURLGloballyAndInOverrides() throws {
        let text = #"[{"externalId": "1", "data": "Serial No: 1"}, {"externalId": "2", "data": "<b>bold</b>"}]"#
        let auto = lintManifest(text)
        XCTAssertEqual(auto.diagnostics.filter { $0.severity == .error }.map(\.ruleID), ["U201"], auto.summary)
        let markdown = lintManifest(text) { $0.assets.type = .markdown }
        XCTAssertEqual(markdown.diagnostics.filter { $0.severity == .error }.map(\.ruleID), [], markdown.summary)
        let url = lintManifest(text) { $0.assets.type = .url }
        XCTAssertEqual(url.diagnostics.filter { $0.severity == .error }.map(\.ruleID), ["U201", "U201"], url.summary)

        let configuration = try ConfigurationLoader.load(
            yaml: "assets:\n  type: url\noverrides:\n  - files: [\"texts/**\"]\n    assets:\n      type: markdown\n",
            path: ".assetlint.yml", directory: "/project", isKnownRuleSelector: { _ in true })
        XCTAssertEqual(configuration.assets.type, .url)
        let linter = Linter(configuration: configuration, options: LintOptions(kind: .manifest))
        let inTexts = linter.lint(SourceFile(path: "/project/texts/a.json", text: text))
        XCTAssertEqual(inTexts.diagnostics.filter { $0.severity == .error }.map(\.ruleID), [], inTexts.summary)
        let elsewhere = linter.lint(SourceFile(path: "/project/assets/a.json", text: text))
        XCTAssertEqual(elsewhere.diagnostics.filter { $0.severity == .error }.map(\.ruleID), ["U201", "U201"], elsewhere.summary)
    }

    func testAnInvalidAssetTypeIsAConfigurationError() {
        XCTAssertThrowsError(try ConfigurationLoader.load(
            yaml: "assets:\n  type: markdwn\n", path: ".assetlint.yml", directory: ".", isKnownRuleSelector: { _ in true })) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'markdown'"), "\(error)")
        }
    }

    func testMarkdownLineBreakAndQuoteFixes() {
        let report = lintManifest(#"[{"externalId": "1", "data": "<div style=\"a\">x</div>\r\n<p>y</p>\n"}]"#)
        guard let lines = assertOne(report, "M131", line: 1, column: 55, pointer: "/0/data", ["2 line breaks"]),
              let quotes = assertOne(report, "M132", line: 1, column: 42, pointer: "/0/data", ["2 double quotes"]) else { return }
        XCTAssertEqual(applyFix(lines, to: report), #"[{"externalId": "1", "data": "<div style=\"a\">x</div> <p>y</p> "}]"#)
        XCTAssertEqual(applyFix(quotes, to: report), #"[{"externalId": "1", "data": "<div style='a'>x</div>\r\n<p>y</p>\n"}]"#)
    }

    // MARK: Fields

    func testSDKItemsAreClean() {
        let report = lintManifest(#"""
            [{"data": "https://angohub-public-assets.s3.eu-central-1.amazonaws.com/0b9b.png", "externalId": "data/my_image_1.png", "contextData": null, "metadata": null, "storage": "64f0c1"}]
            """#)
        XCTAssertEqual(report.diagnostics.map(\.ruleID), [], report.summary)
    }

    func testFrameRate() {
        let report = lintManifest(#"[{"data": "https://your-url.com/asset.mp4", "externalId": "1", "metadata": {"frameRate": " 25 "}}]"#)
        guard let found = assertOne(report, "M150", line: 1, column: 90, pointer: "/0/metadata/frameRate", ["string"]) else { return }
        XCTAssertEqual(applyFix(found, to: report), #"[{"data": "https://your-url.com/asset.mp4", "externalId": "1", "metadata": {"frameRate": 25}}]"#)
        for value in ["0", "-1", "0.0", "-0", "null", "true", "\"-3\"", "\"fast\"", "{}"] {
            let bad = lintManifest(#"[{"data": "https://your-url.com/asset.mp4", "externalId": "1", "metadata": {"frameRate": \#(value)}}]"#)
            XCTAssertEqual(bad.diagnostics.map(\.ruleID), ["M150"], value)
        }
        for value in ["25", "29.97", "1e2", "0.5"] {
            assertClean(lintManifest(#"[{"data": "https://your-url.com/asset.mp4", "externalId": "1", "metadata": {"frameRate": \#(value)}}]"#))
        }
        let onImage = lintManifest(#"[{"data": "https://your-url.com/a.PNG", "externalId": "1", "metadata": {"frameRate": 25}}]"#)
        assertOne(onImage, "M151", line: 1, column: 73, pointer: "/0/metadata/frameRate", [".png file"])
        let onMarkdown = lintManifest(#"[{"data": "<p>x</p>", "externalId": "1", "metadata": {"frameRate": 25}}]"#)
        assertOne(onMarkdown, "M151", line: 1, column: 55, pointer: "/0/metadata/frameRate", ["Markdown"])
        for data in ["https://your-url.com/asset", "https://your-url.com/scan.dcm", "https://your-url.com/clip.webm"] {
            assertClean(lintManifest(#"[{"data": "\#(data)", "externalId": "1", "metadata": {"frameRate": 25}}]"#), "M151")
        }
    }

    func testDimensionsInMetadata() {
        let report = lintManifest(#"[{"data": "https://your-url.com/a.jpg", "externalId": "1", "metadata": {"height": 450, "width": 603}}]"#)
        assertOne(report, "M124", line: 1, column: 73, pointer: "/0/metadata/height", ["width and height in metadata are"])
        XCTAssertEqual(report.diagnostics("M124").first?.severity, .info)
        assertClean(lintManifest(#"[{"data": "https://your-url.com/a.jpg", "externalId": "1", "width": 603, "height": 450, "metadata": {"width": 603}}]"#))
    }

    func testClassifications() {
        let report = lintManifest(#"""
            [{"data": "<p>x</p>", "externalId": "1", "classifications": [{"title": "Scene", "answer": "Indoor"}, {"schemaId": 16272, "answer": ["Bed", 2]}, "Scene", {"answer": "x"}, {"title": "T"}]}]
            """#)
        XCTAssertEqual(report.diagnostics("M142").map(\.pointer),
                       ["/0/classifications/1/schemaId", "/0/classifications/1/answer/1", "/0/classifications/2", "/0/classifications/3",
                        "/0/classifications/4"], report.summary)
        let quote = report.diagnostics("M142").first { $0.pointer.hasSuffix("schemaId") }
        XCTAssertEqual(quote.map { applyFix($0, to: report) }?.contains(#""schemaId": "16272""#), true)
        let notArray = lintManifest(#"[{"data": "<p>x</p>", "externalId": "1", "classifications": {"title": "Scene", "answer": "x"}}]"#)
        XCTAssertEqual(notArray.diagnostics.map(\.ruleID), ["M105"], notArray.summary)
    }

    func testAttachmentsAsTheHubDocumentsThem() {
        let report = lintManifest(#"""
            [{"externalId": "v", "data": "https://url-to.asset/video.mp4", "attachments": [
              {"type": "IMAGE", "value": "https://sample-image.jpg?integrationId=1234567890"},
              {"type": "VIDEO", "value": "https://bucket-name.s3.amazonaws.com/clip.mov?integrationId=1234567890"},
              {"type": "VIDEO", "value": "clips/run 12.mp4"},
              {"type": "AUDIO", "value": "https://bucket-name.s3.amazonaws.com/a.mp3"},
              {"type": "TEXT", "value": "Some sample text."}]}]
            """#)
        XCTAssertEqual(report.diagnostics.map { "\($0.ruleID) \($0.pointer)" },
                       ["M143 /0/attachments/1/value", "U201 /0/attachments/2/value", "M141 /0/attachments/3/type"], report.summary)
    }

    // MARK: Public URLs

    func testPublicURLsAreFineUntilStorageIsConfigured() {
        let text = #"[{"data": "https://i.imgur.com/CzXTtJV.jpg", "externalId": "cute-cat.jpg"}]"#
        XCTAssertEqual(lintManifest(text).diagnostics.map(\.ruleID), [])
        XCTAssertEqual(lintManifest(text) { $0.storage.provider = .gcs }.diagnostics.map(\.ruleID), ["U212"])
        XCTAssertEqual(lintManifest(text) { $0.storage.providerConfigured = true }.diagnostics.map(\.ruleID), ["U212"])
        XCTAssertEqual(lintManifest(text) { $0.storage.buckets = ["b"] }.diagnostics.map(\.ruleID), ["U212"])
        for (url, rule) in [("http://i.imgur.com/a.jpg", "U202"), ("images/cat.jpg", "U201"), ("example.com/a.jpg", "U201"),
                            ("https://storage.cloud.google.com/b/a.jpg", "U212"), ("https://b.s3-website-us-east-1.amazonaws.com/a.jpg", "U212"),
                            ("https://storage.googleapis.com/my-bucket/", "U212")] {
            let report = lintManifest(#"[{"data": "\#(url)", "externalId": "a"}]"#)
            XCTAssertTrue(report.diagnostics.contains { $0.ruleID == rule }, "\(url): \(report.summary)")
        }
    }

    func testIntegrationIDQueryIsNotASignatureOrAName() {
        let report = lintManifest(#"[{"data": "https://bucket-name.s3.amazonaws.com/a.jpg?integrationId=1234567890", "externalId": "a"}]"#)
        XCTAssertEqual(report.diagnostics.map(\.ruleID), [], report.summary)
    }
}
