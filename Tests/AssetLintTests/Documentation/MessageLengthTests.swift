import Foundation
import XCTest
@testable import AssetLint

/// A message is one short sentence saying what is wrong and where; the why and the how belong to
/// the help line, the fix description and the rule page. Editors' problem panels and CI
/// annotations cut long messages, so the length is held over every message the fixtures and the
/// rules' own examples produce.
final class MessageLengthTests: XCTestCase {
    static let medianLimit = 110
    static let maximumLimit = 220

    /// One message as linted: where it came from, for the failure report.
    struct Sample: Hashable {
        var ruleID: String
        var message: String
        var pointer: String
        var origin: String
    }

    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every `*.json` under `Fixtures/` (golden inputs and outputs, hostile files and other tools'
    /// JSON alike), each linted with the nearest `.assetlint.yml` inside `Fixtures/`.
    static func fixtureSamples() throws -> [Sample] {
        let fixtures = root.appendingPathComponent("Fixtures")
        guard let walker = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil) else { return [] }
        var paths: [String] = []
        for case let url as URL in walker where url.pathExtension == "json" { paths.append(url.path) }
        var samples: [Sample] = []
        var linters: [String: Linter] = [:]
        for path in paths.sorted() {
            let folder = (path as NSString).deletingLastPathComponent
            let linter: Linter
            if let known = linters[folder] {
                linter = known
            } else {
                linter = Linter(configuration: try configuration(for: folder, within: fixtures.path))
                linters[folder] = linter
            }
            guard case .success(let file) = FileLoader.load(path: path, displayPath: path) else { continue }
            let relative = String(path.dropFirst(root.path.count + 1))
            for diagnostic in linter.lint(file).diagnostics {
                samples.append(Sample(ruleID: diagnostic.ruleID, message: diagnostic.message, pointer: diagnostic.pointer, origin: relative))
            }
        }
        return samples
    }

    private static func configuration(for folder: String, within top: String) throws -> Configuration {
        var current = folder
        while current.hasPrefix(top) {
            let candidate = current + "/.assetlint.yml"
            if FileManager.default.fileExists(atPath: candidate) {
                return try ConfigurationLoader.load(path: candidate) { RuleSelection.isKnown($0, in: RuleRegistry.catalog) }
            }
            current = (current as NSString).deletingLastPathComponent
        }
        return Configuration(directory: root.path)
    }

    /// Every triggering example of every rule, linted the way its page says.
    static func exampleSamples() throws -> [Sample] {
        var samples: [Sample] = []
        for rule in RuleRegistry.catalog {
            for (number, example) in rule.triggering.enumerated() {
                for diagnostic in try RuleCatalogTests.lint(example, only: rule.id) {
                    samples.append(Sample(
                        ruleID: diagnostic.ruleID, message: diagnostic.message, pointer: diagnostic.pointer,
                        origin: "\(rule.id) triggering example \(number + 1)"))
                }
            }
        }
        return samples
    }

    /// Giant values, which no fixture holds: ids over the 1 MiB the character checks read (the
    /// infos of M113, M114, M116 and the byte-for-byte comparison), twice, and a URL over 2 MiB (U216).
    static func giantSamples() -> [Sample] {
        let id = "e\u{0301}\u{200B}a\\tb" + String(repeating: "x", count: CheckedPrefix.limit + 16)
        let url = "https://my-bucket.s3.amazonaws.com/" + String(repeating: "u", count: 2_097_152)
        let items = [
            #"{"data": "https://my-bucket.s3.amazonaws.com/a.jpg", "externalId": "\#(id)"}"#,
            #"{"data": "https://my-bucket.s3.amazonaws.com/b.jpg", "externalId": "\#(id)"}"#,
            #"{"data": "\#(url).jpg", "externalId": "c"}"#,
        ]
        let report = Linter(configuration: Configuration(directory: root.path), options: LintOptions(kind: .manifest))
            .lint(SourceFile(path: "giant.json", text: "[\n" + items.joined(separator: ",\n") + "\n]\n"))
        return report.diagnostics.map { Sample(ruleID: $0.ruleID, message: $0.message, pointer: $0.pointer, origin: "giant values") }
    }

    /// Median and maximum over distinct messages: a fixture with ten thousand findings of one
    /// kind (the WPT URL table) counts each message once, and messages that differ only in their
    /// numbers ("rule 12 has no method", "rule 13 has no method") count as one.
    static func lengths(_ samples: [Sample]) -> (median: Int, maximum: Int, distinct: [Sample]) {
        var seen: Set<String> = []
        var distinct: [Sample] = []
        for sample in samples where seen.insert(sample.ruleID + "\u{0}" + shape(of: sample.message)).inserted { distinct.append(sample) }
        let sorted = distinct.map { $0.message.count }.sorted()
        guard !sorted.isEmpty else { return (0, 0, []) }
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return (median, sorted.last ?? 0, distinct)
    }

    /// The message with each run of digits written `#`.
    static func shape(of message: String) -> String {
        var shape = ""
        var inDigits = false
        for character in message {
            if character.isASCII, character.isNumber {
                if !inDigits { shape.append("#") }
                inDigits = true
            } else {
                shape.append(character)
                inDigits = false
            }
        }
        return shape
    }

    func testMessagesAreShort() throws {
        let giants = Self.giantSamples()
        XCTAssertTrue(Set(["M113", "M114", "M116", "U216"]).isSubset(of: giants.map(\.ruleID)), "\(giants.map(\.ruleID))")
        let samples = try Self.fixtureSamples() + Self.exampleSamples() + giants
        let rulesSeen = Set(samples.map(\.ruleID))
        XCTAssertGreaterThan(rulesSeen.count, RuleRegistry.catalog.count / 2, "the fixtures and examples should cover most rules")
        let (median, maximum, distinct) = Self.lengths(samples)
        print("message lengths over \(distinct.count) distinct messages of \(rulesSeen.count) rules: median \(median), longest \(maximum)")
        let worst = distinct.sorted { $0.message.count > $1.message.count }.prefix(15)
            .map { "  \($0.message.count) \($0.ruleID) (\($0.origin)): \($0.message)" }.joined(separator: "\n")
        XCTAssertLessThanOrEqual(median, Self.medianLimit, "median message length over \(distinct.count) messages; longest:\n\(worst)")
        XCTAssertLessThanOrEqual(maximum, Self.maximumLimit, "longest messages:\n\(worst)")
        for rule in RuleRegistry.catalog {
            let own = distinct.filter { $0.ruleID == rule.id }
            for sample in own where sample.message.count > Self.maximumLimit {
                XCTFail("\(rule.id) message of \(sample.message.count) characters (\(sample.origin)): \(sample.message)")
            }
        }
    }

    /// Items, rules and entries are counted as lines are, from 1: the first item is item 1, so a
    /// message never says "item 0", and a manifest item's number is its index in the pointer plus one.
    func testNumbersCountFromOne() throws {
        let samples = try Self.fixtureSamples() + Self.exampleSamples()
        let numbered = try NSRegularExpression(pattern: #"\b(item|rule|entry|element|object|page|answer|classification) #?([0-9]+)\b"#)
        var checked = 0
        for sample in samples {
            let text = sample.message as NSString
            let matches = numbered.matches(in: sample.message, range: NSRange(location: 0, length: text.length))
            for match in matches {
                let noun = text.substring(with: match.range(at: 1))
                let number = Int(text.substring(with: match.range(at: 2))) ?? -1
                XCTAssertNotEqual(number, 0, "zero-based \(noun) number in \(sample.ruleID) (\(sample.origin)): \(sample.message)")
                checked += 1
            }
            // A manifest item named by number is the item the finding points into (another item,
            // such as the one that first used an id, is named "by item N").
            if let family = sample.ruleID.first, "MULA".contains(family),
               let match = matches.first(where: { match in
                   text.substring(with: match.range(at: 1)) == "item" && !text.substring(to: match.range.location).hasSuffix("by ")
               }),
               let first = sample.pointer.split(separator: "/").first, let index = Int(first) {
                XCTAssertEqual(Int(text.substring(with: match.range(at: 2))), index + 1,
                               "\(sample.ruleID) at \(sample.pointer) (\(sample.origin)): \(sample.message)")
            }
        }
        XCTAssertGreaterThan(checked, 0, "no numbered message was seen: the check checks nothing")
    }

    /// The measure itself: the median of an odd and an even count, distinct messages counted once.
    func testLengthsCountDistinctMessages() {
        func sample(_ message: String, _ rule: String = "M101") -> Sample { Sample(ruleID: rule, message: message, pointer: "", origin: "") }
        let odd = Self.lengths([sample("a"), sample("bbb"), sample("bbbbb"), sample("a"), sample("a")])
        XCTAssertEqual(odd.median, 3)
        XCTAssertEqual(odd.maximum, 5)
        XCTAssertEqual(odd.distinct.count, 3)
        XCTAssertEqual(Self.lengths([sample("aa"), sample("aaaa")]).median, 3)
        XCTAssertEqual(Self.lengths([sample("aa"), sample("aa", "U201")]).distinct.count, 2)
        XCTAssertEqual(Self.lengths([sample("rule 12 has no method"), sample("rule 3 has no method")]).distinct.count, 1)
        XCTAssertEqual(Self.shape(of: "rule 12 of 3x"), "rule # of #x")
    }
}
