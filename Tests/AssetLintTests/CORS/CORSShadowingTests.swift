import XCTest
@testable import AssetLint

/// `CORSShadowing` (indexed) gives C313 the same answer as comparing every origin entry of a rule
/// with every entry of every earlier rule, which is kept here as the reference, and its work grows
/// with the number of entries rather than with their square.
final class CORSShadowingTests: XCTestCase {
    func testSameAnswerAsPairwiseEvaluationOnGeneratedRuleLists() {
        var random = SeededGenerator(seed: 17)
        var compared = 0
        var shadowedSeen = 0
        for provider in CORSProvider.allCases {
            for _ in 0..<400 {
                let rules = (0..<random.below(14) + 1).map { _ in Self.randomRule(&random) }
                let indexed = CORSEvaluator(provider: provider, rules: rules).shadowingRules()
                for index in rules.indices {
                    let expected = PairwiseShadowing(provider: provider, rules: rules).shadowingRules(of: index)
                    XCTAssertEqual(indexed[index], expected, "\(provider) rule \(index) of \(rules)")
                    compared += 1
                    if expected != nil { shadowedSeen += 1 }
                }
            }
        }
        // The generator must produce both answers often, or the comparison proves little.
        XCTAssertGreaterThan(shadowedSeen, compared / 10)
        XCTAssertLessThan(shadowedSeen, compared * 9 / 10)
    }

    func testWorkGrowsWithTheEntriesNotTheirSquare() {
        // 50 rules of 400 distinct origins and a wildcard each, after a wildcard rule, on S3: the
        // shape of the 200 x 1,000 worst case of `scripts/worst-cases.sh`, smaller.
        var rules = [CORSRuleSpec(origins: ["https://*.other.example"], methods: ["GET"], allowedHeaders: ["*"])]
        for rule in 0..<50 {
            rules.append(CORSRuleSpec(
                origins: (0..<400).map { "https://r\(rule)-o\($0).example.com" } + ["https://w\(rule)-*.example.com"],
                methods: ["GET", "HEAD"], allowedHeaders: ["*"]))
        }
        var shadowing = CORSShadowing(provider: .s3, rules: rules)
        let answers = shadowing.shadowingRules()
        XCTAssertEqual(answers.compactMap { $0 }.count, 0, "\(answers.enumerated().filter { $0.1 != nil }.prefix(3))")
        let entries = rules.reduce(0) { $0 + $1.origins.count * $1.methods.count }
        XCTAssertLessThan(shadowing.steps, 8 * entries, "\(shadowing.steps) steps for \(entries) origin-method pairs")

        // Every rule after the first shadowed by a "*" rule: each pair stops at the first candidate.
        let broad = [CORSRuleSpec(origins: ["*"], methods: ["GET", "HEAD"], allowedHeaders: ["*"])] + rules
        var shadowed = CORSShadowing(provider: .s3, rules: broad)
        XCTAssertTrue(shadowed.shadowingRules().dropFirst().allSatisfy { $0 == [0] })
        XCTAssertLessThan(shadowed.steps, 8 * entries)
    }

    /// S3 matching skips the split for entries without a '*' byte: the same answer as splitting.
    func testS3MatchingWithoutAStarIsEquality() {
        for pattern in Self.origins + ["https://h\u{E9}b.ango.ai", "*\u{301}.ango.ai"] {
            for origin in Self.origins + ["https://hub.ango.ai", "https://a.ango.ai", "https://hub.ango.ai.evil"] {
                let parts = pattern.split(separator: "*", omittingEmptySubsequences: false)
                let expected: Bool
                switch parts.count {
                case _ where pattern == "*": expected = true
                case 1: expected = pattern == origin
                case 2: expected = origin.utf8.count >= parts[0].utf8.count + parts[1].utf8.count
                    && origin.utf8.starts(with: parts[0].utf8) && origin.utf8.reversed().starts(with: parts[1].utf8.reversed())
                default: expected = false
                }
                XCTAssertEqual(OriginMatcher.matches(pattern, origin: origin, provider: .s3), expected, "\(pattern) against \(origin)")
            }
        }
    }

    // MARK: - Generated rule lists

    private static let origins = [
        "*", "https://hub.ango.ai", "https://api.ango.ai", "https://*.ango.ai", "https://*", "*.ai", "*ai",
        "http*://hub.ango.ai", "https://h*", "https://hub.ango.ai*", "https://*.*.ai", "https://hub.*",
        "https://HUB.ango.ai", "http://localhost:3000", "https://caf\u{E9}.example", "https://cafe\u{301}.example",
        "https://caf*", "*\u{301}", "https://*.example", "https://a.b.ango.ai", "h*i", "*hub.ango.ai",
    ]
    private static let methods = ["GET", "PUT", "HEAD", "*", "get", "POST"]
    private static let headers = ["*", "content-type", "Content-Type", "x-amz-meta-*", "x-*", "authorization", "*-type", "X-AMZ-META-OWNER"]

    private static func randomRule(_ random: inout SeededGenerator) -> CORSRuleSpec {
        func pick(_ pool: [String], upTo limit: Int) -> [String] {
            (0..<random.below(limit + 1)).map { _ in pool[random.below(pool.count)] }
        }
        // Mostly one to three origins and methods, so that shadowing happens as often as not.
        var origins = pick(origins, upTo: 3)
        if origins.isEmpty, random.below(4) > 0 { origins = ["*"] }
        var methods = pick(methods, upTo: 2)
        if methods.isEmpty, random.below(4) > 0 { methods = ["GET"] }
        return CORSRuleSpec(origins: origins, methods: methods, allowedHeaders: pick(headers, upTo: 2), unresolved: random.below(20) == 0)
    }
}

/// The reference: every origin entry and method of the rule against every entry of every earlier
/// rule, with `OriginMatcher`'s pairwise coverage (the evaluation C313 used before the index).
private struct PairwiseShadowing {
    var provider: CORSProvider
    var rules: [CORSRuleSpec]

    func shadowingRules(of index: Int) -> [Int]? {
        let rule = rules[index]
        guard !rule.unresolved, !rule.origins.isEmpty, !rule.methods.isEmpty else { return nil }
        var shadowing: [Int] = []
        for origin in rule.origins {
            for method in rule.methods {
                guard let earlier = (0..<index).first(where: { covers($0, origin: origin, method: method, headers: rule.allowedHeaders) }) else {
                    return nil
                }
                if !shadowing.contains(earlier) { shadowing.append(earlier) }
            }
        }
        return shadowing.sorted()
    }

    private func covers(_ index: Int, origin: String, method: String, headers: [String]) -> Bool {
        let rule = rules[index]
        guard !rule.unresolved else { return false }
        guard rule.origins.contains(where: { OriginMatcher.covers($0, origin, provider: provider) }) else { return false }
        guard rule.methods.contains(where: { $0 == method || (provider.allowsMethodWildcard && $0 == "*") }) else { return false }
        if provider.matchesRequestHeaders {
            for header in headers where !rule.allowedHeaders.contains(where: { OriginMatcher.headerCovers($0, header, provider: provider) }) {
                return false
            }
        }
        return true
    }
}

extension SeededGenerator {
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
