import Foundation
import XCTest

@testable import AssetLint

/// The issue's done-when scenario: a generated bucket of 200,000 objects across a GCS listing and
/// an S3 Inventory CSV, a manifest with an item per object, and planted missing objects and near
/// misses of every kind. Every planted one is reported on its line, every near miss named; no
/// listed object is reported.
final class InventoryScenarioTests: XCTestCase {
    enum Plant: CaseIterable {
        case missing, nfd, plus, percent, trailingSpace, invisible, imageExtension, letterCase

        var kind: NearMissKind? {
            switch self {
            case .missing: nil
            case .nfd: .unicodeNormalization
            case .plus: .plusOrSpace
            case .percent: .percentEncoding
            case .trailingSpace, .invisible: .invisibleCharacter
            case .imageExtension: .imageExtension
            case .letterCase: .letterCase
            }
        }

        /// The key the listing holds for an item that asks for `key` (nil: none).
        func listed(_ key: String) -> String? {
            switch self {
            case .missing: nil
            case .nfd: key.decomposedStringWithCanonicalMapping
            case .plus: key.replacingOccurrences(of: " ", with: "+")
            case .percent: key.replacingOccurrences(of: " ", with: "%20")
            case .trailingSpace: key + " "
            case .invisible: key.replacingOccurrences(of: ".jpg", with: "\u{200B}.jpg")
            case .imageExtension: key.replacingOccurrences(of: ".jpg", with: ".jpeg")
            case .letterCase: key.uppercased()
            }
        }
    }

    func testTwoHundredThousandObjectsWithPlantedMissesAndNearMisses() throws {
        let folder = try ScratchFolder()
        let words = ["cat", "dog", "café", "Zürich", "東京", "crème brûlée"]
        // Each word as a URL path writes it and as an S3 Inventory CSV writes it (form encoding).
        let inURL = words.map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        let inCSV = words.map { Self.formEncoded($0) }
        var gcs = "gs://my-bucket/:\n", csv = "", manifest = "[\n"
        var planted: [Int: (Plant, String?)] = [:]
        let count = 200_000
        for number in 0..<count {
            let thousand = number / 1000
            // One planted item per thousand, on GCS and S3 in turn, cycling through the kinds.
            let plant = number % 1000 == (thousand % 2 == 0 ? 998 : 999) ? Plant.allCases[thousand % Plant.allCases.count] : nil
            // An NFD near miss needs an accent.
            let word = plant == .nfd ? 2 : number % words.count
            let key = "\(words[word]) \(number)/photo_\(number).jpg"
            let url = "\(inURL[word])%20\(number)/photo_\(number).jpg"
            if number % 2 == 0 {
                if let plant {
                    let listed = plant.listed(key)
                    planted[number] = (plant, listed)
                    if let listed { gcs += "gs://my-bucket/\(listed)\n" }
                } else {
                    gcs += "gs://my-bucket/\(key)\n"
                }
                manifest += #"  {"data": "https://storage.googleapis.com/my-bucket/\#(url)", "externalId": "a\#(number)"}"#
            } else {
                if let plant {
                    let listed = plant.listed(key)
                    planted[number] = (plant, listed)
                    if let listed { csv += "\"my-bucket\",\"\(Self.formEncoded(listed))\",\"1024\"\n" }
                } else {
                    csv += "\"my-bucket\",\"\(inCSV[word])+\(number)%2Fphoto_\(number).jpg\",\"1024\"\n"
                }
                manifest += #"  {"data": "https://my-bucket.s3.eu-central-1.amazonaws.com/\#(url)", "externalId": "a\#(number)"}"#
            }
            manifest += number + 1 < count ? ",\n" : "\n]\n"
        }
        XCTAssertEqual(planted.count, 200)
        XCTAssertEqual(Set(planted.values.map { "\($0.0)" }).count, Plant.allCases.count)
        let load = InventoryLoader.load([
            InventorySource(path: try folder.write("gcs.txt", gcs)), InventorySource(path: try folder.write("inventory.csv", csv)),
        ])
        XCTAssertEqual(load.problems, [])
        XCTAssertEqual(load.listings.map(\.objects).reduce(0, +), count - planted.values.filter { $0.1 == nil }.count)

        var options = LintOptions(kind: .manifest)
        options.inventory = load.inventory
        let report = Linter(configuration: Configuration(directory: "."), options: options)
            .lint(path: try folder.write("manifest.json", manifest))
        let found = report.diagnostics.filter { $0.ruleID.hasPrefix("I") }
        XCTAssertEqual(found.count, planted.count, "one finding per planted item, none on a listed object")
        let source = try XCTUnwrap(report.source)
        for diagnostic in found {
            XCTAssertEqual(diagnostic.ruleID, "I501")
            let item = Int(diagnostic.pointer.split(separator: "/")[0])!
            XCTAssertEqual(source.position(of: diagnostic.range.offset).line, item + 2, "reported on the item's line")
            guard let (plant, listed) = planted.removeValue(forKey: item) else {
                XCTFail("item \(item) is listed but reported: \(diagnostic.message)")
                continue
            }
            if let kind = plant.kind, let listed {
                XCTAssertTrue(diagnostic.told.contains(ScalarNames.quoted(listed, limit: 80)), "\(plant): \(diagnostic.told)")
                XCTAssertTrue(diagnostic.told.contains(kind.phrase), "\(plant): \(diagnostic.told)")
                XCTAssertNotNil(diagnostic.fix, "\(plant)")
            } else {
                XCTAssertFalse(diagnostic.told.contains("the listing has"), diagnostic.told)
            }
        }
        XCTAssertEqual(planted.keys.sorted(), [], "planted but not reported")
    }

    /// As S3 Inventory writes a key: URL-encoded, a space as `+`.
    static func formEncoded(_ key: String) -> String {
        key.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._ "))!
            .replacingOccurrences(of: " ", with: "+")
    }
}
