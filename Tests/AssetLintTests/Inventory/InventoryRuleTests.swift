import Foundation
import XCTest

@testable import AssetLint

/// I501 and I502 through the engine: the bare-item shortcut looks objects up, split files give the
/// same findings, fixes point URLs at listed objects, and the done-when scenario at full size.
final class InventoryRuleTests: XCTestCase {
    /// Listings given as (`BUCKET=` or "", text).
    private func inventory(_ listings: [(String, String)]) throws -> Inventory {
        let folder = try ScratchFolder()
        let sources = try listings.enumerated().map { index, listing in
            try InventorySource.parse(listing.0 + folder.write("listing-\(index).txt", listing.1)).get()
        }
        let load = InventoryLoader.load(sources)
        XCTAssertEqual(load.problems, [])
        return load.inventory
    }

    private func lint(_ text: String, inventory: Inventory, configure: (inout LintOptions) -> Void = { _ in }) -> [Diagnostic] {
        var options = LintOptions(kind: .manifest)
        options.inventory = inventory
        configure(&options)
        return Linter(configuration: Configuration(directory: "."), options: options)
            .lint(SourceFile(path: "m.json", text: text)).diagnostics
    }

    func testTheBareItemShortcutLooksObjectsUp() throws {
        let manifest = URLExamples.manifest(
            "https://storage.googleapis.com/bucket/a.jpg", "https://storage.googleapis.com/bucket/missing.jpg",
            "https://storage.googleapis.com/unlisted/b.jpg", "https://storage.googleapis.com/unlisted/c.jpg")
        let listed = try inventory([("", "gs://bucket/a.jpg\n")])
        let taken = Captured()
        // (U213 would note the second bucket; not what this is about.)
        let without = lint(manifest, inventory: .empty) {
            $0.ignore = ["U213"]
            $0.bareItemsObserver = { taken.append("\($0) ") }
        }
        XCTAssertEqual(without.map(\.ruleID), [])
        XCTAssertEqual(taken.text, "4 ", "the shortcut takes every bare item without a listing")
        let some = Captured()
        let with = lint(manifest, inventory: listed) {
            $0.ignore = ["U213"]
            $0.bareItemsObserver = { some.append("\($0) ") }
        }
        // The listed object and the second URL into the noted bucket; the miss and the first URL
        // into a bucket without a listing go to the rules.
        XCTAssertEqual(some.text, "2 ")
        XCTAssertEqual(with.map(\.ruleID), ["I501", "I502"])
        XCTAssertEqual(with.map(\.pointer), ["/1/data", "/2/data"])
        let rules = lint(manifest, inventory: listed) {
            $0.ignore = ["U213"]
            $0.engine = .reference
        }
        XCTAssertEqual(rules.map(Self.describe), with.map(Self.describe))
    }

    func testEveryKindOfURLIsLookedUp() throws {
        let listed = try inventory([("", "gs://bucket/photos/a b.jpg\ngs://bucket/x.png\n"), ("s3://s3-bucket=", "2024-03-01 10:00:00          1 k+1.jpg\n")])
        let manifest = """
            [
              {"data": "https://storage.googleapis.com/bucket/photos/a%20b.jpg", "externalId": "clean"},
              {"data": "https://storage.googleapis.com/bucket/photos/a b.jpg", "externalId": "raw space"},
              {"data": "https://bucket.storage.googleapis.com/photos/a%20b.jpg", "externalId": "virtual host"},
              {"data": "gs://bucket/x.png", "externalId": "gs uri"},
              {"data": "https://storage.googleapis.com/bucket/photos/a\\u0020b.jpg", "externalId": "escaped"},
              {"data": "https://s3-bucket.s3.amazonaws.com/k%2B1.jpg", "externalId": "s3 plus"},
              {"externalId": "dataset", "dataset": ["https://storage.googleapis.com/bucket/x.png", "https://storage.googleapis.com/bucket/y.png"]},
              {"data": "https://url-to.asset/video.mp4", "externalId": "attachment", "attachments": [
                {"type": "IMAGE", "value": "https://storage.googleapis.com/bucket/z.png"}, {"type": "TEXT", "value": "gs://bucket/t.png"}]}
            ]
            """
        let found = lint(manifest, inventory: listed).filter { $0.ruleID.hasPrefix("I") }
        XCTAssertEqual(found.map(\.pointer), ["/6/dataset/1", "/7/attachments/0/value"])
        XCTAssertTrue(found[0].told.contains("\"y.png\""), found[0].told)
    }

    func testAttachmentImportsAreLookedUpToo() throws {
        let listed = try inventory([("", "gs://bucket/clips/a.mp4\ngs://bucket/scans/B.png\n")])
        let attachments = """
            [
              {"externalId": "one", "attachments": [
                {"type": "VIDEO", "value": "https://storage.googleapis.com/bucket/clips/a.mp4"},
                {"type": "IMAGE", "value": "https://storage.googleapis.com/bucket/scans/b.png"},
                {"type": "TEXT", "value": "https://storage.googleapis.com/bucket/not-an-asset.txt"}]},
              {"externalId": "two", "attachments": [{"type": "IMAGE", "value": "https://other.s3.amazonaws.com/x.png"}]}
            ]
            """
        for engine in LintEngine.allCases {
            var options = LintOptions(kind: .attachments, engine: engine)
            options.inventory = listed
            let found = Linter(configuration: Configuration(directory: "."), options: options)
                .lint(SourceFile(path: "attachments.json", text: attachments)).diagnostics.filter { $0.ruleID.hasPrefix("I") }
            XCTAssertEqual(found.map(\.ruleID), ["I501", "I502"], "\(engine)")
            XCTAssertEqual(found.map(\.pointer), ["/0/attachments/1/value", "/1/attachments/0/value"], "\(engine)")
            XCTAssertTrue(found.first?.told.contains("\"scans/B.png\"") == true, found.first?.told ?? "")
        }
    }

    func testSplitFilesGiveTheSameFindingsAndOneNotePerBucket() throws {
        var urls: [String] = []
        var listing = ""
        for number in 0..<3000 {
            let key = "images/\(number)/photo \(number).jpg"
            if number % 97 != 5 { listing += "gs://bucket/\(key)\n" }
            if number % 131 == 7 { listing += "gs://bucket/images/\(number)/Photo \(number).JPG\n" }
            urls.append(number % 500 == 3 ? "https://other-\(number / 500 % 2).s3.amazonaws.com/\(number).jpg"
                        : "https://storage.googleapis.com/bucket/" + key.replacingOccurrences(of: " ", with: "%20"))
        }
        let listed = try inventory([("", listing)])
        let manifest = URLExamples.manifest(urls)
        let serial = lint(manifest, inventory: listed) { $0.splitThreshold = .max }
        let used = Captured()
        let parts = lint(manifest, inventory: listed) {
            $0.splitThreshold = 0
            $0.partsObserver = { used.append("\($0)") }
        }
        XCTAssertNotEqual(used.text, "", "checked in parts")
        XCTAssertNotEqual(used.text, "1")
        XCTAssertEqual(parts.map(Self.describe), serial.map(Self.describe))
        XCTAssertEqual(serial.filter { $0.ruleID == "I502" }.map(\.message), [
            "no --inventory listing covers s3://other-0; its objects are not checked",
            "no --inventory listing covers s3://other-1; its objects are not checked",
        ])
        XCTAssertEqual(serial.filter { $0.ruleID == "I501" }.count, (0..<3000).filter { $0 % 97 == 5 && $0 % 500 != 3 }.count)
    }

    func testUnsafeFixPointsTheURLAtTheListedObjectAndASecondRunIsClean() throws {
        let folder = try ScratchFolder()
        let listing = try folder.write("ls.txt", "gs://bucket/IMG 0001.JPG\ngs://bucket/cafe\u{301}.jpg\ngs://bucket/a+b.png\n")
        let manifest = try folder.write("assets.json", URLExamples.manifest(
            "https://storage.googleapis.com/bucket/img%200001.jpeg", "https://storage.googleapis.com/bucket/caf%C3%A9.jpg",
            "https://storage.googleapis.com/bucket/a%20b.png"))
        let first = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: listing)]
            $0.fix = true
            $0.unsafeFixes = true
        }
        XCTAssertEqual(first.status, 0, first.standardOutput + first.standardError)
        let fixed = try String(contentsOfFile: manifest, encoding: .utf8)
        XCTAssertTrue(fixed.contains("https://storage.googleapis.com/bucket/IMG%200001.JPG"), fixed)
        XCTAssertTrue(fixed.contains("https://storage.googleapis.com/bucket/cafe%CC%81.jpg"), fixed)
        XCTAssertTrue(fixed.contains("https://storage.googleapis.com/bucket/a%2Bb.png"), fixed)
        let second = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: listing)]
            $0.formats = [.init(format: .json)]
        }
        XCTAssertFalse(second.standardOutput.contains("\"I501\""), second.standardOutput)
        // The NFD object's URL is NFD, and U207 does not ask for it back in NFC while the listing has it.
        XCTAssertFalse(second.standardOutput.contains("\"U207\""), second.standardOutput)
        XCTAssertEqual(second.status, 0, second.standardOutput)
    }

    /// With a listing of the bucket, the listing decides between NFC and NFD: U207 (and U203's note
    /// of it) stays silent, I501 names the form the listing has, and its fix is safe when that is
    /// the only difference.
    func testTheListingDecidesBetweenNFCAndNFD() throws {
        let folder = try ScratchFolder()
        let listing = try folder.write("ls.txt", "gs://bucket/caf\u{E9}.jpg\ngs://bucket/the\u{301}.jpg\ngs://bucket/na\u{EF}ve.jpg\n")
        let manifest = try folder.write("assets.json", URLExamples.manifest(
            "https://storage.googleapis.com/bucket/cafe%CC%81.jpg", "https://storage.googleapis.com/bucket/the%CC%81.jpg",
            "https://storage.googleapis.com/bucket/cre%CC%80me.jpg", "https://storage.googleapis.com/bucket/nai\u{308}ve.jpg"))
        let findings = { (inventory: [InventorySource]) in
            runSession {
                $0.paths = [manifest]
                $0.inventory = inventory
                $0.formats = [.init(format: .concise)]
            }.standardOutput.split(separator: "\n").compactMap { line -> String? in
                guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]") else { return nil }
                let lineNumber = line.split(separator: ":")[1]
                return "\(lineNumber) \(line[line.index(after: open)..<close])"
            }
        }
        // Without the listing the rules can only guess.
        XCTAssertEqual(findings([]), ["2 U207", "3 U207", "4 U207", "5 U203"])
        XCTAssertEqual(findings([InventorySource(path: listing)]), ["2 I501", "4 I501", "5 I501", "5 U203"])
        let json = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: listing)]
            $0.formats = [.init(format: .json)]
        }
        let report = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let diagnostics = ((report?["files"] as? [[String: Any]])?.first?["diagnostics"] as? [[String: Any]]) ?? []
        let u203 = diagnostics.first { $0["rule"] as? String == "U203" }
        XCTAssertEqual((u203?["related"] as? [Any])?.count ?? 0, 0, "U203 notes no U207 for a listed bucket")
        let fixes = diagnostics.filter { $0["rule"] as? String == "I501" }.map { ($0["fix"] as? [String: Any])?["applicability"] as? String ?? "none" }
        XCTAssertEqual(fixes, ["safe", "none", "safe"])
        // Safe fixes only: the URLs name the listed NFC objects, and the next run is left with the missing one.
        let fixed = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: listing)]
            $0.fix = true
        }
        XCTAssertEqual(fixed.status, 1, fixed.standardOutput + fixed.standardError)
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        XCTAssertTrue(text.contains("bucket/caf%C3%A9.jpg"), text)
        XCTAssertTrue(text.contains("bucket/the%CC%81.jpg"), text)
        XCTAssertTrue(text.contains("bucket/na%C3%AFve.jpg"), text)
        XCTAssertEqual(findings([InventorySource(path: listing)]), ["4 I501"])
    }

    func testMachineFormatsAndBaseline() throws {
        let folder = try ScratchFolder()
        let listing = try folder.write("ls.txt", "gs://bucket/a.jpg\n")
        let manifest = try folder.write("assets.json", URLExamples.manifest("https://storage.googleapis.com/bucket/A.jpg"))
        let json = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: listing)]
            $0.formats = [.init(format: .json)]
        }
        XCTAssertEqual(json.status, 1)
        let report = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let diagnostics = ((report?["files"] as? [[String: Any]])?.first?["diagnostics"] as? [[String: Any]]) ?? []
        XCTAssertEqual(diagnostics.first?["rule"] as? String, "I501")
        XCTAssertEqual((diagnostics.first?["fix"] as? [String: Any])?["applicability"] as? String, "unsafe")
        for format in [OutputFormat.sarif, .junit, .github] {
            let out = runSession {
                $0.paths = [manifest]
                $0.inventory = [InventorySource(path: listing)]
                $0.formats = [.init(format: format)]
            }
            XCTAssertTrue(out.standardOutput.contains("I501"), "\(format)")
        }
        let baseline = folder.path + "/baseline.json"
        _ = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: listing)]
            $0.writeBaselinePath = baseline
        }
        let again = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: listing)]
            $0.baselinePath = baseline
        }
        XCTAssertEqual(again.status, 0, again.standardOutput)
    }
}

extension InventoryRuleTests {
    static func describe(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.ruleID) \(diagnostic.range.offset)+\(diagnostic.range.length) \(diagnostic.pointer) \(diagnostic.message) \(diagnostic.fix.map { "\($0.edits)" } ?? "")"
    }
}

extension URLExamples {
    static func manifest(_ urls: [String]) -> String {
        "[\n" + urls.enumerated().map { #"  {"data": "\#($1)", "externalId": "asset-\#($0 + 1)"}"# }.joined(separator: ",\n") + "\n]"
    }
}
