/// `--fix`, `--unsafe-fixes` and `--diff` over the reports of a run.
enum FixSession {
    struct Outcome {
        var reports: [FileReport]
        var fixed: Int
        var failed: Bool
    }

    /// Fixes are applied in rounds (a fix skipped for overlapping another is retried on the
    /// re-linted result), at most this many.
    static let maxRounds = 10

    static func run(reports: [FileReport], linter: Linter, options: SessionOptions, output: OutputSink) -> Outcome {
        var result = reports
        var fixed = 0
        var failed = false
        for (index, report) in reports.enumerated() {
            guard let source = report.source, report.failure == nil else { continue }
            let isStandardInput = source.identity == nil && (report.path == (options.stdinFilename ?? "-"))
            var current = report
            var applied = 0
            var rounds = 0
            var bytes = Array(source.bytes)
            while rounds < maxRounds {
                rounds += 1
                let fixes = FixApplier.applicable(current.diagnostics, unsafe: options.unsafeFixes)
                guard !fixes.isEmpty else { break }
                let outcome = bytes.withUnsafeBufferPointer { FixApplier.apply(fixes, to: $0) }
                guard !outcome.applied.isEmpty, outcome.bytes != bytes else { break }
                // Never produce a file that no longer parses.
                let candidate = SourceFile(path: source.path, bytes: outcome.bytes)
                var parser = JSONParser(source: candidate, maxDepth: linter.configuration.json.maxDepth)
                var tree = JSONTree(source: candidate)
                guard parser.parseDocument(into: &tree) || !originalParses(bytes, linter: linter) else {
                    output.standardError("\(source.path): a fix would make the file invalid JSON; not applied (please report this)\n")
                    failed = true
                    break
                }
                applied += outcome.applied.count
                bytes = outcome.bytes
                candidate.identity = source.identity
                current = linter.lint(candidate)
            }
            guard applied > 0 else {
                // An editor piping its buffer through `--fix` expects the document back, changed or not.
                if isStandardInput, !options.diff { output.standardOutput(String(decoding: bytes, as: UTF8.self)) }
                continue
            }
            if options.diff {
                // Standard output carries only the patch; it names files as `patch -p0` finds them
                // from the current folder.
                let path = Configuration(directory: options.workingDirectory).relativePath(report.path)
                switch DiffPatch.make(path: path, original: Array(source.bytes), fixed: bytes) {
                case .patch(let text):
                    output.standardOutput(text)
                case .withheld(let reason):
                    output.standardError("\(report.path): warning: the diff of this file is withheld: \(reason); --fix applies its fixes\n")
                }
                continue
            }
            if isStandardInput {
                output.standardOutput(String(decoding: bytes, as: UTF8.self))
            } else {
                do {
                    try AtomicWriter.replace(source.path, with: bytes, expected: source.identity)
                } catch {
                    output.standardError("error: \(error)\n")
                    failed = true
                    continue
                }
            }
            fixed += applied
            var final = current
            final.path = report.path
            result[index] = final
        }
        return Outcome(reports: result, fixed: fixed, failed: failed)
    }

    private static func originalParses(_ bytes: [UInt8], linter: Linter) -> Bool {
        let file = SourceFile(path: "", bytes: bytes)
        var parser = JSONParser(source: file, maxDepth: linter.configuration.json.maxDepth)
        var tree = JSONTree(source: file)
        return parser.parseDocument(into: &tree)
    }
}
