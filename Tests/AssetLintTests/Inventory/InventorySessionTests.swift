import Foundation
import XCTest

@testable import AssetLint

/// `--inventory` and `inventory:`: where listings come from, how their problems are reported,
/// and what they do to the exit status.
final class InventorySessionTests: XCTestCase {
    func testConfigurationListingsAreRelativeToTheConfigurationFile() throws {
        let folder = try ScratchFolder()
        let config = try folder.write("sub/.assetlint.yml", """
            inventory:
              - listings/gcs.txt
              - s3://my-bucket=listings/ls.txt
            """)
        let configuration = try ConfigurationLoader.load(path: config) { _ in true }
        XCTAssertEqual(configuration.inventory, [
            InventorySource(path: folder.path + "/sub/listings/gcs.txt"),
            InventorySource(path: folder.path + "/sub/listings/ls.txt", bucket: BucketName(provider: .s3, name: "my-bucket")),
        ])
    }

    func testConfigurationErrorsPointAtTheEntry() throws {
        let folder = try ScratchFolder()
        let config = try folder.write(".assetlint.yml", "inventory:\n  - ok.txt\n  - s3://b/folder=ls.txt\n")
        let result = ConfigurationLoader.validate(path: config) { _ in true }
        XCTAssertEqual(result.errors.map(\.line), [3])
        XCTAssertTrue(result.errors[0].message.hasPrefix("'inventory[1]': 's3://b/folder' names an object or folder"), result.errors[0].message)
        let scalar = try folder.write("scalar.yml", "inventory: ls.txt\n")
        XCTAssertEqual(ConfigurationLoader.validate(path: scalar) { _ in true }.errors.first?.message, "'inventory' must be a list, found the string \"ls.txt\"; write [\"ls.txt\"]")
    }

    func testListingProblemsGoToStandardErrorAndTheLintGoesOn() throws {
        let folder = try ScratchFolder()
        let manifest = try folder.write("assets.json", #"[{"data": "https://storage.googleapis.com/bucket/a.jpg", "externalId": "a"}]"#)
        let listing = try folder.write("gcs.txt", "gs://bucket/a.jpg\nnot a listing line\n")
        let result = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: listing)]
        }
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardError, "\(listing):2: warning: not an object URL (gs://BUCKET/NAME), nor a gsutil or gcloud size and date before one: 'not a listing line'\n")
        XCTAssertTrue(result.standardOutput.contains("All checks passed"), result.standardOutput)
    }

    func testAnUnusableListingFailsTheRunAfterTheLint() throws {
        let folder = try ScratchFolder()
        let manifest = try folder.write("assets.json", #"[{"data": "https://storage.googleapis.com/bucket/a.jpg", "externalId": ""}]"#)
        let result = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: folder.path + "/missing.txt")]
        }
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.hasPrefix("\(folder.path)/missing.txt: error: "), result.standardError)
        XCTAssertTrue(result.standardOutput.contains("M115"), "the manifest is still linted")
    }

    func testCommandLineArgument() throws {
        let folder = try ScratchFolder()
        let manifest = try folder.write("assets.json", #"[{"data": "https://storage.googleapis.com/bucket/a.jpg", "externalId": "a"}]"#)
        let bad = try Package.run([manifest, "--inventory", "s3://b/x=y.txt"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.standardError.contains("--inventory: 's3://b/x' names an object or folder"), bad.standardError)
        let listing = try folder.write("ls.txt", "2024-03-01 10:00:00          1 a.jpg\n")
        let good = try Package.run([manifest, "--inventory", "s3://b=" + listing, "--inventory", InventoryTesting.fixture("gsutil-ls-r.txt")])
        XCTAssertEqual(good.status, 0, good.standardError)
        XCTAssertEqual(good.standardError, "")
    }
}
