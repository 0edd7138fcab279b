import Foundation
import XCTest
@testable import AssetLint

/// Helpers for the hardening tests: hostile inputs are generated into scratch folders at test time
/// (a million brackets, hundreds of megabytes) rather than committed, and the real executable runs
/// under process limits set by /bin/sh (`ulimit -v` for memory, `ulimit -t` for CPU seconds,
/// coreutils' `timeout` for a process that would wait forever). No test reads a clock: a hang or a
/// blow-up shows as the process being killed by its limit.
enum Hardening {
    struct LimitedResult {
        var status: Int32
        /// Set when the process was killed by a signal (a crash, or a limit it ran into).
        var signal: Int32?
        var standardOutput: String
        var standardError: String

        var description: String {
            "status \(status), signal \(signal.map(String.init) ?? "none")\nstdout: \(standardOutput.prefix(2000))\nstderr: \(standardError.prefix(2000))"
        }
    }

    /// Runs `assetlint ARGUMENTS` with at most `memoryMB` of address space, `cpuSeconds` of CPU
    /// time and `wallSeconds` before it is killed (for reads that could block). Standard output
    /// goes to a file, so a huge report cannot fill a pipe. `prefix` is shell code run first (more
    /// limits), `wrapper` a command the executable runs under (such as setpriv).
    static func run(
        _ arguments: [String], memoryMB: Int = 1536, cpuSeconds: Int = 120, wallSeconds: Int = 300,
        in directory: String? = nil, prefix: String = "", wrapper: [String] = [], input: String? = nil
    ) throws -> LimitedResult {
        guard let executable = Package.executable else { throw XCTSkip("the assetlint executable is not built next to the tests") }
        let scratch = try ScratchFolder()
        let outPath = scratch.path + "/stdout"
        let errPath = scratch.path + "/stderr"
        let quoted = ([executable.path] + arguments).map(shellQuote).joined(separator: " ")
        let script = "ulimit -v \(memoryMB * 1024); ulimit -t \(cpuSeconds); \(prefix) exec \(wrapper.map(shellQuote).joined(separator: " ")) timeout -s KILL \(wallSeconds) \(quoted) "
            + "> \(shellQuote(outPath)) 2> \(shellQuote(errPath))" + (input.map { " < \(shellQuote($0))" } ?? " < /dev/null")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment.removeValue(forKey: "FORCE_COLOR")
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        try process.run()
        process.waitUntilExit()
        let status = process.terminationStatus
        let killed = process.terminationReason == .uncaughtSignal ? status : (status > 128 ? status - 128 : nil)
        return LimitedResult(
            status: status, signal: killed,
            standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "<not UTF-8>",
            standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "<not UTF-8>")
    }

    static func shellQuote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Writes `count` repetitions of `chunk` between `head` and `tail`, in blocks, so generating a
    /// few hundred megabytes costs no more memory than one block.
    @discardableResult
    static func writeRepeated(_ path: String, head: String = "", chunk: String, count: Int, tail: String = "") throws -> Int {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(head.utf8))
        let perBlock = max(1, (1 << 20) / max(1, chunk.utf8.count))
        let block = Data(String(repeating: chunk, count: perBlock).utf8)
        var written = 0
        while written + perBlock <= count {
            try handle.write(contentsOf: block)
            written += perBlock
        }
        if written < count { try handle.write(contentsOf: Data(String(repeating: chunk, count: count - written).utf8)) }
        try handle.write(contentsOf: Data(tail.utf8))
        return head.utf8.count + chunk.utf8.count * count + tail.utf8.count
    }

    /// Lints bytes in process with the default configuration.
    static func lint(_ bytes: [UInt8], kind: DocumentKind? = nil, path: String = "hostile.json") -> FileReport {
        let linter = Linter(configuration: Configuration(directory: "/"), options: LintOptions(kind: kind))
        return linter.lint(SourceFile(path: path, bytes: bytes))
    }

    /// Renders a report in every format (checking nothing traps) and returns the text format.
    @discardableResult
    static func renderAll(_ report: FileReport) -> String {
        let run = LintRun(files: [report], catalog: RuleRegistry.catalog)
        var text = ""
        for format in OutputFormat.allCases {
            let output = format.reporter.render(run, options: ReportOptions())
            if format == .text { text = output }
        }
        return text
    }

    static var fixturesRoot: String { Package.root.appendingPathComponent("Fixtures").path }

    /// Every `*.json` input file below `Fixtures/`, relative to it, sorted (not the expected
    /// reports in `golden/` nor the output schemas in `schemas/`).
    static func fixtureFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: fixturesRoot)
        var found: [String] = []
        while let entry = enumerator?.nextObject() as? String {
            if entry.hasPrefix("golden/") || entry.hasPrefix("schemas/") { continue }
            if entry.hasSuffix(".json") { found.append(entry) }
        }
        return found.sorted()
    }

    static func fixtureBytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixturesRoot + "/" + relative)))
    }

    static func parses(_ bytes: [UInt8]) -> Bool {
        let file = SourceFile(path: "x.json", bytes: bytes)
        var parser = JSONParser(source: file)
        var tree = JSONTree(source: file)
        return parser.parseDocument(into: &tree)
    }
}

/// SplitMix64: a small deterministic generator, so "random" inputs are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
