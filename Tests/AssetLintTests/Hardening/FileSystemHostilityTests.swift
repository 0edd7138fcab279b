import Foundation
import XCTest
@testable import AssetLint

#if canImport(Glibc)
import Glibc
#endif

/// Paths that are not plain readable files: symbolic-link loops, unreadable files and folders,
/// files that vanish between listing and reading, FIFOs and devices. Each is reported (exit 2 when
/// it could not be read) while the other files are still linted; nothing hangs.
final class FileSystemHostilityTests: XCTestCase {
    private let clean = #"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a"}]"#

    func testSymbolicLinkLoopsAreWalkedOnce() throws {
        let scratch = try ScratchFolder()
        try scratch.write("root/a/x.json", clean)
        try scratch.write("root/b/y.json", clean)
        let root = scratch.path + "/root"
        try FileManager.default.createSymbolicLink(atPath: root + "/a/loop", withDestinationPath: root)
        try FileManager.default.createSymbolicLink(atPath: root + "/b/up", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: root + "/self", withDestinationPath: "self")
        try FileManager.default.createSymbolicLink(atPath: root + "/dangling.json", withDestinationPath: "nowhere.json")
        let inputs = PathCollector.collect([root], configuration: Configuration(directory: root))
        let files = inputs.compactMap { input -> String? in if case .file(let path) = input { return path } else { return nil } }
        XCTAssertEqual(files.map { ($0 as NSString).lastPathComponent }.sorted(), ["x.json", "y.json"], "\(inputs)")
        let result = runSession { $0.paths = [root] }
        XCTAssertEqual(result.status, 0, result.standardOutput + result.standardError)
        // Named on the command line, a self-referencing link is an unreadable path.
        let named = runSession { $0.paths = [root + "/self", root + "/a/x.json"] }
        XCTAssertEqual(named.status, 2)
        XCTAssertTrue(named.standardOutput.contains("self: error: too many levels of symbolic links"), named.standardOutput)
        let dangling = runSession { $0.paths = [root + "/dangling.json"] }
        XCTAssertTrue(dangling.standardOutput.contains("dangling.json: error: broken symbolic link"), dangling.standardOutput)
    }

    /// Run as an unprivileged user (root reads everything): an unreadable file and an unreadable
    /// folder are exit 2 with "permission denied", and the readable file is still linted.
    func testUnreadableFilesAndFolders() throws {
        let scratch = try ScratchFolder()
        let good = try scratch.write("tree/good.json", #"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a", "width": 1}]"#)
        let secret = try scratch.write("tree/secret.json", clean)
        try scratch.write("tree/locked/inner.json", clean)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: secret)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: scratch.path + "/tree/locked")
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.path + "/tree/locked") }
        for path in [scratch.path, scratch.path + "/tree"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        var wrapper: [String] = []
        if geteuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { throw XCTSkip("needs setpriv to drop root") }
            guard let executable = Package.executable, Self.readableByNobody(executable.path) else {
                throw XCTSkip("the executable is not reachable by an unprivileged user")
            }
            wrapper = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        }
        let result = try Hardening.run([secret, good, scratch.path + "/tree/locked"], memoryMB: 1024, cpuSeconds: 60, wrapper: wrapper)
        XCTAssertEqual(result.status, 2, result.description)
        XCTAssertTrue(result.standardOutput.contains("secret.json: error: permission denied"), result.description)
        XCTAssertTrue(result.standardOutput.contains("locked: error: permission denied"), result.description)
        XCTAssertTrue(result.standardOutput.contains("good.json:1:2: error[M120]"), "the other files are still linted: \(result.description)")
    }

    /// Whether every folder above `path` lets others through, and `path` lets them run it.
    static func readableByNobody(_ path: String) -> Bool {
        var current = path
        while current != "/" && !current.isEmpty {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: current),
                  let mode = attributes[.posixPermissions] as? Int, mode & 0o001 != 0 else { return false }
            current = (current as NSString).deletingLastPathComponent
        }
        return true
    }

    func testAFileThatVanishesBetweenListingAndReading() throws {
        let scratch = try ScratchFolder()
        try scratch.write("d/stays.json", clean)
        let gone = try scratch.write("d/gone.json", clean)
        var options = SessionOptions()
        options.paths = [scratch.path + "/d"]
        let configuration = Configuration(directory: scratch.path)
        let inputs = PathCollector.collect(options.paths, configuration: configuration)
        XCTAssertEqual(inputs.count, 2)
        try FileManager.default.removeItem(atPath: gone)
        let reports = LintSession.lintAll(inputs, linter: Linter(configuration: configuration), options: options)
        let vanished = try XCTUnwrap(reports.first { $0.path == gone })
        XCTAssertEqual(vanished.failure, "no such file or directory")
        XCTAssertEqual(reports.first { $0.path != gone }?.failure, nil)
        let run = LintRun(files: reports, catalog: [])
        XCTAssertEqual(LintSession.exitStatus(run, options: options, otherFailure: false), 2)
        XCTAssertTrue(TextReporter().render(run, options: ReportOptions()).contains("gone.json: error: no such file or directory"))
    }

    /// A file replaced between linting and writing its fixes is not overwritten.
    func testAFileReplacedBeforeItsFixesAreWrittenIsKept() throws {
        let scratch = try ScratchFolder()
        let path = try scratch.write("f.json", Data([0xEF, 0xBB, 0xBF] + Array("[]".utf8)))
        let file = try FileLoader.load(path: path).get()
        try FileManager.default.removeItem(atPath: path)
        try scratch.write("f.json", Data([0xEF, 0xBB, 0xBF] + Array("[]".utf8)))
        XCTAssertThrowsError(try AtomicWriter.replace(path, with: Array("[]".utf8), expected: file.identity))
        XCTAssertEqual([UInt8](try scratch.read("f.json")).count, 5)
    }

    /// A report written through a symbolic link replaces the file the link leads to (made when
    /// absent) and leaves the link; one written to a FIFO (or `/dev/null`, `/dev/stdout`) goes into
    /// it, which stays what it is. Renaming over them took `/dev/null` away from the machine.
    func testReportsThroughLinksAndIntoDevices() throws {
        let scratch = try ScratchFolder()
        try FileManager.default.createDirectory(atPath: scratch.path + "/real", withIntermediateDirectories: true)
        try scratch.write("real/report.json", Data("old".utf8))
        XCTAssertEqual(symlink("real/report.json", scratch.path + "/report.json"), 0)
        try AtomicWriter.replace(scratch.path + "/report.json", with: Array("new".utf8), expected: nil)
        XCTAssertEqual(Self.fileType(scratch.path + "/report.json"), S_IFLNK)
        XCTAssertEqual(String(decoding: try scratch.read("real/report.json"), as: UTF8.self), "new")

        // A link to a file not made yet, through a chain of two links.
        XCTAssertEqual(symlink(scratch.path + "/real/later.json", scratch.path + "/far.json"), 0)
        XCTAssertEqual(symlink("far.json", scratch.path + "/near.json"), 0)
        try AtomicWriter.replace(scratch.path + "/near.json", with: Array("made".utf8), expected: nil)
        XCTAssertEqual(String(decoding: try scratch.read("real/later.json"), as: UTF8.self), "made")
        XCTAssertEqual(Self.fileType(scratch.path + "/near.json"), S_IFLNK)
        XCTAssertEqual(Self.fileType(scratch.path + "/far.json"), S_IFLNK)

        XCTAssertEqual(symlink("b.json", scratch.path + "/a.json"), 0)
        XCTAssertEqual(symlink("a.json", scratch.path + "/b.json"), 0)
        XCTAssertThrowsError(try AtomicWriter.replace(scratch.path + "/a.json", with: Array("x".utf8), expected: nil)) { error in
            XCTAssertTrue("\(error)".contains("symbolic link"), "\(error)")
        }
        XCTAssertThrowsError(try AtomicWriter.replace(scratch.path + "/real", with: Array("x".utf8), expected: nil)) { error in
            XCTAssertTrue("\(error)".contains("is a directory"), "\(error)")
        }

        let fifo = scratch.path + "/pipe.json"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        // The reading end is open first (without waiting for a writer), and the report fits in
        // the pipe's buffer: the write finishes on this thread, and the read after it sees the
        // report and then the end. Had the FIFO been replaced, no writer ever opens it and the
        // read sees the end at once: nothing waits on anything.
        let readEnd = open(fifo, O_RDONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(readEnd, 0)
        defer { close(readEnd) }
        let report = Array(String(repeating: "a report line\n", count: 3_000).utf8)
        try AtomicWriter.replace(fifo, expected: nil) { write in report.withUnsafeBufferPointer { write($0) } }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        XCTAssertEqual(received, report)
        XCTAssertEqual(Self.fileType(fifo), S_IFIFO)
        // What a file being fixed must be: a regular file.
        XCTAssertThrowsError(try AtomicWriter.replace(fifo, with: [], expected: FileIdentity.current(of: fifo)))
    }

    /// A report sent to the file behind standard output or error (`/dev/fd/1`, `/dev/stderr`
    /// redirected to a log) goes into that stream after what the run wrote there; replacing the
    /// file would lose the text report and the log's earlier lines.
    func testReportsIntoTheFileBehindAStandardStream() throws {
        let scratch = try ScratchFolder()
        try scratch.write("assets.json", #"[{"data": "https://b.s3.amazonaws.com/a b.jpg", "externalId": "a"}]"#)
        let out = try Hardening.run(["assets.json", "--format", "concise", "--format", "json=/dev/fd/1"], in: scratch.path)
        XCTAssertEqual(out.status, 1, out.description)
        XCTAssertTrue(out.standardOutput.hasPrefix("assets.json:1:"), out.description)
        XCTAssertTrue(out.standardOutput.contains("\"version\": 1"), out.description)
        let err = try Hardening.run(["assets.json", "--format", "concise", "--format", "sarif=/dev/stderr"], in: scratch.path)
        XCTAssertTrue(err.standardOutput.hasPrefix("assets.json:1:"), err.description)
        XCTAssertTrue(err.standardError.contains("\"version\": \"2.1.0\""), err.description)
    }

    private static func fileType(_ path: String) -> mode_t {
        var entry = stat()
        guard lstat(path, &entry) == 0 else { return 0 }
        return entry.st_mode & S_IFMT
    }

    func testFIFOs() throws {
        let scratch = try ScratchFolder()
        let fifo = scratch.path + "/pipe.json"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        // No writer: the FIFO reads as empty (J001), it does not block.
        let empty = try Hardening.run([fifo], memoryMB: 1024, cpuSeconds: 30, wallSeconds: 120)
        XCTAssertEqual(empty.status, 1, empty.description)
        XCTAssertTrue(empty.standardOutput.contains("the file is empty"), empty.description)
        // With a writer: its content is linted.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "printf '[1,]' > \(Hardening.shellQuote(fifo))"]
        try writer.run()
        let fed = try Hardening.run([fifo], memoryMB: 1024, cpuSeconds: 30, wallSeconds: 120)
        writer.waitUntilExit()
        XCTAssertTrue(fed.standardOutput.contains("trailing comma") || fed.standardOutput.contains("the file is empty"), fed.description)
        XCTAssertNotEqual(fed.status, 2, fed.description)
        // In a folder, a FIFO is not a *.json file to read: the walk skips it.
        let inputs = PathCollector.collect([scratch.path], configuration: Configuration(directory: scratch.path))
        XCTAssertEqual(inputs, [])
    }

    /// A memory-mapped input truncated by another program raises SIGBUS at the next read past
    /// its end: the process reports it and exits 2 instead of crashing. The signal is sent while
    /// the executable waits on a FIFO (its open is what lets ours return), so there is no race.
    func testAFileTruncatedWhileMappedExitsTwoInsteadOfCrashing() throws {
        guard let executable = Package.executable else { throw XCTSkip("the assetlint executable is not built next to the tests") }
        let scratch = try ScratchFolder()
        let fifo = scratch.path + "/pipe.json"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let process = Process()
        process.executableURL = executable
        process.arguments = [fifo]
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let writer = try XCTUnwrap(FileHandle(forWritingAtPath: fifo), "the FIFO opens once the executable opened it")
        kill(process.processIdentifier, SIGBUS)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try writer.close()
        XCTAssertEqual(process.terminationReason, .exit, message)
        XCTAssertEqual(process.terminationStatus, 2, message)
        XCTAssertTrue(message.contains("an input file shrank while it was being read"), message)
    }

    func testDevicesAndFoldersGivenAsPaths() throws {
        for device in ["/dev/null", "/dev/zero", "/dev/urandom"] where FileManager.default.fileExists(atPath: device) {
            let result = try Hardening.run([device], memoryMB: 1024, cpuSeconds: 30, wallSeconds: 120)
            XCTAssertEqual(result.status, 2, result.description)
            XCTAssertTrue(result.standardOutput.contains("\(device): error: is a device or socket, not a file"), result.description)
        }
        let direct = Linter(configuration: Configuration(directory: "/")).lint(path: "/tmp")
        XCTAssertEqual(direct.failure, "is a directory")
        let missing = runSession { $0.paths = ["/no/such/folder/x.json"] }
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.standardOutput.contains("x.json: error: no such file or directory"))
    }
}
