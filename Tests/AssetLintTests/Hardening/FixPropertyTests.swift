import Foundation
import XCTest
@testable import AssetLint

/// What `--fix` promises, checked over every fixture with unsafe fixes included: applying any set
/// of fixes leaves every byte outside the edits unchanged and a valid document valid; a whole
/// `--fix --unsafe-fixes` run is idempotent; an interrupted write leaves the original intact.
enum FixProperty {
    /// Applies the fixes of `diagnostics` (all of them, or the chosen `subset` of indexes) and
    /// checks the result against the bytes rebuilt from the applied edits. Returns the result.
    @discardableResult
    static func assertOutsideEditsUnchanged(
        _ bytes: [UInt8], _ diagnostics: [Diagnostic], subset: Set<Int>?, file: StaticString = #filePath, line: UInt = #line
    ) -> [UInt8] {
        var fixes = FixApplier.applicable(diagnostics, unsafe: true)
        if let subset { fixes = fixes.indices.filter(subset.contains).map { fixes[$0] } }
        let result = bytes.withUnsafeBufferPointer { FixApplier.apply(fixes, to: $0) }
        let edits = result.applied.flatMap(\.edits).sorted { ($0.range.offset, $0.range.end) < ($1.range.offset, $1.range.end) }
        var expected: [UInt8] = []
        var cursor = 0
        for edit in edits {
            XCTAssertGreaterThanOrEqual(edit.range.offset, cursor, "applied edits overlap", file: file, line: line)
            guard edit.range.offset >= cursor else { return result.bytes }
            expected += bytes[cursor..<edit.range.offset]
            expected += Array(edit.replacement.utf8)
            cursor = edit.range.end
        }
        expected += bytes[cursor...]
        XCTAssertEqual(expected, result.bytes, "bytes outside the edits changed", file: file, line: line)
        XCTAssertEqual(result.applied.count + result.deferred, fixes.count, file: file, line: line)
        return result.bytes
    }
}

final class FixPropertyTests: XCTestCase {
    /// The fixtures that have fixes, with their diagnostics (unsafe fixes included).
    private func fixableFixtures() throws -> [(String, [UInt8], FileReport)] {
        let linter = Linter(configuration: Configuration(directory: Package.root.path))
        return try Hardening.fixtureFiles().compactMap { relative in
            let bytes = try Hardening.fixtureBytes(relative)
            let report = linter.lint(SourceFile(path: relative, bytes: bytes))
            return report.diagnostics.contains { $0.fix != nil } ? (relative, bytes, report) : nil
        }
    }

    func testAnySetOfFixesKeepsOtherBytesAndValidity() throws {
        let fixtures = try fixableFixtures()
        XCTAssertGreaterThan(fixtures.count, 10, "the fixtures exercise fixes")
        var generator = SeededGenerator(seed: 0xF1C5)
        var combinations = 0
        for (relative, bytes, report) in fixtures {
            let count = FixApplier.applicable(report.diagnostics, unsafe: true).count
            // All fixes, each fix alone, and random subsets.
            var subsets: [Set<Int>?] = [nil]
            subsets += (0..<min(count, 40)).map { Set([$0]) }
            for _ in 0..<20 { subsets.append(Set((0..<count).filter { _ in Bool.random(using: &generator) })) }
            for subset in subsets {
                let fixed = FixProperty.assertOutsideEditsUnchanged(bytes, report.diagnostics, subset: subset)
                if Hardening.parses(bytes) {
                    XCTAssertTrue(Hardening.parses(fixed), "\(relative): fixes \(subset.map { Array($0).sorted().description } ?? "all") break the JSON")
                }
                combinations += 1
            }
        }
        XCTAssertGreaterThan(combinations, 200)
    }

    /// `--fix --unsafe-fixes` on a copy of every fixture that has fixes: the result is valid JSON
    /// when the original was, and a second run changes nothing.
    func testFixRunsAreIdempotentOnEveryFixture() throws {
        let scratch = try ScratchFolder()
        for (relative, bytes, _) in try fixableFixtures() {
            let name = relative.replacingOccurrences(of: "/", with: "_")
            let path = try scratch.write(name, Data(bytes))
            let first = runSession { $0.paths = [path]; $0.fix = true; $0.unsafeFixes = true; $0.formats = [] }
            XCTAssertFalse(first.standardError.contains("invalid JSON"), "\(relative): \(first.standardError)")
            let once = [UInt8](try scratch.read(name))
            XCTAssertNotEqual(once, bytes, "\(relative): nothing was fixed")
            if Hardening.parses(bytes) { XCTAssertTrue(Hardening.parses(once), relative) }
            let second = runSession { $0.paths = [path]; $0.fix = true; $0.unsafeFixes = true; $0.formats = [] }
            XCTAssertFalse(second.standardError.contains("Fixed"), "\(relative): the second run fixed again: \(second.standardError)")
            XCTAssertEqual([UInt8](try scratch.read(name)), once, "\(relative): the second run changed the file")
            let diff = runSession { $0.paths = [path]; $0.diff = true; $0.unsafeFixes = true; $0.formats = [] }
            XCTAssertEqual(diff.standardOutput, "", "\(relative): fixes still pending after --fix")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.contains(".assetlint-") }
        XCTAssertEqual(leftovers, [], "no temporary files left behind")
    }

    /// A million fixable findings are applied in one pass (the overlap check was quadratic).
    func testAMillionFixesApplyInLinearWork() {
        var bytes: [UInt8] = []
        var fixes: [Fix] = []
        for index in 0..<1_000_000 {
            let offset = bytes.count
            bytes += Array(#""7","#.utf8)
            fixes.append(Fix(.unsafe, "number \(index)", edits: [TextEdit(range: ByteRange(offset: offset, length: 3), replacement: "7")]))
        }
        // A fix overlapping the first, and one inserting where another edits: both deferred.
        fixes.append(Fix(.unsafe, "overlap", edits: [TextEdit(range: ByteRange(offset: 1, length: 1), replacement: "8")]))
        fixes.append(Fix(.unsafe, "insert", edits: [TextEdit(range: ByteRange(offset: 4, length: 0), replacement: " ")]))
        let result = bytes.withUnsafeBufferPointer { FixApplier.apply(fixes, to: $0) }
        XCTAssertEqual(result.applied.count, 1_000_000)
        XCTAssertEqual(result.deferred, 2)
        XCTAssertEqual(result.bytes.count, 2_000_000)
        XCTAssertEqual(Array(result.bytes.prefix(6)), Array("7,7,7,".utf8))
    }

    func testTakenRangesFindEveryConflict() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<200 {
            var taken = FixApplier.TakenRanges()
            var plain: [ByteRange] = []
            for _ in 0..<40 {
                let range = ByteRange(offset: Int.random(in: 0..<60, using: &generator), length: Int.random(in: 0..<4, using: &generator))
                let expected = plain.contains { FixApplier.overlap($0, range) }
                XCTAssertEqual(taken.conflicts(range), expected, "\(range) against \(plain)")
                if !expected {
                    taken.insert(range)
                    plain.append(range)
                }
            }
        }
    }

    // MARK: - Interrupted writes

    private func bigFixableFile(in scratch: ScratchFolder) throws -> (String, Data) {
        var text = "[\n"
        for index in 0..<2000 { text += #"  {"data": "https://b.s3.amazonaws.com/a\#(index).jpg", "externalId": "i\#(index)", "width": "6", "height": 4},"# + "\n" }
        text += #"  {"data": "https://b.s3.amazonaws.com/z.jpg", "externalId": "z"}"# + "\n]\n"
        let path = try scratch.write("big.json", text)
        return (path, Data(text.utf8))
    }

    /// The write of the fixed file is killed halfway (the file size limit, SIGXFSZ): the original
    /// is intact, byte for byte.
    func testAWriteKilledHalfwayLeavesTheOriginal() throws {
        let scratch = try ScratchFolder()
        let (path, original) = try bigFixableFile(in: scratch)
        // 64 blocks of 512 bytes: less than the file, more than the report.
        let result = try Hardening.run([path, "--fix", "--unsafe-fixes", "--quiet"], prefix: "ulimit -f 64;")
        XCTAssertNotNil(result.signal, "the write was expected to be killed: \(result.description)")
        XCTAssertEqual(try scratch.read("big.json"), original)
    }

    /// The same write failing with EFBIG (the signal ignored): the original is intact, the
    /// temporary file is removed, and the run says so and exits 2.
    func testAFailedWriteLeavesTheOriginalAndNoTemporaryFile() throws {
        let scratch = try ScratchFolder()
        let (path, original) = try bigFixableFile(in: scratch)
        let result = try Hardening.run([path, "--fix", "--unsafe-fixes", "--quiet"], prefix: "ulimit -f 64; trap '' XFSZ;")
        XCTAssertEqual(result.status, 2, result.description)
        XCTAssertTrue(result.standardError.contains("cannot write"), result.description)
        XCTAssertEqual(try scratch.read("big.json"), original)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path), ["big.json"])
    }
}
