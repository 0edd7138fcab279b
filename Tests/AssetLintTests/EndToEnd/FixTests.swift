import Foundation
import XCTest
@testable import AssetLint

final class FixTests: XCTestCase {
    private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    func testFixRemovesTheByteOrderMarkKeepsPermissionsAndIsIdempotent() throws {
        let scratch = try ScratchFolder()
        let body = "{\n  \"name\": \"x\"\n}\n"
        let path = try scratch.write("data.json", Data(bom + Array(body.utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        let first = runSession { $0.paths = [path]; $0.fix = true }
        XCTAssertEqual(first.status, 0, first.standardOutput + first.standardError)
        XCTAssertEqual(try scratch.read("data.json"), Data(body.utf8))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(permissions, 0o640)
        let second = runSession { $0.paths = [path]; $0.fix = true }
        XCTAssertEqual(second.status, 0)
        XCTAssertEqual(try scratch.read("data.json"), Data(body.utf8))
        XCTAssertFalse(second.standardError.contains("Fixed"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        XCTAssertEqual(leftovers, ["data.json"], "no temporary files left behind")
    }

    func testDiffShowsTheChangeAndWritesNothing() throws {
        let scratch = try ScratchFolder()
        let original = Data(bom + Array("[\n  1\n]\n".utf8))
        let path = try scratch.write("d.json", original)
        let result = runSession { $0.paths = [path]; $0.diff = true; $0.formats = []; $0.workingDirectory = scratch.path }
        XCTAssertEqual(result.status, 1, "a pending fix fails the run like ruff's --diff")
        XCTAssertEqual(try scratch.read("d.json"), original)
        XCTAssertEqual(result.standardOutput, "--- d.json\n+++ d.json\n@@ -1,3 +1,3 @@\n-\u{FEFF}[\n+[\n   1\n ]\n")
    }

    func testRefusesToWriteAFileThatChangedOnDisk() throws {
        let scratch = try ScratchFolder()
        let path = try scratch.write("c.json", Data(bom + Array("[]".utf8)))
        let file = try FileLoader.load(path: path).get()
        try scratch.write("c.json", "[1]")
        XCTAssertThrowsError(try AtomicWriter.replace(path, with: Array("[]".utf8), expected: file.identity))
        XCTAssertEqual(try scratch.read("c.json"), Data("[1]".utf8))
    }

    func testApplierKeepsBytesOutsideEditsAndResolvesOverlapsDeterministically() {
        let source = Array("abcdefghij".utf8)
        let fixes = [
            Fix(.safe, "second", edits: [TextEdit(range: ByteRange(offset: 3, length: 3), replacement: "XYZ")]),
            Fix(.safe, "first", edits: [TextEdit(range: ByteRange(offset: 1, length: 3), replacement: "")]),
            Fix(.safe, "insert", edits: [TextEdit(range: ByteRange(offset: 9, length: 0), replacement: "++")]),
        ]
        let result = source.withUnsafeBufferPointer { FixApplier.apply(fixes, to: $0) }
        XCTAssertEqual(String(decoding: result.bytes, as: UTF8.self), "aefghi++j")
        XCTAssertEqual(result.applied.map(\.description), ["first", "insert"])
        XCTAssertEqual(result.deferred, 1)
    }

    func testStandardInputFixPrintsTheDocument() throws {
        let result = try Package.run(["-", "--fix", "--stdin-filename", "x.json"], input: Data(bom + Array("[]".utf8)))
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.standardOutput, "[]")
    }
}
