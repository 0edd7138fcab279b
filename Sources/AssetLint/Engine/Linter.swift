import Dispatch
import Foundation

/// Lints files: decides each file's kind, runs the rules that apply, collects the diagnostics.
public final class Linter: Sendable {
    public let configuration: Configuration
    public let options: LintOptions
    /// Built-in rules followed by the configuration's custom rules.
    public let rules: [RuleDescriptor]
    public var catalog: [RuleMetadata] { rules.map(\.metadata) }
    private let names: [String: String]

    public init(configuration: Configuration, options: LintOptions = LintOptions(), rules: [any Rule.Type] = RuleRegistry.builtIn) {
        self.configuration = configuration
        self.options = options
        self.rules = rules.map(RuleDescriptor.init) + configuration.custom.map(CustomRule.descriptor)
        self.names = Dictionary(self.rules.map { ($0.metadata.id, $0.metadata.name) }, uniquingKeysWith: { first, _ in first })
    }

    public func lint(path: String) -> FileReport {
        switch FileLoader.load(path: path) {
        case .success(let file): return lint(file)
        case .failure(let error): return .unreadable(path, reason: error.reason)
        }
    }

    public func lint(_ original: SourceFile) -> FileReport {
        // JSON with Comments by its name (tsconfig.json, .vscode/settings.json): plain JSON whose
        // comments and trailing commas are read as whitespace; reports show the file as it is.
        let isJSONC = JSONCFiles.matches(original.path)
        let kind = options.kind ?? configuredKind(for: original) ?? (isJSONC ? .json : detectKind(original))
        let file = isJSONC && kind == .json ? JSONCFiles.strictEquivalent(of: original) : original
        defer { if file !== original { original.redactions = file.redactions } }
        let severities = RuleSelection.resolve(catalog, layers: selectionLayers(for: file.path))
        // The I rules run only against listings: without one they check nothing, and a report
        // (JUnit, SARIF) does not list them as run.
        let active = rules.filter {
            severities[$0.metadata.id] != nil && $0.metadata.kinds.contains(kind) && ($0.metadata.family != .inventory || !options.inventory.isEmpty)
                && ($0.metadata.id != ListedObjectUnused.metadata.id || options.inventory.tracksUsage)
        }
        let spool = options.spoolsFindings && options.keepPerRule == nil ? FindingSpool() : nil
        let context: LintContext
        if kind.streamsItems || kind == .json, startsWithArray(file) {
            context = lintStreamed(file, kind: kind, active: active, severities: severities, spool: spool)
        } else {
            context = makeContext(file, kind: kind, severities: severities, spool: spool)
            let instances = makeInstances(active, kind: kind)
            var tree = JSONTree(source: file)
            var whole = JSONParser(source: file, maxDepth: configuration.json.maxDepth)
            let parsed = whole.parseDocument(into: &tree)
            for issue in whole.takeIssues() {
                for rule in instances { rule.issueShape?.check(issue: issue, context: context) }
            }
            file.redactions += SecretScanner.ranges(in: file.bytes)
            if parsed {
                for rule in instances { rule.documentShape?.check(document: tree, context: context) }
            }
            for rule in instances { rule.finish(context: context) }
        }
        var report = FileReport(
            path: file.path, kind: kind, source: original, diagnostics: context.diagnostics.sorted(by: Diagnostic.precedes),
            rulesRun: active.map { $0.metadata })
        report.omitted = context.omitted
        spool?.finish()
        report.spool = spool
        return report
    }

    static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// Parts smaller than this are not worth a thread.
    static let minimumPartSize = 4 << 20

    private func makeContext(
        _ file: SourceFile, kind: DocumentKind, severities: [String: Severity], part: Int? = nil, spool: FindingSpool?
    ) -> LintContext {
        LintContext(file: file, kind: kind, configuration: configuration.applying(overridesFor: file.path), severities: severities, names: names,
                    keepPerRule: options.keepPerRule, part: part, spool: spool, assets: options.assets, inventory: options.inventory)
    }

    /// Fresh checkers of `descriptors` for one file (or one part of it). In label and attachment
    /// imports the URL rules check the URLs the hub fetches through one `EmbeddedURLCheck` rather
    /// than each on its own (see there).
    private func makeInstances(_ descriptors: [RuleDescriptor], kind: DocumentKind) -> [any RuleCheck] {
        EmbeddedURLCheck.wrapping(descriptors.map { $0.make() }, kind: kind, engine: options.engine)
    }

    /// A streamed top-level array (a manifest, or plain JSON). In the fast engine a large one is cut
    /// into consecutive parts, one per core, each parsed and checked by every rule on its own thread
    /// (`ManifestPartition` finds the cuts). Once all are done, the later parts' findings and
    /// per-file state are merged into the first part's context, whose rule instances then finish
    /// the file. Returns that context.
    private func lintStreamed(
        _ file: SourceFile, kind: DocumentKind, active: [RuleDescriptor], severities: [String: Severity], spool: FindingSpool?
    ) -> LintContext {
        let large = options.engine == .fast && file.count >= options.splitThreshold && Self.cores > 1
        let count = large ? min(Self.cores, max(2, file.count / Self.minimumPartSize)) : 1
        let contexts = (0..<count).map { makeContext(file, kind: kind, severities: severities, part: large ? $0 : nil, spool: spool) }
        let first = makeInstances(active, kind: kind)
        let plan: PartPlan? = large ? {
            var opening = JSONParser(source: file, maxDepth: configuration.json.maxDepth)
            _ = opening.openTopLevelArray()
            return PartPlan(file: file, arrayStart: opening.position, parts: count)
        }() : nil
        let progress = options.progress.map { StreamProgress(path: file.path, total: file.count, parts: count, report: $0) }
        let outcomes = Parallel.map(count) { part -> PartOutcome in
            var start: PartBoundary?
            if part > 0 {
                guard let boundary = plan?.boundary(ofPart: part), plan?.isCancelled(part) == false else { return PartOutcome() }
                start = boundary
            }
            let rules = part == 0 ? first : makeInstances(active, kind: kind)
            return stream(file, kind: kind, rules: rules, context: contexts[part], part: part, plan: plan, start: start, progress: progress)
        }
        // A part counts when the one before it ended exactly where it began.
        var used = 1
        while used < count, outcomes[used - 1].reachedEnd, outcomes[used].ran { used += 1 }
        if large { options.partsObserver?(used) }
        for part in 0..<used { file.redactions += outcomes[part].redactions }
        for part in 1..<used { contexts[0].absorb(contexts[part]) }
        for rule in first { rule.finish(context: contexts[0]) }
        progress?.finish()
        return contexts[0]
    }

    /// What a streaming thread leaves behind, besides its context's findings.
    struct PartOutcome {
        var ran = false
        /// Whether a part stopped exactly at the start of the next part.
        var reachedEnd = false
        var redactions: [ByteRange] = []
    }

    /// Streams part `part` of the top-level array of `file` (all of it without a plan) through
    /// `rules`, item by item: the item source (parser and bare-item shortcut) feeds the dispatcher,
    /// and the observers of the stream scan for secrets, release pages, report progress and find
    /// where the part ends.
    private func stream(
        _ file: SourceFile, kind: DocumentKind, rules: [any RuleCheck], context: LintContext, part: Int, plan: PartPlan?,
        start: PartBoundary?, progress: StreamProgress?
    ) -> PartOutcome {
        var outcome = PartOutcome()
        outcome.ran = true
        let maxDepth = configuration.json.maxDepth
        let issueRules = rules.compactMap(\.issueShape)
        let dispatcher = ItemDispatcher(rules, context: context, engine: options.engine)
        let shortcut = kind == .manifest ? BareItemShortcut(dispatcher: dispatcher, context: context, maxDepth: maxDepth) : nil
        var source = ItemSource(file: file, maxDepth: maxDepth, start: start, shortcut: shortcut)
        let partStart = start?.offset ?? 0
        let firstIndex = source.index
        var redaction = SecretRedaction(file: file, from: partStart)
        var pages = PageRelease(file: file, from: partStart)
        var cut = plan.map { PartCut(plan: $0, part: part) }
        defer { options.bareItemsObserver?(source.bareItems) }
        func deliverIssues() {
            for issue in source.takeIssues() {
                for rule in issueRules { rule.check(issue: issue, context: context) }
            }
        }
        while true {
            let index = source.index
            if cut?.endsBefore(item: index, in: &source) == true { break }
            guard let item = source.next() else { break }
            if item.parsed {
                deliverIssues()
                if kind.streamsItems { dispatcher.deliver(item: index, of: source.tree, context: context) }
            }
            redaction.passed(item: index, end: item.range.upperBound)
            if (index + 1) & 0x3FF == 0 {
                pages.advance(to: item.range.lowerBound)
                progress?.advance(part: part, bytes: item.range.lowerBound - partStart, items: index + 1 - firstIndex)
                if cut?.isCancelled == true { return outcome }
            }
        }
        cut?.finish()
        outcome.reachedEnd = cut?.reachedEnd ?? false
        progress?.settle(part: part, items: source.index - firstIndex)
        redaction.scan(upTo: source.failed ? file.count : source.position)
        deliverIssues()
        outcome.redactions = redaction.found
        if kind == .manifest, start == nil, !source.failed, source.index == 0 {
            // An empty array: the whole-document rules look at it (M108).
            var tree = JSONTree(source: file)
            var whole = JSONParser(source: file, maxDepth: maxDepth)
            if whole.parseDocument(into: &tree) {
                for rule in rules { rule.documentShape?.check(document: tree, context: context) }
            }
        }
        return outcome
    }

    private func startsWithArray(_ file: SourceFile) -> Bool {
        var parser = JSONParser(source: file, maxDepth: configuration.json.maxDepth)
        return parser.openTopLevelArray()
    }

    /// The severity of rule `id` for a file at `path` (nil: the rule is off there), for findings
    /// made after the lint (`InventoryUsage`).
    public func severity(of id: String, forPath path: String) -> Severity? {
        RuleSelection.resolve(catalog, layers: selectionLayers(for: path))[id]
    }

    /// The layers for a path: the base settings (with `--select` replacing `rules.select`), the
    /// matching overrides, then `--ignore`, which has the last word.
    func selectionLayers(for path: String) -> [RuleSelection.Layer] {
        let base = configuration.rules
        var layers = [RuleSelection.Layer(select: options.select ?? base.select, ignore: base.ignore, severity: base.severity)]
        layers += configuration.overrideLayers(for: path)
        if !options.ignore.isEmpty {
            layers.append(RuleSelection.Layer(select: nil, ignore: options.ignore))
        }
        return layers
    }

    func configuredKind(for file: SourceFile) -> DocumentKind? {
        switch configuration.configuredFileKind(for: file.path) {
        case .manifest?: return .manifest
        case .labels?: return .labels
        case .attachments?: return .attachments
        case .serviceAccount?: return .serviceAccount
        case .cors?:
            let detected = detectKind(file)
            if detected.isCORS { return detected }
            switch configuration.storage.provider {
            case .s3: return .corsS3
            case .azure: return .corsAzure
            case .gcs, .any: return .corsGCS
            }
        case nil: return nil
        }
    }

    /// Content detection: a look at the first items of a top-level array, or the root object.
    func detectKind(_ file: SourceFile) -> DocumentKind {
        var parser = JSONParser(source: file, maxDepth: configuration.json.maxDepth)
        var tree = JSONTree(source: file)
        if parser.openTopLevelArray() {
            var index = 0
            while index < KindDetector.sniffedItems, parser.nextElement(into: &tree, index: index) {
                if let kind = KindDetector.kind(ofArrayElement: tree.root, in: tree) { return kind }
                index += 1
            }
            if index == 0, !parser.failed { return KindDetector.kind(ofEmptyArrayNamed: file.path) }
            return .json
        }
        var whole = JSONParser(source: file, maxDepth: configuration.json.maxDepth)
        guard whole.parseDocument(into: &tree), tree[tree.root].kind == .object else { return .json }
        return KindDetector.kind(ofObject: tree.root, in: tree)
    }
}
