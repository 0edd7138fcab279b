import Foundation
import XCTest
@testable import AssetLint

/// One mistake, one finding: over every fixture and every rule example, no two rules report the
/// same primary range, except the pairs below, which are different mistakes at one place. A rule
/// that reports a consequence of another's finding leaves it to that finding, as a note.
final class OneFindingPerMistakeTests: XCTestCase {
    /// Pairs of rules that may report the same range, and why that is two mistakes.
    static let intended: [Set<String>: String] = [
        ["C301", "C305"]: "a single origin string where GCS wants a list (C301) is also malformed itself (C305)",
        ["C301", "C307"]: "a single origin string where GCS wants a list (C301) is also plain HTTP (C307)",
        ["C305", "C307"]: "a malformed origin (C305) that is also plain HTTP (C307): correcting it does not make it secure",
    ]

    private struct Overlap: Hashable, CustomStringConvertible {
        var rules: Set<String>
        var place: String
        var description: String { "\(rules.sorted().joined(separator: "+")) at \(place)" }
    }

    /// Pairs of findings of different rules on the same bytes of one file.
    private func overlaps(_ report: FileReport, in name: String) -> [Overlap] {
        var byRange: [ByteRange: Set<String>] = [:]
        report.forEachFinding { byRange[$0.range, default: []].insert($0.ruleID) }
        var overlaps: [Overlap] = []
        for (range, rules) in byRange where rules.count > 1 {
            let position = report.source.map { $0.position(of: range.offset) }
            let place = "\(name):\(position.map { "\($0.line):\($0.column)" } ?? "\(range.offset)")"
            let sorted = rules.sorted()
            for (index, first) in sorted.enumerated() {
                for second in sorted[(index + 1)...] { overlaps.append(Overlap(rules: [first, second], place: place)) }
            }
        }
        return overlaps
    }

    private func configuration(for path: String) throws -> Configuration {
        let folder = (path as NSString).deletingLastPathComponent
        if let found = ConfigurationLoader.discover(from: folder), found.hasPrefix(Package.root.path + "/") {
            return try ConfigurationLoader.load(path: found) { RuleSelection.isKnown($0, in: RuleRegistry.catalog) }
        }
        return Configuration(directory: folder)
    }

    /// Every fixture that is linted as people lint it (the golden outputs and recorded baselines
    /// are outputs, not inputs).
    private func fixturePaths() -> [String] {
        let root = Package.root.appendingPathComponent("Fixtures").path
        var paths: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let entry = enumerator?.nextObject() as? String {
            guard entry.hasSuffix(".json"), !entry.hasPrefix("golden/"), !entry.hasPrefix("baselines/v1"), !entry.contains("/golden/") else { continue }
            paths.append(root + "/" + entry)
        }
        return paths.sorted()
    }

    func testNoTwoRulesReportTheSameRangeUnlessListed() throws {
        var unexpected: [Overlap] = []
        var seen: Set<Set<String>> = []
        let paths = fixturePaths()
        XCTAssertGreaterThan(paths.count, 150)
        for path in paths {
            let linter = Linter(configuration: try configuration(for: path))
            let report = linter.lint(path: path)
            for overlap in overlaps(report, in: String(path.dropFirst(Package.root.path.count + 1))) {
                seen.insert(overlap.rules)
                if Self.intended[overlap.rules] == nil { unexpected.append(overlap) }
            }
        }
        for rule in RuleRegistry.catalog {
            for (number, example) in (rule.triggering + rule.nonTriggering).enumerated() {
                var configuration = Configuration(directory: NSTemporaryDirectory())
                if let config = example.config {
                    configuration = try ConfigurationLoader.load(yaml: config, path: NSTemporaryDirectory() + "/.assetlint.yml") {
                        RuleSelection.isKnown($0, in: RuleRegistry.catalog)
                    }
                }
                let report = Linter(configuration: configuration, options: LintOptions(kind: example.kind))
                    .lint(SourceFile(path: "example.json", text: example.text))
                for overlap in overlaps(report, in: "\(rule.id) example \(number + 1)") {
                    seen.insert(overlap.rules)
                    if Self.intended[overlap.rules] == nil { unexpected.append(overlap) }
                }
            }
        }
        XCTAssertEqual(unexpected.map(\.description).sorted(), [], "decide each: fold one into the other's finding as a note, or list the pair")
        // A listed pair that no longer occurs is a stale entry.
        XCTAssertEqual(Set(Self.intended.keys).subtracting(seen), [], "listed pairs that no fixture or example shows")
    }
}
