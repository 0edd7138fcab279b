import Foundation
import XCTest
@testable import AssetLint

final class ConfigurationLoaderTests: XCTestCase {
    /// The example of SPEC.md section 6, verbatim.
    static let specExample = """
        files:                       # globs relative to this file; auto-detection for the rest
          manifests: ["assets/**/*.json"]
          cors: ["infra/cors*.json"]
          exclude: ["node_modules/**", ".build/**"]
        storage:
          provider: gcs              # gcs | s3 | azure | any (default any)
          buckets: [my-bucket]       # asset URLs must point into these
        hub:
          origins: [https://hub.ango.ai]   # must be allowed by every CORS file (default)
          methods: [GET]
        assets:
          extensions: [jpg, jpeg, png, tif, tiff, mp4, ogg, webm, mov, mp3, wav, txt, md, pdf, dcm, nrrd]
          maxDimension: 100000
        rules:
          select: [ALL]
          ignore: [M130]
          severity: {U207: error}
        overrides:
          - files: ["legacy/**"]
            ignore: [U204]
        baseline: .assetlint-baseline.json
        custom:                      # declarative checks, no Swift needed
          - id: X001
            name: external-id-slug
            kind: manifest
            pointer: /*/externalId   # JSON Pointer with * for any array index or key
            pattern: "^[a-z0-9-]+$"  # also: enum, minLength, maxLength, unique, hosts
            severity: warning
            message: externalId must be a lower-case slug

        """

    func testSpecExampleLoadsWithEveryField() throws {
        let folder = try ConfigTempFolder()
        defer { folder.remove() }
        let path = try folder.write(".assetlint.yml", Self.specExample)
        let config = try ConfigurationLoader.load(path: path, isKnownRuleSelector: TestRuleCatalog.isKnown)

        XCTAssertEqual(config.path, path)
        XCTAssertEqual(config.directory, folder.path)
        XCTAssertEqual(config.files.manifests, ["assets/**/*.json"])
        XCTAssertEqual(config.files.cors, ["infra/cors*.json"])
        XCTAssertEqual(config.files.serviceAccounts, [])
        XCTAssertEqual(config.files.exclude, ["node_modules/**", ".build/**"])
        XCTAssertEqual(config.storage.provider, .gcs)
        XCTAssertEqual(config.storage.buckets, ["my-bucket"])
        XCTAssertEqual(config.hub.origins, ["https://hub.ango.ai"])
        XCTAssertEqual(config.hub.methods, ["GET"])
        XCTAssertEqual(config.hub.limits, [:])
        XCTAssertEqual(config.assets.extensions, Configuration.AssetSettings.defaultExtensions)
        XCTAssertEqual(config.assets.maxDimension, 100_000)
        XCTAssertEqual(config.rules.select, ["ALL"])
        XCTAssertEqual(config.rules.ignore, ["M130"])
        XCTAssertEqual(config.rules.severity, ["U207": .error])
        XCTAssertEqual(config.overrides.count, 1)
        XCTAssertEqual(config.overrides[0].files, ["legacy/**"])
        XCTAssertNil(config.overrides[0].select)
        XCTAssertEqual(config.overrides[0].ignore, ["U204"])
        XCTAssertEqual(config.overrides[0].severity, [:])
        XCTAssertEqual(config.baseline, folder.path + "/.assetlint-baseline.json")
        XCTAssertEqual(config.json.maxDepth, 512)
        XCTAssertEqual(config.custom.count, 1)
        let rule = try XCTUnwrap(config.custom.first)
        XCTAssertEqual(rule.id, "X001")
        XCTAssertEqual(rule.name, "external-id-slug")
        XCTAssertEqual(rule.kind, .manifest)
        XCTAssertEqual(rule.pointer, "/*/externalId")
        XCTAssertEqual(rule.pattern, "^[a-z0-9-]+$")
        XCTAssertNil(rule.allowedValues)
        XCTAssertNil(rule.minLength)
        XCTAssertNil(rule.maxLength)
        XCTAssertFalse(rule.unique)
        XCTAssertNil(rule.hosts)
        XCTAssertEqual(rule.severity, .warning)
        XCTAssertEqual(rule.message, "externalId must be a lower-case slug")
        XCTAssertEqual(rule.line, 23)
        XCTAssertEqual(rule.column, 5)

        // The configuration works on paths as the engine will ask.
        XCTAssertEqual(config.configuredKind(for: folder.path + "/assets/2024/batch.json"), .manifest)
        XCTAssertEqual(config.configuredKind(for: folder.path + "/infra/cors-prod.json"), .cors)
        XCTAssertNil(config.configuredKind(for: folder.path + "/package.json"))
        XCTAssertTrue(config.isExcluded(folder.path + "/node_modules/x/package.json"))
        XCTAssertFalse(config.isExcluded(folder.path + "/assets/a.json"))
        XCTAssertEqual(config.ruleSettings(for: folder.path + "/legacy/old.json").count, 2)
        XCTAssertEqual(config.ruleSettings(for: folder.path + "/assets/new.json").count, 1)
    }

    func testEveryOtherField() throws {
        let config = try loadConfig("""
            files:
              serviceAccounts: ["secrets/*.json"]
            storage:
              provider: s3
              buckets:
                - bucket-a
                - "2024"
            hub:
              origins: ["https://hub.ango.ai", "https://api.ango.ai", "http://localhost:8080"]
              methods: [GET, HEAD, PUT]
              limits:
                s3: {maxRules: 100, maxBytes: 65536}
                azure:
                  maxRules: 5
                gcs: {}
            assets:
              extensions: [.JPG, png, png]
              maxDimension: 20_000
            json:
              maxDepth: 64
            rules:
              select: [U, M1, K401]
              severity:
                url-not-nfc: error
                M121: info
            overrides:
              - files: [fixtures/**]
                select: [J]
                severity: {J005: warning}
              - files: ["*.cors.json", "infra/"]
                ignore: [C3]
            custom:
              - id: X010
                name: only-our-cdn
                pointer: /*/data
                hosts: [CDN.example.com, "*.example.org"]
                message: assets must come from our CDN
              - id: X011
                name: batch-name
                kind: manifest
                pointer: /*/batches/*
                enum: [train, test, "yes", 2024]
                minLength: 1
                maxLength: 40
                unique: true
                message: unknown batch
            """)
        XCTAssertEqual(config.files.serviceAccounts, ["secrets/*.json"])
        XCTAssertEqual(config.storage.provider, .s3)
        XCTAssertEqual(config.storage.buckets, ["bucket-a", "2024"])
        XCTAssertEqual(config.hub.origins, ["https://hub.ango.ai", "https://api.ango.ai", "http://localhost:8080"])
        XCTAssertEqual(config.hub.methods, ["GET", "HEAD", "PUT"])
        XCTAssertEqual(config.hub.limits, ["s3": ["maxRules": 100, "maxBytes": 65536], "azure": ["maxRules": 5], "gcs": [:]])
        XCTAssertEqual(config.assets.extensions, ["jpg", "png"])
        XCTAssertEqual(config.assets.maxDimension, 20_000)
        XCTAssertEqual(config.json.maxDepth, 64)
        XCTAssertEqual(config.rules.select, ["U", "M1", "K401"])
        XCTAssertEqual(config.rules.ignore, [])
        XCTAssertEqual(config.rules.severity, ["url-not-nfc": .error, "M121": .info])
        XCTAssertEqual(config.overrides.count, 2)
        XCTAssertEqual(config.overrides[0].select, ["J"])
        XCTAssertEqual(config.overrides[0].severity, ["J005": .warning])
        XCTAssertEqual(config.overrides[1].files, ["*.cors.json", "infra/"])
        XCTAssertEqual(config.overrides[1].ignore, ["C3"])
        XCTAssertNil(config.baseline)
        XCTAssertEqual(config.custom.map(\.id), ["X010", "X011"])
        XCTAssertEqual(config.custom[0].hosts, ["cdn.example.com", "*.example.org"])
        XCTAssertNil(config.custom[0].kind)
        XCTAssertEqual(config.custom[0].severity, .error)
        XCTAssertEqual(config.custom[1].kind, .manifest)
        XCTAssertEqual(config.custom[1].allowedValues, ["train", "test", "yes", "2024"])
        XCTAssertEqual(config.custom[1].minLength, 1)
        XCTAssertEqual(config.custom[1].maxLength, 40)
        XCTAssertTrue(config.custom[1].unique)
        XCTAssertEqual(config.custom[1].line, 38)
        XCTAssertEqual(config.custom[1].column, 5)
    }

    func testEmptyAndCommentOnlyFilesGiveTheDefaults() throws {
        for text in ["", "\n\n", "# nothing configured yet\n", "---\n", "~\n", "\u{FEFF}"] {
            let config = try loadConfig(text)
            XCTAssertEqual(config.directory, "/project")
            XCTAssertEqual(config.path, "/project/.assetlint.yml")
            XCTAssertEqual(config.storage.provider, .any)
            XCTAssertEqual(config.hub.origins, ["https://hub.ango.ai"])
            XCTAssertEqual(config.hub.methods, ["GET"])
            XCTAssertEqual(config.rules.select, ["ALL"])
            XCTAssertEqual(config.assets.maxDimension, 100_000)
            XCTAssertEqual(config.json.maxDepth, 512)
            XCTAssertTrue(config.custom.isEmpty && config.overrides.isEmpty)
        }
        let folder = try ConfigTempFolder()
        defer { folder.remove() }
        let path = try folder.write(".assetlint.yml", "")
        XCTAssertEqual(try ConfigurationLoader.load(path: path, isKnownRuleSelector: { _ in false }).rules.select, ["ALL"])
    }

    func testKeysWithoutValuesKeepTheDefaults() throws {
        let config = try loadConfig("""
            files:
            storage:
              provider:
            hub:
              origins:
            """)
        XCTAssertEqual(config.storage.provider, .any)
        XCTAssertEqual(config.hub.origins, ["https://hub.ango.ai"])
    }

    func testYAMLFeatures() throws {
        let config = try loadConfig("""
            rules: &strict
              select: [ALL]
              ignore: [M130]
            overrides:
              - files: ["a/**"]
                <<: *strict
                ignore: [U204]
            """)
        XCTAssertEqual(config.rules.ignore, ["M130"])
        XCTAssertEqual(config.overrides[0].select, ["ALL"])
        XCTAssertEqual(config.overrides[0].ignore, ["U204"], "explicit keys win over merged ones")
    }

    // MARK: - Errors, each at its line and column

    func testUnknownKeys() {
        assertConfigError("""
            assets:
              maxDimensions: 5000
            """, line: 2, column: 3, "unknown key 'maxDimensions' in 'assets'; did you mean 'maxDimension'?")
        assertConfigError("""
            files:
              Manifests: [a.json]
            """, line: 2, column: 3, "did you mean 'manifests'?")
        assertConfigError("""
            files:
              service_accounts: [a.json]
            """, line: 2, column: 3, "did you mean 'serviceAccounts'?")
        assertConfigError("rule:\n  select: [ALL]\n", line: 1, column: 1, "unknown top-level key 'rule'; did you mean 'rules'?")
        assertConfigError(
            "select: [ALL]\n", line: 1, column: 1,
            "unknown top-level key 'select'; did you mean 'rules.select'? (it belongs under 'rules:')")
        assertConfigError(
            "rules:\n  disable: [U204]\n", line: 2, column: 3, "unknown key 'disable' in 'rules'; did you mean 'ignore'?")
        assertConfigError(
            "storage:\n  region: eu\n", line: 2, column: 3,
            "unknown key 'region' in 'storage' (expected one of: provider, buckets)")
        assertConfigError("""
            custom:
              - id: X001
                name: a
                pointer: /x
                patern: "^a$"
                unique: true
                message: m
            """, line: 5, column: 5, "unknown key 'patern' in 'custom[0]'; did you mean 'pattern'?")
        assertConfigError("""
            overrides:
              - files: [a]
                ignores: [U204]
            """, line: 3, column: 5, "unknown key 'ignores' in 'overrides[0]'; did you mean 'ignore'?")
        assertConfigError(
            "json: {max_depth: 10}\n", line: 1, column: 8, "unknown key 'max_depth' in 'json'; did you mean 'maxDepth'?")
    }

    func testWrongTypes() {
        assertConfigError("""
            files:
              manifests: assets/*.json
            """, line: 2, column: 14,
            "'files.manifests' must be a list, found the string \"assets/*.json\"; write [\"assets/*.json\"]")
        assertConfigError(
            "files: [a.json]\n", line: 1, column: 8, "'files' must be a mapping, found a list")
        assertConfigError("""
            rules:
              ignore:
                - U204
                - [M130]
            """, line: 4, column: 7, "'rules.ignore[1]' must be a string, found a list")
        assertConfigError("""
            storage:
              provider: [gcs]
            """, line: 2, column: 13, "'storage.provider' must be a string, found a list")
        assertConfigError(
            "- files\n", line: 1, column: 1, "the configuration must be a mapping of settings")
        assertConfigError("overrides: {files: [a]}\n", line: 1, column: 12, "'overrides' must be a list of overrides")
        assertConfigError("""
            custom:
              - id: X001
                name: a
                pointer: /x
                unique: sometimes
                message: m
            """, line: 5, column: 13, "'custom[0].unique' must be true or false, found the string \"sometimes\"")
    }

    func testStorageProvider() {
        assertConfigError("""
            storage:
              provider: gcp
            """, line: 2, column: 13, "invalid storage provider 'gcp': expected one of gcs, s3, azure, any; did you mean 'gcs'?")
        assertConfigError(
            "storage: {provider: AZURE}\n", line: 1, column: 21, "did you mean 'azure'?")
        assertConfigError("""
            storage:
              buckets: ["gs://my-bucket/assets"]
            """, line: 2, column: 13, "'gs://my-bucket/assets' is a URL; 'storage.buckets' lists bucket names, like 'my-bucket'")
    }

    func testPositiveIntegers() {
        assertConfigError(
            "assets:\n  maxDimension: 0\n", line: 2, column: 17, "'assets.maxDimension' must be a positive integer, found 0")
        assertConfigError(
            "assets:\n  maxDimension: -3\n", line: 2, column: 17, "must be a positive integer, found -3")
        assertConfigError(
            "assets:\n  maxDimension: 1.5\n", line: 2, column: 17,
            "'assets.maxDimension' must be a positive integer, found the number 1.5")
        assertConfigError(
            "assets:\n  maxDimension: \"5000\"\n", line: 2, column: 17, "found a quoted string; remove the quotes")
        assertConfigError(
            "assets:\n  maxDimension: 99999999999999999999999\n", line: 2, column: 17, "out of range")
        assertConfigError(
            "json:\n  maxDepth: deep\n", line: 2, column: 13,
            "'json.maxDepth' must be a positive integer, found the string \"deep\"")
        assertConfigError(
            "json:\n  maxDepth: 0\n", line: 2, column: 13, "'json.maxDepth' must be a positive integer")
        assertConfigError(
            "hub:\n  limits:\n    s3: {maxRules: 0}\n", line: 3, column: 20,
            "'hub.limits.s3.maxRules' must be a positive integer, found 0")
        assertConfigError(
            "hub:\n  limits:\n    gcp: {maxRules: 3}\n", line: 3, column: 5,
            "unknown provider 'gcp' in 'hub.limits': expected one of gcs, s3, azure; did you mean 'gcs'?")
        assertConfigError(
            "hub:\n  limits:\n    s3: 100\n", line: 3, column: 9, "'hub.limits.s3' must be a mapping, found the integer 100")
    }

    func testSeverities() {
        assertConfigError("""
            rules:
              severity: {U207: fatal}
            """, line: 2, column: 20, "invalid severity 'fatal': expected one of error, warning, info")
        assertConfigError("""
            rules:
              severity:
                U207: warn
            """, line: 3, column: 11, "invalid severity 'warn': expected one of error, warning, info; did you mean 'warning'?")
        assertConfigError("""
            rules:
              severity:
                U207: off
            """, line: 3, column: 11, "(to turn a rule off, list it in 'ignore')")
        assertConfigError("""
            custom:
              - id: X001
                name: a
                pointer: /x
                unique: true
                severity: critical
                message: m
            """, line: 6, column: 15, "invalid severity 'critical'")
    }

    func testRuleSelectors() {
        assertConfigError("""
            rules:
              ignore: [M130, U999]
            """, line: 2, column: 18, "unknown rule 'U999' in 'rules.ignore'")
        assertConfigError("""
            rules:
              select: [u204]
            """, line: 2, column: 12, "unknown rule 'u204' in 'rules.select'; did you mean 'U204'?")
        assertConfigError("""
            rules:
              severity:
                url_plus_in_path: error
            """, line: 3, column: 5, "unknown rule 'url_plus_in_path' in 'rules.severity'; did you mean 'url-plus-in-path'?")
        assertConfigError("""
            overrides:
              - files: ["legacy/**"]
                ignore: [U204, Z1]
            """, line: 3, column: 20, "unknown rule 'Z1' in 'overrides[0].ignore'")
        assertConfigError("""
            overrides:
              - files: ["legacy/**"]
                select: [J]
                severity: {Q100: info}
            """, line: 4, column: 16, "unknown rule 'Q100' in 'overrides[0].severity'")
    }

    func testCustomRuleSelectorsAreKnown() throws {
        let config = try loadConfig("""
            rules:
              select: [ALL, X]
              ignore: [X001]
              severity: {external-id-slug: info, X0: warning}
            overrides:
              - files: [a]
                ignore: [X00]
            custom:
              - id: X001
                name: external-id-slug
                pointer: /*/externalId
                pattern: "^[a-z]+$"
                message: slug
            """)
        XCTAssertEqual(config.rules.ignore, ["X001"])
        XCTAssertEqual(config.rules.severity, ["external-id-slug": .info, "X0": .warning])
        XCTAssertEqual(config.overrides[0].ignore, ["X00"])
        assertConfigError("rules:\n  ignore: [X002]\n", line: 2, column: 12, "unknown rule 'X002'")
    }

    func testCustomRuleDefinitions() {
        let valid = """
              - id: X001
                name: external-id-slug
                pointer: /*/externalId
                pattern: "^[a-z]+$"
                message: slug

            """
        assertConfigError("""
            custom:
              - id: X1
                name: a
                pointer: /x
                unique: true
                message: m
            """, line: 2, column: 9, "invalid custom rule id 'X1': custom ids are 'X' and three digits, like 'X001'")
        assertConfigError("""
            custom:
              - id: x042
                name: a
                pointer: /x
                unique: true
                message: m
            """, line: 2, column: 9, "did you mean 'X042'?")
        assertConfigError("custom:\n" + valid + """
              - id: X001
                name: other-name
                pointer: /x
                unique: true
                message: m
            """, line: 7, column: 9, "duplicate custom rule id 'X001': already used at line 2, column 9")
        assertConfigError("custom:\n" + valid + """
              - id: X002
                name: external-id-slug
                pointer: /x
                unique: true
                message: m
            """, line: 8, column: 11, "duplicate custom rule name 'external-id-slug'")
        assertConfigError("""
            custom:
              - id: X001
                name: url-plus-in-path
                pointer: /x
                unique: true
                message: m
            """, line: 3, column: 11, "custom rule name 'url-plus-in-path' is already the name of a built-in rule")
        assertConfigError("""
            custom:
              - id: X001
                name: Slug Check
                pointer: /x
                unique: true
                message: m
            """, line: 3, column: 11, "invalid custom rule name 'Slug Check'")
        assertConfigError("""
            custom:
              - id: X001
                name: a
                kind: manifests
                pointer: /x
                unique: true
                message: m
            """, line: 4, column: 11,
            "invalid kind 'manifests': expected one of manifest, labels, attachments, cors-gcs, cors-s3, cors-azure, service-account, json; did you mean 'manifest'?")
        assertConfigError("""
            custom:
              - id: X001
                name: a
                pointer: /x
                message: m
            """, line: 2, column: 5,
            "custom rule 'X001' has no check: add one of pattern, enum, minLength, maxLength, unique, hosts")
        assertConfigError("""
            custom:
              - id: X001
                name: a
                pointer: /x
                unique: false
                message: m
            """, line: 2, column: 5, "has no check")
        assertConfigError("""
            custom:
              - id: X001
                name: a
                pointer: /x
                pattern: "^[a-z+$"
                message: m
            """, line: 5, column: 14, "invalid regular expression in 'custom[0].pattern': expected ']'")
        assertConfigError("""
            custom:
              - id: X001
                name: a
                pointer: "*/externalId"
                unique: true
                message: m
            """, line: 4, column: 14, "invalid JSON Pointer '*/externalId': it must start with '/'")
        assertConfigError("""
            custom:
              - id: X001
                name: a
                pointer: /a~2b
                unique: true
                message: m
            """, line: 4, column: 14, "'~' must be followed by 0 ('~' itself) or 1 ('/')")
        assertConfigError("""
            custom:
              - id: X001
                pointer: /x
                unique: true
                message: m
            """, line: 2, column: 5, "custom rule is missing 'name'")
        assertConfigError("""
            custom:
              - id: X001
                name: a
                pointer: /x
                minLength: 10
                maxLength: 2
                message: m
            """, line: 5, column: 16, "'custom[0].minLength' (10) is greater than 'maxLength' (2)")
        assertConfigError("""
            custom:
              - id: X001
                name: a
                pointer: /x
                enum: []
                message: m
            """, line: 5, column: 11, "'custom[0].enum' is empty")
        assertConfigError("""
            custom:
              - id: X001
                name: a
                pointer: /*/data
                hosts: ["https://cdn.example.com/"]
                message: m
            """, line: 5, column: 13, "is not a host name")
    }

    func testHubOrigins() {
        func originError(_ origin: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
            assertConfigError(
                "hub:\n  origins:\n    - \(origin)\n", line: 3, column: 7, message, file: file, lineNumber: line)
        }
        // The analysis is C305's: the same entries are wrong in both, for the same reasons.
        originError("https://hub.ango.ai/", "origin 'https://hub.ango.ai/' has a trailing slash: browsers send Origin without a path, so this entry never matches; write 'https://hub.ango.ai'")
        originError("https://Hub.Ango.ai", "has upper-case letters in the host: browsers send the scheme and host in lower case, so this entry never matches; write 'https://hub.ango.ai'")
        originError("hub.ango.ai", "has no scheme: browsers always send the scheme (https://...), so this entry never matches; write 'https://hub.ango.ai'")
        originError("https://hub.ango.ai/app", "has a path (\"/app\")")
        originError("https://hub.ango.ai:443", "spells out the default port :443")
        originError("https://hub.ango.ai:99999", "has an invalid port \"99999\"")
        originError("https://user@hub.ango.ai", "has a user name")
        originError("https://hub..ango.ai", "has an empty label in the host")
        originError("https://hub.ango.ai.", "ends its host with a dot")
        originError("https://bücher.example", "has a non-ASCII host")
        originError("'https://*.ango.ai'", "is not an origin a page sends")
        originError("'*'", "is not an origin a page sends")
        XCTAssertTrue(configErrors("hub: {origins: ['http://localhost:3000', 'https://[::1]:8443', 'https://10.0.0.1']}").isEmpty)
    }

    /// `hub.origins` and C305 read an origin with one validator (`OriginAnalysis`): an entry the
    /// configuration takes is one C305 says nothing about in a CORS file, and the reverse. Only
    /// wildcards and `null` differ on purpose: a CORS file may allow them, the hub profile names
    /// the origins its pages are served from.
    func testHubOriginsAndC305AgreeOnEveryOrigin() {
        let origins = [
            "https://example.com", "https://example.com.", "https://example.com..", "https://.example.com", "https://example..com",
            "https://example.com/", "https://example.com/app", "https://Example.com", "HTTPS://example.com", "example.com",
            "//example.com", "https://example.com:443", "http://example.com:80", "https://example.com:8443", "https://example.com:",
            "https://example.com:99999", "https://user@example.com", "https://b\u{FC}cher.example", "https://xn--bcher-kva.example",
            " https://example.com", "https://exa mple.com", "https://example.com?x", "https://example.com#top", "http://localhost:3000",
            "https://[::1]:8443", "https://10.0.0.1", "https://.", "https://", "ftp://example.com", "https://a-b.c-d.example",
        ]
        let linter = Linter(configuration: Configuration(directory: "."), options: LintOptions(kind: .corsGCS, select: ["C305"]))
        var rejected = 0
        for origin in origins {
            let quoted = origin.replacingOccurrences(of: "'", with: "''")
            let configuration = configErrors("hub:\n  origins: ['\(quoted)']\n")
            let cors = #"[{"origin": [\#(JSONText.quote(origin))], "method": ["GET"]}]"#
            let findings = linter.lint(SourceFile(path: "cors.json", text: cors)).diagnostics
            XCTAssertEqual(configuration.isEmpty, findings.isEmpty, "\(origin): configuration \(configuration.map(\.message)), C305 \(findings.map(\.message))")
            if !findings.isEmpty { rejected += 1 }
        }
        XCTAssertGreaterThan(rejected, origins.count / 2)
    }

    func testHubMethods() {
        assertConfigError(
            "hub:\n  methods: [GET, get]\n", line: 2, column: 18,
            "HTTP methods are upper case: write 'GET' instead of 'get'")
        assertConfigError(
            "hub:\n  methods: [FETCH]\n", line: 2, column: 13,
            "unknown HTTP method 'FETCH': expected one of GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, MERGE")
    }

    func testGlobs() {
        assertConfigError(
            "files:\n  exclude: [\"fixtures/[bad\"]\n", line: 2, column: 13,
            "invalid glob 'fixtures/[bad' in 'files.exclude': unterminated character class")
        assertConfigError(
            "files:\n  manifests: [\"../shared/*.json\"]\n", line: 2, column: 15, "'..' cannot be used")
        assertConfigError(
            "overrides:\n  - files: [\"\"]\n    ignore: [U204]\n", line: 2, column: 13,
            "invalid glob '' in 'overrides[0].files': the pattern is empty")
        assertConfigError(
            "overrides:\n  - ignore: [U204]\n", line: 2, column: 5,
            "override is missing 'files': the globs of the files it applies to")
        assertConfigError(
            "overrides:\n  - files: []\n    ignore: [U204]\n", line: 2, column: 12, "'overrides[0].files' is empty")
    }

    func testDuplicateKeys() {
        assertConfigError("""
            rules:
              ignore: [U204]
            storage:
              provider: gcs
            rules:
              ignore: [M130]
            """, line: 5, column: 1, "duplicate key 'rules': it is already set at line 1, column 1")
    }

    func testYAMLSyntaxErrors() {
        assertConfigError("files:\n  manifests: [a.json, b.json\nrules: {}\n", line: 3, column: 6, "invalid YAML:")
        assertConfigError("storage: provider: gcs\n", line: 1, column: 18, "invalid YAML: mapping values are not allowed in this context")
        assertConfigError("rules:\n\tselect: [ALL]\n", line: 2, column: 1, "use spaces")
        assertConfigError("rules: {select: [ALL]}\n---\nrules: {}\n", line: 2, column: 1, "invalid YAML: but found another document")
        assertConfigError("rules: *nowhere\n", line: 1, column: 8, "invalid YAML: found undefined alias")
        assertConfigError("baseline: \"a\u{1}b\"\n", line: 1, column: 13, "invalid YAML: control characters are not allowed")
    }

    func testAllErrorsAreReportedInFileOrder() {
        let errors = configErrors("""
            storage:
              provider: gcp
            assets:
              maxDimension: 0
            custom:
              - id: X1
                name: a
                pointer: /x
                unique: true
                message: m
            rules:
              ignore: [U999]
            """)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["2:13", "4:17", "6:9", "12:12"])
        XCTAssertEqual(
            errors.first?.description,
            "/project/.assetlint.yml:2:13: error: invalid storage provider 'gcp': expected one of gcs, s3, azure, any; did you mean 'gcs'?")
    }

    func testLoadThrowsTheFirstError() throws {
        let folder = try ConfigTempFolder()
        defer { folder.remove() }
        let path = try folder.write(".assetlint.yml", "json:\n  maxDepth: -1\nrules:\n  ignore: [U999]\n")
        XCTAssertThrowsError(try ConfigurationLoader.load(path: path, isKnownRuleSelector: TestRuleCatalog.isKnown)) {
            let error = $0 as? ConfigurationError
            XCTAssertEqual(error?.path, path)
            XCTAssertEqual(error?.line, 2)
            XCTAssertEqual(error?.column, 13)
        }
    }

    func testUnreadableFiles() throws {
        let folder = try ConfigTempFolder()
        defer { folder.remove() }
        let missing = folder.path + "/nope.yml"
        XCTAssertThrowsError(try ConfigurationLoader.load(path: missing, isKnownRuleSelector: TestRuleCatalog.isKnown)) {
            let error = $0 as? ConfigurationError
            XCTAssertEqual(error?.message, "cannot read the configuration file: no such file")
            XCTAssertEqual(error?.line, 1)
        }
        let invalid = try folder.write("bad.yml", bytes: Array("rules:\n  ignore: [U2".utf8) + [0xC3, 0x28] + Array("]\n".utf8))
        XCTAssertThrowsError(try ConfigurationLoader.load(path: invalid, isKnownRuleSelector: TestRuleCatalog.isKnown)) {
            let error = $0 as? ConfigurationError
            XCTAssertEqual(error?.line, 2)
            XCTAssertEqual(error?.column, 14)
            XCTAssertEqual(error?.message.hasPrefix("the configuration file is not valid UTF-8 (byte 0xC3"), true)
        }
        let utf16 = try folder.write("utf16.yml", bytes: [0xFF, 0xFE, 0x61, 0x00])
        XCTAssertThrowsError(try ConfigurationLoader.load(path: utf16, isKnownRuleSelector: TestRuleCatalog.isKnown)) {
            XCTAssertEqual(($0 as? ConfigurationError)?.message, "the configuration file is UTF-16; save it as UTF-8")
        }
        XCTAssertThrowsError(try ConfigurationLoader.load(path: folder.path, isKnownRuleSelector: TestRuleCatalog.isKnown)) {
            XCTAssertEqual(($0 as? ConfigurationError)?.message.contains("it is a folder"), true)
        }
    }

    func testColumnsCountUnicodeScalars() {
        // "é" is one column although it is two bytes.
        assertConfigError("# é\nstorage: {provider: \"é\"}\n", line: 2, column: 21, "invalid storage provider 'é'")
        assertConfigError("storage: {buckets: [é], provider: gcp}\n", line: 1, column: 35, "invalid storage provider 'gcp'")
    }

    func testPathologicalInputsAreRejectedNotCrashed() {
        let deepFlow = "rules: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        assertConfigError(deepFlow, line: 1, column: 107, "the configuration nests deeper than 100 levels")

        var deepBlock = ""
        for level in 0..<150 { deepBlock += String(repeating: " ", count: level) + "a:\n" }
        assertConfigError(deepBlock, line: 101, column: 101, "the configuration nests deeper than 100 levels")
        assertConfigError(
            String(repeating: "- ", count: 200) + "x\n", line: 1, column: 201, "the configuration nests deeper than 100 levels")

        // Brackets in quoted scalars, comments and block scalars are text, not nesting.
        let brackets = String(repeating: "[", count: 300)
        XCTAssertEqual(configErrors("""
            # \(brackets)
            custom:
              - id: X001
                name: a
                pointer: /x
                unique: true
                message: |
                  \(brackets)
                  'not a quote
                  "nor this
            storage: {buckets: ['\(brackets)', "\(brackets)"]}
            rules: {select: ["\(brackets)x"]}
            """).map(\.message), ["unknown rule '\(brackets)x' in 'rules.select': expected a rule id (U204), a name (url-plus-in-path), an id prefix (U, U2) or ALL"])

        // `<<` of `<<` of … would expand exponentially.
        var merges = "anchors:\n  - &m0 {select: [ALL]}\n"
        for level in 1...12 {
            let sources = Array(repeating: "*m\(level - 1)", count: 10).joined(separator: ", ")
            merges += "  - &m\(level) {<<: [\(sources)]}\n"
        }
        merges += "rules: {<<: *m12}\n"
        let messages = configErrors(merges).map(\.message)
        XCTAssertTrue(messages.contains("too many merge keys ('<<') to expand"), "\(messages)")
    }

    func testWindowsLineEndings() throws {
        let config = try loadConfig("storage:\r\n  provider: s3\r\nrules:\r\n  ignore: [M130]\r\n")
        XCTAssertEqual(config.storage.provider, .s3)
        XCTAssertEqual(config.rules.ignore, ["M130"])
        assertConfigError("storage:\r\n  provider: s4\r\n", line: 2, column: 13, "did you mean 's3'?")
        var deep = ""
        for level in 0..<120 { deep += String(repeating: " ", count: level) + "a:\r\n" }
        assertConfigError(deep, line: 101, column: 101, "nests deeper than 100 levels")
    }

    func testSuggestions() {
        XCTAssertEqual(ConfigurationLoader.closestMatch(to: "maxDimensions", among: ConfigurationSchema.assets.names), "maxDimension")
        XCTAssertEqual(ConfigurationLoader.closestMatch(to: "igonre", among: ConfigurationSchema.rules.names), "ignore")
        XCTAssertEqual(ConfigurationLoader.closestMatch(to: "SERVICE-ACCOUNTS", among: ConfigurationSchema.files.names), "serviceAccounts")
        XCTAssertEqual(ConfigurationLoader.closestMatch(to: "warn", among: ["error", "warning", "info"]), "warning")
        XCTAssertNil(ConfigurationLoader.closestMatch(to: "colour", among: ConfigurationSchema.rules.names))
        XCTAssertNil(ConfigurationLoader.closestMatch(to: "", among: ConfigurationSchema.rules.names))
        XCTAssertEqual(ConfigurationLoader.editDistance(Array("kitten"), Array("sitting")), 3)
        XCTAssertEqual(ConfigurationLoader.editDistance(Array("ab"), Array("ba")), 1)
    }
}
