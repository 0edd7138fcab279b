import Foundation
import XCTest
@testable import AssetLint

final class ConfigDiscoveryTests: XCTestCase {
    func testFindsTheNearestFileUpwards() throws {
        let folder = try ConfigTempFolder()
        defer { folder.remove() }
        let top = try folder.write("repo/.assetlint.yml", "rules: {}\n")
        let nested = try folder.makeFolder("repo/assets/2024/batch-1")
        XCTAssertEqual(ConfigurationLoader.discover(from: nested), top)
        XCTAssertEqual(ConfigurationLoader.discover(from: folder.path + "/repo"), top)
        XCTAssertEqual(ConfigurationLoader.discover(from: nested + "/../../.."), top)

        // A nearer one wins.
        let inner = try folder.write("repo/assets/.assetlint.yml", "rules: {}\n")
        XCTAssertEqual(ConfigurationLoader.discover(from: nested), inner)
        XCTAssertEqual(ConfigurationLoader.discover(from: folder.path + "/repo/assets"), inner)
        XCTAssertEqual(ConfigurationLoader.discover(from: folder.path + "/repo"), top)
    }

    func testSkipsFoldersNamedLikeTheFileAndStopsAtTheRoot() throws {
        let folder = try ConfigTempFolder()
        defer { folder.remove() }
        _ = try folder.makeFolder("a/.assetlint.yml")
        let start = try folder.makeFolder("a/b")
        // Nothing inside the temporary folder; whatever is found (normally nothing) lies above it.
        if let found = ConfigurationLoader.discover(from: start) {
            XCTAssertFalse(found.hasPrefix(folder.path), "found \(found)")
        }
        let rootResult = ConfigurationLoader.discover(from: "/")
        XCTAssertEqual(rootResult, FileManager.default.fileExists(atPath: "/.assetlint.yml") ? "/.assetlint.yml" : nil)
    }

    func testRelativeStartFolder() throws {
        let folder = try ConfigTempFolder()
        defer { folder.remove() }
        let config = try folder.write(".assetlint.yml", "")
        let nested = try folder.makeFolder("x/y")
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(nested))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        XCTAssertEqual(ConfigurationLoader.discover(from: "."), config)
        XCTAssertEqual(ConfigurationLoader.discover(from: "../y"), config)
    }

    func testResolve() throws {
        let folder = try ConfigTempFolder()
        defer { folder.remove() }
        let nested = try folder.makeFolder("project/sub")
        // No file anywhere below the temporary folder: the defaults, relative to the current folder
        // (unless the machine has a configuration above the temporary folder).
        if ConfigurationLoader.discover(from: nested) == nil {
            let defaults = try ConfigurationLoader.resolve(
                explicitPath: nil, currentDirectory: nested, isKnownRuleSelector: TestRuleCatalog.isKnown)
            XCTAssertNil(defaults.path)
            XCTAssertEqual(defaults.directory, nested)
        }
        let found = try folder.write("project/.assetlint.yml", "storage: {provider: s3}\n")
        let discovered = try ConfigurationLoader.resolve(
            explicitPath: nil, currentDirectory: nested, isKnownRuleSelector: TestRuleCatalog.isKnown)
        XCTAssertEqual(discovered.path, found)
        XCTAssertEqual(discovered.directory, folder.path + "/project")
        XCTAssertEqual(discovered.storage.provider, .s3)

        try folder.write("project/sub/custom.yml", "storage: {provider: azure}\n")
        let explicit = try ConfigurationLoader.resolve(
            explicitPath: "custom.yml", currentDirectory: nested, isKnownRuleSelector: TestRuleCatalog.isKnown)
        XCTAssertEqual(explicit.storage.provider, .azure)
        XCTAssertEqual(explicit.directory, nested)
        XCTAssertThrowsError(
            try ConfigurationLoader.resolve(
                explicitPath: "missing.yml", currentDirectory: nested, isKnownRuleSelector: TestRuleCatalog.isKnown))
    }
}

final class ConfigurationPathsTests: XCTestCase {
    private func configuration(_ yaml: String) throws -> Configuration {
        try loadConfig(yaml, directory: "/work/project")
    }

    func testRelativePath() {
        let config = Configuration(directory: "/work/project")
        XCTAssertEqual(config.relativePath("/work/project/assets/a.json"), "assets/a.json")
        XCTAssertEqual(config.relativePath("/work/project/./assets//x/../a.json"), "assets/a.json")
        XCTAssertEqual(config.relativePath("/work/project"), ".")
        XCTAssertEqual(config.relativePath("/work/project-2/a.json"), "/work/project-2/a.json")
        XCTAssertEqual(config.relativePath("/elsewhere//b/./c.json"), "/elsewhere/b/c.json")
        XCTAssertEqual(config.relativePath("-"), "-")
        let root = Configuration(directory: "/")
        XCTAssertEqual(root.relativePath("/a/b.json"), "a/b.json")
        let trailing = Configuration(directory: "/work/project/")
        XCTAssertEqual(trailing.relativePath("/work/project/a.json"), "a.json")
    }

    func testRelativePathOfRelativeInputsAndSymlinks() throws {
        let folder = try ConfigTempFolder()
        defer { folder.remove() }
        let project = try folder.makeFolder("project")
        try folder.write("project/assets/a.json", "[]")
        let config = Configuration(directory: project)
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(project + "/assets"))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        XCTAssertEqual(config.relativePath("a.json"), "assets/a.json")
        XCTAssertEqual(config.relativePath("./../assets/a.json"), "assets/a.json")
        XCTAssertEqual(config.relativePath("../../elsewhere/./x.json"), "../../elsewhere/x.json")

        // The same folder through a symbolic link still counts as inside.
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: project)
        XCTAssertEqual(config.relativePath(folder.path + "/link/assets/a.json"), "assets/a.json")
        XCTAssertEqual(config.relativePath(folder.path + "/link/assets/not-yet-written.json"), "assets/not-yet-written.json")
        let linked = Configuration(directory: folder.path + "/link")
        XCTAssertEqual(linked.relativePath(project + "/assets/a.json"), "assets/a.json")
    }

    func testExcludes() throws {
        let config = try configuration("""
            files:
              exclude: ["node_modules/**", ".build/", "*.tmp.json", "fixtures/bad"]
            """)
        XCTAssertTrue(config.isExcluded("/work/project/node_modules/pkg/package.json"))
        XCTAssertTrue(config.isExcluded("/work/project/.build/debug/x.json"))
        XCTAssertTrue(config.isExcluded("/work/project/sub/.build/x.json"))
        XCTAssertTrue(config.isExcluded("/work/project/deep/a/b.tmp.json"))
        XCTAssertTrue(config.isExcluded("/work/project/fixtures/bad/x.json"))
        XCTAssertFalse(config.isExcluded("/work/project/fixtures/good/x.json"))
        XCTAssertFalse(config.isExcluded("/work/project/sub/node_modules/x.json"))
        XCTAssertFalse(config.isExcluded("/work/project/assets/a.json"))
        // Outside the configuration's folder only basename patterns can match.
        XCTAssertTrue(config.isExcluded("/tmp/x.tmp.json"))
        XCTAssertFalse(config.isExcluded("/tmp/node_modules/x.json"))
        XCTAssertFalse(Configuration(directory: "/work/project").isExcluded("/work/project/node_modules/a.json"))

        // A trailing `/` asks about a whole folder, for a walk that wants to skip it.
        XCTAssertTrue(config.isExcluded("/work/project/node_modules/"))
        XCTAssertTrue(config.isExcluded("/work/project/node_modules/pkg/"))
        XCTAssertTrue(config.isExcluded("/work/project/a/.build/"))
        XCTAssertTrue(config.isExcluded("/work/project/fixtures/bad/"))
        XCTAssertFalse(config.isExcluded("/work/project/fixtures/"))
        XCTAssertFalse(config.isExcluded("/work/project/assets/"))
        XCTAssertFalse(config.isExcluded("/work/project/"))
    }

    func testConfiguredKind() throws {
        let config = try configuration("""
            files:
              manifests: ["assets/**/*.json", "imports/*.json"]
              cors: ["infra/cors*.json", "*.cors.json"]
              serviceAccounts: ["keys/**"]
            """)
        XCTAssertEqual(config.configuredKind(for: "/work/project/assets/a.json"), .manifest)
        XCTAssertEqual(config.configuredKind(for: "/work/project/assets/2024/06/a.json"), .manifest)
        XCTAssertEqual(config.configuredKind(for: "/work/project/imports/b.json"), .manifest)
        XCTAssertEqual(config.configuredKind(for: "/work/project/infra/cors.json"), .cors)
        XCTAssertEqual(config.configuredKind(for: "/work/project/infra/cors-s3.json"), .cors)
        XCTAssertEqual(config.configuredKind(for: "/work/project/buckets/media.cors.json"), .cors)
        XCTAssertEqual(config.configuredKind(for: "/work/project/keys/prod/sa.json"), .serviceAccount)
        XCTAssertNil(config.configuredKind(for: "/work/project/imports/old/b.json"))
        XCTAssertNil(config.configuredKind(for: "/work/project/package.json"))
        XCTAssertNil(config.configuredKind(for: "/work/project/infra/x/cors.json"))
        // manifests win over cors when both match.
        XCTAssertEqual(config.configuredKind(for: "/work/project/assets/x.cors.json"), .manifest)
        XCTAssertNil(Configuration(directory: "/work/project").configuredKind(for: "/work/project/assets/a.json"))
    }

    func testRuleSettingsLayers() throws {
        let config = try configuration("""
            rules:
              select: [ALL]
              ignore: [M130]
              severity: {U207: error}
            overrides:
              - files: ["legacy/**"]
                ignore: [U204]
              - files: ["*.json"]
                severity: {U207: warning}
              - files: ["legacy/2019/**", "fixtures/**"]
                select: [J]
                ignore: [J005]
            """)
        let base = RuleSettingsLayer(origin: .rules, select: ["ALL"], ignore: ["M130"], severity: ["U207": .error])
        let legacy = RuleSettingsLayer(origin: .override(index: 0), select: nil, ignore: ["U204"], severity: [:])
        let json = RuleSettingsLayer(origin: .override(index: 1), select: nil, ignore: [], severity: ["U207": .warning])
        let onlyJ = RuleSettingsLayer(origin: .override(index: 2), select: ["J"], ignore: ["J005"], severity: [:])

        XCTAssertEqual(config.ruleSettings(for: "/work/project/assets/a.json"), [base, json])
        XCTAssertEqual(config.ruleSettings(for: "/work/project/legacy/a.json"), [base, legacy, json])
        XCTAssertEqual(config.ruleSettings(for: "/work/project/legacy/2019/a.json"), [base, legacy, json, onlyJ])
        XCTAssertEqual(config.ruleSettings(for: "/work/project/fixtures/manifest.yml"), [base, onlyJ])
        XCTAssertEqual(config.ruleSettings(for: "/work/project/README.md"), [base])
        XCTAssertEqual(
            Configuration(directory: "/").ruleSettings(for: "/a.json"),
            [RuleSettingsLayer(origin: .rules, select: ["ALL"], ignore: [], severity: [:])])
    }

    func testMatchesAnyWithManyThreads() throws {
        let config = try configuration("files:\n  exclude: [\"a/**\", \"*.tmp\", \"[bc]/**/*.json\"]\n")
        let results = Parallel.map(2000) { index in
            config.isExcluded("/work/project/" + ["a/x.json", "b/y/z.json", "d/e.json", "q.tmp"][index % 4])
        }
        for index in 0..<2000 { XCTAssertEqual(results[index], index % 4 != 2) }
    }

    func testEngineBridge() throws {
        let config = try configuration("""
            files:
              cors: ["infra/*.json"]
            rules:
              ignore: [M130]
            overrides:
              - files: ["legacy/**"]
                ignore: [U204]
                severity: {U207: info}
            """)
        XCTAssertEqual(config.configuredFileKind(for: "/work/project/infra/cors.json"), .cors)
        let layers = config.overrideLayers(for: "/work/project/legacy/a.json")
        XCTAssertEqual(layers.count, 1)
        XCTAssertNil(layers[0].select)
        XCTAssertEqual(layers[0].ignore, ["U204"])
        XCTAssertEqual(layers[0].severity, ["U207": .info])
        XCTAssertTrue(config.overrideLayers(for: "/work/project/assets/a.json").isEmpty)
    }
}
