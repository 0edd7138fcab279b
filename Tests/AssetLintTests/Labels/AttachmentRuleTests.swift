import Foundation
import XCTest
@testable import AssetLint

/// The A rules on attachment imports, and the URL rules on the URLs of label and attachment imports.
final class AttachmentRuleTests: XCTestCase {
    private func lint(_ text: String, kind: DocumentKind = .attachments, ignore: [String] = [], assets: String? = nil) -> FileReport {
        var options = LintOptions(kind: kind, ignore: ignore)
        if let assets {
            options.assets = try? AssetIndex.index(of: [SourceFile(path: "assets.json", text: assets)]).get()
        }
        return Linter(configuration: Configuration(directory: "."), options: options).lint(SourceFile(path: "attachments.json", text: text))
    }

    private func findings(_ text: String, _ rule: String? = nil, assets: String? = nil) -> [Finding] {
        LintHelper.findings(lint(text, assets: assets), rule)
    }

    private func item(_ attachments: String) -> String { #"[{"externalId": "image-sample.jpg", "attachments": \#(attachments)}]"# }

    func testA601ItemShape() {
        XCTAssertEqual(findings(#"{"attachments": []}"#, "A601").map(\.pointer), [""])
        XCTAssertEqual(findings(#"[[]]"#, "A601").map(\.pointer), ["/0"])
        XCTAssertEqual(findings(#"[{"attachments": [{"type": "TEXT", "value": "x"}]}]"#, "A601").map(\.pointer), ["/0"])
        XCTAssertEqual(findings(#"[{"externalId": "a"}]"#, "A601").map(\.pointer), ["/0"])
        XCTAssertEqual(findings(#"[{"externalId": "", "attachments": "x"}]"#, "A601").map(\.pointer), ["/0/externalId", "/0/attachments"])
        XCTAssertEqual(findings(item("[]"), "A601").map(\.severity), [.warning])
        XCTAssertEqual(findings(#"[{"externalId": 12, "data": 3, "attachments": [{"type": "TEXT", "value": "x"}]}]"#, "A601").map(\.pointer), ["/0/externalId", "/0/data"])
    }

    func testA602UnknownKeys() {
        let found = findings(#"[{"externalId": "a", "attachment": [], "note": 1}]"#, "A602")
        XCTAssertEqual(found.map(\.pointer), ["/0/attachment", "/0/note"])
        XCTAssertEqual(found.first?.fix?.edits.first?.replacement, "attachments")
        XCTAssertTrue(findings(#"[{"data": "https://b.s3.amazonaws.com/a.png", "externalId": "a", "attachments": []}]"#, "A602").isEmpty)
    }

    func testA603Entries() {
        XCTAssertTrue(findings(item(#"[{"type": "IMAGE", "value": "https://sample-image.jpg?integrationId=1234567890"}, {"type": "TEXT", "value": "t"}, {"type": "VIDEO", "value": "http://sample-video.mp4"}]"#), "A603").isEmpty)
        let lower = findings(item(#"[{"type": "image", "value": "https://sample-image.jpg"}]"#), "A603")
        XCTAssertEqual(lower.first?.fix?.edits.first?.replacement, "\"IMAGE\"")
        XCTAssertTrue(findings(item(#"[{"type": "PDF", "value": "https://b.s3.amazonaws.com/a.pdf"}]"#), "A603")[0].message.contains("only images, videos and text"))
        XCTAssertTrue(findings(item(#"[{"type": "IMAGES", "value": "https://b.s3.amazonaws.com/a.png"}]"#), "A603")[0].message.contains("did you mean \"IMAGE\""))
        XCTAssertEqual(findings(item(#"["https://a.png", {"value": "x"}, {"type": "TEXT"}, {"type": "TEXT", "value": ""}, {"type": 1, "value": 2}]"#), "A603").map(\.pointer),
                       ["/0/attachments/0", "/0/attachments/1", "/0/attachments/2", "/0/attachments/3/value", "/0/attachments/4/type", "/0/attachments/4/value"])
    }

    func testA604Extensions() {
        XCTAssertTrue(findings(item(#"[{"type": "IMAGE", "value": "https://b.s3.amazonaws.com/a.JPG?integrationId=1"}, {"type": "VIDEO", "value": "https://b.s3.amazonaws.com/v.mp4#t=3"}, {"type": "IMAGE", "value": "https://sample-image.jpg"}, {"type": "TEXT", "value": "notes.gif"}]"#), "A604").isEmpty)
        let found = findings(item(#"[{"type": "IMAGE", "value": "https://b.s3.amazonaws.com/a.gif"}, {"type": "VIDEO", "value": "https://b.s3.amazonaws.com/v.mov?integrationId=1"}]"#), "A604")
        XCTAssertEqual(found.map(\.pointer), ["/0/attachments/0/value", "/0/attachments/1/value"])
        XCTAssertEqual(found.map(\.severity), [.warning, .warning])
        XCTAssertEqual(AttachmentExtension.pathExtension(of: "https://h/a.b/c"), nil)
        XCTAssertEqual(AttachmentExtension.pathExtension(of: "https://h/dir/c.tar.gz?x=1.png"), "gz")
    }

    func testA605JoinsWithTheAssetManifests() {
        let assets = #"[{"data": "https://i.imgur.com/CzXTtJV.jpg", "externalId": "cute-cat.jpg"}]"#
        let text = #"[{"externalId": "cute-cat.jpg", "attachments": []}, {"externalId": "cute-cow.jpg", "attachments": []}]"#
        XCTAssertEqual(findings(text, "A605", assets: assets).map(\.pointer), ["/1/externalId"])
        XCTAssertTrue(findings(text, "A605").isEmpty)
    }

    // MARK: The URL rules inside label and attachment imports

    func testURLRulesCheckAttachmentAndMaskURLs() {
        let attachments = lint(item(#"[{"type": "IMAGE", "value": "https://b.s3.amazonaws.com/a b.png"}, {"type": "VIDEO", "value": "https://b.s3.amazonaws.com/c+d.mp4"}, {"type": "TEXT", "value": "not a URL: a b+c"}]"#))
        XCTAssertEqual(LintHelper.findings(attachments).filter { $0.rule.hasPrefix("U") }.map { "\($0.rule) \($0.pointer)" },
                       ["U203 /0/attachments/0/value", "U204 /0/attachments/1/value"])
        let labels = lint(#"[{"externalId": "a", "brushDataUrl": "s3://masks/a.png", "medicalBrushDataUrl": "https://m.url/a#1.nrrd", "data": "https://x/a b.jpg"}]"#, kind: .labels)
        XCTAssertEqual(LintHelper.findings(labels).filter { $0.rule.hasPrefix("U") }.map { "\($0.rule) \($0.pointer)" },
                       ["U202 /0/brushDataUrl", "U214 /0/medicalBrushDataUrl"])
    }

    /// Masks and attachments may be public files: which storage a URL points into is a manifest's
    /// question, so U212 and U213 never run here, whatever the configuration says.
    func testStorageRulesDoNotRunOnEmbeddedURLs() {
        var configuration = Configuration(directory: ".")
        configuration.storage.provider = .gcs
        configuration.storage.buckets = ["my-bucket"]
        let text = #"[{"externalId": "a", "attachments": [{"type": "IMAGE", "value": "https://i.imgur.com/CzXTtJV.jpg"}, {"type": "IMAGE", "value": "https://other.s3.amazonaws.com/a.png"}]}]"#
        let report = Linter(configuration: configuration, options: LintOptions(kind: .attachments)).lint(SourceFile(path: "a.json", text: text))
        XCTAssertEqual(LintHelper.findings(report).map(\.description), [])
        XCTAssertTrue(report.rulesRun.contains { $0.id == "U204" })
        XCTAssertFalse(report.rulesRun.contains { $0.id == "U212" || $0.id == "U213" })
    }

    func testURLRulesFollowTheSelection() {
        let text = item(#"[{"type": "IMAGE", "value": "https://b.s3.amazonaws.com/c+d.png"}]"#)
        XCTAssertEqual(LintHelper.findings(lint(text)).map(\.rule), ["U204"])
        XCTAssertEqual(LintHelper.findings(lint(text, ignore: ["U204"])).map(\.rule), [])
        XCTAssertEqual(LintHelper.findings(lint(text, ignore: ["U"])).map(\.rule), [])
    }

    func testTheCatalogShowsWhereTheURLRulesRun() {
        let catalog = RuleRegistry.catalog
        let u204 = catalog.first { $0.id == "U204" }!
        XCTAssertEqual(u204.kinds, [.manifest, .labels, .attachments])
        XCTAssertEqual(catalog.first { $0.id == "U212" }!.kinds, [.manifest])
        XCTAssertTrue(RuleDocumentation.page(for: u204).contains("| Applies to | `manifest`, `labels`, `attachments` |"))
    }
}
