import Foundation
import XCTest
@testable import AssetLint

final class CustomRuleTests: XCTestCase {
    private let config = """
        custom:
          - id: X001
            name: external-id-slug
            kind: manifest
            pointer: /*/externalId
            pattern: "^[a-z0-9-]+$"
            severity: warning
            message: externalId must be a lower-case slug
          - id: X002
            name: split-tag
            pointer: /*/metadata/split
            enum: [train, test, validation]
            message: metadata.split must name a dataset split
          - id: X003
            name: unique-data
            kind: manifest
            pointer: /*/data
            unique: true
            hosts: ["*.s3.eu-central-1.amazonaws.com"]
            message: every asset URL must be unique and in the EU bucket
          - id: X004
            name: short-id
            pointer: /*/externalId
            maxLength: 8
            minLength: 2
            severity: info
            message: externalId length
        """

    private let manifest = """
        [
          {"data": "https://b.s3.eu-central-1.amazonaws.com/a.jpg", "externalId": "cat-1", "metadata": {"split": "train"}},
          {"data": "https://b.s3.eu-central-1.amazonaws.com/b.jpg", "externalId": "Cat 2", "metadata": {"split": "dev"}},
          {"data": "https://b.s3.eu-central-1.amazonaws.com/a.jpg", "externalId": "a-very-long-id"},
          {"data": "https://storage.googleapis.com/b/c.jpg", "externalId": "x"}
        ]
        """

    private func lint(format: OutputFormat = .concise) throws -> SessionResult {
        let scratch = try ScratchFolder()
        try scratch.write(".assetlint.yml", config)
        let path = try scratch.write("assets.json", manifest)
        return runSession {
            $0.paths = [path]
            $0.workingDirectory = scratch.path
            $0.formats = [SessionOptions.FormatRequest(format: format)]
            $0.lint.select = ["X"]
        }
    }

    func testReportsAtTheSelectedValues() throws {
        let result = try lint()
        let lines = result.standardOutput.split(separator: "\n").map { line in
            String(line[line.range(of: "assets.json")!.lowerBound...])
        }
        XCTAssertEqual(lines, [
            #"assets.json:3:75: warning[X001] externalId must be a lower-case slug ("Cat 2" does not match ^[a-z0-9-]+$)"#,
            #"assets.json:3:106: error[X002] metadata.split must name a dataset split ("dev" is not one of train, test, validation)"#,
            #"assets.json:4:12: error[X003] every asset URL must be unique and in the EU bucket ("https://b.s3.eu-central-1.amazonaws.com/a.jpg" is not unique)"#,
            #"assets.json:4:75: info[X004] externalId length (14 characters, more than 8)"#,
            #"assets.json:5:12: error[X003] every asset URL must be unique and in the EU bucket (host storage.googleapis.com is not one of *.s3.eu-central-1.amazonaws.com)"#,
            #"assets.json:5:68: info[X004] externalId length (1 characters, fewer than 2)"#,
        ])
        XCTAssertEqual(result.status, 1)
    }

    func testAppearsInEveryFormat() throws {
        for format in OutputFormat.allCases {
            let output = try lint(format: format).standardOutput
            for id in ["X001", "X002", "X003", "X004"] {
                XCTAssertTrue(output.contains(id), "\(id) missing from \(format)")
            }
        }
        let json = try JSONSerialization.jsonObject(with: Data(try lint(format: .json).standardOutput.utf8)) as? [String: Any]
        let files = try XCTUnwrap(json?["files"] as? [[String: Any]])
        let diagnostics = try XCTUnwrap(files.first?["diagnostics"] as? [[String: Any]])
        let unique = try XCTUnwrap(diagnostics.first { $0["rule"] as? String == "X003" })
        XCTAssertEqual(unique["pointer"] as? String, "/2/data")
        XCTAssertEqual((unique["related"] as? [[String: Any]])?.first?["line"] as? Int, 2)
    }

    func testPointerPatterns() {
        let file = SourceFile(path: "x.json", text: #"{"a": [{"b": 1}, {"b": 2, "c": {"b": 3}}], "a/b": true}"#)
        var parser = JSONParser(source: file)
        var tree = JSONTree(source: file)
        XCTAssertTrue(parser.parseDocument(into: &tree))
        func texts(_ pattern: String) -> [String] { PointerPattern(pattern).matches(in: tree).map { tree.sourceText($0) } }
        XCTAssertEqual(texts("/a/*/b"), ["1", "2"])
        XCTAssertEqual(texts("/a/1/c/b"), ["3"])
        XCTAssertEqual(texts("/*/0/b"), ["1"])
        XCTAssertEqual(texts("/a~1b"), ["true"])
        XCTAssertEqual(texts("/missing/*"), [])
    }
}
