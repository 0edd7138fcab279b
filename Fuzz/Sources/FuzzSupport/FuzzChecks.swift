import AssetLint

#if canImport(Glibc)
import Glibc
#endif

/// The property checks the fuzz targets run on each input. A broken property calls `fatal`, which
/// aborts: libFuzzer then saves the input as a crash file.
public enum FuzzChecks {
    public static func fatal(_ message: String) -> Never {
        var text = "assetlint fuzz: property violated: \(message)\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
        abort()
    }

    // MARK: - JSON layer

    /// Parses the input whole and streamed, and walks every node through the public accessors.
    /// Properties: nothing traps; whole and streaming parses agree on success and item count; the
    /// parser accepts exactly what an independent RFC 8259 recognizer accepts (same depth limit);
    /// every node range lies inside the input and inside its parent.
    public static func json(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = 64) {
        let file = SourceFile(path: "fuzz.json", bytes: Array(bytes))
        var parser = JSONParser(source: file, maxDepth: maxDepth)
        var tree = JSONTree(source: file)
        let parsed = parser.parseDocument(into: &tree)
        let issues = parser.takeIssues()
        let expected = ReferenceJSON.accepts(bytes, maxDepth: maxDepth)
        if parsed != expected {
            fatal("JSONParser says \(parsed ? "valid" : "invalid"), the reference recognizer says \(expected ? "valid" : "invalid"); issues: \(issues.map(\.detail))")
        }
        if !parsed, !issues.contains(where: { $0.isFatal }) { fatal("a failed parse reported no fatal issue") }
        for issue in issues where issue.range.offset < 0 || issue.range.end > bytes.count {
            fatal("issue range \(issue.range) outside the input of \(bytes.count) bytes")
        }
        if parsed { walk(tree, count: bytes.count) }

        // Streaming a top-level array must agree with the whole parse.
        var streamer = JSONParser(source: file, maxDepth: maxDepth)
        if streamer.openTopLevelArray() {
            var item = JSONTree(source: file)
            var index = 0
            while streamer.nextElement(into: &item, index: index) {
                if !item.nodes.isEmpty { walk(item, count: bytes.count) }
                index += 1
                if index > bytes.count { fatal("streaming produced more items than bytes") }
            }
            if streamer.failed == parsed {
                fatal("streaming \(streamer.failed ? "failed" : "succeeded") where the whole parse \(parsed ? "succeeded" : "failed")")
            }
            if parsed, index != Int(tree[tree.root].childCount) {
                fatal("streaming saw \(index) items, the whole parse \(tree[tree.root].childCount)")
            }
        }
    }

    static func walk(_ tree: JSONTree, count: Int) {
        for index in tree.nodes.indices {
            let node = tree.nodes[index]
            let id = Int32(index)
            guard node.start >= 0, node.start < node.end, node.end <= count else {
                fatal("node \(index) has range \(node.start)..<\(node.end) in \(count) bytes")
            }
            if node.parent != JSONNode.none {
                let parent = tree[node.parent]
                guard parent.start < node.start, node.end < parent.end else { fatal("node \(index) is not inside its parent") }
            }
            _ = tree.pointer(id)
            switch node.kind {
            case .string: if tree.string(id) == nil { fatal("string node \(index) has no string") }
            case .number:
                _ = tree.integer(id)
                if tree.double(id) == nil { fatal("number node \(index) does not read as a Double") }
            case .bool: _ = tree.bool(id)
            case .object:
                for child in tree.children(of: id) {
                    guard tree.key(of: child) != nil else { fatal("member \(child) has no key") }
                }
            case .array, .null: break
            }
        }
    }

    // MARK: - URLs

    /// Parses the input as a URL. Properties: no trap; error offsets lie inside the input; a URL
    /// that parses serializes to an ASCII `href` that parses again to itself (the URL Standard's
    /// idempotence), and the storage analysis runs on it.
    public static func url(_ bytes: UnsafeBufferPointer<UInt8>) {
        let result = URLParser.parse(utf8: bytes)
        for error in result.validationErrors where error.offset < 0 || error.offset + error.length > bytes.count {
            fatal("validation error \(error) outside the input of \(bytes.count) bytes")
        }
        if (result.url == nil) != (result.failure != nil) { fatal("url and failure disagree") }
        guard let url = result.url else { return }
        // ASCII without controls (an opaque path such as `mailto:a b` may keep its spaces).
        if !url.href.utf8.allSatisfy({ $0 < 0x7F && $0 >= 0x20 }) { fatal("href is not printable ASCII: \(url.href.debugDescription)") }
        let again = URLParser.parse(url.href)
        guard let reparsed = again.url else { fatal("href \(url.href.debugDescription) does not parse again: \(String(describing: again.failure))") }
        if reparsed.href != url.href { fatal("href is not idempotent: \(url.href.debugDescription) -> \(reparsed.href.debugDescription)") }
        _ = (url.scheme, url.username, url.password, url.hostname, url.port, url.pathname, url.pathSegments, url.query, url.fragment, url.host)
        if let location = StorageHosts.locate(url) { _ = (location.key, location.keyBytes, location.bucket) }
        _ = StorageHosts.httpsEquivalent(url)
        _ = StorageHosts.isAuthenticatedBrowserEndpoint(url.hostname)
    }

    // MARK: - Configuration

    /// Validates the input as `.assetlint.yml` text. Properties: no trap, no hang; every error has
    /// a position of at least 1:1.
    public static func config(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        let catalog = RuleRegistry.catalog
        let result = ConfigurationLoader.validate(
            yaml: text, path: "/fuzz/.assetlint.yml", directory: "/fuzz",
            isKnownRuleSelector: { RuleSelection.isKnown($0, in: catalog) })
        for error in result.errors where error.line < 1 || error.column < 1 {
            fatal("configuration error at \(error.line):\(error.column): \(error.message)")
        }
        if result.errors.isEmpty {
            // A valid configuration drives a lint without trapping (globs, overrides, custom rules).
            let linter = Linter(configuration: result.configuration)
            _ = linter.lint(SourceFile(path: "/fuzz/assets/a.json", text: #"[{"data": "https://b.s3.amazonaws.com/a b.jpg", "externalId": "a"}]"#))
        }
    }

    // MARK: - Whole lint

    /// Lints the input as one file: the first byte picks `--kind` (auto or one of the kinds) and
    /// the output format (see `format(for:)`), the rest is the file. Properties: no trap;
    /// diagnostics lie inside the file; the format renders, and `json` and `sarif` render valid
    /// JSON; applying all fixes (unsafe included) changes only the edited bytes, never produces
    /// overlapping edits, and keeps a valid document valid; the fast engine, serial and in parts,
    /// reports exactly what the reference engine reports.
    public static func lint(_ input: UnsafeBufferPointer<UInt8>) {
        guard let selector = input.first else { return }
        let kinds: [DocumentKind?] = [nil] + DocumentKind.allCases
        // One format per input (all six each time made the target six times slower); the high
        // bits of the selector pick it, so every kind meets every format.
        let formats = OutputFormat.allCases
        let chosen = formats[(Int(selector) / kinds.count) % formats.count]
        let bytes = Array(input.dropFirst())
        let linter = linters[Int(selector) % kinds.count]
        let file = SourceFile(path: "fuzz.json", bytes: bytes)
        let report = linter.lint(file)
        for diagnostic in report.diagnostics {
            let range = diagnostic.range
            if range.offset < 0 || range.length < 0 || range.end > bytes.count {
                fatal("\(diagnostic.ruleID) range \(range) outside the file of \(bytes.count) bytes")
            }
            for edit in diagnostic.fix?.edits ?? [] where edit.range.offset < 0 || edit.range.end > bytes.count {
                fatal("\(diagnostic.ruleID) fix edit \(edit.range) outside the file of \(bytes.count) bytes")
            }
        }
        // SARIF describes every rule that ran in full (static text, and most of this target's
        // time): only the rules that reported are kept, which is all the findings need.
        let reported = Set(report.diagnostics.map(\.ruleID))
        var shown = report
        shown.rulesRun = report.rulesRun.filter { reported.contains($0.id) }
        let run = LintRun(files: [shown], catalog: linter.catalog.filter { reported.contains($0.id) })
        for format in [chosen] {
            let output = format.reporter.render(run, options: ReportOptions())
            if format == .json || format == .sarif {
                let rendered = SourceFile(path: "report.json", text: output)
                var parser = JSONParser(source: rendered, maxDepth: 512)
                var tree = JSONTree(source: rendered)
                if !parser.parseDocument(into: &tree) { fatal("the \(format.rawValue) report is not valid JSON: \(parser.issues.map(\.detail))") }
            }
        }
        FixProperties.check(bytes, diagnostics: report.diagnostics)
        // The fast engine, serial and in parts on several cores (as a large file is checked),
        // gives exactly the reference engine's findings and redactions: every item through the
        // parser and every rule, every embedded URL through the full analysis, no facts, no
        // shortcut, no parts.
        let reference = referenceLinters[Int(selector) % kinds.count].lint(SourceFile(path: "fuzz.json", bytes: bytes))
        func describe(_ report: FileReport) -> [String] {
            report.diagnostics.map { "\($0.ruleID) \($0.severity) \($0.range) \($0.pointer) \($0.message) \($0.related.map(\.range)) \($0.fix.map { "\($0.applicability) \($0.edits.map(\.range))" } ?? "")" }
        }
        if describe(report) != describe(reference) {
            fatal("the fast engine differs from the reference engine:\n\(describe(report))\nreference:\n\(describe(reference))")
        }
        if report.source?.redactions != reference.source?.redactions { fatal("the fast engine redacts other bytes than the reference engine") }
        if report.kind?.streamsItems == true || report.kind == .json {
            let parts = partLinters[Int(selector) % kinds.count].lint(SourceFile(path: "fuzz.json", bytes: bytes))
            if describe(parts) != describe(reference) {
                fatal("the fast engine in parts differs from the reference engine:\n\(describe(parts))\nreference:\n\(describe(reference))")
            }
            if parts.source?.redactions != reference.source?.redactions { fatal("parts redact other bytes than the reference engine") }
        }
    }
}

/// The same, cutting every streamed array into parts however small the file.
private let partLinters: [Linter] = ([nil] + DocumentKind.allCases).map { kind in
    var options = LintOptions(kind: kind)
    options.splitThreshold = 0
    return Linter(configuration: Configuration(directory: "/fuzz"), options: options)
}

/// The reference engine: the oracle.
private let referenceLinters: [Linter] = ([nil] + DocumentKind.allCases).map { kind in
    Linter(configuration: Configuration(directory: "/fuzz"), options: LintOptions(kind: kind, engine: .reference))
}

/// One linter per `--kind` (auto first), made once: building the rule set is not what is fuzzed.
private let linters: [Linter] = ([nil] + DocumentKind.allCases).map { kind in
    Linter(configuration: Configuration(directory: "/fuzz"), options: LintOptions(kind: kind))
}

/// What `--fix --unsafe-fixes` guarantees about one round of fixes.
public enum FixProperties {
    /// Applies every fix of `diagnostics` to `bytes` and checks: each byte outside the applied
    /// edits is copied in order; the applied edits do not overlap; a document that parsed still
    /// parses. Returns the fixed bytes.
    @discardableResult
    public static func check(_ bytes: [UInt8], diagnostics: [Diagnostic]) -> [UInt8] {
        let fixes = FixApplier.applicable(diagnostics, unsafe: true)
        let result = bytes.withUnsafeBufferPointer { FixApplier.apply(fixes, to: $0) }
        let edits = result.applied.flatMap(\.edits).sorted { ($0.range.offset, $0.range.end) < ($1.range.offset, $1.range.end) }
        var expected: [UInt8] = []
        var cursor = 0
        for edit in edits {
            if edit.range.offset < cursor { FuzzChecks.fatal("applied edits overlap at \(edit.range)") }
            expected += bytes[cursor..<edit.range.offset]
            expected += Array(edit.replacement.utf8)
            cursor = edit.range.end
        }
        expected += bytes[cursor...]
        if expected != result.bytes { FuzzChecks.fatal("bytes outside the edits changed") }
        if !edits.isEmpty, parses(bytes), !parses(result.bytes) {
            FuzzChecks.fatal("fixes \(result.applied.map(\.description)) turned valid JSON into invalid JSON")
        }
        return result.bytes
    }

    public static func parses(_ bytes: [UInt8]) -> Bool {
        let file = SourceFile(path: "x.json", bytes: bytes)
        var parser = JSONParser(source: file, maxDepth: 512)
        var tree = JSONTree(source: file)
        return parser.parseDocument(into: &tree)
    }
}
