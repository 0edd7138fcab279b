import Foundation
import XCTest
@testable import AssetLint

/// `--assets`: the index of the asset manifests, and how the command line loads it.
final class AssetIndexTests: XCTestCase {
    /// `ByteStringSet` against Swift's own set of byte arrays, over random strings with many
    /// near-duplicates (shared prefixes, one byte apart) and enough members to grow the table.
    func testByteStringSetMatchesASetOfArrays() {
        var generator = SystemRandomNumberGenerator()
        var set = ByteStringSet()
        var reference: Set<[UInt8]> = []
        let alphabet: [UInt8] = Array("ab/é".utf8)
        for _ in 0..<5_000 {
            let count = Int.random(in: 0..<12, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            bytes.withUnsafeBufferPointer { set.insert($0) }
            reference.insert(bytes)
        }
        XCTAssertEqual(set.count, reference.count)
        for _ in 0..<5_000 {
            let count = Int.random(in: 0..<12, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            XCTAssertEqual(bytes.withUnsafeBufferPointer { set.contains($0) }, reference.contains(bytes), "\(bytes)")
        }
    }

    func testIndexReadsExternalIdsAndDataDecoded() throws {
        let manifest = #"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "caf\u00e9"}, 7, {"externalId": 12}, {"data": "https://b.s3.amazonaws.com/b\/c.jpg", "externalId": "b", "externalId": "b2"}]"#
        let index = try AssetIndex.index(of: [SourceFile(path: "m.json", text: manifest)]).get()
        XCTAssertTrue(index.contains(externalID: "café"))
        XCTAssertTrue(index.contains(externalID: "b2"), "the last of repeated keys, as the hub reads it")
        XCTAssertFalse(index.contains(externalID: "b"))
        XCTAssertFalse(index.contains(externalID: "12"))
        XCTAssertEqual(index.externalIDCount, 2)
        let url = Array("https://b.s3.amazonaws.com/b/c.jpg".utf8)
        XCTAssertTrue(url.withUnsafeBufferPointer { index.contains(data: $0) })
    }

    func testManifestsThatCannotBeUsedAreErrors() {
        func error(_ text: String) -> String? {
            if case .failure(let error) = AssetIndex.index(of: [SourceFile(path: "m.json", text: text)]) { return error.description }
            return nil
        }
        XCTAssertEqual(error(#"{"data": "x"}"#), "error: --assets m.json: not an asset manifest: its top level is not a JSON array")
        XCTAssertEqual(error("[{\"externalId\": \"a\"},\n {\"externalId\": }]"),
                       "error: --assets m.json: not valid JSON at line 2, column 17 (expected a value, found '}'); lint it on its own first")
        XCTAssertNil(error("[]"))
        if case .failure(let failure) = AssetIndex.load(paths: ["/no/such/manifest.json"]) {
            XCTAssertTrue(failure.description.hasPrefix("error: --assets /no/such/manifest.json: "), failure.description)
        } else {
            XCTFail("a missing manifest loads")
        }
    }

    func testCommandLineAndConfiguration() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assetlint-assets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("assets"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"[{"data": "https://i.imgur.com/CzXTtJV.jpg", "externalId": "cute-cat.jpg"}]"#.write(
            to: folder.appendingPathComponent("assets/manifest.json"), atomically: true, encoding: .utf8)
        let labels = folder.appendingPathComponent("labels.json")
        try #"[{"externalId": "cute-cat.jpg", "objects": []}, {"externalId": "cute-dog.jpg", "objects": []}]"#.write(to: labels, atomically: true, encoding: .utf8)

        let without = runSession { $0.paths = [labels.path]; $0.workingDirectory = folder.path }
        XCTAssertEqual(without.status, 0, without.standardOutput)
        let with = runSession {
            $0.paths = [labels.path]; $0.workingDirectory = folder.path
            $0.assetManifests = [folder.appendingPathComponent("assets/manifest.json").path]
            $0.formats = [.init(format: .concise)]
        }
        XCTAssertEqual(with.status, 1)
        XCTAssertTrue(with.standardOutput.contains("error[L509] externalId \"cute-dog.jpg\" is in no asset manifest"), with.standardOutput)
        let missing = runSession { $0.paths = [labels.path]; $0.workingDirectory = folder.path; $0.assetManifests = ["/no/such.json"] }
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.standardError.hasPrefix("error: --assets /no/such.json:"), missing.standardError)

        // labels.assets in the configuration, relative to it.
        try "labels:\n  assets: [assets/manifest.json]\n".write(to: folder.appendingPathComponent(".assetlint.yml"), atomically: true, encoding: .utf8)
        let configured = runSession { $0.paths = [labels.path]; $0.workingDirectory = folder.path; $0.formats = [.init(format: .concise)] }
        XCTAssertEqual(configured.status, 1, configured.standardError)
        XCTAssertTrue(configured.standardOutput.contains("L509"), configured.standardOutput)
        try "labels:\n  assets: assets/manifest.json\n".write(to: folder.appendingPathComponent(".assetlint.yml"), atomically: true, encoding: .utf8)
        let wrong = runSession { $0.paths = [labels.path]; $0.workingDirectory = folder.path }
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.standardError.contains("'labels.assets' must be a list"), wrong.standardError)
    }

    func testTheExecutableTakesAssetsOptions() throws {
        let result = try Package.run([Package.fixture("hub/docs/labels-bounding-box.json"), "--assets", Package.fixture("hub/docs/cloud-import-public.json"), "--format", "concise"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardOutput.contains("L509"), result.standardOutput)
    }
}
