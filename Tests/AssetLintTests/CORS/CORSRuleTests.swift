import XCTest
@testable import AssetLint

/// Each C rule on realistic input for every provider it applies to: rule id, position, pointer,
/// message, fix; and its clean twin.
final class CORSRuleTests: XCTestCase {
    @discardableResult
    private func expect(
        _ rule: String, in text: String, kind: DocumentKind? = nil, at line: Int, _ column: Int, pointer: String,
        contains fragments: [String] = [], count: Int? = nil, configure: ((inout Configuration) -> Void)? = nil,
        file: StaticString = #filePath, lineNumber: UInt = #line
    ) -> Finding? {
        let report = LintHelper.lint(text, kind: kind, configure: configure)
        let found = LintHelper.findings(report, rule)
        if let count { XCTAssertEqual(found.count, count, "\(found)", file: file, line: lineNumber) }
        guard let finding = found.first(where: { $0.line == line && $0.column == column }) else {
            XCTFail("no \(rule) at \(line):\(column); got \(LintHelper.findings(report))", file: file, line: lineNumber)
            return nil
        }
        XCTAssertEqual(finding.pointer, pointer, file: file, line: lineNumber)
        for fragment in fragments {
            XCTAssertTrue(finding.message.contains(fragment), "\(rule) message lacks \(fragment.debugDescription): \(finding.message)", file: file, line: lineNumber)
        }
        return finding
    }

    private func expectClean(
        _ rule: String, in text: String, kind: DocumentKind? = nil, configure: ((inout Configuration) -> Void)? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let found = LintHelper.findings(LintHelper.lint(text, kind: kind, configure: configure), rule)
        XCTAssertTrue(found.isEmpty, "\(rule) should not trigger: \(found)", file: file, line: line)
    }

    // MARK: - C301 cors-shape

    func testC301StringWhereAListBelongs() {
        let bad = """
            [
              {
                "origin": "https://hub.ango.ai",
                "method": ["GET"]
              }
            ]
            """
        let finding = expect("C301", in: bad, at: 3, 15, pointer: "/0/origin", contains: ["must be a list", "[\"https://hub.ango.ai\"]"])
        XCTAssertEqual(finding?.fix?.applicability, .safe)
        let fixed = LintHelper.applyingFixes(LintHelper.lint(bad), only: "C301")
        XCTAssertTrue(fixed.contains(#""origin": ["https://hub.ango.ai"]"#), fixed)
        expectClean("C301", in: fixed)
    }

    func testC301CLIObjectInsideConsoleArray() {
        let bad = """
            [
              {"CORSRules": [{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]}
            ]
            """
        let finding = expect("C301", in: bad, at: 1, 1, pointer: "", contains: ["--cors-configuration", "S3 console"])
        let fixed = LintHelper.applyingFixes(LintHelper.lint(bad), unsafe: true, only: "C301")
        XCTAssertEqual(fixed, #"{"CORSRules": [{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]}"#)
        XCTAssertEqual(finding?.fix?.applicability, .unsafe)
        XCTAssertTrue(LintHelper.findings(LintHelper.lint(fixed)).isEmpty)
    }

    func testC301S3RequiredFields() {
        let bad = """
            {
              "CORSRules": [
                {"ID": "hub", "AllowedOrigins": ["https://hub.ango.ai"]}
              ]
            }
            """
        expect("C301", in: bad, at: 3, 5, pointer: "/CORSRules/0/AllowedMethods", contains: ["rule 0 (\"hub\") has no AllowedMethods", "S3 requires"])
        expectClean("C301", in: #"{"CORSRules": [{"ID": "hub", "AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]}"#)
    }

    func testC301AzureRequiresAllFiveFields() {
        let bad = """
            {
              "corsRules": [
                {
                  "allowedOrigins": ["https://hub.ango.ai"],
                  "allowedMethods": ["GET"]
                }
              ]
            }
            """
        let finding = expect("C301", in: bad, at: 3, 5, pointer: "/corsRules/0/allowedHeaders", contains: ["allowedHeaders, exposedHeaders or maxAgeInSeconds", "Azure requires"])
        let fixed = LintHelper.applyingFixes(LintHelper.lint(bad), unsafe: true, only: "C301")
        XCTAssertEqual(finding?.fix?.applicability, .unsafe)
        expectClean("C301", in: fixed)
    }

    func testC301GCSEmptyMethodsAndNonObjectRule() {
        let bad = """
            [
              {"origin": ["https://hub.ango.ai"], "method": []},
              "https://hub.ango.ai"
            ]
            """
        expect("C301", in: bad, kind: .corsGCS, at: 2, 49, pointer: "/0/method", contains: ["method is empty", "matches no request"])
        expect("C301", in: bad, kind: .corsGCS, at: 3, 3, pointer: "/1", contains: ["must be an object"])
    }

    func testC301SingleRuleObjectAndAzureCommaSeparatedOrigins() {
        let single = #"{"origin": ["https://hub.ango.ai"], "method": ["GET"]}"#
        XCTAssertEqual(LintHelper.lint(single).kind, .corsGCS)
        let finding = expect("C301", in: single, at: 1, 1, pointer: "", contains: ["single CORS entry", "wrap it in [ ]"])
        XCTAssertEqual(finding?.fix?.applicability, .safe)
        XCTAssertEqual(LintHelper.applyingFixes(LintHelper.lint(single), only: "C301"), "[" + single + "]")

        let azure = """
            {"corsRules": [{"allowedOrigins": "https://hub.ango.ai,https://api.ango.ai", "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}
            """
        let split = expect("C301", in: azure, at: 1, 35, pointer: "/corsRules/0/allowedOrigins", contains: ["comma-separated"])
        XCTAssertEqual(split?.fix?.edits.first?.replacement, #"["https://hub.ango.ai", "https://api.ango.ai"]"#)
    }

    func testC301ListThatIsNotAList() {
        let text = #"{"CORSRules": {"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}}"#
        let finding = expect("C301", in: text, at: 1, 15, pointer: "/CORSRules", contains: ["must be a list of rules", "--cors-configuration"])
        XCTAssertEqual(finding?.fix?.applicability, .safe)
        XCTAssertTrue(LintHelper.lint(LintHelper.applyingFixes(LintHelper.lint(text))).diagnostics.isEmpty)
    }

    func testC301UnrecognizedWhenTheKindIsForced() {
        expect("C301", in: #"{"rules": []}"#, kind: .corsS3, at: 1, 1, pointer: "", contains: ["not an S3 CORS configuration", "{\"CORSRules\": [...]}"])
    }

    func testC301AcceptsEveryToolForm() {
        let forms: [(String, DocumentKind)] = [
            (#"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#, .corsGCS),
            (#"{"cors": [{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]}"#, .corsGCS),
            (#"[{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]"#, .corsS3),
            (#"{"CORSRules": [{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]}"#, .corsS3),
            (#"{"Bucket": "b", "CORSConfiguration": {"CORSRules": [{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]}}"#, .corsS3),
            (#"{"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}"#, .corsAzure),
            (#"{"cors": {"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}}"#, .corsAzure),
        ]
        for (text, kind) in forms {
            let report = LintHelper.lint(text)
            XCTAssertEqual(report.kind, kind, text)
            XCTAssertTrue(report.diagnostics.isEmpty, "\(text): \(LintHelper.findings(report))")
        }
    }

    // MARK: - C302 cors-provider-mix

    func testC302S3NamesInGCS() {
        let bad = """
            [
              {
                "origin": ["https://hub.ango.ai"],
                "method": ["GET"],
                "MaxAgeSeconds": 3600
              }
            ]
            """
        let finding = expect("C302", in: bad, at: 5, 5, pointer: "/0/MaxAgeSeconds", contains: ["S3's field name", "\"maxAgeSeconds\"", "case-sensitive"])
        XCTAssertEqual(finding?.endColumn, 20)
        XCTAssertEqual(finding?.fix?.edits.first?.replacement, "maxAgeSeconds")
        expectClean("C302", in: LintHelper.applyingFixes(LintHelper.lint(bad), unsafe: true, only: "C302"))
    }

    func testC302GCSNamesInS3AndS3NamesInAzure() {
        let s3 = """
            {"CORSRules": [
              {"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"], "responseHeader": ["Content-Type"]}
            ]}
            """
        expect("C302", in: s3, at: 2, 74, pointer: "/CORSRules/0/responseHeader", contains: ["GCS's field name", "\"ExposeHeaders\"", "AllowedHeaders"])
        let azure = """
            {"corsRules": [
              {"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "ExposeHeaders": [], "maxAgeInSeconds": 0}
            ]}
            """
        let finding = expect("C302", in: azure, at: 2, 96, pointer: "/corsRules/0/ExposeHeaders", contains: ["S3's field name", "\"exposedHeaders\""])
        XCTAssertNotNil(finding?.fix)
        // C301 does not also call exposedHeaders missing.
        XCTAssertTrue(LintHelper.findings(azure, "C301").isEmpty)
    }

    func testC302ConfiguredProviderDiffers() {
        let gcs = #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#
        expect("C302", in: gcs, at: 1, 1, pointer: "", contains: ["storage.provider", "s3"]) { $0.storage.provider = .s3 }
        expectClean("C302", in: gcs) { $0.storage.provider = .gcs }
        expectClean("C302", in: gcs)
    }

    // MARK: - C303 cors-unknown-field

    func testC303DidYouMean() {
        let s3 = """
            {
              "CORSRules": [
                {
                  "AllowedOrigin": ["https://hub.ango.ai"],
                  "AllowedMethods": ["GET"],
                  "ExposedHeaders": ["ETag"]
                }
              ]
            }
            """
        expect("C303", in: s3, at: 4, 7, pointer: "/CORSRules/0/AllowedOrigin", contains: ["did you mean \"AllowedOrigins\"", "XML element name"])
        expect("C303", in: s3, at: 6, 7, pointer: "/CORSRules/0/ExposedHeaders", contains: ["did you mean \"ExposeHeaders\"", "CloudFormation"])
        let fixed = LintHelper.applyingFixes(LintHelper.lint(s3), unsafe: true, only: "C303")
        XCTAssertTrue(LintHelper.lint(fixed).diagnostics.isEmpty, "\(LintHelper.findings(LintHelper.lint(fixed)))")

        let gcs = #"[{"origin": ["https://hub.ango.ai"], "Method": ["GET"]}]"#
        expect("C303", in: gcs, at: 1, 38, pointer: "/0/Method", contains: ["did you mean \"method\""])
        let azure = #"{"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0, "allowCredentials": true}]}"#
        expect("C303", in: azure, at: 1, 153, pointer: "/corsRules/0/allowCredentials", contains: ["known keys: allowedOrigins"])
    }

    func testC303CLIWrappers() {
        let text = #"{"CORSConfiguration": {"CORSRule": [{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]}, "Bucket": "assets"}"#
        expect("C303", in: text, at: 1, 24, pointer: "/CORSConfiguration/CORSRule", contains: ["did you mean \"CORSRules\""])
        expect("C301", in: text, at: 1, 23, pointer: "/CORSConfiguration", contains: ["no \"CORSRules\" list"])
        expectClean("C303", in: #"{"Bucket": "assets", "CORSConfiguration": {"CORSRules": [{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]}}"#)
    }

    // MARK: - C304 cors-hub-origin-missing

    func testC304OriginMissingWithFix() {
        let gcs = """
            [
              {
                "origin": ["https://api.ango.ai"],
                "method": ["GET", "HEAD"]
              }
            ]
            """
        let finding = expect("C304", in: gcs, at: 3, 15, pointer: "/0/origin", contains: ["\"https://hub.ango.ai\"", "GET", "no rule lists this origin", "https://api.ango.ai"])
        XCTAssertEqual(finding?.severity, .error)
        XCTAssertEqual(finding?.fix?.applicability, .unsafe)
        let fixed = LintHelper.applyingFixes(LintHelper.lint(gcs), unsafe: true, only: "C304")
        XCTAssertTrue(fixed.contains(#"["https://api.ango.ai", "https://hub.ango.ai"]"#), fixed)
        expectClean("C304", in: fixed)
    }

    func testC304MethodMissing() {
        let s3 = """
            {"CORSRules": [
              {"ID": "uploads", "AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["PUT", "get"]}
            ]}
            """
        // With C308 off (it reports "get" and notes the blocked GET itself).
        let finding = expect("C304", in: s3, at: 2, 82, pointer: "/CORSRules/0/AllowedMethods",
                             contains: ["cannot make GET requests", "allows the origin but only PUT, get", "case-sensitive"],
                             configure: { $0.rules.ignore = ["C308"] })
        XCTAssertEqual(finding?.fix?.edits.first?.replacement, #", "GET""#)
        expect("C304", in: s3.replacingOccurrences(of: #""get""#, with: #""HEAD""#), at: 2, 82, pointer: "/CORSRules/0/AllowedMethods",
               contains: ["cannot make GET requests", "allows the origin but only PUT, HEAD"])
    }

    /// A near miss is an entry C305 reports: correcting it is what lets the hub in, so it is one
    /// finding, C305's, with C304 as its note. With C305 off, C304 points at the entry itself.
    func testC304NearMissesPointAtTheEntry() {
        let offC305: (inout Configuration) -> Void = { $0.rules.ignore = ["C305"] }
        let gcs = #"[{"origin": ["https://hub.ango.ai/"], "method": ["GET"]}]"#
        let slash = expect("C304", in: gcs, at: 1, 14, pointer: "/0/origin/0", contains: ["trailing slash", "correct the entry to \"https://hub.ango.ai\""],
                           configure: offC305)
        XCTAssertNil(slash?.fix, "the C305 fix corrects it")
        let azure = #"{"corsRules": [{"allowedOrigins": ["https://*.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}"#
        expect("C304", in: azure, at: 1, 36, pointer: "/corsRules/0/allowedOrigins/0", contains: ["does not expand \"*\" inside an origin"], configure: offC305)
        // S3 expands the same wildcard: no finding.
        expectClean("C304", in: #"[{"AllowedOrigins": ["https://*.ango.ai"], "AllowedMethods": ["GET"]}]"#)
        // S3 compares case-sensitively.
        let upper = #"[{"AllowedOrigins": ["https://HUB.ango.ai"], "AllowedMethods": ["GET"]}]"#
        expect("C304", in: upper, at: 1, 22, pointer: "/0/AllowedOrigins/0", contains: ["upper-case"], configure: offC305)

        for (text, offset) in [(gcs, 13), (azure, 35), (upper, 21)] {
            let report = LintHelper.lint(text)
            XCTAssertEqual(report.diagnostics.map(\.ruleID), ["C305"], "\(text): \(LintHelper.findings(report))")
            let finding = report.diagnostics.first
            XCTAssertEqual(finding?.range.offset, offset)
            XCTAssertEqual(finding?.related.map(\.message), [#"so no rule lets the hub origin "https://hub.ango.ai" make GET requests (C304)"#])
            XCTAssertEqual(finding?.related.first?.range, finding?.range)
        }
        // The safe fix leaves nothing behind: C304 does not come back.
        let fixed = LintHelper.lint(#"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#)
        XCTAssertTrue(fixed.diagnostics.isEmpty, LintHelper.findings(fixed).description)
        // A malformed entry that no hub origin needs gets no note; the missing hub origin stays C304's.
        let other = LintHelper.lint(#"[{"origin": ["https://example.com/"], "method": ["GET"]}]"#)
        XCTAssertEqual(Set(other.diagnostics.map(\.ruleID)), ["C304", "C305"])
        XCTAssertTrue(other.diagnostics.allSatisfy(\.related.isEmpty))
    }

    /// A misspelt origins or methods field (C302, C303), a rule with no methods at all (C301) or a
    /// method in the wrong case (C308) blocks the hub; that is the finding, with C304 as its note.
    func testC304FoldsIntoTheFieldThatBlocksTheHub() {
        let note = #"so no rule lets the hub origin "https://hub.ango.ai" make GET requests (C304)"#
        let cases: [(text: String, rule: String)] = [
            (#"[{"origin": ["https://hub.ango.ai"], "methods": ["GET"]}]"#, "C303"),
            (#"[{"origin": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]"#, "C302"),
            (#"{"CORSRules": [{"AllowedOrigins": ["https://hub.ango.ai"]}]}"#, "C301"),
            (#"{"CORSRules": [{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["PUT", "get"]}]}"#, "C308"),
        ]
        for (text, rule) in cases {
            let report = LintHelper.lint(text)
            XCTAssertFalse(report.diagnostics.contains { $0.ruleID == "C304" }, "\(text): \(LintHelper.findings(report))")
            let root = report.diagnostics.filter { $0.ruleID == rule }
            XCTAssertEqual(root.count, 1, "\(text): \(LintHelper.findings(report))")
            XCTAssertEqual(root.first?.related.map(\.message), [note], text)
            // Without the root rule, C304 reports it on its own.
            let alone = LintHelper.lint(text, ignore: [rule])
            XCTAssertTrue(alone.diagnostics.contains { $0.ruleID == "C304" }, "\(text) without \(rule): \(LintHelper.findings(alone))")
        }
    }

    func testC304UsesTheHubProfile() {
        let text = #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#
        expectClean("C304", in: text)
        let finding = expect("C304", in: text, at: 1, 13, pointer: "/0/origin", contains: ["\"https://labeling.example.com\""]) {
            $0.hub.origins = ["https://hub.ango.ai", "https://labeling.example.com"]
        }
        XCTAssertEqual(finding?.fix?.edits.first?.replacement, #", "https://labeling.example.com""#)
        expect("C304", in: text, at: 1, 48, pointer: "/0/method", contains: ["cannot make HEAD requests"]) { $0.hub.methods = ["GET", "HEAD"] }
    }

    func testC304AppendsARuleWhenNoRuleHasTheMethod() {
        let text = #"{"CORSRules": [{"AllowedOrigins": ["https://api.ango.ai"], "AllowedMethods": ["PUT"]}]}"#
        let report = LintHelper.lint(text)
        let finding = LintHelper.findings(report, "C304").first
        XCTAssertEqual(finding?.pointer, "/CORSRules")
        XCTAssertEqual(finding?.column, 15)
        let fixed = LintHelper.applyingFixes(report, unsafe: true, only: "C304")
        XCTAssertTrue(LintHelper.findings(fixed, "C304").isEmpty, fixed)
    }

    func testC304AzureTemplatesCountOnlyTheBlobService() {
        let template = """
            {
              "resources": [
                {
                  "type": "Microsoft.Storage/storageAccounts/fileServices",
                  "name": "acct/default",
                  "properties": {"cors": {"corsRules": [
                    {"allowedOrigins": ["https://files.example.com"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}
                  ]}}
                },
                {
                  "type": "Microsoft.Storage/storageAccounts/blobServices",
                  "name": "acct/default",
                  "properties": {"cors": {"corsRules": [
                    {"allowedOrigins": ["https://api.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}
                  ]}}
                }
              ]
            }
            """
        XCTAssertEqual(LintHelper.lint(template).kind, .corsAzure)
        let found = LintHelper.findings(template, "C304")
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertEqual(found.first?.pointer, "/resources/1/properties/cors/corsRules/0/allowedOrigins")
        XCTAssertEqual(found.first?.line, 14)
        // ARM expressions cannot be evaluated: no finding.
        expectClean("C304", in: #"{"corsRules": [{"allowedOrigins": "[parameters('origins')]", "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}"#)
    }

    func testC304DefersToC314() {
        XCTAssertTrue(LintHelper.findings("[]", "C304", kind: .corsGCS).isEmpty)
        XCTAssertEqual(LintHelper.findings(LintHelper.lint("[]", kind: .corsGCS, ignore: ["C314"]), "C304").count, 1)
    }

    // MARK: - C305 cors-origin-malformed

    func testC305ForEachProvider() {
        let gcs = """
            [
              {
                "origin": ["https://hub.ango.ai/", "https://api.ango.ai"],
                "method": ["GET"]
              }
            ]
            """
        let finding = expect("C305", in: gcs, at: 3, 16, pointer: "/0/origin/0",
                             contains: ["origin \"https://hub.ango.ai/\" has a trailing slash: browsers send Origin without a path, so this entry never matches; use \"https://hub.ango.ai\""])
        XCTAssertEqual(finding?.endColumn, 38)
        XCTAssertEqual(finding?.fix?.applicability, .safe)
        // The edit covers exactly the string's content.
        XCTAssertEqual(finding?.fix?.edits.first?.range, ByteRange(offset: 22, length: 20))
        XCTAssertEqual(finding?.fix?.edits.first?.replacement, "https://hub.ango.ai")
        let fixed = LintHelper.applyingFixes(LintHelper.lint(gcs))
        XCTAssertTrue(LintHelper.lint(fixed).diagnostics.isEmpty, fixed)

        let s3 = #"{"CORSRules": [{"AllowedOrigins": ["HTTPS://Hub.Ango.AI:443/"], "AllowedMethods": ["GET"]}]}"#
        let upper = expect("C305", in: s3, at: 1, 36, pointer: "/CORSRules/0/AllowedOrigins/0", contains: ["upper-case scheme", "default port", "trailing slash", "use \"https://hub.ango.ai\""])
        XCTAssertEqual(upper?.fix?.applicability, .safe)

        let azure = #"{"corsRules": [{"allowedOrigins": ["hub.ango.ai", "labeling.example.com"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}"#
        let hub = expect("C305", in: azure, at: 1, 36, pointer: "/corsRules/0/allowedOrigins/0", contains: ["has no scheme"])
        XCTAssertEqual(hub?.fix?.applicability, .safe, "adding https:// yields a hub origin")
        let other = expect("C305", in: azure, at: 1, 51, pointer: "/corsRules/0/allowedOrigins/1", contains: ["has no scheme"])
        XCTAssertEqual(other?.fix?.applicability, .unsafe, "https:// is a guess for other hosts")

        let escaped = #"[{"origin": ["https:\/\/hub.ango.ai\/"], "method": ["GET"]}]"#
        let edit = expect("C305", in: escaped, at: 1, 14, pointer: "/0/origin/0")?.fix?.edits.first
        XCTAssertEqual(edit?.range, ByteRange(offset: 14, length: 23))
        XCTAssertEqual(edit?.replacement, #"https://hub.ango.ai"#)
    }

    func testC305Clean() {
        expectClean("C305", in: #"[{"origin": ["https://hub.ango.ai", "http://localhost:3000", "*"], "method": ["GET"]}]"#)
        expectClean("C305", in: #"[{"AllowedOrigins": ["https://*.ango.ai", "http://localhost:*"], "AllowedMethods": ["GET"]}]"#)
        expectClean("C305", in: #"{"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}"#)
    }

    // MARK: - C306 cors-origin-wildcard

    func testC306() {
        let gcs = #"[{"origin": ["*"], "method": ["GET"]}]"#
        let any = expect("C306", in: gcs, at: 1, 14, pointer: "/0/origin/0", contains: ["every website"])
        XCTAssertEqual(any?.severity, .warning)
        XCTAssertEqual(LintHelper.applyingFixes(LintHelper.lint(gcs), unsafe: true, only: "C306"), #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#)
        expect("C306", in: #"[{"AllowedOrigins": ["https://*.ango.ai"], "AllowedMethods": ["GET"]}]"#, at: 1, 22, pointer: "/0/AllowedOrigins/0", contains: ["subdomains"])
        expect("C306", in: #"{"corsRules": [{"allowedOrigins": ["*"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}"#,
               at: 1, 36, pointer: "/corsRules/0/allowedOrigins/0")
        // On GCS a partial wildcard is not a wildcard (C305), and on S3 two are rejected (C312).
        expectClean("C306", in: #"[{"origin": ["https://*.ango.ai"], "method": ["GET"]}]"#)
        XCTAssertEqual(LintHelper.findings(#"[{"origin": ["https://*.ango.ai"], "method": ["GET"]}]"#, "C305").count, 1)
        expectClean("C306", in: #"[{"AllowedOrigins": ["https://*.*.ango.ai"], "AllowedMethods": ["GET"]}]"#)
        expectClean("C306", in: #"[{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]"#)
    }

    // MARK: - C307 cors-origin-insecure

    func testC307() {
        for (text, column, pointer) in [
            (#"[{"origin": ["https://hub.ango.ai", "http://labeling.example.com"], "method": ["GET"]}]"#, 37, "/0/origin/1"),
            (#"[{"AllowedOrigins": ["http://labeling.example.com"], "AllowedMethods": ["GET"], "AllowedHeaders": []}, {"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]"#, 22, "/0/AllowedOrigins/0"),
            (#"{"corsRules": [{"allowedOrigins": ["http://labeling.example.com", "https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}"#, 36, "/corsRules/0/allowedOrigins/0"),
        ] {
            let finding = expect("C307", in: text, at: 1, column, pointer: pointer, contains: ["plain HTTP", "use \"https://labeling.example.com\""])
            XCTAssertEqual(finding?.fix?.applicability, .unsafe)
        }
        expectClean("C307", in: #"[{"origin": ["https://hub.ango.ai", "http://localhost:3000", "http://127.0.0.1:8080", "http://[::1]:5173", "http://app.localhost"], "method": ["GET"]}]"#)
    }

    // MARK: - C308 cors-method-invalid

    func testC308() {
        let s3 = """
            {"CORSRules": [
              {"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["get", "OPTIONS", "*"]}
            ]}
            """
        let lower = expect("C308", in: s3, at: 2, 66, pointer: "/CORSRules/0/AllowedMethods/0", contains: ["S3 accepts only upper-case methods", "write \"GET\""])
        XCTAssertEqual(lower?.fix?.applicability, .safe)
        expect("C308", in: s3, at: 2, 73, pointer: "/CORSRules/0/AllowedMethods/1", contains: ["answers preflight OPTIONS"])
        expect("C308", in: s3, at: 2, 84, pointer: "/CORSRules/0/AllowedMethods/2", contains: ["no method wildcard"])
        expect("C308", in: #"[{"origin": ["https://hub.ango.ai"], "method": ["GET", "FETCH"]}]"#, at: 1, 56, pointer: "/0/method/1", contains: ["\"FETCH\" is not one GCS accepts"])
        expect("C308", in: #"{"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET", "*"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}"#,
               at: 1, 86, pointer: "/corsRules/0/allowedMethods/1", contains: ["Azure Blob Storage"])
        expectClean("C308", in: #"[{"origin": ["https://hub.ango.ai"], "method": ["GET", "HEAD", "OPTIONS", "*"]}]"#)
        expectClean("C308", in: #"{"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET", "MERGE", "PATCH", "OPTIONS"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}"#)
    }

    // MARK: - C309 cors-method-excess

    func testC309() {
        let gcs = #"[{"origin": ["https://hub.ango.ai"], "method": ["GET", "DELETE"]}]"#
        let delete = expect("C309", in: gcs, at: 1, 56, pointer: "/0/method/1", contains: ["DELETE", "reading assets does not need it"])
        XCTAssertEqual(delete?.severity, .warning)
        XCTAssertEqual(LintHelper.applyingFixes(LintHelper.lint(gcs), unsafe: true, only: "C309"), #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#)
        let any = #"[{"origin": ["https://hub.ango.ai"], "method": ["*"]}]"#
        expect("C309", in: any, at: 1, 49, pointer: "/0/method/0", contains: ["allows every method"])
        XCTAssertEqual(LintHelper.applyingFixes(LintHelper.lint(any), unsafe: true, only: "C309"), #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#)
        expect("C309", in: #"[{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["DELETE", "GET"]}]"#, at: 1, 65, pointer: "/0/AllowedMethods/0")
        expect("C309", in: #"{"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET", "DELETE"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}"#,
               at: 1, 86, pointer: "/corsRules/0/allowedMethods/1")
        // Not when the hub profile needs it.
        expectClean("C309", in: gcs) { $0.hub.methods = ["GET", "DELETE"] }
        expectClean("C309", in: #"[{"origin": ["https://hub.ango.ai"], "method": ["GET", "POST", "PUT", "HEAD"]}]"#)
    }

    // MARK: - C310 cors-response-headers

    func testC310() {
        let s3 = """
            [
              {
                "AllowedOrigins": ["https://hub.ango.ai"],
                "AllowedMethods": ["GET", "PUT"],
                "AllowedHeaders": ["x-amz-meta-owner"]
              }
            ]
            """
        let upload = expect("C310", in: s3, at: 5, 23, pointer: "/0/AllowedHeaders", contains: ["upload (PUT)", "Content-Type"])
        XCTAssertEqual(upload?.severity, .info)
        expect("C310", in: #"[{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["PUT"]}]"#, at: 1, 2, pointer: "/0/AllowedHeaders")
        expect("C310", in: #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"], "responseHeader": ["Content-Type: image/png"]}]"#,
               at: 1, 76, pointer: "/0/responseHeader/0", contains: ["header line", "such as \"Content-Type\""])
        let spaced = #"{"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [" ETag "], "maxAgeInSeconds": 0}]}"#
        let trim = expect("C310", in: spaced, at: 1, 128, pointer: "/corsRules/0/exposedHeaders/0", contains: ["spaces around it"])
        XCTAssertEqual(trim?.fix?.applicability, .safe)
        expectClean("C310", in: #"[{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET", "PUT"], "AllowedHeaders": ["*"]}]"#)
        expectClean("C310", in: #"[{"origin": ["https://hub.ango.ai"], "method": ["GET", "PUT"], "responseHeader": ["Content-Type"]}]"#)
        // Uploads from other origins are not the hub's concern.
        expectClean("C310", in: #"[{"origin": ["https://uploader.example.com"], "method": ["PUT"]}, {"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#)
    }

    // MARK: - C311 cors-max-age

    func testC311() {
        let s3 = """
            {
              "CORSRules": [
                {
                  "AllowedOrigins": ["https://hub.ango.ai"],
                  "AllowedMethods": ["GET"],
                  "MaxAgeSeconds": "3600"
                }
              ]
            }
            """
        let string = expect("C311", in: s3, at: 6, 24, pointer: "/CORSRules/0/MaxAgeSeconds", contains: ["the string \"3600\"", "without quotes"])
        XCTAssertEqual(string?.fix?.applicability, .safe)
        XCTAssertTrue(LintHelper.lint(LintHelper.applyingFixes(LintHelper.lint(s3))).diagnostics.isEmpty)
        expect("C311", in: #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"], "maxAgeSeconds": -1}]"#, at: 1, 74, pointer: "/0/maxAgeSeconds", contains: ["negative"])
        expect("C311", in: #"{"corsRules": [{"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 3600.5}]}"#,
               at: 1, 150, pointer: "/corsRules/0/maxAgeInSeconds", contains: ["whole number"])
        let exponent = expect("C311", in: #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"], "maxAgeSeconds": 3.6e3}]"#, at: 1, 74, pointer: "/0/maxAgeSeconds")
        XCTAssertEqual(exponent?.fix?.edits.first?.replacement, "3600")
        expect("C311", in: #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"], "maxAgeSeconds": null}]"#, at: 1, 74, pointer: "/0/maxAgeSeconds")
        expectClean("C311", in: #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"], "maxAgeSeconds": 3600}]"#)
        expectClean("C311", in: #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#)
    }

    // MARK: - C312 cors-provider-limits

    func testC312S3() {
        let s3 = """
            {
              "CORSRules": [
                {
                  "ID": "\(String(repeating: "r", count: 256))",
                  "AllowedOrigins": ["https://*.preview.*.example.com"],
                  "AllowedMethods": ["GET"],
                  "AllowedHeaders": ["x-*-*"],
                  "ExposeHeaders": ["*"],
                  "MaxAgeSeconds": 2147483648
                }
              ]
            }
            """
        expect("C312", in: s3, at: 4, 13, pointer: "/CORSRules/0/ID", contains: ["256 characters", "at most 255"])
        expect("C312", in: s3, at: 5, 26, pointer: "/CORSRules/0/AllowedOrigins/0", contains: ["2 \"*\" wildcards", "at most 1"])
        expect("C312", in: s3, at: 7, 26, pointer: "/CORSRules/0/AllowedHeaders/0", contains: ["more than one \"*\""])
        expect("C312", in: s3, at: 8, 25, pointer: "/CORSRules/0/ExposeHeaders/0", contains: ["does not accept in ExposeHeaders"])
        expect("C312", in: s3, at: 9, 24, pointer: "/CORSRules/0/MaxAgeSeconds", contains: ["2147483648", "32-bit"])
        let rules = (0..<101).map { #"{"AllowedOrigins": ["https://t\#($0).example.com"], "AllowedMethods": ["GET"]}"# }
        let many = "[\n" + rules.joined(separator: ",\n") + "\n]"
        expect("C312", in: many, at: 102, 1, pointer: "/100", contains: ["101 rules", "at most 100"])
        expectClean("C312", in: "[\n" + rules.dropLast().joined(separator: ",\n") + "\n]")
    }

    func testC312S3XMLSize() {
        let origins = (0..<1100).map { "\"https://tenant-\($0).customers.example.com\"" }.joined(separator: ", ")
        let text = #"{"CORSRules": [{"AllowedOrigins": [\#(origins)], "AllowedMethods": ["GET"]}]}"#
        let finding = expect("C312", in: text, at: 1, 15, pointer: "/CORSRules", contains: ["as XML", "64 KB"])
        XCTAssertNotNil(finding)
    }

    func testC312AzureAndOverrides() {
        func rule(_ origin: String) -> String {
            #"{"allowedOrigins": ["\#(origin)"], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}"#
        }
        let six = "{\"corsRules\": [\n" + (["https://hub.ango.ai"] + (1...5).map { "https://t\($0).example.com" }).map(rule).joined(separator: ",\n") + "\n]}"
        expect("C312", in: six, at: 7, 1, pointer: "/corsRules/5", contains: ["6 rules", "at most 5 per service"])
        // A provider raising its limit: override in the configuration.
        expectClean("C312", in: six) { $0.hub.limits = ["azure": ["maxRules": 10]] }
        // A limit set for a provider without a built-in one applies.
        let gcs = #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}, {"origin": ["https://api.ango.ai"], "method": ["GET"]}]"#
        expectClean("C312", in: gcs)
        expect("C312", in: gcs, at: 1, 58, pointer: "/1", contains: ["at most 1"]) { $0.hub.limits = ["gcs": ["maxRules": 1]] }
        let long = "https://" + String(repeating: "a", count: 250) + ".example"
        expect("C312", in: "{\"corsRules\": [\(rule(long)), \(rule("https://hub.ango.ai"))]}", at: 1, 36, pointer: "/corsRules/0/allowedOrigins/0", contains: ["characters long", "at most 256"])
        let origins = (0...64).map { "\"https://t\($0).example.com\"" }.joined(separator: ",")
        let many = #"{"corsRules": [{"allowedOrigins": ["https://hub.ango.ai",\#(origins)], "allowedMethods": ["GET"], "allowedHeaders": [], "exposedHeaders": [], "maxAgeInSeconds": 0}]}"#
        let finding = LintHelper.findings(many, "C312").first { $0.message.contains("origins") }
        XCTAssertEqual(finding?.pointer, "/corsRules/0/allowedOrigins/64")
    }

    // MARK: - C313 cors-shadowed-rule

    func testC313() {
        let s3 = """
            {
              "CORSRules": [
                {"ID": "public", "AllowedOrigins": ["*"], "AllowedMethods": ["GET", "HEAD"]},
                {"ID": "hub", "AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"], "ExposeHeaders": ["ETag"]}
              ]
            }
            """
        let finding = expect("C313", in: s3, at: 4, 5, pointer: "/CORSRules/1", contains: ["rule 1 (\"hub\") can never apply", "rule 0 (\"public\")", "ExposeHeaders"])
        XCTAssertEqual(finding?.severity, .warning)
        XCTAssertEqual(finding?.related.count, 1)
        expectClean("C313", in: """
            {
              "CORSRules": [
                {"ID": "hub", "AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"], "ExposeHeaders": ["ETag"]},
                {"ID": "public", "AllowedOrigins": ["*"], "AllowedMethods": ["GET", "HEAD"]}
              ]
            }
            """)
        expect("C313", in: #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}, {"origin": ["https://hub.ango.ai"], "method": ["GET"], "maxAgeSeconds": 60}]"#,
               at: 1, 58, pointer: "/1", contains: ["allows the same origins and methods"])
        let azure = """
            {"corsRules": [
              {"allowedOrigins": ["https://hub.ango.ai", "https://api.ango.ai"], "allowedMethods": ["GET", "HEAD"], "allowedHeaders": ["*"], "exposedHeaders": [], "maxAgeInSeconds": 0},
              {"allowedOrigins": ["https://hub.ango.ai"], "allowedMethods": ["GET"], "allowedHeaders": ["Content-Type"], "exposedHeaders": ["ETag"], "maxAgeInSeconds": 60}
            ]}
            """
        expect("C313", in: azure, at: 3, 3, pointer: "/corsRules/1")
        // Wildcard subdomains shadow on S3 only.
        expect("C313", in: #"[{"AllowedOrigins": ["https://*.ango.ai"], "AllowedMethods": ["GET"]}, {"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]"#,
               at: 1, 72, pointer: "/1")
        expectClean("C313", in: #"[{"origin": ["https://*.ango.ai"], "method": ["GET"]}, {"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#)
    }

    // MARK: - C314 cors-empty

    func testC314() {
        let gcs = LintHelper.lint("[]\n", path: "infra/cors.json")
        XCTAssertEqual(gcs.kind, .corsGCS)
        let found = LintHelper.findings(gcs, "C314")
        XCTAssertEqual(found.first?.line, 1)
        XCTAssertEqual(found.first?.column, 1)
        XCTAssertTrue(found.first?.message.contains("deletes the bucket's CORS configuration") == true)
        expect("C314", in: "{\n  \"CORSRules\": [ ]\n}", at: 2, 16, pointer: "/CORSRules", contains: ["rejects a configuration without rules"])
        expect("C314", in: #"[]"#, kind: .corsS3, at: 1, 1, pointer: "")
        expect("C314", in: #"{"properties": {"cors": {"corsRules": []}}}"#, at: 1, 39, pointer: "/properties/cors/corsRules", contains: ["removes every CORS rule"])
        expectClean("C314", in: #"[{"origin": ["https://hub.ango.ai"], "method": ["GET"]}]"#)
    }

    // MARK: - The hub's recommended snippets

    func testHubSnippetsHaveNoFindingAtAll() {
        let gcs = #"[{"origin": ["https://api.ango.ai","https://hub.ango.ai"],"method": ["GET","POST","PUT","HEAD"],"responseHeader": ["Content-Type","Access-Control-Allow-Origin"]}]"#
        let s3 = #"[{"AllowedHeaders":["*"],"AllowedMethods":["GET","POST","PUT","HEAD"],"AllowedOrigins":["https://api.ango.ai","https://hub.ango.ai"],"ExposeHeaders":[]}]"#
        for (text, kind) in [(gcs, DocumentKind.corsGCS), (s3, .corsS3)] {
            let report = LintHelper.lint(text)
            XCTAssertEqual(report.kind, kind)
            XCTAssertEqual(LintHelper.findings(report).map(\.description), [])
        }
    }
}
