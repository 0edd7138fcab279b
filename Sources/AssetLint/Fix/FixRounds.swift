/// Fixes applied in rounds: the fixes of a report that do not overlap are applied, the result is
/// linted again, and the fixes that were left out (or that the new text needs) are applied in the
/// next round, at most `maxRounds` times. `--fix` and the language server's "fix all" both apply
/// fixes this way.
public enum FixRounds {
    public static let maxRounds = 10

    public struct Outcome {
        /// The text after the last round.
        public var bytes: [UInt8]
        /// How many fixes were applied over all rounds.
        public var applied: Int
        /// The edits of each round, on the text that round started from.
        public var rounds: [[TextEdit]]
        /// The report of the final text.
        public var report: FileReport
        /// Whether a round was refused because it would have turned a document that parses into
        /// one that does not (a rule's bug; the rounds stop there).
        public var brokeJSON: Bool
    }

    /// Applies the fixes of `report` (the lint of `source`), safe ones only unless `unsafe`.
    public static func run(_ report: FileReport, source: SourceFile, linter: Linter, unsafe: Bool) -> Outcome {
        var outcome = Outcome(bytes: Array(source.bytes), applied: 0, rounds: [], report: report, brokeJSON: false)
        while outcome.rounds.count < maxRounds {
            let fixes = FixApplier.applicable(outcome.report.diagnostics, unsafe: unsafe)
            guard !fixes.isEmpty else { break }
            let round = outcome.bytes.withUnsafeBufferPointer { FixApplier.apply(fixes, to: $0) }
            guard !round.applied.isEmpty, round.bytes != outcome.bytes else { break }
            // Never produce a file that no longer parses.
            let candidate = SourceFile(path: source.path, bytes: round.bytes)
            guard parses(candidate, linter: linter) || !parses(SourceFile(path: "", bytes: outcome.bytes), linter: linter) else {
                outcome.brokeJSON = true
                break
            }
            outcome.applied += round.applied.count
            outcome.rounds.append(round.applied.flatMap(\.edits))
            outcome.bytes = round.bytes
            candidate.identity = source.identity
            outcome.report = linter.lint(candidate)
        }
        return outcome
    }

    private static func parses(_ file: SourceFile, linter: Linter) -> Bool {
        var parser = JSONParser(source: file, maxDepth: linter.configuration.json.maxDepth)
        var tree = JSONTree(source: file)
        return parser.parseDocument(into: &tree)
    }
}
