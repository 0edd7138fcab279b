/// `sarif`: SARIF 2.1.0 as GitHub code scanning reads it (one run).
///
/// - `runs[0].tool.driver.rules`: every rule that ran on any file (catalog order, then rules the
///   catalog does not know), with `shortDescription` (summary), `fullDescription` (rationale),
///   `help` (text and Markdown), an absolute `helpUri`, `defaultConfiguration.level` and
///   `properties` (`tags`, `precision`, `problem.severity`, which GitHub uses to rank alerts).
/// - `columnKind: unicodeCodePoints`: columns and `charOffset`/`charLength` count Unicode scalars,
///   like every other format (byte offsets are in the `json` format).
/// - Each result: `ruleId`, `ruleIndex`, `level` (error / warning / note), `message.text` (the
///   message, then the note on a line of its own), one location (artifact URI: the path as a
///   percent-encoded URI reference, relative paths stay relative, absolute ones become `file://`
///   URIs) with a region holding start and end, `relatedLocations`, `partialFingerprints`,
///   `fixes`, and `properties.jsonPointer`.
/// - `partialFingerprints.primaryLocationLineHash` is derived from rule id, path, JSON pointer, the
///   identity of the item the finding is about (`ItemIdentity`) and the offending source text
///   (whitespace outside strings ignored for objects and arrays) plus an occurrence counter, never
///   from line numbers, so an alert survives lines inserted above it and stays with its item when
///   items move. `assetlint/v2` is the full SHA-256 of the same input (`Fingerprint`, shared with
///   the baseline).
/// - Unreadable files: `invocations[0].toolExecutionNotifications` (level error) and
///   `executionSuccessful: false`.
public struct SARIFReporter: JSONDocumentReporter {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    static let fingerprintKey = "assetlint/v\(Fingerprint.Scheme.current.rawValue)"

    public init() {}

    func document(_ run: LintRun, into json: inout ReportJSONWriter) {
        let rules = Self.rules(of: run)
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let failures = run.files.filter { $0.failure != nil }

        json.object { json in
            json.field("$schema", Self.schemaURI)
            json.field("version", "2.1.0")
            json.array("runs") { json in
                json.object { json in
                    json.object("tool") { json in
                        json.object("driver") { json in
                            json.field("name", "assetlint")
                            json.field("version", run.toolVersion)
                            json.field("semanticVersion", run.toolVersion)
                            json.field("informationUri", ReportText.informationURI)
                            json.array("rules") { json in
                                for rule in rules { writeRule(rule, into: &json) }
                            }
                        }
                    }
                    json.array("invocations") { json in
                        json.object { json in
                            json.field("executionSuccessful", failures.isEmpty)
                            if !failures.isEmpty {
                                json.array("toolExecutionNotifications") { json in
                                    for file in failures { writeNotification(file, into: &json) }
                                }
                            }
                        }
                    }
                    json.field("columnKind", "unicodeCodePoints")
                    json.array("results") { json in
                        // Equal fingerprints only occur under one path (the digest covers it): a
                        // counter per path, made for all of its findings, kept until its last file.
                        var findingsLeft: [String: Int] = [:]
                        for file in run.files where file.failure == nil { findingsLeft[file.path, default: 0] += file.findingCount }
                        var counters: [String: FingerprintOccurrences] = [:]
                        for file in run.files where file.failure == nil {
                            let occurrences = counters.removeValue(forKey: file.path) ?? FingerprintOccurrences(expected: findingsLeft[file.path] ?? 0)
                            let locator = ReportLocator(report: file)
                            let layout = SARIFResultLayout(
                                depth: json.depth, uri: ReportText.uriReference(forPath: file.path), hasSource: file.source != nil,
                                fingerprintKey: Self.fingerprintKey)
                            let counted = PipelineResult<FingerprintOccurrences>()
                            // Findings are read and fingerprinted ahead, on a thread of their own.
                            FindingPipeline.run(threaded: file.findingCount >= FindingPipeline.threadedFrom) { send in
                                Self.fingerprinted(file, occurrences: occurrences, counted: counted, send: send)
                            } consume: { (finding: FingerprintedFinding) in
                                json.element { output in
                                    layout.append(
                                        finding.diagnostic, digest: finding.digest, occurrence: finding.occurrence,
                                        ruleIndex: ruleIndex[finding.diagnostic.ruleID], locator: locator, to: &output)
                                }
                            }
                            let left = (findingsLeft[file.path] ?? 0) - file.findingCount
                            findingsLeft[file.path] = left
                            if left > 0, let occurrences = counted.value { counters[file.path] = occurrences }
                        }
                    }
                }
            }
        }
    }

    // MARK: Rules

    private struct RuleEntry {
        var id: String
        var name: String
        var metadata: RuleMetadata?
        var severity: Severity
    }

    private static func rules(of run: LintRun) -> [RuleEntry] {
        var ran = Set<String>()
        var ranMetadata: [String: RuleMetadata] = [:]
        var ranOrder: [String] = []
        for file in run.files {
            for rule in file.rulesRun where ran.insert(rule.id).inserted {
                ranMetadata[rule.id] = rule
                ranOrder.append(rule.id)
            }
        }
        var entries: [RuleEntry] = []
        var listed = Set<String>()
        for rule in run.catalog where ran.contains(rule.id) && listed.insert(rule.id).inserted {
            entries.append(RuleEntry(id: rule.id, name: rule.name, metadata: rule, severity: rule.severity))
        }
        for id in ranOrder where listed.insert(id).inserted {
            let rule = ranMetadata[id]!
            entries.append(RuleEntry(id: id, name: rule.name, metadata: rule, severity: rule.severity))
        }
        let catalog = Dictionary(run.catalog.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for file in run.files {
            for rule in file.reportingRules where listed.insert(rule.id).inserted {
                let metadata = catalog[rule.id]
                var severity = metadata?.severity
                if severity == nil { file.forEachFinding(rule: rule.id) { severity = severity ?? $0.severity } }
                entries.append(RuleEntry(id: rule.id, name: metadata?.name ?? rule.name, metadata: metadata, severity: severity ?? .warning))
            }
        }
        return entries
    }

    private func writeRule(_ rule: RuleEntry, into json: inout ReportJSONWriter) {
        let helpURI = ReportText.helpURI(rule.id)
        json.object { json in
            json.field("id", rule.id)
            json.field("name", rule.name)
            if let metadata = rule.metadata {
                json.object("shortDescription") { $0.field("text", metadata.summary) }
                json.object("fullDescription") { $0.field("text", metadata.rationale) }
            }
            json.object("defaultConfiguration") { $0.field("level", ReportText.sarifLevel(rule.severity)) }
            json.field("helpUri", helpURI)
            if let metadata = rule.metadata {
                json.object("help") { json in
                    json.field("text", Self.helpText(metadata, uri: helpURI))
                    json.field("markdown", Self.helpMarkdown(metadata, uri: helpURI))
                }
            }
            json.object("properties") { json in
                json.stringArray("tags", Self.tags(rule))
                json.field("precision", "very-high")
                json.field("problem.severity", rule.severity == .info ? "recommendation" : rule.severity.rawValue)
            }
        }
    }

    private static func tags(_ rule: RuleEntry) -> [String] {
        let family = RuleFamily(rawValue: String(rule.id.prefix(1))) ?? .custom
        switch family {
        case .json: return ["assetlint", "json"]
        case .manifest: return ["assetlint", "manifest"]
        case .url: return ["assetlint", "url"]
        case .labels: return ["assetlint", "labels"]
        case .attachments: return ["assetlint", "attachments"]
        case .cors: return ["assetlint", "cors"]
        case .credentials: return ["assetlint", "credentials", "security"]
        case .inventory: return ["assetlint", "inventory"]
        case .custom: return ["assetlint", "custom"]
        }
    }

    private static func fixSentence(_ fix: RuleMetadata.FixAvailability) -> String? {
        switch fix {
        case .none: nil
        case .safe: "Fix: safe; `assetlint --fix` applies it."
        case .unsafe: "Fix: unsafe (it may change what the file means); applied with `assetlint --fix --unsafe-fixes`."
        case .sometimes: "Fix: available for some findings."
        }
    }

    static func helpText(_ rule: RuleMetadata, uri: String) -> String {
        var parts = ["\(rule.id) \(rule.name) (\(rule.severity.rawValue)): \(rule.summary)", rule.rationale]
        if let fix = fixSentence(rule.fix) { parts.append(fix.replacingBackticks()) }
        parts.append("Documentation: \(uri)")
        return parts.joined(separator: "\n\n")
    }

    static func helpMarkdown(_ rule: RuleMetadata, uri: String) -> String {
        var parts = ["**\(rule.id) `\(rule.name)`** (\(rule.severity.rawValue)): \(rule.summary)", rule.rationale]
        if let fix = fixSentence(rule.fix) { parts.append(fix) }
        parts.append("[Rule documentation](\(uri))")
        return parts.joined(separator: "\n\n")
    }

    // MARK: Results

    /// A finding with its fingerprint and the number of its occurrence.
    struct FingerprintedFinding: Sendable {
        var diagnostic: Diagnostic
        var digest: SIMD8<UInt32>
        var occurrence: Int
    }

    /// Reads `file`'s findings in report order, names each one's item as they stream past (not
    /// gathered first), fingerprints and counts it, and hands them on in batches; the counter,
    /// which carries on over later files of the same path, goes back through `counted`.
    private static func fingerprinted(
        _ file: FileReport, occurrences: FingerprintOccurrences, counted: PipelineResult<FingerprintOccurrences>,
        send: ([FingerprintedFinding]) -> Void
    ) {
        var occurrences = occurrences
        var identities = ItemIdentity.Resolver(report: file)
        var batch: [FingerprintedFinding] = []
        batch.reserveCapacity(FindingPipeline.batchSize)
        file.forEachFinding { diagnostic in
            let digest = Fingerprint.digest(
                of: diagnostic, path: file.path, source: file.source, identity: identities.identity(ofPointer: diagnostic.pointer))
            batch.append(FingerprintedFinding(diagnostic: diagnostic, digest: digest, occurrence: occurrences.record(digest.lowHalf)))
            if batch.count == FindingPipeline.batchSize {
                send(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        send(batch)
        counted.value = occurrences
    }

    private func writeNotification(_ file: FileReport, into json: inout ReportJSONWriter) {
        json.object { json in
            json.field("level", "error")
            json.object("message") { $0.field("text", "\(file.path): could not be read: \(file.failure ?? "")") }
            json.array("locations") { json in
                json.object { json in
                    json.object("physicalLocation") { json in
                        json.object("artifactLocation") { $0.field("uri", ReportText.uriReference(forPath: file.path)) }
                    }
                }
            }
            json.object("descriptor") { $0.field("id", "unreadable-file") }
        }
    }
}

extension String {
    /// Plain-text rendering of inline code spans: drops the backticks.
    fileprivate func replacingBackticks() -> String {
        String(unicodeScalars.filter { $0 != "`" }.map(Character.init))
    }
}
