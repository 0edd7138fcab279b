/// C304: evaluated as the provider evaluates it, no rule lets a hub origin make the requests the hub needs.
public final class CORSHubOriginMissing: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "C304", name: "cors-hub-origin-missing", severity: .error, kinds: CORSRules.kinds,
        summary: "Evaluated with the provider's own matching, no rule lets an origin of the hub profile (`hub.origins`, default `https://hub.ango.ai`) make a request with a method it needs (`hub.methods`, default GET).",
        rationale: """
            The hub loads assets straight from the bucket in the user's browser. The browser sends \
            `Origin: https://hub.ango.ai`; unless the bucket's CORS answers with a matching \
            `Access-Control-Allow-Origin`, the browser blocks the response and the labeling tool shows a broken \
            asset. That failure only appears after the import, so assetlint decides it beforehand.

            This is an evaluation, not a string search. For every origin in `hub.origins` and method in \
            `hub.methods`, the rules are tried in order and the first that matches answers, as each provider \
            does it:

            - **S3**: an origin entry may contain one `*` standing for any characters (`https://*.ango.ai` \
            matches `https://hub.ango.ai`); comparison is case-sensitive; methods are exact.
            - **GCS**: an entry matches when it equals the origin or is `"*"`; `"*"` in `method` matches any method.
            - **Azure**: an entry matches when it equals the origin or is `"*"`; only the blob service's rules count \
            (file, queue and table services of a template are not used by the hub).

            When nothing matches, the message says why for each near miss: an entry that would match but for a \
            trailing slash, a path or upper case (C305 fixes those), a `*` that GCS and Azure do not expand, a \
            rule that allows the origin but not the method. The unsafe fix adds the origin to the first rule \
            that allows the methods, adds the method to the first rule that allows the origin, or appends a rule.

            Rule lists that are empty are C314's; values that are ARM template expressions cannot be evaluated \
            statically and are given the benefit of the doubt.

            The hub profile is a default: the text output says so under each finding. Set `hub.origins` in \
            `.assetlint.yml` to the origins your labeling tool is served from, or `hub.origins: []` for \
            buckets no hub reads, which turns this rule off.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.corsGCS, #"[{"origin": ["https://api.ango.ai"], "method": ["GET"]}]"#),
            RuleExample(.corsS3, #"{"CORSRules": [{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["PUT"]}]}"#, note: "the origin is allowed, GET is not"),
            RuleExample(.corsGCS, #"[{"origin": ["https://*.ango.ai"], "method": ["GET"]}]"#, note: "GCS does not expand a `*` inside an origin"),
            RuleExample(.corsS3, #"[{"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"]}]"#,
                        config: "hub:\n  origins: [https://hub.ango.ai, https://labeling.example.com]", note: "every origin of the hub profile is evaluated"),
        ],
        nonTriggering: [
            RuleExample(.corsS3, #"{"CORSRules": [{"AllowedOrigins": ["https://*.ango.ai"], "AllowedMethods": ["GET"]}]}"#, note: "S3 expands one `*`"),
            RuleExample(.corsGCS, #"[{"origin": ["https://www.example.com"], "method": ["GET"]}]"#, config: "hub:\n  origins: []",
                        note: "a bucket no hub reads"),
            RuleExample(.corsGCS, #"[{"origin": ["https://api.ango.ai","https://hub.ango.ai"],"method": ["GET","POST","PUT","HEAD"],"responseHeader": ["Content-Type","Access-Control-Allow-Origin"]}]"#),
        ])

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        guard let document = CORSDocument.of(tree, context: context), document.form != .unrecognized else { return }
        let provider = document.provider
        for blocked in Self.blockedOrigins(in: document, tree: tree, context: context) {
            let (set, origin, failing) = (blocked.set, blocked.origin, blocked.methods)
            if reportMisnamed(origin, methods: failing, set: set, provider: provider, tree: tree, context: context) { continue }
            if blocked.matchingOrigin.isEmpty {
                reportOriginMissing(origin, methods: failing, set: set, provider: provider, tree: tree, context: context)
            } else {
                for method in failing {
                    reportMethodMissing(origin, method: method, rules: blocked.matchingOrigin.map { set.rules[$0] }, set: set, provider: provider, tree: tree, context: context)
                }
            }
        }
    }

    /// A hub origin that some hub methods cannot use in one rule list.
    struct BlockedOrigin {
        var set: CORSRuleSet
        var origin: String
        var methods: [String]
        /// The rules that allow the origin (with other methods).
        var matchingOrigin: [Int]

        /// What the rule whose finding stands for this one says of it.
        var note: String { Self.note(origin, methods) }

        static func note(_ origin: String, _ methods: [String]) -> String {
            "so no rule lets the hub origin \(JSONText.quote(origin)) make \(methods.joinedAsChoice()) requests (C304)"
        }
    }

    /// Every hub origin of the profile that a rule list serving blobs blocks, as the provider
    /// evaluates the list.
    /// Evaluated once per file (`CORSDocumentState`): five rules ask.
    static func blockedOrigins(in document: CORSDocument, tree: JSONTree, context: LintContext) -> [BlockedOrigin] {
        context.fileState(CORSDocumentState.self) { CORSDocumentState() }.blockedOrigins(of: tree, kind: context.kind) { _ in
            evaluateBlockedOrigins(in: document, tree: tree, context: context)
        }
    }

    private static func evaluateBlockedOrigins(in document: CORSDocument, tree: JSONTree, context: LintContext) -> [BlockedOrigin] {
        let origins = CORSDocument.hubOrigins(context.configuration)
        let methods = CORSDocument.hubMethods(context.configuration)
        var blocked: [BlockedOrigin] = []
        for set in document.ruleSets where set.servesBlobs {
            if set.isEmptyList(in: tree), context.isActive(CORSEmpty.metadata.id) { continue }
            if let list = set.listNode, tree[list].kind != .array, set.rules.isEmpty { continue }
            let specs = set.rules.map(\.spec)
            if specs.contains(where: \.unresolved) { continue }
            let evaluator = CORSEvaluator(provider: document.provider, rules: specs)
            for origin in origins {
                let failing = methods.filter { evaluator.evaluate(origin: origin, method: $0) == nil }
                guard !failing.isEmpty else { continue }
                let matching = set.rules.indices.filter { evaluator.ruleMatchesOrigin($0, origin: origin) }
                blocked.append(BlockedOrigin(set: set, origin: origin, methods: failing, matchingOrigin: matching))
            }
        }
        return blocked
    }

    /// The notes C305 adds to the entries it reports that were meant for a blocked hub origin (a
    /// trailing slash, upper case, a `*` GCS does not expand): C304 leaves such an origin to C305,
    /// whose fix is what unblocks it. Keyed by the entry's node.
    static func malformedEntryNotes(in document: CORSDocument, tree: JSONTree, context: LintContext) -> [JSONTree.Index: String] {
        var notes: [JSONTree.Index: String] = [:]
        for blocked in blockedOrigins(in: document, tree: tree, context: context) where blocked.matchingOrigin.isEmpty {
            guard misnamedField(in: blocked.set, provider: document.provider, tree: tree) == nil else { continue }
            for miss in nearMisses(blocked.origin, in: blocked.set, provider: document.provider, tree: tree) where notes[miss.node] == nil {
                notes[miss.node] = blocked.note
            }
        }
        return notes
    }

    // MARK: - The origin matches no rule

    private func reportOriginMissing(
        _ origin: String, methods: [String], set: CORSRuleSet, provider: CORSProvider, tree: JSONTree, context: LintContext
    ) {
        let quoted = JSONText.quote(origin)
        let message = "no rule lets the hub origin \(quoted) make \(methods.joinedAsChoice()) requests"
        var detail: String
        let misses = Self.nearMisses(origin, in: set, provider: provider, tree: tree)
        if let first = misses.first {
            // Each near miss is an entry C305 reports, with this as its note: correcting it is the fix.
            if context.isActive(CORSOriginMalformed.metadata.id) { return }
            detail = misses.prefix(3).map(\.reason).joined(separator: "; ")
            if let corrected = first.corrected {
                detail += "; correct the entry to \(JSONText.quote(corrected))"
            }
            context.report(Self.self, message, node: first.node, in: tree, note: note(detail, context))
            return
        }
        let listed = set.rules.flatMap { $0.origins.strings }
        if listed.isEmpty {
            detail = "no rule lists any origin"
        } else {
            // The first four distinct entries are all the message needs (three and whether there are more).
            var unique: [String] = []
            for entry in listed where !unique.contains(entry) {
                unique.append(entry)
                if unique.count > 3 { break }
            }
            let shown = unique.prefix(3).map(JSONText.quote).joined(separator: ", ") + (unique.count > 3 ? ", ..." : "")
            detail = "no rule lists this origin or \"*\" (the rules allow \(shown))"
        }
        // Add the origin to the first rule that already allows every failing method.
        let evaluator = CORSEvaluator(provider: provider, rules: set.rules.map(\.spec))
        let target = set.rules.indices.first { index in
            guard case .list = set.rules[index].origins else { return false }
            return methods.allSatisfy { method in evaluator.rules[index].methods.contains { OriginMatcher.methodMatches($0, method: method, provider: provider) } }
        }
        if let target, case .list(let list, _) = set.rules[target].origins {
            let rule = set.rules[target]
            let field = provider.name(of: .origins)!
            context.report(
                Self.self, message, node: list, in: tree,
                fix: Fix(.unsafe, "add \(quoted) to the \(field) of \(rule.label)", edits: [CORSEdit.append(quoted, to: list, in: tree)]),
                note: note(detail, context))
            return
        }
        if let list = set.listNode, tree[list].kind == .array {
            let rule = newRule(origin: origin, methods: methods, provider: provider)
            context.report(
                Self.self, message, at: CORSShape.openingRange(list, in: tree), pointer: tree.pointer(list),
                fix: Fix(.unsafe, "append a rule such as \(rule)", edits: [CORSEdit.append(rule, to: list, in: tree)]),
                note: note(detail, context))
            return
        }
        let anchor = set.rules.first?.node ?? tree.root
        context.report(Self.self, message, at: CORSShape.openingRange(anchor, in: tree), pointer: tree.pointer(anchor), note: note(detail, context))
    }

    /// A rule whose origins or methods are spelt the way another provider (or nobody) spells them, so
    /// the provider does not read them: that is the reason, and C302/C303 offer the rename.
    private func reportMisnamed(
        _ origin: String, methods: [String], set: CORSRuleSet, provider: CORSProvider, tree: JSONTree, context: LintContext
    ) -> Bool {
        guard let misnamed = Self.misnamedField(in: set, provider: provider, tree: tree) else { return false }
        // The misspelt key is the mistake: its own rule reports it, with this as its note.
        if context.isActive(misnamed.reportedBy) { return true }
        let what = misnamed.field == .origins ? "origins" : "methods"
        context.reportKey(
            Self.self,
            "no rule lets the hub origin \(JSONText.quote(origin)) make \(methods.joinedAsChoice()) requests: \(provider.name) does not read \(JSONText.quote(misnamed.key))",
            node: misnamed.member, in: tree,
            note: note("\(misnamed.rule.label) names its \(what) \(JSONText.quote(misnamed.key)); rename it to \(JSONText.quote(misnamed.intended))", context))
        return true
    }

    /// A key that names a rule's origins or methods the way another provider does (C302's) or
    /// nearly (C303's), in a rule that lacks the real field: the provider reads no origins or
    /// methods there.
    struct MisnamedField {
        var rule: CORSRule
        var field: CORSField
        var member: JSONTree.Index
        var key: String
        var intended: String
        /// The rule that reports the key.
        var reportedBy: String
    }

    /// The first misnamed origins or methods field of the rules of `set`.
    static func misnamedField(in set: CORSRuleSet, provider: CORSProvider, tree: JSONTree) -> MisnamedField? {
        for rule in set.rules {
            let misnamed = CORSShape.misnamedFields(rule, provider: provider, tree: tree).filter {
                ($0.field == .origins || $0.field == .methods) && rule.fields[$0.field] == nil
            }
            guard let first = misnamed.first else { continue }
            let reportedBy = provider.foreignProvider(of: first.key) != nil ? CORSProviderMix.metadata.id : CORSUnknownField.metadata.id
            return MisnamedField(rule: rule, field: first.field, member: first.member, key: first.key, intended: first.intended, reportedBy: reportedBy)
        }
        return nil
    }

    /// The notes C301 adds to the rules it reports for lacking their methods, where that rule is the
    /// first to allow a blocked hub origin (C304 leaves such an origin to C301, whose fix adds the
    /// hub's methods). Keyed by the rule's node.
    static func missingMethodsNotes(in document: CORSDocument, tree: JSONTree, context: LintContext) -> [JSONTree.Index: String] {
        var notes: [JSONTree.Index: String] = [:]
        for blocked in blockedOrigins(in: document, tree: tree, context: context) {
            guard let first = blocked.matchingOrigin.first, misnamedField(in: blocked.set, provider: document.provider, tree: tree) == nil else { continue }
            let rule = blocked.set.rules[first]
            if lacksMethods(rule, provider: document.provider), notes[rule.node] == nil { notes[rule.node] = blocked.note }
        }
        return notes
    }

    /// The notes C308 adds to a method written in the wrong case (`get`) in a rule that allows a
    /// blocked hub origin, for the hub method it was meant to be (C304 leaves that method to C308,
    /// whose safe fix writes it in upper case). Keyed by the entry's node.
    static func methodCaseNotes(in document: CORSDocument, tree: JSONTree, context: LintContext) -> [JSONTree.Index: String] {
        var notes: [JSONTree.Index: String] = [:]
        for blocked in blockedOrigins(in: document, tree: tree, context: context) where !blocked.matchingOrigin.isEmpty {
            guard misnamedField(in: blocked.set, provider: document.provider, tree: tree) == nil,
                  !lacksMethods(blocked.set.rules[blocked.matchingOrigin[0]], provider: document.provider) else { continue }
            for method in blocked.methods {
                for index in blocked.matchingOrigin {
                    for entry in caseNearMisses(of: method, in: blocked.set.rules[index]) where notes[entry] == nil {
                        notes[entry] = BlockedOrigin.note(blocked.origin, [method])
                    }
                }
            }
        }
        return notes
    }

    /// The method entries of `rule` that are `method` in another case (or with spaces), which C308 reports.
    static func caseNearMisses(of method: String, in rule: CORSRule) -> [JSONTree.Index] {
        rule.methods.entries.compactMap { entry in
            guard let text = entry.text, !entry.isExpression, text != method, text.trimmingSpaces().uppercased() == method else { return nil }
            return entry.node
        }
    }

    /// Whether `rule` has no methods field at all, which C301 reports.
    static func lacksMethods(_ rule: CORSRule, provider: CORSProvider) -> Bool {
        rule.fields[.methods] == nil && provider.requiredFields.contains(.methods)
    }

    /// The notes C302 and C303 add to the misnamed keys that block a hub origin, keyed by the
    /// member's node (C304 leaves such an origin to them).
    static func misnamedKeyNotes(in document: CORSDocument, tree: JSONTree, context: LintContext) -> [JSONTree.Index: String] {
        var notes: [JSONTree.Index: String] = [:]
        for blocked in blockedOrigins(in: document, tree: tree, context: context) {
            guard let misnamed = misnamedField(in: blocked.set, provider: document.provider, tree: tree), notes[misnamed.member] == nil else { continue }
            notes[misnamed.member] = blocked.note
        }
        return notes
    }

    // MARK: - The origin matches, the method does not

    private func reportMethodMissing(
        _ origin: String, method: String, rules: [CORSRule], set: CORSRuleSet, provider: CORSProvider, tree: JSONTree, context: LintContext
    ) {
        // A rule without any methods field is C301's, whose fix adds the hub's methods.
        if Self.lacksMethods(rules[0], provider: provider), context.isActive(CORSShape.metadata.id) { return }
        // A rule that lists the method in another case (`get`) is C308's, whose safe fix writes it right.
        if context.isActive(CORSMethodInvalid.metadata.id), rules.contains(where: { !Self.caseNearMisses(of: method, in: $0).isEmpty }) { return }
        let quoted = JSONText.quote(origin)
        let field = provider.name(of: .methods)!
        var reasons: [String] = []
        for rule in rules.prefix(3) {
            let allowed = rule.methods.strings
            var reason = allowed.isEmpty
                ? "\(rule.label) allows the origin but no method"
                : "\(rule.label) allows the origin but only \(allowed.joined(separator: ", "))"
            if let near = allowed.first(where: { $0 != method && $0.uppercased() == method }) {
                reason += " (\(JSONText.quote(near)) is not \(JSONText.quote(method)): method names are case-sensitive)"
            }
            reasons.append(reason)
        }
        let message = "the hub origin \(quoted) cannot make \(method) requests"
        let detail = reasons.joined(separator: "; ")
        let first = rules[0]
        if case .list(let list, _) = first.methods {
            context.report(
                Self.self, message, node: list, in: tree,
                fix: Fix(.unsafe, "add \(JSONText.quote(method)) to the \(field) of \(first.label)", edits: [CORSEdit.append(JSONText.quote(method), to: list, in: tree)]),
                note: note(detail, context))
        } else {
            let node = first.methods.node ?? first.node
            context.report(Self.self, message, at: CORSShape.openingRange(node, in: tree), pointer: tree.pointer(node),
                           note: note("\(detail); list \(JSONText.quote(method)) in the \(field) of \(first.label)", context))
        }
    }

    /// What blocks the origin, and where the required origins come from, under each finding.
    private func note(_ detail: String, _ context: LintContext) -> String { detail + "; " + CORSDocument.hubProfileNote(context.configuration) }

    // MARK: - Near misses

    struct NearMiss {
        var node: JSONTree.Index
        var reason: String
        var corrected: String?
    }

    /// Entries that were surely meant for `origin` but never match it.
    static func nearMisses(_ origin: String, in set: CORSRuleSet, provider: CORSProvider, tree: JSONTree) -> [NearMiss] {
        var result: [NearMiss] = []
        for rule in set.rules {
            for entry in rule.origins.entries {
                guard let text = entry.text, !entry.isExpression, !OriginMatcher.matches(text, origin: origin, provider: provider) else { continue }
                let quoted = JSONText.quote(text)
                if provider != .s3, text.contains("*"), OriginMatcher.matches(text, origin: origin, provider: .s3) {
                    result.append(NearMiss(
                        node: entry.node,
                        reason: "\(rule.label) lists \(quoted), but \(provider.name) does not expand \"*\" inside an origin (only the entry \"*\" is a wildcard)",
                        corrected: nil))
                    continue
                }
                let analysis = OriginAnalysis.analyze(text, provider: provider)
                guard !analysis.isValid, let corrected = analysis.corrected,
                    OriginMatcher.matches(corrected, origin: origin, provider: provider)
                else { continue }
                result.append(NearMiss(node: entry.node, reason: "\(rule.label) lists \(quoted), which \(analysis.explanation)", corrected: corrected))
            }
        }
        return result
    }

    private func newRule(origin: String, methods: [String], provider: CORSProvider) -> String {
        let origins = "[\(JSONText.quote(origin))]"
        let methodList = "[" + methods.map(JSONText.quote).joined(separator: ", ") + "]"
        switch provider {
        case .gcs: return "{\"origin\": \(origins), \"method\": \(methodList), \"maxAgeSeconds\": 3600}"
        case .s3: return "{\"AllowedOrigins\": \(origins), \"AllowedMethods\": \(methodList), \"MaxAgeSeconds\": 3600}"
        case .azure:
            return "{\"allowedOrigins\": \(origins), \"allowedMethods\": \(methodList), \"allowedHeaders\": [], \"exposedHeaders\": [], \"maxAgeInSeconds\": 3600}"
        }
    }
}
