import XCTest
@testable import AssetLint

/// The CORS rules of one file share one reading of its document and one evaluation of the hub
/// origins it blocks (`CORSDocumentState`); the per-origin shortcuts of C312 agree with the plain
/// character-by-character count.
final class CORSDocumentStateTests: XCTestCase {
    private func tree(_ text: String, path: String = "cors.json") -> JSONTree {
        var tree = JSONTree(source: SourceFile(path: path, text: text))
        var parser = JSONParser(source: tree.source, maxDepth: .max)
        XCTAssertTrue(parser.parseDocument(into: &tree))
        return tree
    }

    private func context(for tree: JSONTree, kind: DocumentKind) -> LintContext {
        LintContext(file: tree.source, kind: kind, configuration: Configuration(directory: "."), severities: [:], names: [:])
    }

    func testTheDocumentIsReadOnceAndAgainForAnotherTree() {
        let first = tree(#"[{"AllowedOrigins": ["https://a.example"], "AllowedMethods": ["GET"]}]"#)
        let context = context(for: first, kind: .corsS3)
        let read = CORSDocument.of(first, context: context)
        XCTAssertEqual(read?.rules.map(\.spec), CORSDocument(tree: first, kind: .corsS3)?.rules.map(\.spec))
        XCTAssertEqual(CORSDocument.of(first, context: context)?.rules.map(\.spec), read?.rules.map(\.spec))
        // Another tree asked through the same context (a test, a server reusing one) is read anew,
        // and so are the blocked origins.
        let second = tree(#"[{"AllowedOrigins": ["https://b.example", "https://hub.ango.ai"], "AllowedMethods": ["GET", "HEAD"]}]"#)
        XCTAssertEqual(CORSDocument.of(second, context: context)?.rules.first?.spec.origins, ["https://b.example", "https://hub.ango.ai"])
        let blockedInFirst = CORSHubOriginMissing.blockedOrigins(in: CORSDocument.of(first, context: context)!, tree: first, context: context)
        XCTAssertFalse(blockedInFirst.isEmpty)
        let blockedInSecond = CORSHubOriginMissing.blockedOrigins(in: CORSDocument.of(second, context: context)!, tree: second, context: context)
        XCTAssertEqual(blockedInSecond.count, 0, "\(blockedInSecond.map(\.origin))")
        XCTAssertEqual(
            CORSHubOriginMissing.blockedOrigins(in: CORSDocument.of(first, context: context)!, tree: first, context: context).map(\.origin),
            blockedInFirst.map(\.origin))
    }

    func testWildcardCountEqualsTheCharacterCount() {
        let samples = [
            "", "*", "https://*.example.com", "https://*.*.example.com", "**", "https://a.example",
            "https://*\u{301}.example.com", "https://é*.example.com", "*\u{301}*", "https://*.例え.jp",
        ]
        for text in samples {
            XCTAssertEqual(CORSProviderLimits.wildcardCount(text), text.filter { $0 == "*" }.count, text.debugDescription)
        }
    }

    func testHasWildcardEqualsTheByteSearch() {
        for text in ["", "*", "https://*.example.com", "https://a.example", "https://例え.jp*", String(repeating: "a", count: 40) + "*"] {
            XCTAssertEqual(OriginMatcher.hasWildcard(text), text.utf8.contains(0x2A), text.debugDescription)
        }
    }
}
