import Foundation
import XCTest
@testable import AssetLint

/// No key material in any output; no network access; no write outside the files being fixed.
final class SecurityTests: XCTestCase {
    private let secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjSecretHardeningMaterial"
    private let keyID = "0badc0ffee0badc0ffee0badc0ffee0badc0ffee"

    private var pem: String { #"-----BEGIN PRIVATE KEY-----\n"# + secret + #"\n-----END PRIVATE KEY-----\n"# }

    /// Key material in every place a linted file can hold it.
    private func keyBearingFiles(in scratch: ScratchFolder) throws -> [String] {
        [
            // A key file, minified and pretty.
            try scratch.write("key.json", #"{"type": "service_account", "project_id": "p", "private_key_id": "\#(keyID)", "private_key": "\#(pem)", "client_email": "a@p.iam.gserviceaccount.com", "token_uri": "https://oauth2.googleapis.com/token", "type": "x"}"#),
            // Pasted into a manifest item (streamed), with findings on the same line.
            try scratch.write("manifest.json", #"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a", "private_key": "\#(pem)", "private_key_id": "\#(keyID)", "width": "12"}]"#),
            // A manifest cut off inside the key: J001 points at the key's opening quote.
            try scratch.write("truncated-manifest.json", #"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a"}, {"private_key": "\#(pem.prefix(60))"#),
            // Broken key files.
            try scratch.write("truncated-key.json", #"{"type": "service_account", "private_key": "\#(pem.prefix(70))"#),
            try scratch.write("broken-key.json", #"{"type": "service_account", "private_key": "\#(pem)",, "private_key_id": "\#(keyID)"}"#),
            try scratch.write("array-of-keys.json", #"[{"type": "service_account", "private_key": "\#(pem)", "private_key": "\#(pem)"}]"#),
        ]
    }

    private func assertNoSecret(_ output: String, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        for needle in [String(secret.suffix(30)), "Hardening", String(keyID.prefix(16))] {
            XCTAssertFalse(output.contains(needle), "\(context) shows key material:\n\(output.prefix(3000))", file: file, line: line)
        }
    }

    func testNoKeyMaterialInAnyFormatOrDiff() throws {
        let scratch = try ScratchFolder()
        let files = try keyBearingFiles(in: scratch)
        for path in files {
            for format in OutputFormat.allCases {
                for kind in [nil, "manifest", "service-account", "json"] as [String?] {
                    let result = runSession { options in
                        options.paths = [path]
                        options.formats = [SessionOptions.FormatRequest(format: format)]
                        options.lint.kind = kind.flatMap(DocumentKind.init(rawValue:))
                        options.statistics = false
                    }
                    assertNoSecret(result.standardOutput + result.standardError, "\(path) as \(format) (kind \(kind ?? "auto"))")
                }
            }
            let diff = runSession { $0.paths = [path]; $0.diff = true; $0.unsafeFixes = true }
            assertNoSecret(diff.standardOutput + diff.standardError, "--diff of \(path)")
        }
        // The real executable, every format at once into files, and colours on.
        let reports = scratch.path + "/reports"
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
        var arguments = files
        for format in OutputFormat.allCases where format != .text { arguments += ["--format", "\(format.rawValue)=\(reports)/out.\(format.rawValue)"] }
        let result = try Hardening.run(arguments + ["--format", "text"], prefix: "export FORCE_COLOR=1;")
        assertNoSecret(result.standardOutput + result.standardError, "the executable")
        for name in try FileManager.default.contentsOfDirectory(atPath: reports) {
            assertNoSecret(try String(contentsOfFile: reports + "/" + name, encoding: .utf8), name)
        }
        // A baseline records fingerprints, never the offending text.
        let baseline = runSession { $0.paths = files; $0.writeBaselinePath = scratch.path + "/baseline.json" }
        XCTAssertEqual(baseline.status, 0, baseline.standardError)
        assertNoSecret(try String(contentsOfFile: scratch.path + "/baseline.json", encoding: .utf8), "the baseline")
    }

    /// Signatures and session tokens of presigned URLs (S3, GCS, Azure SAS, CloudFront) never
    /// reach any output either, whatever rule reports on their line, also in `--diff`.
    func testNoURLSignatureInAnyOutput() throws {
        let scratch = try ScratchFolder()
        let needles = ["deadbeefcafebabe", "SESSIONTOKEN", "feedfacefeed", "SASSIGNATURE", "CLOUDFRONTSIG", "OAUTHTOKEN", "ACCOUNTSASSIG"]
        let manifest = try scratch.write("signed.json", """
            [{"data": "https://B.s3.amazonaws.com/a b.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Security-Token=SESSIONTOKEN&X-Amz-Signature=deadbeefcafebabe0123", "externalId": "a", "width": "1"},
             {"data": "https://storage.googleapis.com/b/x.jpg?x-goog-signature=feedfacefeed0011", "externalId": "a"},
             {"data": "https://acct.blob.core.windows.net/c/x.jpg?sv=2020-08-04&sig=SASSIGNATURE%2Babc%3D", "externalId": "c"},
             {"data": "https://d111111abcdef8.cloudfront.net/x.jpg?Expires=1&Signature=CLOUDFRONTSIG~abc&Key-Pair-Id=K", "externalId": "d"},
             {"data": "https://storage.googleapis.com/b/t.jpg?access_token=ya29.OAUTHTOKEN", "externalId": "e"},
             {"data": "https://acct.blob.core.windows.net/c/y.jpg?sv=2022-11-02&ss=b&srt=o&sp=r&sig=ACCOUNTSASSIG%3D", "externalId": "f"},
             {"data": "https://b.s3.amazonaws.com/cut.jpg?X-Amz-Signature=deadbeefcafebabe
            """)
        let complete = try scratch.write("signed-valid.json", String(try String(contentsOfFile: manifest, encoding: .utf8)
            .split(separator: "\n").dropLast().joined(separator: "\n").dropLast()) + "]\n")
        for path in [manifest, complete] {
            for format in OutputFormat.allCases {
                let result = runSession { $0.paths = [path]; $0.formats = [SessionOptions.FormatRequest(format: format)] }
                XCTAssertFalse(result.standardOutput.isEmpty)
                for needle in needles {
                    XCTAssertFalse(result.standardOutput.contains(needle), "\(path) as \(format) shows \(needle):\n\(result.standardOutput.prefix(3000))")
                }
            }
            let diff = runSession { $0.paths = [path]; $0.diff = true; $0.unsafeFixes = true }
            for needle in needles { XCTAssertFalse(diff.standardOutput.contains(needle), "--diff shows \(needle):\n\(diff.standardOutput)") }
            let baselinePath = scratch.path + "/baseline.json"
            _ = runSession { $0.paths = [path]; $0.writeBaselinePath = baselinePath }
            let baseline = try String(contentsOfFile: baselinePath, encoding: .utf8)
            for needle in needles { XCTAssertFalse(baseline.contains(needle), "the baseline holds \(needle)") }
        }
        // The credentials are reported (U218), only never shown.
        let text = runSession { $0.paths = [complete] }
        XCTAssertEqual(text.standardOutput.components(separatedBy: "error[U218]").count - 1, 3, text.standardOutput)
        XCTAssertEqual(SecretScanner.signatureRanges(in: UnsafeBufferPointer(start: nil, count: 0)), [])
    }

    /// The executable makes no network system call (strace, where installed), links no networking
    /// library, and the sources use no networking API.
    func testNoNetworkAccess() throws {
        let sources = Package.root.appendingPathComponent("Sources").path
        let forbidden = ["URLSession", "FoundationNetworking", "socket(", "connect(", "getaddrinfo", "gethostbyname", "NWConnection", "CFStream"]
        let enumerator = FileManager.default.enumerator(atPath: sources)
        while let entry = enumerator?.nextObject() as? String {
            guard entry.hasSuffix(".swift") || entry.hasSuffix(".c") || entry.hasSuffix(".h") else { continue }
            let text = try String(contentsOfFile: sources + "/" + entry, encoding: .utf8)
            for word in forbidden { XCTAssertFalse(text.contains(word), "Sources/\(entry) uses \(word)") }
        }
        guard let executable = Package.executable else { throw XCTSkip("the assetlint executable is not built next to the tests") }
        let ldd = try Self.output("/usr/bin/ldd", [executable.path])
        for library in ["libcurl", "FoundationNetworking", "libssl"] { XCTAssertFalse(ldd.contains(library), ldd) }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") else { throw XCTSkip("strace is not installed") }
        let scratch = try ScratchFolder()
        try scratch.write(".assetlint.yml", "storage:\n  provider: s3\n  buckets: [b]\n")
        let file = try scratch.write("m.json", #"[{"data": "https://b.s3.amazonaws.com/a+b.jpg?X-Amz-Signature=abc", "externalId": "a"}]"#)
        let log = scratch.path + "/strace.log"
        _ = try Self.output("/usr/bin/strace", ["-f", "-qq", "-e", "trace=%network", "-o", log, executable.path, file, "--unsafe-fixes", "--diff",
                                                 "--format", "sarif=\(scratch.path)/r.sarif"], directory: scratch.path)
        let calls = try String(contentsOfFile: log, encoding: .utf8)
        XCTAssertEqual(calls, "", "network system calls:\n\(calls)")
    }

    /// Paths from the configuration and from folders never make `--fix` write outside the files
    /// it lints: a symbolic link to a file elsewhere is replaced, not written through; a baseline
    /// path pointing outside is only read; `--stdin-filename` names, it is never written.
    func testFixNeverWritesOutsideTheFilesItWasAskedToFix() throws {
        let scratch = try ScratchFolder()
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let outsideFile = try scratch.write("outside/target.json", Data(bom + Array("[]".utf8)))
        try scratch.write("outside/baseline.json", #"{"version": 1, "findings": []}"#)
        try scratch.write("project/inside.json", Data(bom + Array("[]".utf8)))
        try scratch.write("project/.assetlint.yml", "baseline: ../outside/baseline.json\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/project/link.json", withDestinationPath: outsideFile)
        func snapshot(_ folder: String) throws -> [String: Data] {
            var contents: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
                contents[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            }
            return contents
        }
        let before = try snapshot(scratch.path + "/outside")
        let project = scratch.path + "/project"
        let result = try Hardening.run([".", "--fix", "--unsafe-fixes"], in: project)
        XCTAssertEqual(result.signal, nil, result.description)
        let fixedInside = [UInt8](try scratch.read("project/inside.json"))
        XCTAssertEqual(fixedInside, Array("[]".utf8), "the file inside was fixed")
        XCTAssertEqual(try snapshot(scratch.path + "/outside"), before, "nothing outside the project changed or appeared")
        let stdin = try scratch.write("project/stdin.json", Data(bom + Array("[]".utf8)))
        let piped = try Hardening.run(["-", "--fix", "--stdin-filename", outsideFile], in: project, input: stdin)
        XCTAssertEqual(piped.standardOutput, "[]", piped.description)
        XCTAssertEqual(try snapshot(scratch.path + "/outside"), before)
        // Globs cannot climb out of the configuration's folder at all.
        try scratch.write("project/.assetlint.yml", "files:\n  manifests: [\"../outside/*.json\"]\n")
        let climbing = try Hardening.run([".", "--fix"], in: project)
        XCTAssertEqual(climbing.status, 2, climbing.description)
        XCTAssertTrue(climbing.standardError.contains("'..' cannot be used"), climbing.description)
        XCTAssertEqual(try snapshot(scratch.path + "/outside"), before)
    }

    /// Redacted ranges are looked up by binary search: the same answer as a scan of all of them.
    func testRedactionLookupMatchesAFullScan() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<100 {
            let file = SourceFile(path: "r.json", text: String(repeating: " ", count: 500))
            let ranges = (0..<Int.random(in: 0..<30, using: &generator)).map { _ in
                ByteRange(offset: Int.random(in: 0..<480, using: &generator), length: Int.random(in: 0..<60, using: &generator))
            }
            file.redactions = ranges
            for _ in 0..<20 {
                let start = Int.random(in: 0..<500, using: &generator)
                let window = start..<(start + Int.random(in: 1..<100, using: &generator))
                let expected = ranges.filter { $0.offset < window.upperBound && $0.end > window.lowerBound }
                    .sorted { ($0.offset, $0.end) < ($1.offset, $1.end) }
                XCTAssertEqual(file.redactions(overlapping: window), expected, "\(ranges) in \(window)")
            }
        }
    }

    /// 200,000 keys in one document, each a duplicate: findings and excerpts stay cheap (each
    /// excerpt looked through every redaction, byte by byte, before).
    func testManySecretsStayCheap() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path + "/keys.json"
        try Hardening.writeRepeated(path, head: #"{"type": "service_account""#, chunk: #", "private_key": "\#(pem)""#, count: 200_000, tail: "}")
        let result = try Hardening.run([path], memoryMB: 2048, cpuSeconds: 20)
        XCTAssertEqual(result.status, 1, result.description)
        XCTAssertTrue(result.standardOutput.contains("more J003 (duplicate-key) findings"), result.description)
        assertNoSecret(result.standardOutput, "200,000 keys")
    }

    static func output(_ tool: String, _ arguments: [String], directory: String? = nil) throws -> String {
        try runTool(tool, arguments, in: directory).output
    }
}
