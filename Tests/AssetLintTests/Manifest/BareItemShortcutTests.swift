import Foundation
import XCTest

@testable import AssetLint

/// `BareItemShortcut` takes bare items without the parser and the rules. The report must be
/// exactly the reference engine's, whatever the items hold; and the shortcut must really take the
/// bare items, or it would be tested on nothing.
final class BareItemShortcutTests: XCTestCase {
    // MARK: - Reading a bare item

    func testReadsTheBareShapeInAnyOrderAndSpacing() throws {
        let text = #"{ "height" :12,"data":"https://b/x.jpg" ,\#t"externalId": "東京-1", "width": 640 }"#
        let file = SourceFile(path: "m.json", text: text + ",")
        let item = try XCTUnwrap(BareItem.read(file.bytes, at: 0))
        XCTAssertEqual(item.end, text.utf8.count)
        XCTAssertEqual(item.width, 640)
        XCTAssertEqual(item.height, 12)
        XCTAssertTrue(item.externalIDIsNonASCII)
        XCTAssertEqual(String(decoding: file.bytes[item.data], as: UTF8.self), #""https://b/x.jpg""#)
        XCTAssertEqual(String(decoding: file.bytes[item.externalID], as: UTF8.self), #""東京-1""#)
        let minimal = SourceFile(path: "m.json", text: #"{"externalId":"a","data":""}"#)
        XCTAssertNotNil(BareItem.read(minimal.bytes, at: 0))
    }

    func testRefusesEverythingElse() {
        let refused = [
            #"{"data": "a", "externalId": "b", "width": 1}"#,  // a lone dimension
            #"{"data": "a"}"#, #"{"externalId": "b"}"#, "{}", "[]", #""x""#,
            #"{"data": "a", "externalId": "b", "data": "c"}"#,  // a duplicate key
            #"{"data": "a", "externalId": "b", "metadata": {}}"#,  // another member
            #"{"d\u0061ta": "a", "externalId": "b"}"#, #"{"data": "a\/", "externalId": "b"}"#,  // escapes
            #"{"data": "a", "externalId": "b\#tc"}"#,  // a raw tab
            "{\"data\": \"a\", \"externalId\": \"b\u{7F}\"}".replacingOccurrences(of: "\u{7F}", with: "\n"),
            #"{"data": 1, "externalId": "b"}"#, #"{"data": "a", "externalId": null}"#,
            #"{"data": "a", "externalId": "b", "width": 0, "height": 1}"#,
            #"{"data": "a", "externalId": "b", "width": 01, "height": 1}"#,
            #"{"data": "a", "externalId": "b", "width": -1, "height": 1}"#,
            #"{"data": "a", "externalId": "b", "width": 1.5, "height": 1}"#,
            #"{"data": "a", "externalId": "b", "width": 1e3, "height": 1}"#,
            #"{"data": "a", "externalId": "b", "width": 1234567890123456, "height": 1}"#,
            #"{"data": "a", "externalId": "b", "width": "1", "height": 1}"#,
            #"{"data": "a", "externalId": "b",}"#, #"{"data": "a", "externalId": "b""#, #"{"data": "a" "externalId": "b"}"#,
            #"{"data": "a", "externalId": "b"]"#, #"{"data" "a", "externalId": "b"}"#, #"{"dat": "a", "externalId": "b"}"#,
            #"{"database": "a", "externalId": "b"}"#, #"{"data": "a", "externalIds": "b"}"#, #"{"data": "a", "externalI": "b"}"#,
            #"{"data": "a", "externalId": "b", "widths": 1, "height": 1}"#, #"{"data": "a", "externalId": "b", "width": 1, "Height": 1}"#,
            #"{"data":"#, #"{"externalId"#,
        ]
        for text in refused {
            let file = SourceFile(path: "m.json", text: text)
            XCTAssertNil(BareItem.read(file.bytes, at: 0), text)
        }
        var invalidUTF8 = Array(#"{"data": "a", "externalId": "b"#.utf8)
        invalidUTF8 += [0xC3, 0x28]
        invalidUTF8 += Array(#""}"#.utf8)
        let file = SourceFile(path: "m.json", bytes: invalidUTF8)
        XCTAssertNil(BareItem.read(file.bytes, at: 0))
    }

    // MARK: - Same report as the rules

    func testSameReportAsTheReferenceEngineOnGeneratedManifests() {
        var generator = SeededGenerator(seed: 0xBA5E)
        var taken = 0
        for round in 0..<3 {
            let items = (0..<1500).map { Self.randomItem($0, using: &generator) }
            let text = "[\n  " + items.joined(separator: ",\n  ") + "\n]\n"
            for (name, configuration) in Self.configurations {
                let (direct, rules, count) = DifferentialTests.lintBothWays(text, configuration: configuration, parts: round % 2 == 1)
                XCTAssertEqual(DifferentialTests.describe(direct), DifferentialTests.describe(rules), "\(name), round \(round)")
                XCTAssertEqual(direct.source?.redactions, rules.source?.redactions, "\(name), round \(round)")
                taken += count
            }
        }
        // Most generated items are bare and quiet, so the comparison covered the shortcut.
        XCTAssertGreaterThan(taken, 3 * 1500 * Self.configurations.count / 4)
    }

    /// With bucket listings the shortcut takes an item only when the I rules' recorder finds its
    /// object listed (or its bucket without a listing and noted already), and the report is the
    /// reference engine's, serial and in parts.
    func testSameReportAsTheReferenceEngineWithBucketListings() {
        var generator = SeededGenerator(seed: 0x1257)
        var taken = 0, missed = 0
        for round in 0..<3 {
            let items = (0..<1500).map { Self.randomItem($0, using: &generator) }
            let text = "[\n  " + items.joined(separator: ",\n  ") + "\n]\n"
            let inventory = Self.listing(of: text, using: &generator)
            for (name, configuration) in Self.configurations + Self.inventoryConfigurations {
                let (direct, rules, count) = DifferentialTests.lintBothWays(
                    text, configuration: configuration, parts: round % 2 == 1, inventory: inventory)
                XCTAssertEqual(DifferentialTests.describe(direct), DifferentialTests.describe(rules), "\(name), round \(round)")
                taken += count
                missed += direct.diagnostics.filter { $0.ruleID == "I501" }.count
            }
        }
        XCTAssertGreaterThan(taken, 3 * 1500 * Self.configurations.count / 5)
        XCTAssertGreaterThan(missed, 3 * 1500 / 10, "objects were missed, so the shortcut left items to the rules")
    }

    func testTakesPlainItemsWithTheDefaultRulesOnly() throws {
        let items = (0..<200).map { #"{"data": "https://b.s3.amazonaws.com/p/\#($0).jpg", "externalId": "id-\#($0)", "width": 5, "height": 6}"# }
        let text = "[" + items.joined(separator: ",") + "]"
        XCTAssertEqual(DifferentialTests.lintBothWays(text, configuration: Configuration(directory: "."), parts: false).bare, 200)
        // A custom rule is called on every item and the shortcut cannot stand in for it.
        let custom = try ConfigurationLoader.load(
            yaml: "custom:\n  - id: X001\n    name: slug\n    kind: manifest\n    pointer: /*/externalId\n    pattern: \"^[a-z]+$\"\n    message: slug\n",
            path: ".assetlint.yml", directory: ".", isKnownRuleSelector: { _ in false })
        let (direct, rules, taken) = DifferentialTests.lintBothWays(text, configuration: custom, parts: false)
        XCTAssertEqual(taken, 0)
        XCTAssertEqual(DifferentialTests.describe(direct), DifferentialTests.describe(rules))
        XCTAssertEqual(direct.diagnostics.count, 200)
        // An object inside the top-level array is already too deep for `json.maxDepth: 1`.
        var shallow = Configuration(directory: ".")
        shallow.json.maxDepth = 1
        XCTAssertEqual(DifferentialTests.lintBothWays(text, configuration: shallow, parts: false).bare, 0)
    }

    // MARK: - Support

    private static let configurations: [(String, Configuration)] = {
        var buckets = Configuration(directory: ".")
        buckets.storage.buckets = ["my-bucket", "gs://other"]
        var small = Configuration(directory: ".")
        small.assets.maxDimension = 5000
        small.assets.extensions = ["jpg", "png"]
        var idsOnly = Configuration(directory: ".")
        idsOnly.rules.select = ["M110", "M111", "M112"]
        var urlsOnly = Configuration(directory: ".")
        urlsOnly.rules.select = ["U"]
        return [("default", Configuration(directory: ".")), ("buckets", buckets), ("small", small), ("ids", idsOnly), ("urls", urlsOnly)]
    }()

    private static let inventoryConfigurations: [(String, Configuration)] = {
        var inventoryOnly = Configuration(directory: ".")
        inventoryOnly.rules.select = ["I"]
        var withoutI502 = Configuration(directory: ".")
        withoutI502.rules.ignore = ["I502"]
        return [("inventory only", inventoryOnly), ("without I502", withoutI502)]
    }()

    /// Listings of the `my-bucket` buckets (GCS and S3) holding most of the objects the manifest's
    /// `data` URLs name, as the full URL analysis finds them, some with a near miss beside them
    /// and some only as a near miss. Other buckets have no listing.
    static func listing(of text: String, using generator: inout SeededGenerator) -> Inventory {
        let file = SourceFile(path: "m.json", text: text)
        var tree = JSONTree(source: file)
        var parser = JSONParser(source: file)
        _ = parser.parseDocument(into: &tree)
        var stores: [BucketName: ObjectKeyStore] = [:]
        for item in tree.children(of: tree.root) {
            guard let node = tree.member("data", of: item), let url = tree.string(node),
                  let location = AssetURL(node: node, text: Array(url.utf8)).location, location.bucket == "my-bucket" else { continue }
            let bucket = BucketName(location)
            var key = location.keyBytes
            switch Int.random(in: 0..<8, using: &generator) {
            case 0: continue
            case 1: key = Array(String(decoding: key, as: UTF8.self).uppercased().utf8)
            case 2: stores[bucket, default: ObjectKeyStore()].insert(key + [0x20])
            default: break
            }
            stores[bucket, default: ObjectKeyStore()].insert(key)
        }
        return Inventory(buckets: stores.map { ListedBucket(bucket: $0.key, listings: ["listing"], keys: $0.value) })
    }

    /// Mostly bare, quiet items, with every way an item can stop being either.
    static func randomItem(_ index: Int, using generator: inout SeededGenerator) -> String {
        func pick<T>(_ choices: [T]) -> T { choices[Int.random(in: 0..<choices.count, using: &generator)] }
        // Each part on its own, so that many items have exactly one thing wrong.
        func quietly() -> Bool { Int.random(in: 0..<6, using: &generator) != 0 }
        let host = quietly() ? pick(["https://my-bucket.s3.eu-central-1.amazonaws.com/", "https://storage.googleapis.com/my-bucket/"])
            : pick(["https://other.s3.amazonaws.com/", "https://storage.googleapis.com/other/", "http://my-bucket.s3.amazonaws.com/",
                    "https://example.com/", "gs://my-bucket/", "https://MY-bucket.s3.amazonaws.com/", "https://my-bucket.s3.amazonaws.com/./"])
        let name = quietly() ? pick(["cat", "caf%C3%A9", "a%20b", "x-ray"])
            : pick(["a+b", "a b", "caf%E9", "cafe%CC%81", "a%2520b", "a%zz", "what?", "a#b", "caf\u{E9}", "a\\u0041", "."])
        let ext = quietly() ? pick(["jpg", "png", "JPG"]) : pick(["pdf", "txt", "", "mp4", "jpg%20"])
        let id = quietly() ? pick(["id-\(index)", "東京-\(index)", "caf\u{E9}-\(index)", "dup-\(index % 50)"])
            : pick(["", " lead-\(index)", "tab\\t\(index)", "cafe\u{301}-\(index % 7)", "caf\u{E9}-\(index % 7)", "scan-l\(index % 5)",
                    "scan-1\(index % 5)", "zero\u{200B}width", "esc\\u00e9-\(index)", "line\u{2028}sep"])
        var members = [#""data": "\#(host)\#(name)/\#(index).\#(ext)""#, #""externalId": "\#(id)""#]
        switch Int.random(in: 0..<10, using: &generator) {
        case 0..<5: members += [#""width": \#(Int.random(in: 1...8000, using: &generator))"#, #""height": \#(Int.random(in: 1...8000, using: &generator))"#]
        case 5..<7: break
        case 7: members.append(pick([#""width": 0"#, #""height": 12"#, #""width": 1.5, "height": 2"#, #""width": 120000, "height": 5"#, #""width": "5", "height": 5"#]))
        case 8: members.append(pick([#""metadata": {"k": 1}"#, #""metadata": 3"#, #""dataset": ["https://b.s3.amazonaws.com/x.jpg"]"#,
                                     #""batches": ["b"]"#, #""extra": true"#, #""data": "https://storage.googleapis.com/my-bucket/again.jpg""#]))
        default: members.append(#""metadata": {"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n"}"#)
        }
        if Int.random(in: 0..<3, using: &generator) == 0 { members.reverse() }
        let separator = pick([", ", ",", " ,\n    ", ",\t"])
        return "{" + members.joined(separator: separator) + "}"
    }
}
