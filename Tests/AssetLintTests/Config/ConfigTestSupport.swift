import Foundation
import XCTest
@testable import AssetLint

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct ConfigTempFolder {
    let path: String

    init() throws {
        let base = (NSTemporaryDirectory() as NSString).resolvingSymlinksInPath
        path = base + "/assetlint-config-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ relativePath: String, _ contents: String) throws -> String {
        try write(relativePath, bytes: Array(contents.utf8))
    }

    @discardableResult
    func write(_ relativePath: String, bytes: [UInt8]) throws -> String {
        let full = path + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    func makeFolder(_ relativePath: String) throws -> String {
        let full = path + "/" + relativePath
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A stand-in for the engine's rule catalog: a few real ids and names, and every prefix of an id.
enum TestRuleCatalog {
    static let ids = [
        "J001", "J003", "J005", "M101", "M106", "M110", "M121", "M130", "U201", "U204", "U207", "U211", "U213",
        "C304", "C305", "C312", "K401", "K402",
    ]
    static let names = ["json-syntax", "url-plus-in-path", "url-not-nfc", "external-id-duplicate", "cors-empty"]

    static func isKnown(_ selector: String) -> Bool {
        if names.contains(selector) { return true }
        return ids.contains { $0.hasPrefix(selector) } && !selector.isEmpty
    }
}

extension XCTestCase {
    /// Validates `yaml` as `<folder>/.assetlint.yml` and returns every error.
    func configErrors(_ yaml: String, directory: String = "/project") -> [ConfigurationError] {
        ConfigurationLoader.validate(
            yaml: yaml, path: directory + "/.assetlint.yml", directory: directory,
            isKnownRuleSelector: TestRuleCatalog.isKnown
        ).errors
    }

    /// Asserts that `yaml` has exactly one error, at `line`:`column`, whose message contains `message`.
    func assertConfigError(
        _ yaml: String, line: Int, column: Int, _ message: String, file: StaticString = #filePath, lineNumber: UInt = #line
    ) {
        let errors = configErrors(yaml)
        guard errors.count == 1, let error = errors.first else {
            XCTFail("expected one error, got \(errors.map(\.description))", file: file, line: lineNumber)
            return
        }
        XCTAssertEqual(error.line, line, "line of: \(error.message)", file: file, line: lineNumber)
        XCTAssertEqual(error.column, column, "column of: \(error.message)", file: file, line: lineNumber)
        XCTAssertTrue(
            error.message.contains(message), "'\(error.message)' should contain '\(message)'", file: file,
            line: lineNumber)
    }

    func loadConfig(_ yaml: String, directory: String = "/project") throws -> Configuration {
        try ConfigurationLoader.load(
            yaml: yaml, path: directory + "/.assetlint.yml", directory: directory,
            isKnownRuleSelector: TestRuleCatalog.isKnown)
    }
}
