import Foundation
import XCTest
@testable import AssetLint

/// `--diff` prints a patch that the real `patch -p0` and `git apply -p0` apply, giving what
/// `--fix` writes; the report goes to standard error; a file whose hunks would show a secret gets
/// no hunk and a notice instead.
final class DiffPatchTests: XCTestCase {
    /// Several safe fixes far apart (separate hunks) in a manifest, and one in a CORS file.
    private static let manifest: String = {
        var lines = ["\u{FEFF}["]
        for index in 0..<40 {
            var url = "https://bucket-name.s3.eu-central-1.amazonaws.com/file-\(index).jpg"
            if index == 10 { url = "https://bucket-name.s3.eu-central-1.amazonaws.com/my file.jpg" }
            if index == 20 { url = "https://Bucket-Name.S3.eu-central-1.amazonaws.com/file-20.jpg" }
            if index == 39 { url = "https://bucket-name.s3.eu-central-1.amazonaws.com/caf\u{E9} \u{2014} menu.jpg" }
            lines.append(#"  {"data": "\#(url)", "externalId": "item-\#(index)", "width": 640, "height": 480}"# + (index == 39 ? "" : ","))
        }
        lines.append("]")
        return lines.joined(separator: "\n") + "\n"
    }()

    private static let cors = """
        [
          {
            "origin": ["https://hub.ango.ai/", "https://api.ango.ai"],
            "method": ["GET", "HEAD"],
            "responseHeader": ["Content-Type"],
            "maxAgeSeconds": 3600
          }
        ]

        """

    private func folder(_ files: [String: String]) throws -> ScratchFolder {
        let scratch = try ScratchFolder()
        for (name, text) in files { try scratch.write(name, text) }
        return scratch
    }

    private func contents(_ scratch: ScratchFolder, _ names: [String]) throws -> [String] {
        try names.map { String(decoding: try scratch.read($0), as: UTF8.self) }
    }

    func testPatchAndGitApplyApplyTheDiffAsFixWouldWriteIt() throws {
        for tool in ["/usr/bin/patch", "/usr/bin/git"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw XCTSkip("\(tool) is not installed (.ci/run installs it)")
        }
        let files = ["assets.json": Self.manifest, "infra/cors.json": Self.cors]
        let names = files.keys.sorted()
        for extra in [[], ["--unsafe-fixes"]] {
            let source = try folder(files)
            let result = try Package.run(["--diff", "assets.json", "infra/cors.json"] + extra, in: source.path)
            XCTAssertEqual(result.status, 1, "fixes are pending")
            XCTAssertEqual(try contents(source, names), names.map { files[$0]! }, "--diff writes nothing")
            let patch = result.standardOutput
            XCTAssertTrue(patch.hasPrefix("--- assets.json\n+++ assets.json\n@@ -1,4 +1,4 @@\n-\u{FEFF}[\n+[\n"), patch)
            XCTAssertTrue(patch.contains("\n--- infra/cors.json\n+++ infra/cors.json\n@@ "), patch)
            XCTAssertGreaterThanOrEqual(patch.components(separatedBy: "\n@@ ").count - 1, 4, "one hunk per distant fix")
            XCTAssertFalse(patch.contains("error["), "the report is not on standard output")
            XCTAssertTrue(result.standardError.contains("assets.json:1:1: warning[J004]"), result.standardError)

            let fixed = try folder(files)
            _ = try Package.run(["--fix", "assets.json", "infra/cors.json"] + extra, in: fixed.path)
            let expected = try contents(fixed, names)
            XCTAssertNotEqual(expected, names.map { files[$0]! })

            let patchFile = FileManager.default.temporaryDirectory.appendingPathComponent("assetlint-\(UUID().uuidString).diff")
            try Data(patch.utf8).write(to: patchFile)
            defer { try? FileManager.default.removeItem(at: patchFile) }
            for command in [["/usr/bin/patch", "-p0", "--batch", "-i"], ["/usr/bin/git", "apply", "-p0"]] {
                let target = try folder(files)
                let applied = try runTool(command[0], Array(command.dropFirst()) + [patchFile.path], in: target.path)
                XCTAssertEqual(applied.status, 0, "\(command[0]): \(applied.output)")
                XCTAssertEqual(try contents(target, names), expected, "\(command[0]) \(extra)")
            }
        }
    }

    func testAHunkThatWouldShowASignatureOrKeyIsWithheld() throws {
        let signature = "0123456789abcdef0123456789abcdef"
        let signedLine = #"  {"data": "https://b.s3.amazonaws.com/my cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=\#(signature)", "externalId": "a"}"#
        let farSigned = #"  {"data": "https://b.s3.amazonaws.com/far.jpg?X-Amz-Signature=\#(signature)", "externalId": "far"}"#
        let plain = (0..<10).map { #"  {"data": "https://b.s3.amazonaws.com/p\#($0).jpg", "externalId": "p\#($0)"},"# }
        let key = """
            \u{FEFF}{
              "type": "service_account",
              "project_id": "demo-project",
              "private_key_id": "abcdef0123456789abcdef0123456789abcdef01",
              "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n",
              "client_email": "loader@demo-project.iam.gserviceaccount.com",
              "token_uri": "https://oauth2.googleapis.com/token"
            }

            """
        let scratch = try folder([
            "signed.json": "[\n" + signedLine + ",\n" + plain.joined(separator: "\n") + "\n" + farSigned + "\n]\n",
            // The signature is ten lines from the fix: outside the hunk, so the patch is printed.
            "far.json": "[\n" + #"  {"data": "https://b.s3.amazonaws.com/my cat.jpg", "externalId": "a"},"# + "\n" + plain.joined(separator: "\n") + "\n" + farSigned + "\n]\n",
            "key.json": key,
        ])
        let result = runSession {
            $0.paths = ["signed.json", "far.json", "key.json"].map { scratch.path + "/" + $0 }
            $0.workingDirectory = scratch.path
            $0.diff = true
        }
        XCTAssertEqual(result.status, 1)
        XCTAssertFalse(result.standardOutput.contains(signature))
        XCTAssertFalse(result.standardOutput.contains("abcdef0123456789"))
        XCTAssertFalse(result.standardOutput.contains("signed.json"), result.standardOutput)
        XCTAssertFalse(result.standardOutput.contains("key.json"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.hasPrefix("--- far.json\n+++ far.json\n@@ -1,5 +1,5 @@\n"), result.standardOutput)
        XCTAssertTrue(result.standardError.contains(
            "\(scratch.path)/signed.json: warning: the diff of this file is withheld: a hunk would show a URL signature or session token, "
                + "and secrets are never printed; --fix applies its fixes\n"), result.standardError)
        XCTAssertTrue(result.standardError.contains(
            "\(scratch.path)/key.json: warning: the diff of this file is withheld: a hunk would show key material"), result.standardError)
        XCTAssertFalse(result.standardError.contains(signature))
    }

    func testLinesThatAreNotUTF8AreWithheldRatherThanMangled() {
        let original = Array("[\n\"\u{FEFF}\"\n".utf8) + [0xE9] + Array("\n]\n".utf8)
        let fixed = Array("[\n\"\"\n".utf8) + [0xE9] + Array("\n]\n".utf8)
        guard case .withheld(let reason) = DiffPatch.make(path: "x.json", original: original, fixed: fixed) else {
            return XCTFail("a patch that cannot carry its bytes")
        }
        XCTAssertTrue(reason.contains("not UTF-8"))
        // The same change with the byte far away is a plain patch.
        let padding = Array(repeating: Array("1,\n".utf8), count: 10).flatMap { $0 }
        let far = Array("[\n\"\u{FEFF}\"\n".utf8) + padding + [0xE9] + Array("\n]\n".utf8)
        let farFixed = Array("[\n\"\"\n".utf8) + padding + [0xE9] + Array("\n]\n".utf8)
        XCTAssertEqual(DiffPatch.make(path: "x.json", original: far, fixed: farFixed),
                       .patch(UnifiedDiff.render(path: "x.json", original: far, fixed: farFixed)))
    }
}
