/// `--fix`, `--unsafe-fixes` and `--diff` over the reports of a run.
enum FixSession {
    struct Outcome {
        var reports: [FileReport]
        var fixed: Int
        var failed: Bool
    }

    static func run(reports: [FileReport], linter: Linter, options: SessionOptions, output: OutputSink) -> Outcome {
        var result = reports
        var fixed = 0
        var failed = false
        for (index, report) in reports.enumerated() {
            guard let source = report.source, report.failure == nil else { continue }
            let isStandardInput = source.identity == nil && (report.path == (options.stdinFilename ?? "-"))
            let rounds = FixRounds.run(report, source: source, linter: linter, unsafe: options.unsafeFixes)
            if rounds.brokeJSON {
                output.standardError("\(source.path): a fix would make the file invalid JSON; not applied (please report this)\n")
                failed = true
            }
            let bytes = rounds.bytes
            let applied = rounds.applied
            let current = rounds.report
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
}
