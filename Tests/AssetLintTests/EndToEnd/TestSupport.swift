import Foundation
import XCTest
@testable import AssetLint

/// A scratch folder that is removed at the end of the test.
final class ScratchFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("assetlint-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }

    func read(_ name: String) throws -> Data { try Data(contentsOf: url.appendingPathComponent(name)) }
}

/// Runs `tool` with `arguments` (in `directory`, with `environment` added to this process's) and
/// returns its exit status and its standard output and error, interleaved.
func runTool(
    _ tool: String, _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]
) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
    }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Runs a lint session in process and captures what it prints.
struct SessionResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

func runSession(_ configure: (inout SessionOptions) -> Void) -> SessionResult {
    var options = SessionOptions()
    options.workingDirectory = FileManager.default.temporaryDirectory.path
    configure(&options)
    let out = Captured()
    let err = Captured()
    let status = LintSession.run(options, output: OutputSink(standardOutput: out.append, standardError: err.append))
    return SessionResult(status: status, standardOutput: out.text, standardError: err.text)
}

final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""
    func append(_ text: String) { lock.withLock { buffer += text } }
    var text: String { lock.withLock { buffer } }
}

/// The package's root folder and the built `assetlint` executable.
enum Package {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ relative: String) -> String { root.appendingPathComponent("Fixtures/" + relative).path }

    static var executable: URL? {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("assetlint"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("assetlint"),
        ] + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent().appendingPathComponent("assetlint") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs the real executable; skips the test when it was not built.
    static func run(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:], in directory: String? = nil) throws -> SessionResult {
        guard let executable else { throw XCTSkip("the assetlint executable is not built next to the tests") }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "FORCE_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try inPipe.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return SessionResult(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }
}
