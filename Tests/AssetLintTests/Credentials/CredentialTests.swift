import Foundation
import XCTest
@testable import AssetLint

/// K401 and K402 on realistic key files, and the guarantee that no output ever carries key material.
final class CredentialTests: XCTestCase {
    private static let keyFixture = "credentials/service-account-key.json"

    /// The secrets of the throwaway fixture key: the private_key_id and every 16-character window of
    /// the PEM body.
    private func secrets() throws -> (keyID: String, windows: Set<String>) {
        let data = try Data(contentsOf: URL(fileURLWithPath: Package.fixture(Self.keyFixture)))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let pem = try XCTUnwrap(object["private_key"] as? String)
        let keyID = try XCTUnwrap(object["private_key_id"] as? String)
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        XCTAssertGreaterThan(body.count, 1000)
        let characters = Array(body)
        var windows: Set<String> = []
        for start in 0...(characters.count - 16) { windows.insert(String(characters[start..<(start + 16)])) }
        return (keyID, windows)
    }

    private func assertNoSecret(_ text: String, _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (keyID, windows) = try secrets()
        XCTAssertFalse(text.contains(keyID), "\(context) contains the private_key_id", file: file, line: line)
        XCTAssertFalse(text.contains(String(keyID.prefix(16))), "\(context) contains part of the private_key_id", file: file, line: line)
        // Scan 16-character windows of the output against the key's windows.
        let characters = Array(text)
        if characters.count >= 16 {
            for start in 0...(characters.count - 16) where windows.contains(String(characters[start..<(start + 16)])) {
                XCTFail("\(context) contains key material at character \(start)", file: file, line: line)
                return
            }
        }
        XCTAssertFalse(text.contains("BEGIN PRIVATE KEY-----\\n") || text.contains("BEGIN PRIVATE KEY-----\n"), "\(context) prints the PEM", file: file, line: line)
    }

    /// The detector itself: it must see the key in the fixture's own text.
    func testTheLeakDetectorFindsTheKeyInTheFixture() throws {
        let text = try String(contentsOfFile: Package.fixture(Self.keyFixture), encoding: .utf8)
        let (keyID, windows) = try secrets()
        XCTAssertTrue(text.contains(keyID))
        let characters = Array(text)
        let hits = (0...(characters.count - 16)).filter { windows.contains(String(characters[$0..<($0 + 16)])) }
        XCTAssertGreaterThan(hits.count, 1000)
    }

    // MARK: - K401

    func testK401OnAKeyFile() throws {
        let report = LintHelper.lintFixture(Self.keyFixture)
        XCTAssertEqual(report.kind, .serviceAccount)
        let found = LintHelper.findings(report)
        XCTAssertEqual(found.map(\.rule), ["K401"], "a valid key gets K401 alone: \(found)")
        let finding = try XCTUnwrap(found.first)
        XCTAssertEqual(finding.severity, .error)
        XCTAssertEqual(finding.line, 2)
        XCTAssertEqual(finding.column, 3)
        XCTAssertEqual(finding.endColumn, 9, "the caret is on the \"type\" key, not on the secret's line")
        XCTAssertEqual(finding.pointer, "")
        XCTAssertTrue(finding.told.contains("integration dialog"), finding.told)
        XCTAssertTrue(finding.told.contains("delete the key in Google Cloud"), finding.told)
        XCTAssertNil(finding.fix)
    }

    func testK401InEveryKindAndNested() throws {
        for kind in DocumentKind.allCases {
            let report = LintHelper.lintFixture(Self.keyFixture, kind: kind)
            XCTAssertEqual(LintHelper.findings(report, "K401").count, 1, "\(kind.rawValue)")
        }
        let nested = LintHelper.lintFixture("credentials/terraform-vars.json")
        XCTAssertEqual(nested.kind, .json)
        let finding = try XCTUnwrap(LintHelper.findings(nested, "K401").first)
        XCTAssertEqual(finding.pointer, "/credentials")
        XCTAssertEqual(finding.line, 5)
        XCTAssertEqual(finding.column, 5)
        XCTAssertTrue(finding.message.hasPrefix("this object is a GCP service-account key"))

        // A key pasted into a manifest item's metadata is found while the manifest streams.
        let manifest = """
            [
              {"data": "https://bucket.s3.eu-central-1.amazonaws.com/a.jpg", "externalId": "a"},
              {"data": "https://bucket.s3.eu-central-1.amazonaws.com/b.jpg", "externalId": "b",
               "metadata": {"sa": {"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n"}}}
            ]
            """
        let report = LintHelper.lint(manifest, path: "assets.json")
        XCTAssertEqual(report.kind, .manifest)
        let item = try XCTUnwrap(LintHelper.findings(report, "K401").first)
        XCTAssertEqual(item.pointer, "/1/metadata/sa")
        XCTAssertEqual(item.line, 4)
    }

    func testK401CleanTwin() {
        let report = LintHelper.lintFixture("credentials/service-account-metadata.json")
        XCTAssertEqual(report.kind, .serviceAccount)
        XCTAssertEqual(LintHelper.findings(report).map(\.description), [], "no private key: neither K401 nor K402")
        XCTAssertTrue(LintHelper.findings(LintHelper.lintFixture("json/package.json")).isEmpty)
    }

    func testKeyFileExitsOneAndPrintsNoSecret() throws {
        for format in ["text", "concise", "json", "junit", "sarif", "github"] {
            let result = try Package.run([Package.fixture(Self.keyFixture), "--format", format])
            XCTAssertEqual(result.status, 1, "\(format): \(result.standardError)")
            XCTAssertTrue((result.standardOutput + result.standardError).contains("K401"), "\(format): \(result.standardOutput)")
            try assertNoSecret(result.standardOutput + result.standardError, "--format \(format)")
        }
        let metadata = try Package.run([Package.fixture("credentials/service-account-metadata.json")])
        XCTAssertEqual(metadata.status, 0, metadata.standardOutput)
    }

    // MARK: - No key material anywhere

    func testNoDiagnosticFixOrOutputFormatCarriesKeyMaterial() throws {
        let fixtures = try LintHelper.fixtures(under: "credentials")
        XCTAssertGreaterThanOrEqual(fixtures.count, 9)
        var reports: [FileReport] = []
        for fixture in fixtures {
            for kind in [nil, DocumentKind.serviceAccount, .json, .corsGCS, .manifest] {
                let report = LintHelper.lintFixture(fixture, kind: kind)
                reports.append(report)
                // Every output format, one file at a time so a failure names the file.
                let single = LintRun(files: [report], catalog: RuleRegistry.catalog)
                for format in OutputFormat.allCases {
                    try assertNoSecret(format.reporter.render(single, options: ReportOptions()), "--format \(format.rawValue) of \(fixture) [\(kind?.rawValue ?? "auto")]")
                }
                for d in report.diagnostics {
                    let context = "\(fixture) [\(kind?.rawValue ?? "auto")] \(d.ruleID)"
                    try assertNoSecret(d.message, context + " message")
                    try assertNoSecret(d.pointer, context + " pointer")
                    for related in d.related { try assertNoSecret(related.message, context + " related") }
                    if let fix = d.fix {
                        try assertNoSecret(fix.description, context + " fix")
                        for edit in fix.edits { try assertNoSecret(edit.replacement, context + " edit") }
                    }
                }
            }
        }
        XCTAssertTrue(reports.contains { $0.diagnostics.contains { $0.ruleID == "K402" } })
        let run = LintRun(files: reports, catalog: RuleRegistry.catalog)
        for format in OutputFormat.allCases {
            for options in [ReportOptions(), ReportOptions(color: true), ReportOptions(statistics: true)] {
                try assertNoSecret(format.reporter.render(run, options: options), "--format \(format.rawValue)")
            }
        }
    }

    func testSecretRangesCoverTheSecretValues() throws {
        let text = try String(contentsOfFile: Package.fixture(Self.keyFixture), encoding: .utf8)
        let file = SourceFile(path: "key.json", text: text)
        let ranges = ServiceAccountKeys.secretRanges(in: file)
        XCTAssertEqual(ranges.count, 2)
        var redacted = Array(text.utf8)
        for range in ranges.sorted(by: { $0.offset > $1.offset }) {
            redacted.replaceSubrange(range.offset..<range.end, with: Array("\"[redacted]\"".utf8))
        }
        try assertNoSecret(String(decoding: redacted, as: UTF8.self), "redacted file")
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(redacted)))
    }

    // MARK: - K402

    func testK402Fixtures() throws {
        func k402(_ fixture: String, kind: DocumentKind? = nil) -> [Finding] {
            LintHelper.findings(LintHelper.lintFixture("credentials/" + fixture, kind: kind), "K402")
        }
        let escaped = k402("K402/double-escaped-key.json")
        XCTAssertEqual(escaped.count, 1)
        XCTAssertEqual(escaped.first?.pointer, "/private_key")
        XCTAssertEqual(escaped.first.map { [$0.line, $0.column, $0.endColumn] }, [5, 3, 16], "on the key name, not the value")
        XCTAssertTrue(escaped.first?.told.contains("escaped twice") == true)

        let truncated = k402("K402/truncated-key.json")
        XCTAssertEqual(truncated.map(\.pointer), ["/private_key"])
        XCTAssertTrue(truncated.first?.told.contains("truncated") == true)

        let edited = k402("K402/edited-fields.json")
        XCTAssertEqual(edited.map(\.pointer), ["/private_key_id", "/client_email", "/token_uri"])
        XCTAssertEqual(edited.map(\.line), [4, 6, 9])
        XCTAssertEqual(edited.first?.column, 3)
        XCTAssertEqual(edited[1].column, 19)
        XCTAssertTrue(edited[1].message.contains("gserviceaccount.con"))

        let missing = k402("K402/missing-fields.json")
        XCTAssertEqual(missing.map { "\($0.line):\($0.column) \($0.pointer)" }, ["1:1 /project_id"])
        XCTAssertTrue(missing.first?.message.contains(#""project_id" and "token_uri""#) == true)

        XCTAssertTrue(k402("K402/valid-key.clean.json").isEmpty)
        XCTAssertTrue(k402("K402/valid-key.clean.json", kind: .serviceAccount).isEmpty)
        // K402 is the kind's rule: not on other kinds.
        XCTAssertTrue(k402("K402/edited-fields.json", kind: .json).isEmpty)
        // Asked to validate something that is not a key at all.
        let package = LintHelper.findings(LintHelper.lintFixture("json/package.json", kind: .serviceAccount), "K402")
        XCTAssertEqual(package.count, 1)
        XCTAssertTrue(package.first?.message.contains("not a complete GCP service-account key") == true)
    }

    func testK402Fields() {
        func messages(_ fields: [String: String]) -> [String] {
            var object: [String: String] = [
                "type": "service_account", "project_id": "ango-import-demo",
                "private_key_id": String(repeating: "ab", count: 20),
                "private_key": "-----BEGIN PRIVATE KEY-----\nMBZGQUtFLUtFWS1GT1ItRE9DUy1PTkxZ\n-----END PRIVATE KEY-----\n",
                "client_email": "importer@ango-import-demo.iam.gserviceaccount.com",
                "token_uri": "https://oauth2.googleapis.com/token",
            ]
            for (key, value) in fields { object[key] = value }
            let json = "{" + object.sorted { $0.key < $1.key }.map { "\(JSONText.quote($0.key)): \(JSONText.quote($0.value))" }.joined(separator: ", ") + "}"
            return LintHelper.findings(json, "K402", kind: .serviceAccount).map(\.message)
        }
        XCTAssertEqual(messages([:]), [])
        XCTAssertEqual(messages(["client_email": "1234-compute@developer.gserviceaccount.com"]), [])
        XCTAssertEqual(messages(["project_id": "example.com:ango-import", "client_email": "importer@ango-import.example.com.iam.gserviceaccount.com"]), [])
        XCTAssertTrue(messages(["type": "authorized_user"]).first?.contains("user credential") == true)
        XCTAssertTrue(messages(["project_id": "Ango_Demo"]).first?.contains("not a project ID") == true)
        XCTAssertTrue(messages(["client_email": "importer@other-project.iam.gserviceaccount.com"]).first?.contains("belongs to project \"other-project\"") == true)
        XCTAssertTrue(messages(["private_key": "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMBZG\n-----END ENCRYPTED PRIVATE KEY-----\n"]).first?.contains("encrypted") == true)
        XCTAssertTrue(messages(["private_key": "-----BEGIN CERTIFICATE-----\nMBZG\n-----END CERTIFICATE-----\n"]).first?.contains("\"CERTIFICATE\"") == true)
        XCTAssertTrue(messages(["private_key": "-----BEGIN PRIVATE KEY-----\nMBZG!!\n-----END PRIVATE KEY-----\n"]).first?.contains("not valid base64") == true)
        XCTAssertTrue(messages(["private_key": "-----BEGIN PRIVATE KEY-----\nMBZGQUtFLUtFWS1GT1ItRE9DUy1PTkxZ\n"]).first?.contains("no matching -----END") == true)
        XCTAssertTrue(messages(["private_key": "MBZGQUtFLUtFWS1GT1ItRE9DUy1PTkxZ"]).first?.contains("not a PEM private key") == true)
        XCTAssertTrue(messages(["private_key": "-----BEGIN PRIVATE KEY-----\nQUJD\n-----END PRIVATE KEY-----\n"]).first?.contains("not a DER-encoded key") == true)
        XCTAssertTrue(messages(["token_uri": "http://oauth2.googleapis.com/token"]).first?.contains("token endpoint") == true)
    }

    func testPEMChecksNeverEchoTheKey() {
        // A label made of key material is not repeated.
        let odd = "-----BEGIN MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC-----\nAAAA\n-----END X-----"
        for problem in PrivateKeyPEM.problems(odd) {
            XCTAssertFalse(problem.message.contains("MIIEvg"), problem.message)
        }
    }

    func testGoldenOutputs() throws {
        for fixture in try LintHelper.fixtures(under: "credentials") {
            let report = LintHelper.lintFixture(fixture)
            let golden = Package.fixture(String(fixture.dropLast(".json".count)) + ".expected")
            try LintHelper.assertGolden(LintHelper.golden(report), path: golden)
            try assertNoSecret(LintHelper.golden(report), "golden \(fixture)")
        }
    }
}
