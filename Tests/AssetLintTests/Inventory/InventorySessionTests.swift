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

/// `--inventory-unused` (I503): the listed images no asset URL of the run names, counted once per
/// bucket on its listing, across every file linted.
final class InventoryUnusedTests: XCTestCase {
    private func listing(_ folder: ScratchFolder) throws -> String {
        try folder.write("gcs.txt", (1...6).map { "gs://bucket/cats/\($0).jpg\n" }.joined() + "gs://bucket/cats/notes.txt\ngs://bucket/dogs/a.PNG\n")
    }

    func testImagesNamedByNoFileOfTheRunAreCountedOnTheListing() throws {
        let folder = try ScratchFolder()
        let listing = try listing(folder)
        let first = try folder.write("a.json", URLExamples.manifest(
            "https://storage.googleapis.com/bucket/cats/1.jpg", "https://storage.googleapis.com/bucket/cats/2.jpg"))
        // A second manifest names another object, through a dataset and an escaped URL.
        let second = try folder.write("b.json", #"[{"externalId": "x", "dataset": ["https://storage.googleapis.com/bucket/cats/3.jpg"]}, {"data": "https:\/\/storage.googleapis.com/bucket/cats/4.jpg", "externalId": "y"}]"#)
        let result = runSession {
            $0.paths = [first, second]
            $0.inventory = [InventorySource(path: listing)]
            $0.inventoryUnused = true
            $0.formats = [.init(format: .concise)]
        }
        XCTAssertEqual(result.status, 0, result.standardOutput + result.standardError)
        let lines = result.standardOutput.split(separator: "\n").filter { $0.contains("I503") }
        XCTAssertEqual(lines, [#"\#(listing):1:1: info[I503] gs://bucket: 3 listed images are named by no asset URL linted, such as "cats/5.jpg""#])
        let text = runSession {
            $0.paths = [first, second]
            $0.inventory = [InventorySource(path: listing)]
            $0.inventoryUnused = true
        }
        XCTAssertTrue(text.standardOutput.contains(#"= note: in listing order: "cats/5.jpg", "cats/6.jpg", "dogs/a.PNG""#), text.standardOutput)
    }

    func testEverythingNamedMeansNoFinding() throws {
        let folder = try ScratchFolder()
        let listing = try folder.write("gcs.txt", "gs://bucket/a.jpg\ngs://bucket/b.txt\n")
        let manifest = try folder.write("a.json", URLExamples.manifest("https://storage.googleapis.com/bucket/a.jpg"))
        let result = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: listing)]
            $0.inventoryUnused = true
            $0.formats = [.init(format: .json)]
        }
        XCTAssertEqual(result.status, 0)
        XCTAssertFalse(result.standardOutput.contains("I503"), result.standardOutput)
    }

    func testOnlyWithTheOptionAndAListing() throws {
        let folder = try ScratchFolder()
        let listing = try listing(folder)
        let manifest = try folder.write("a.json", URLExamples.manifest("https://storage.googleapis.com/bucket/cats/1.jpg"))
        let without = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: listing)]
            $0.formats = [.init(format: .json)]
        }
        XCTAssertFalse(without.standardOutput.contains("I503"), without.standardOutput)
        let noListing = runSession {
            $0.paths = [manifest]
            $0.inventoryUnused = true
        }
        XCTAssertEqual(noListing.status, 2)
        XCTAssertTrue(noListing.standardError.contains("--inventory-unused counts the objects of bucket listings"), noListing.standardError)
        // Ignored like any rule, and its severity configurable.
        let ignored = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: listing)]
            $0.inventoryUnused = true
            $0.lint.ignore = ["I503"]
            $0.formats = [.init(format: .json)]
        }
        XCTAssertFalse(ignored.standardOutput.contains("I503"), ignored.standardOutput)
    }

    func testEveryFormatAndTheBaseline() throws {
        let folder = try ScratchFolder()
        let listing = try listing(folder)
        let manifest = try folder.write("a.json", URLExamples.manifest("https://storage.googleapis.com/bucket/cats/1.jpg"))
        for format in OutputFormat.allCases {
            let result = runSession {
                $0.paths = [manifest]
                $0.inventory = [InventorySource(path: listing)]
                $0.inventoryUnused = true
                $0.formats = [.init(format: format)]
            }
            XCTAssertEqual(result.status, 0, "\(format)")
            XCTAssertTrue(result.standardOutput.contains("I503"), "\(format): \(result.standardOutput)")
        }
        let baseline = folder.path + "/baseline.json"
        let written = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: listing)]
            $0.inventoryUnused = true
            $0.writeBaselinePath = baseline
        }
        XCTAssertEqual(written.status, 0, written.standardError)
        let filtered = runSession {
            $0.paths = [manifest]
            $0.inventory = [InventorySource(path: listing)]
            $0.inventoryUnused = true
            $0.baselinePath = baseline
            $0.formats = [.init(format: .json)]
        }
        XCTAssertFalse(filtered.standardOutput.contains("\"I503\""), filtered.standardOutput)
    }
}
