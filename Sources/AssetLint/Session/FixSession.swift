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
                // The diff shows unchanged context lines too: secrets are masked in both versions.
                output.standardOutput(UnifiedDiff.render(
                    path: source.path, original: redacted(Array(source.bytes)), fixed: redacted(bytes)))
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

    /// `bytes` with every secret (`SecretScanner`: key material, URL signatures) replaced by
    /// `<redacted>`.
    static func redacted(_ bytes: [UInt8]) -> [UInt8] {
        let secrets = bytes.withUnsafeBufferPointer { SecretScanner.ranges(in: $0) }
        guard !secrets.isEmpty else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var cursor = 0
        for secret in secrets where secret.offset >= cursor {
            output += bytes[cursor..<secret.offset]
            output += Array("<redacted>".utf8)
            cursor = min(bytes.count, secret.end)
        }
        output += bytes[cursor...]
        return output
    }
}
