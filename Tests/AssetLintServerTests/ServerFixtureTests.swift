import AssetLint
import Foundation
import XCTest

/// Every JSON file under `Fixtures/` (real hub manifests, CORS files from the providers' and the
/// hub's documentation, keys, broken and hostile files) opened in the server gives the findings
/// the engine gives the command line: same rules, messages and places (UTF-32 columns are the
/// engine's scalar columns, 0-based), under the same nearest configuration.
final class ServerFixtureTests: XCTestCase {
    func testTheServerReportsWhatTheCommandLineReports() throws {
        let root = URL(fileURLWithPath: LanguageServerTests.fixture(""))
        let files = try XCTUnwrap(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThan(files.count, 100)
        let harness = ServerHarness(root: root.path, capabilities: ["general": ["positionEncodings": ["utf-32"]]])
        let catalog = RuleRegistry.catalog
        var compared = 0
        for relative in files {
            let path = root.appendingPathComponent(relative).path
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            // Documents arrive as text: files that are not UTF-8 cannot be opened in an editor as they are.
            guard String(validating: bytes, as: UTF8.self) != nil, !bytes.contains(0x0D) else { continue }
            var configuration = Configuration(directory: root.path)
            if let found = ConfigurationLoader.discover(from: (path as NSString).deletingLastPathComponent) {
                configuration = ConfigurationLoader.validate(path: found) { RuleSelection.isKnown($0, in: catalog) }.configuration
            }
            let report = Linter(configuration: configuration).lint(SourceFile(path: path, bytes: bytes))
            let source = SourceFile(path: path, bytes: bytes)
            let expected = report.diagnostics.prefix(1000).map { diagnostic -> String in
                let start = source.position(of: diagnostic.range.offset)
                return "\(diagnostic.ruleID) \(start.line - 1):\(start.column - 1) \(diagnostic.messageAndNote)"
            }
            let uri = FileURI.uri(forAbsolutePath: path)
            harness.open(uri, String(decoding: bytes, as: UTF8.self))
            let published = (harness.published(uri) ?? []).filter { $0["code"] != nil }.map { diagnostic -> String in
                let range = ServerHarness.range(diagnostic)
                return "\(diagnostic["code"]?.string ?? "") \(range.first ?? -1):\(range.dropFirst().first ?? -1) \(diagnostic["message"]?.string ?? "")"
            }
            XCTAssertEqual(published, expected, relative)
            harness.notify("textDocument/didClose", ["textDocument": ["uri": .string(uri)]])
            compared += 1
        }
        XCTAssertGreaterThan(compared, 100)
    }
}
