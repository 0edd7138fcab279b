import AssetLint
import XCTest

final class ConfigurationOverrideTextTests: XCTestCase {
    private func inserted(_ yaml: String?, _ rule: String = "U204", path: String = "assets/a.json") -> String? {
        guard let insertion = ConfigurationOverrideText.insertion(ignoring: rule, forRelativePath: path, in: yaml) else { return nil }
        var bytes = Array((yaml ?? "").utf8)
        bytes.insert(contentsOf: insertion.text.utf8, at: insertion.offset)
        return String(decoding: bytes, as: UTF8.self)
    }

    func testAnEntryIsAddedToEachFormOfConfiguration() {
        XCTAssertEqual(inserted(nil), "overrides:\n  - files: [\"/assets/a.json\"]\n    ignore: [U204]\n")
        XCTAssertEqual(inserted("rules:\n  ignore: [M130]"), "rules:\n  ignore: [M130]\noverrides:\n  - files: [\"/assets/a.json\"]\n    ignore: [U204]\n")
        // The list's own indentation, including none; after its last entry, before what follows.
        XCTAssertEqual(
            inserted("overrides:\n- files: [x]\n  ignore: [J]\n\nrules: {}\n"),
            "overrides:\n- files: [x]\n  ignore: [J]\n- files: [\"/assets/a.json\"]\n  ignore: [U204]\n\nrules: {}\n")
        XCTAssertEqual(
            inserted("overrides:   # per folder\n    - files: [x]\n      ignore: [J]\r\n"),
            "overrides:   # per folder\n    - files: [x]\n      ignore: [J]\r\n    - files: [\"/assets/a.json\"]\n      ignore: [U204]\n")
        XCTAssertEqual(inserted("overrides:\n"), "overrides:\n  - files: [\"/assets/a.json\"]\n    ignore: [U204]\n")
    }

    func testFormsItCannotExtendGiveNothing() {
        XCTAssertNil(inserted("overrides: []\n"))
        XCTAssertNil(inserted("overrides: [{files: [x], ignore: [J]}]\n"))
        XCTAssertNil(inserted("overrides:\n  files: [x]\n"))
    }

    func testTheGlobMatchesThePathAndNothingElse() {
        for path in ["a.json", "assets [1]/b*.json", "we?rd/{x}!.json", "back\\slash.json"] {
            let glob = Glob(ConfigurationOverrideText.glob(matching: path))
            XCTAssertTrue(glob.matches(path), path)
            XCTAssertFalse(glob.matches("other/" + path), path)
            XCTAssertFalse(glob.matches(path + "x"), path)
        }
        XCTAssertFalse(Glob(ConfigurationOverrideText.glob(matching: "b*.json")).matches("bb.json"))
    }

    /// What is written validates, and turns the rule off for the file and only for it.
    func testTheResultIsAValidConfigurationThatDisablesTheRule() throws {
        let catalog = RuleRegistry.catalog
        for original in [nil, "rules:\n  ignore: [M130]\n", "overrides:\n  - files: [\"legacy/**\"]\n    ignore: [U2]\n"] {
            let text = try XCTUnwrap(inserted(original, "U204", path: "data/x [2].json"))
            let (configuration, errors) = ConfigurationLoader.validate(yaml: text, path: "/w/.assetlint.yml") { RuleSelection.isKnown($0, in: catalog) }
            XCTAssertEqual(errors.map(\.description), [], text)
            let linter = Linter(configuration: configuration)
            XCTAssertNil(linter.activeRules(forPath: "/w/data/x [2].json")["U204"], text)
            XCTAssertNotNil(linter.activeRules(forPath: "/w/data/x [3].json")["U204"], text)
        }
    }
}

final class StringLiteralLocatorTests: XCTestCase {
    private func literal(_ text: String, at marker: String) -> StringLiteralLocator.Literal? {
        let bytes = Array(text.utf8)
        let offset = text.utf8.count - text.components(separatedBy: marker).last!.utf8.count - marker.utf8.count
        return bytes.withUnsafeBufferPointer { StringLiteralLocator.literal(at: offset, in: $0) }
    }

    func testTheLiteralUnderAnOffset() {
        let text = "[\n  {\"data\": \"https://b/\\u00e9 x.jpg\", \"id\": \"a\\\"b\"}\n]"
        XCTAssertEqual(literal(text, at: "https")?.value, "https://b/é x.jpg")
        XCTAssertEqual(literal(text, at: "https")?.isKey, false)
        XCTAssertEqual(literal(text, at: "data")?.value, "data")
        XCTAssertEqual(literal(text, at: "data")?.isKey, true)
        // After an escaped quote: still inside the same string.
        XCTAssertEqual(literal(text, at: "b\"}")?.value, "a\"b")
        XCTAssertNil(literal(text, at: ", \"id"))
        XCTAssertNil(literal(text, at: "[\n"))
    }

    func testTheOpeningQuoteCountsAndBrokenStringsGiveNothing() {
        XCTAssertEqual(literal(#"["x"]"#, at: #""x"#)?.range, 1..<4)
        XCTAssertNil(literal("[\"unterminated", at: "term"))
        XCTAssertNil(literal(#"["bad \q escape"]"#, at: "bad"))
    }
}

@testable import AssetLintServer

final class DocumentURITests: XCTestCase {
    func testFileURIsAndPaths() {
        XCTAssertEqual(DocumentURI.path(of: "file:///w/a%20b/caf%C3%A9.json"), "/w/a b/café.json")
        XCTAssertEqual(DocumentURI.path(of: "FILE:///w/x.json"), "/w/x.json")
        XCTAssertEqual(DocumentURI.path(of: "file://localhost/w/x.json"), "/w/x.json")
        XCTAssertEqual(DocumentURI.path(of: "file:///w/x%23y.json"), "/w/x#y.json")
        XCTAssertNil(DocumentURI.path(of: "file://server/share/x.json"))
        XCTAssertNil(DocumentURI.path(of: "untitled:Untitled-1"))
        XCTAssertNil(DocumentURI.path(of: "file:///w/nul%00.json"))
        XCTAssertEqual(DocumentURI.name(of: "untitled:Untitled-1"), "Untitled-1")
        let path = "/w/a b/[x]#1/café.json"
        XCTAssertEqual(DocumentURI.path(of: DocumentURI.uri(forPath: path)), path)
    }
}
