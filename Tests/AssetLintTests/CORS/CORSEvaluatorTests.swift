import XCTest
@testable import AssetLint

/// The evaluator answers as the provider does: the first rule, in order, whose origin, method and
/// (S3, Azure) preflight headers match.
final class CORSEvaluatorTests: XCTestCase {
    private let hub = "https://hub.ango.ai"

    func testFirstMatchingRuleAnswers() {
        let rules = [
            CORSRuleSpec(origins: ["https://api.ango.ai"], methods: ["GET"]),
            CORSRuleSpec(origins: ["https://*.ango.ai"], methods: ["PUT"]),
            CORSRuleSpec(origins: [hub], methods: ["GET", "PUT"]),
            CORSRuleSpec(origins: ["*"], methods: ["GET"]),
        ]
        let s3 = CORSEvaluator(provider: .s3, rules: rules)
        // (origin, method, S3 rule, GCS rule, Azure rule)
        let rows: [(String, String, Int?, Int?, Int?)] = [
            (hub, "GET", 2, 2, 2),
            (hub, "PUT", 1, 2, 2),              // S3 expands the wildcard of rule 1; GCS and Azure do not
            ("https://api.ango.ai", "GET", 0, 0, 0),
            ("https://api.ango.ai", "PUT", 1, nil, nil),
            ("https://other.example", "GET", 3, 3, 3),
            ("https://other.example", "PUT", nil, nil, nil),
            ("https://HUB.ango.ai", "GET", 3, 3, 3),   // only "*" matches an upper-case origin
            (hub, "DELETE", nil, nil, nil),
        ]
        let gcs = CORSEvaluator(provider: .gcs, rules: rules)
        let azure = CORSEvaluator(provider: .azure, rules: rules)
        for (origin, method, s3Rule, gcsRule, azureRule) in rows {
            XCTAssertEqual(s3.evaluate(origin: origin, method: method), s3Rule, "S3 \(origin) \(method)")
            XCTAssertEqual(gcs.evaluate(origin: origin, method: method), gcsRule, "GCS \(origin) \(method)")
            XCTAssertEqual(azure.evaluate(origin: origin, method: method), azureRule, "Azure \(origin) \(method)")
        }
    }

    func testGCSMethodWildcard() {
        let rules = [CORSRuleSpec(origins: [hub], methods: ["*"])]
        XCTAssertEqual(CORSEvaluator(provider: .gcs, rules: rules).evaluate(origin: hub, method: "DELETE"), 0)
        XCTAssertNil(CORSEvaluator(provider: .s3, rules: rules).evaluate(origin: hub, method: "GET"))
        XCTAssertNil(CORSEvaluator(provider: .azure, rules: rules).evaluate(origin: hub, method: "GET"))
    }

    func testPreflightHeadersChooseTheRuleOnS3AndAzureOnly() {
        let rules = [
            CORSRuleSpec(origins: [hub], methods: ["PUT"], allowedHeaders: []),
            CORSRuleSpec(origins: [hub], methods: ["PUT"], allowedHeaders: ["content-type", "x-amz-meta-*"]),
        ]
        let s3 = CORSEvaluator(provider: .s3, rules: rules)
        XCTAssertEqual(s3.evaluate(origin: hub, method: "PUT"), 0)
        XCTAssertEqual(s3.evaluate(origin: hub, method: "PUT", headers: ["Content-Type"]), 1)
        XCTAssertEqual(s3.evaluate(origin: hub, method: "PUT", headers: ["Content-Type", "X-Amz-Meta-Owner"]), 1)
        XCTAssertNil(s3.evaluate(origin: hub, method: "PUT", headers: ["Authorization"]))
        let azure = CORSEvaluator(provider: .azure, rules: rules)
        XCTAssertEqual(azure.evaluate(origin: hub, method: "PUT", headers: ["content-type"]), 1)
        // GCS does not choose by request headers.
        let gcs = CORSEvaluator(provider: .gcs, rules: rules)
        XCTAssertEqual(gcs.evaluate(origin: hub, method: "PUT", headers: ["Authorization"]), 0)
    }

    func testShadowing() {
        // A specific rule after a broad one is dead on every provider.
        let broadFirst = [CORSRuleSpec(origins: ["*"], methods: ["GET", "HEAD"]), CORSRuleSpec(origins: [hub], methods: ["GET"])]
        for provider in CORSProvider.allCases {
            XCTAssertEqual(CORSEvaluator(provider: provider, rules: broadFirst).shadowingRules(of: 1), [0], "\(provider)")
        }
        // The other order is fine.
        for provider in CORSProvider.allCases {
            XCTAssertNil(CORSEvaluator(provider: provider, rules: Array(broadFirst.reversed())).shadowingRules(of: 1), "\(provider)")
        }
        // A wildcard subdomain covers the subdomain on S3 only.
        let wildcard = [CORSRuleSpec(origins: ["https://*.ango.ai"], methods: ["GET"]), CORSRuleSpec(origins: [hub], methods: ["GET"])]
        XCTAssertEqual(CORSEvaluator(provider: .s3, rules: wildcard).shadowingRules(of: 1), [0])
        XCTAssertNil(CORSEvaluator(provider: .gcs, rules: wildcard).shadowingRules(of: 1))
        // Coverage may come from several earlier rules together, one per origin and method.
        let split = [
            CORSRuleSpec(origins: [hub], methods: ["GET"]),
            CORSRuleSpec(origins: ["https://api.ango.ai"], methods: ["GET"]),
            CORSRuleSpec(origins: [hub, "https://api.ango.ai"], methods: ["GET"]),
        ]
        XCTAssertEqual(CORSEvaluator(provider: .gcs, rules: split).shadowingRules(of: 2), [0, 1])
        // A method the earlier rule lacks keeps the later rule alive.
        let moreMethods = [CORSRuleSpec(origins: ["*"], methods: ["GET"]), CORSRuleSpec(origins: [hub], methods: ["GET", "PUT"])]
        XCTAssertNil(CORSEvaluator(provider: .s3, rules: moreMethods).shadowingRules(of: 1))
        // On S3 a later rule that allows more request headers still answers some preflights.
        let headers = [
            CORSRuleSpec(origins: ["*"], methods: ["PUT"], allowedHeaders: []),
            CORSRuleSpec(origins: [hub], methods: ["PUT"], allowedHeaders: ["content-type"]),
        ]
        XCTAssertNil(CORSEvaluator(provider: .s3, rules: headers).shadowingRules(of: 1))
        XCTAssertEqual(CORSEvaluator(provider: .gcs, rules: headers.map { CORSRuleSpec(origins: $0.origins, methods: $0.methods) }).shadowingRules(of: 1), [0])
        // GCS's method "*" covers every method.
        let anyMethod = [CORSRuleSpec(origins: [hub], methods: ["*"]), CORSRuleSpec(origins: [hub], methods: ["PUT"])]
        XCTAssertEqual(CORSEvaluator(provider: .gcs, rules: anyMethod).shadowingRules(of: 1), [0])
        // Unresolved ARM expressions are never judged.
        let unresolved = [CORSRuleSpec(origins: ["*"], methods: ["GET"]), CORSRuleSpec(origins: [], methods: ["GET"], unresolved: true)]
        XCTAssertNil(CORSEvaluator(provider: .azure, rules: unresolved).shadowingRules(of: 1))
    }
}
