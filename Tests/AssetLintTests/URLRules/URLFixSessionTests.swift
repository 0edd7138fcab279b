import Foundation
import XCTest
@testable import AssetLint

/// `--fix`, `--unsafe-fixes` and `--diff` through `LintSession.run` on a generated manifest of
/// 5,000 items: every byte outside the fixed URLs and ids stays as it was, the fixed values are
/// exactly what the rules promise, and a second run changes nothing.
final class URLFixSessionTests: XCTestCase {
    /// A broken value, what `--fix` makes of it, and what `--fix --unsafe-fixes` makes of it.
    struct Case {
        var data: String
        var safe: String
        var unsafe: String
        var id: String? = nil
        var unsafeID: String? = nil
    }

    static let cases: [Case] = [
        Case(data: "https://b.s3.amazonaws.com/my cat.jpg", safe: "https://b.s3.amazonaws.com/my%20cat.jpg",
             unsafe: "https://b.s3.amazonaws.com/my%20cat.jpg"),
        Case(data: "gs://my-bucket/a b+c.jpg", safe: "https://storage.googleapis.com/my-bucket/a%20b%2Bc.jpg",
             unsafe: "https://storage.googleapis.com/my-bucket/a%20b%2Bc.jpg"),
        Case(data: "https://My-Bucket.s3.amazonaws.com/x.jpg", safe: "https://my-bucket.s3.amazonaws.com/x.jpg",
             unsafe: "https://my-bucket.s3.amazonaws.com/x.jpg"),
        Case(data: "https://b.s3.amazonaws.com:443/a/./b/../c.jpg", safe: "https://b.s3.amazonaws.com/a/c.jpg",
             unsafe: "https://b.s3.amazonaws.com/a/c.jpg"),
        Case(data: "https://b.s3.amazonaws.com/cat+1.jpg", safe: "https://b.s3.amazonaws.com/cat+1.jpg",
             unsafe: "https://b.s3.amazonaws.com/cat%201.jpg"),
        Case(data: "https://storage.googleapis.com/my-bucket/cafe%CC%81.jpg", safe: "https://storage.googleapis.com/my-bucket/cafe%CC%81.jpg",
             unsafe: "https://storage.googleapis.com/my-bucket/caf%C3%A9.jpg"),
        Case(data: "s3://my-bucket/k+1.jpg", safe: "s3://my-bucket/k+1.jpg", unsafe: "https://my-bucket.s3.amazonaws.com/k%2B1.jpg"),
        Case(data: "https://storage.cloud.google.com/my-bucket/x.jpg", safe: "https://storage.googleapis.com/my-bucket/x.jpg",
             unsafe: "https://storage.googleapis.com/my-bucket/x.jpg"),
        Case(data: #"https:\/\/b.s3.amazonaws.com\/a\u0020b.jpg"#, safe: #"https:\/\/b.s3.amazonaws.com\/a%20b.jpg"#,
             unsafe: #"https:\/\/b.s3.amazonaws.com\/a%20b.jpg"#),
        Case(data: "https://b.s3.amazonaws.com/caf%E9 #2.jpg", safe: "https://b.s3.amazonaws.com/caf%E9%20#2.jpg",
             unsafe: "https://b.s3.amazonaws.com/caf%C3%A9%20%232.jpg"),
        Case(data: "https://b.s3.amazonaws.com/x%2520y.jpg?X-Amz-Signature=f00&X-Amz-Date=20240101T000000Z",
             safe: "https://b.s3.amazonaws.com/x%2520y.jpg?X-Amz-Signature=f00&X-Amz-Date=20240101T000000Z",
             unsafe: "https://b.s3.amazonaws.com/x%20y.jpg"),
        Case(data: "https://b.s3.amazonaws.com/ok.jpg", safe: "https://b.s3.amazonaws.com/ok.jpg", unsafe: "https://b.s3.amazonaws.com/ok.jpg",
             id: #"cre\u0300me"#, unsafeID: "crème"),
    ]

    /// The manifest: item `i` is broken (case `i / 10 % cases.count`) when `i % 10 == 3`.
    static func manifest(items: Int, fixedBy: KeyPath<Case, String>?, idsFixed: Bool = false) -> String {
        var lines: [String] = []
        for index in 0..<items {
            var data = "https://b.s3.amazonaws.com/img-\(index).jpg"
            var id = "asset-\(index)"
            let width = index % 3 == 0 ? #", "width": 640, "height": 480"# : ""
            if index % 10 == 3 {
                let broken = cases[(index / 10) % cases.count]
                data = fixedBy.map { broken[keyPath: $0] } ?? broken.data
                if let brokenID = broken.id {
                    id = (idsFixed ? broken.unsafeID! : brokenID) + "-\(index)"
                }
            }
            lines.append(#"  {"data": "\#(data)", "externalId": "\#(id)"\#(width)}"#)
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    private func run(_ path: String, fix: Bool = true, unsafe: Bool = false, diff: Bool = false) -> SessionResult {
        runSession {
            $0.paths = [path]
            $0.fix = fix
            $0.unsafeFixes = unsafe
            $0.diff = diff
            $0.formats = []
        }
    }

    func testSafeFixesChangeOnlyTheirValuesAndAreIdempotent() throws {
        let scratch = try ScratchFolder()
        let original = Self.manifest(items: 5000, fixedBy: nil)
        let path = try scratch.write("assets.json", original)
        let first = run(path)
        XCTAssertTrue(first.standardError.contains("Fixed"), first.standardError)
        let fixed = String(decoding: try scratch.read("assets.json"), as: UTF8.self)
        let expected = Self.manifest(items: 5000, fixedBy: \.safe)
        XCTAssertEqual(fixed.split(separator: "\n", omittingEmptySubsequences: false).count,
                       original.split(separator: "\n", omittingEmptySubsequences: false).count)
        assertSameLines(fixed, expected)
        let second = run(path)
        XCTAssertFalse(second.standardError.contains("Fixed"), second.standardError)
        XCTAssertEqual(String(decoding: try scratch.read("assets.json"), as: UTF8.self), fixed, "a second --fix changes nothing")
    }

    func testUnsafeFixesAreIdempotentToo() throws {
        let scratch = try ScratchFolder()
        let path = try scratch.write("assets.json", Self.manifest(items: 5000, fixedBy: nil))
        _ = run(path, unsafe: true)
        let fixed = String(decoding: try scratch.read("assets.json"), as: UTF8.self)
        assertSameLines(fixed, Self.manifest(items: 5000, fixedBy: \.unsafe, idsFixed: true))
        _ = run(path, unsafe: true)
        XCTAssertEqual(String(decoding: try scratch.read("assets.json"), as: UTF8.self), fixed)
        // What is left has no fix: the mixed-bucket warning and findings without a fix.
        let report = try URLRuleTesting.lint(fixed)
        XCTAssertEqual(report.diagnostics.filter { $0.fix != nil }.map(\.message), [])
    }

    func testDiffShowsTheFixesAndWritesNothing() throws {
        let scratch = try ScratchFolder()
        let original = Self.manifest(items: 200, fixedBy: nil)
        let path = try scratch.write("assets.json", original)
        let result = run(path, fix: false, diff: true)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(String(decoding: try scratch.read("assets.json"), as: UTF8.self), original)
        // Named from the current folder (the session's is the temporary folder), as `patch -p0` finds it.
        let shown = scratch.url.lastPathComponent + "/assets.json"
        XCTAssertTrue(result.standardOutput.hasPrefix("--- \(shown)\n+++ \(shown)\n@@ "), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains(#"-  {"data": "https://b.s3.amazonaws.com/my cat.jpg", "externalId": "asset-3", "width": 640, "height": 480},"#))
        XCTAssertTrue(result.standardOutput.contains(#"+  {"data": "https://b.s3.amazonaws.com/my%20cat.jpg", "externalId": "asset-3", "width": 640, "height": 480},"#))
        XCTAssertFalse(result.standardOutput.contains("+  {\"data\": \"https://b.s3.amazonaws.com/cat%201.jpg\""), "unsafe fixes need --unsafe-fixes")
    }

    private func assertSameLines(_ actual: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(actualLines.count, expectedLines.count, file: file, line: line)
        var mismatches = 0
        for (index, (a, e)) in zip(actualLines, expectedLines).enumerated() where a != e {
            mismatches += 1
            if mismatches <= 5 { XCTFail("line \(index + 1):\n  got      \(a)\n  expected \(e)", file: file, line: line) }
        }
        XCTAssertEqual(actual == expected, true, "\(mismatches) lines differ", file: file, line: line)
    }
}
