import Dispatch
import Foundation

/// How far the streaming of one large file has come.
public struct LintProgress: Sendable {
    public var path: String
    public var bytes: Int
    public var total: Int
    public var items: Int
    public var finished = false
}

/// Options that come from the command line rather than the configuration file.
public struct LintOptions: Sendable {
    /// `--kind`; nil for automatic detection.
    public var kind: DocumentKind?
    /// `--select` (replaces the configuration's `rules.select`) and `--ignore` (adds to it).
    public var select: [String]?
    public var ignore: [String] = []
    /// Called now and then while a manifest streams (the command line draws a progress bar).
    public var progress: (@Sendable (LintProgress) -> Void)?
    /// Streamed arrays at least this large are checked in parts on several cores (or, when a rule
    /// cannot work in parts, by two groups of rules at once).
    public var splitThreshold = 8 << 20
    /// Keep at most this many findings of one rule in one file (the first in report order) and
    /// only count the others (`FileReport.omitted`); nil keeps all. The session sets it when every
    /// requested output lists no more than that many (text and concise), and nothing needs every
    /// finding (fixes, baselines), so a file with a million findings takes little memory.
    public var keepPerRule: Int?
    /// Hears how many parts of a file split across cores were checked and merged.
    var partsObserver: (@Sendable (Int) -> Void)?
    /// Whether bare manifest items may be checked straight from the bytes (`BareItemShortcut`);
    /// off, every item goes through the parser and the rules. Same findings either way: tests and
    /// the fuzzer compare both.
    public var checksBareItemsDirectly = true
    /// Hears, per streamed part, how many items `BareItemShortcut` checked.
    var bareItemsObserver: (@Sendable (Int) -> Void)?
    /// The bucket listings (`--inventory`, `inventory:`) the I rules check asset URLs against.
    public var inventory = Inventory.empty

    public init(kind: DocumentKind? = nil, select: [String]? = nil, ignore: [String] = []) {
        self.kind = kind
        self.select = select
        self.ignore = ignore
    }
}

/// The outcome of linting one path.
public struct FileReport: @unchecked Sendable {
    public var path: String
    public var kind: DocumentKind?
    public var source: SourceFile?
    public var diagnostics: [Diagnostic]
    /// The rules that ran on the file, in catalog order (JUnit lists each as a test case).
    public var rulesRun: [RuleMetadata]
    /// Why the file could not be read; exit status 2.
    public var failure: String?
    /// Findings counted but not kept (see `LintOptions.keepPerRule`).
    public var omitted: [OmittedFindings] = []

    public init(path: String, kind: DocumentKind?, source: SourceFile?, diagnostics: [Diagnostic], rulesRun: [RuleMetadata], failure: String? = nil) {
        self.path = path
        self.kind = kind
        self.source = source
        self.diagnostics = diagnostics
        self.rulesRun = rulesRun
        self.failure = failure
    }

    public static func unreadable(_ path: String, reason: String) -> FileReport {
        FileReport(path: path, kind: nil, source: nil, diagnostics: [], rulesRun: [], failure: reason)
    }
}

/// Lints files: decides each file's kind, runs the rules that apply, collects the diagnostics.
public final class Linter: @unchecked Sendable {
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

    public func lint(_ file: SourceFile) -> FileReport {
        let kind = options.kind ?? configuredKind(for: file) ?? detectKind(file)
        let severities = RuleSelection.resolve(catalog, layers: selectionLayers(for: file.path))
        // The I rules run only against listings: without one they check nothing, and a report
        // (JUnit, SARIF) does not list them as run.
        let active = rules.filter {
            severities[$0.metadata.id] != nil && $0.metadata.kinds.contains(kind) && ($0.metadata.family != .inventory || !options.inventory.isEmpty)
        }
        var diagnostics: [Diagnostic]
        var omitted: [OmittedFindings]
        if kind == .manifest || kind == .json, startsWithArray(file) {
            let large = file.count >= options.splitThreshold && Self.cores > 1
            if large, let parts = lintInParts(file, kind: kind, active: active, severities: severities) {
                (diagnostics, omitted) = parts
            } else {
                (diagnostics, omitted) = lintInGroups(file, kind: kind, active: active, severities: severities, large: large)
            }
        } else {
            let context = LintContext(
                file: file, kind: kind, configuration: configuration, severities: severities, names: names,
                keepPerRule: options.keepPerRule, inventory: options.inventory)
            let instances = active.map { $0.make() }
            var tree = JSONTree(source: file)
            var whole = JSONParser(source: file, maxDepth: configuration.json.maxDepth)
            let parsed = whole.parseDocument(into: &tree)
            for issue in whole.takeIssues() {
                for rule in instances { rule.check(issue: issue, context: context) }
            }
            file.redactions += SecretScanner.ranges(in: file.bytes)
            if parsed {
                for rule in instances { rule.check(document: tree, context: context) }
            }
            for rule in instances { rule.finish(context: context) }
            diagnostics = context.diagnostics
            omitted = context.omitted
        }

        diagnostics.sort(by: Diagnostic.precedes)
        var report = FileReport(path: file.path, kind: kind, source: file, diagnostics: diagnostics, rulesRun: active.map { $0.metadata })
        report.omitted = omitted
        return report
    }

    static let cores = ProcessInfo.processInfo.activeProcessorCount

    private func makeContext(_ file: SourceFile, kind: DocumentKind, severities: [String: Severity], part: Int? = nil) -> LintContext {
        LintContext(file: file, kind: kind, configuration: configuration, severities: severities, names: names,
                    keepPerRule: options.keepPerRule, part: part, inventory: options.inventory)
    }

    /// A large streamed array is cut into consecutive parts, one per core, each parsed and checked
    /// by every rule on its own thread (`ManifestPartition` finds the cuts). Once all are done, the
    /// later parts' findings and shared state are merged into the first part's context, whose rule
    /// instances then finish the file. Nil when a rule cannot work that way (`checksInParts`).
    private func lintInParts(
        _ file: SourceFile, kind: DocumentKind, active: [RuleDescriptor], severities: [String: Severity]
    ) -> (diagnostics: [Diagnostic], omitted: [OmittedFindings])? {
        let count = min(Self.cores, max(2, file.count / Self.minimumPartSize))
        let contexts = (0..<count).map { makeContext(file, kind: kind, severities: severities, part: $0) }
        let first = active.map { $0.make() }
        guard first.allSatisfy({ $0.checksInParts(context: contexts[0]) }) else { return nil }
        var opening = JSONParser(source: file, maxDepth: configuration.json.maxDepth)
        _ = opening.openTopLevelArray()
        let plan = PartPlan(file: file, arrayStart: opening.position, parts: count)
        let progress = options.progress.map { StreamProgress(path: file.path, total: file.count, parts: count, report: $0) }
        var outcomes = [PartOutcome](repeating: PartOutcome(), count: count)
        outcomes.withUnsafeMutableBufferPointer { outcomes in
            let slots = outcomes
            DispatchQueue.concurrentPerform(iterations: count) { part in
                let rules = part == 0 ? first : active.map { $0.make() }
                var role = StreamRole(part: part, plan: plan, progress: progress)
                if part > 0 {
                    guard let start = plan.boundary(ofPart: part), !plan.isCancelled(part) else { return }
                    role.start = start
                }
                slots[part] = stream(file, kind: kind, rules: rules, context: contexts[part], role: role)
            }
        }
        // A part counts when the one before it ended exactly where it began.
        var used = 1
        while used < count, outcomes[used - 1].reachedEnd, outcomes[used].ran { used += 1 }
        options.partsObserver?(used)
        for part in 0..<used { file.redactions += outcomes[part].redactions }
        for part in 1..<used { contexts[0].absorb(contexts[part]) }
        for rule in first { rule.finish(context: contexts[0]) }
        progress?.finish()
        return (contexts[0].diagnostics, contexts[0].omitted)
    }

    /// Parts smaller than this are not worth a thread.
    static let minimumPartSize = 4 << 20

    /// The rules are dealt into groups (`split`) that stream the whole file each, at once on a
    /// large file: no item is shared between threads, and stateful rules keep all their state in
    /// one group. Used when a rule cannot check a file in parts.
    private func lintInGroups(
        _ file: SourceFile, kind: DocumentKind, active: [RuleDescriptor], severities: [String: Severity], large: Bool
    ) -> (diagnostics: [Diagnostic], omitted: [OmittedFindings]) {
        let groups = active.count > 1 && large ? Self.split(active, into: 2) : [active]
        let contexts = groups.map { _ in makeContext(file, kind: kind, severities: severities) }
        let floor = StreamFloor(groups: groups.count)
        var outcomes = [PartOutcome](repeating: PartOutcome(), count: groups.count)
        outcomes.withUnsafeMutableBufferPointer { outcomes in
            let slots = outcomes
            DispatchQueue.concurrentPerform(iterations: groups.count) { group in
                let rules = groups[group].map { $0.make() }
                let progress = group == 0 ? options.progress.map { StreamProgress(path: file.path, total: file.count, parts: 1, report: $0) } : nil
                slots[group] = stream(file, kind: kind, rules: rules, context: contexts[group],
                                      role: StreamRole(group: group, floor: floor, progress: progress))
                for rule in rules { rule.finish(context: contexts[group]) }
                progress?.finish()
            }
        }
        for outcome in outcomes { file.redactions += outcome.redactions }
        return (contexts.flatMap(\.diagnostics), contexts.flatMap(\.omitted))
    }

    /// Deals the rules into two groups, so rules that share a per-item analysis stay together and
    /// nothing is computed twice: the J rules (they hear the parser's issues) and the M rules (one
    /// shared scan of the item's members and plain-item screen; one shared id analysis and the
    /// file's one table of ids) in group 0; the U rules (one shared URL analysis) and the others in
    /// group 1. Measured on a million-item manifest, the two groups then take about the same time.
    static func split(_ rules: [RuleDescriptor], into count: Int) -> [[RuleDescriptor]] {
        var groups = [[RuleDescriptor]](repeating: [], count: max(1, count))
        for rule in rules {
            let family = rule.metadata.family
            let first = family == .json || family == .manifest
            groups[first || groups.count == 1 ? 0 : 1].append(rule)
        }
        return groups.filter { !$0.isEmpty }
    }

    /// What one streaming thread does besides handing items to its rules.
    struct StreamRole {
        /// Part mode: the part number, the plan of the cuts, and where this part starts (nil for
        /// the first part, which opens the array).
        var part = 0
        var plan: PartPlan?
        var start: PartBoundary?
        /// Group mode: the group number and the positions of all groups.
        var group = 0
        var floor: StreamFloor?
        var progress: StreamProgress?

        init(part: Int, plan: PartPlan, progress: StreamProgress?) {
            self.part = part
            self.plan = plan
            self.progress = progress
        }

        init(group: Int, floor: StreamFloor, progress: StreamProgress?) {
            self.group = group
            self.floor = floor
            self.progress = progress
        }

        /// Whether this thread hears the parser's issues and scans for secrets: every part, but
        /// only the first of the groups (the others read the same bytes).
        var readsText: Bool { plan != nil || group == 0 }
    }

    /// What a streaming thread leaves behind, besides its context's findings.
    struct PartOutcome {
        var ran = false
        /// Whether a part stopped exactly at the start of the next part.
        var reachedEnd = false
        var redactions: [ByteRange] = []
    }

    /// Streams the top-level array of `file` (or the part of it `role` gives) through `rules`, item
    /// by item.
    private func stream(_ file: SourceFile, kind: DocumentKind, rules: [any RuleCheck], context: LintContext, role: StreamRole) -> PartOutcome {
        var outcome = PartOutcome()
        outcome.ran = true
        defer { role.floor?.finish(group: role.group) }
        role.floor?.start(group: role.group)
        var parser = JSONParser(source: file, maxDepth: configuration.json.maxDepth)
        var tree = JSONTree(source: file)
        func deliverIssues() {
            let issues = parser.takeIssues()
            guard role.readsText else { return }
            for issue in issues {
                for rule in rules { rule.check(issue: issue, context: context) }
            }
        }
        var index = 0
        if let start = role.start {
            parser.resumeTopLevelArray(at: start.offset)
            index = start.index
        } else {
            _ = parser.openTopLevelArray()
        }
        let partStart = role.start?.offset ?? 0
        let firstIndex = index
        let dispatcher = ItemDispatcher(rules, context: context)
        let shortcut = kind == .manifest && options.checksBareItemsDirectly
            ? BareItemShortcut(dispatcher: dispatcher, context: context, maxDepth: parser.maxDepth) : nil
        var bareItems = 0
        defer { options.bareItemsObserver?(bareItems) }
        // Key material and URL signatures are redacted in streamed files too (a manifest item may
        // carry a pasted key or a presigned URL): the items' bytes are scanned while they are in
        // memory anyway, up to the end of an item each time, and after a fatal issue the rest of
        // the file (an unterminated key runs to its end).
        var scanned = partStart
        func redactSecrets(upTo end: Int) {
            guard role.readsText, end > scanned else { return }
            let window = UnsafeBufferPointer(rebasing: file.bytes[scanned..<end])
            // The rest of a file after a fatal issue can be hundreds of megabytes: scanned in
            // steps, its pages dropped behind.
            let step = ByteStorage.releaseStep
            let base = scanned
            let found = window.count <= step ? SecretScanner.ranges(in: window)
                : SecretScanner.ranges(in: window, from: 0, step: step) { file.storage.dropPages(in: (base + $0.lowerBound)..<(base + $0.upperBound)) }
            for range in found {
                outcome.redactions.append(ByteRange(offset: range.offset + scanned, length: range.length))
            }
            scanned = end
        }
        // Where this part ends: known once the parser nears the next part's nominal start.
        var end: PartBoundary?
        var endTarget = role.plan.flatMap { $0.target(ofPart: role.part + 1) }
        var released = partStart
        while true {
            if let target = endTarget, let next = parser.nextElementStart(), next >= target {
                end = role.plan?.boundary(ofPart: role.part + 1)
                endTarget = nil
            }
            if let boundary = end, index >= boundary.index {
                if index == boundary.index, parser.endPart(at: boundary.offset) {
                    outcome.reachedEnd = true
                    break
                }
                // The cut was not where the parser is: this part goes on to the end of the file.
                role.plan?.cancel(from: role.part + 1)
                end = nil
            }
            let itemStart: Int, itemEnd: Int
            if let shortcut, let start = parser.upcomingElement(), let end = shortcut.consume(at: start, item: index) {
                parser.skipElement(to: end)
                (itemStart, itemEnd) = (start, end)
                bareItems += 1
            } else {
                guard parser.nextElement(into: &tree, index: index) else { break }
                (itemStart, itemEnd) = (tree.nodes.first?.start ?? 0, tree.nodes.first?.end ?? parser.position)
                deliverIssues()
                if kind == .manifest { dispatcher.deliver(item: index, of: tree, context: context) }
            }
            // Every 64th item: the bytes since the last scan are still in memory, and one call
            // over many items costs less than one per item.
            if index & 0x3F == 0 { redactSecrets(upTo: itemEnd) }
            index += 1
            if index & 0x3FF == 0 {
                let position = itemStart
                if let floor = role.floor {
                    floor.advance(group: role.group, to: position, storage: file.storage)
                } else if position - released >= ByteStorage.releaseStep {
                    file.storage.dropPages(in: released..<position)
                    released = position
                }
                role.progress?.advance(part: role.part, bytes: position - partStart, items: index - firstIndex)
                if let plan = role.plan, plan.isCancelled(role.part) { return outcome }
            }
        }
        if !outcome.reachedEnd { role.plan?.cancel(from: role.part + 1) }
        role.progress?.settle(part: role.part, items: index - firstIndex)
        redactSecrets(upTo: parser.failed ? file.count : parser.position)
        deliverIssues()
        if kind == .manifest, role.start == nil, !parser.failed, index == 0 {
            tree.reset(elementIndex: nil)
            var whole = JSONParser(source: file, maxDepth: configuration.json.maxDepth)
            if whole.parseDocument(into: &tree) {
                for rule in rules { rule.check(document: tree, context: context) }
            }
        }
        return outcome
    }

    private func startsWithArray(_ file: SourceFile) -> Bool {
        var parser = JSONParser(source: file, maxDepth: configuration.json.maxDepth)
        return parser.openTopLevelArray()
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

/// The positions of the groups streaming one file. Pages before the slowest group are done with
/// and released; a group that runs more than `maxLead` bytes ahead waits for the others, so the
/// pages between them (resident while both read them) stay bounded. A group that has not started
/// holds nobody back (the threads may run one after the other).
final class StreamFloor: @unchecked Sendable {
    static let maxLead = 16 << 20
    private var positions: [Int]
    private let condition = NSCondition()

    init(groups: Int) { positions = [Int](repeating: .max, count: groups) }

    func start(group: Int) {
        condition.lock()
        positions[group] = 0
        condition.unlock()
    }

    func advance(group: Int, to position: Int, storage: ByteStorage) {
        condition.lock()
        positions[group] = position
        condition.broadcast()
        while position - (positions.min() ?? position) > Self.maxLead {
            condition.wait()
        }
        let floor = positions.min() ?? 0
        condition.unlock()
        storage.releasePages(before: floor)
    }

    /// A group that is done no longer holds the others back.
    func finish(group: Int) {
        condition.lock()
        positions[group] = .max
        condition.broadcast()
        condition.unlock()
    }
}

/// The progress of the threads streaming one file, summed for the progress bar.
final class StreamProgress: @unchecked Sendable {
    private let path: String
    private let total: Int
    private var bytes: [Int]
    private var items: [Int]
    private let report: @Sendable (LintProgress) -> Void
    private let lock = NSLock()

    init(path: String, total: Int, parts: Int, report: @escaping @Sendable (LintProgress) -> Void) {
        self.path = path
        self.total = total
        bytes = [Int](repeating: 0, count: parts)
        items = [Int](repeating: 0, count: parts)
        self.report = report
    }

    /// Part `part` has checked `items` items in its first `bytes` bytes.
    func advance(part: Int, bytes: Int, items: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.bytes[part] = bytes
        self.items[part] = items
        report(LintProgress(path: path, bytes: self.bytes.reduce(0, +), total: total, items: self.items.reduce(0, +)))
    }

    /// The final count of part `part`, shown by `finish`.
    func settle(part: Int, items: Int) {
        lock.lock()
        self.items[part] = items
        lock.unlock()
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        report(LintProgress(path: path, bytes: total, total: total, items: items.reduce(0, +), finished: true))
    }
}

/// Hands each streamed item to the rules of a group that want it (see `ItemInterest`): a million
/// items meet some forty rules each, and most of those calls would find nothing to do. Rules that
/// share a gate or a screen are dealt into one segment, so a quiet item costs one check per
/// segment rather than one per rule.
final class ItemDispatcher {
    /// A run of rules in `rules`: called always, behind a gate, or behind a screen. Plain values,
    /// so walking the segments costs no reference counting.
    private struct Segment {
        var range: Range<Int>
        var gate: UnsafeMutablePointer<ItemState>?
        /// Position in `screens`, or -1.
        var screen: Int
    }

    private let rules: [any RuleCheck]
    private let screens: [any ItemScreen]
    private let segments: [Segment]

    init(_ rules: [any RuleCheck], context: LintContext) {
        // Rules in segments, in the order each segment first appears.
        var members: [[any RuleCheck]] = []
        var kinds: [(gate: UnsafeMutablePointer<ItemState>?, screen: Int)] = []
        var screens: [any ItemScreen] = []
        for rule in rules {
            let kind: (gate: UnsafeMutablePointer<ItemState>?, screen: Int)
            switch rule.itemInterest(context: context) {
            case .none:
                continue
            case .every:
                members.append([rule])
                kinds.append((nil, -1))
                continue
            case .gated(let state):
                kind = (state, -1)
            case .screened(let screen):
                let position = screens.firstIndex { $0 === screen } ?? {
                    screens.append(screen)
                    return screens.count - 1
                }()
                kind = (nil, position)
            }
            if let existing = kinds.firstIndex(where: { $0.gate == kind.gate && $0.screen == kind.screen }) {
                members[existing].append(rule)
            } else {
                members.append([rule])
                kinds.append(kind)
            }
        }
        var segments: [Segment] = []
        var start = 0
        for (group, kind) in zip(members, kinds) {
            segments.append(Segment(range: start..<(start + group.count), gate: kind.gate, screen: kind.screen))
            start += group.count
        }
        self.rules = members.flatMap { $0 }
        self.screens = screens
        self.segments = segments
    }

    /// What brings its rules to an item: a screen or a gate shared by a segment, or nothing (the
    /// rule is called on every item).
    enum Trigger {
        case screen(any ItemScreen)
        case gate(UnsafeMutablePointer<ItemState>)
        case every(any RuleCheck)
    }

    var triggers: [Trigger] {
        segments.flatMap { segment -> [Trigger] in
            if segment.screen >= 0 { return [.screen(screens[segment.screen])] }
            if let gate = segment.gate { return [.gate(gate)] }
            return rules[segment.range].map { .every($0) }
        }
    }

    @inline(never)
    func deliver(item index: Int, of tree: JSONTree, context: LintContext) {
        let root = tree.root
        segments.withUnsafeBufferPointer { segments in
            for segment in segments {
                if segment.screen >= 0 {
                    guard screens[segment.screen].needsAttention(item: root, at: index, in: tree) else { continue }
                }
                for position in segment.range {
                    // Behind a gate, the first rule called runs the group's analysis; once that has
                    // found the item quiet, the others are skipped.
                    if let gate = segment.gate, gate.pointee.index == index, !gate.pointee.needsAttention { break }
                    rules[position].check(item: root, at: index, in: tree, context: context)
                }
            }
        }
    }
}
