/// Key spelling shared by the label-import and attachment-import rules (L502, A602): the known key
/// an unknown one most likely meant, found the way M106 finds a manifest field (case, `_`, `-`,
/// `.` and spaces ignored; then an edit distance of at most 2; then common synonyms), and the
/// finding with its rename.
enum ImportKeys {
    /// The name in `known` that `key` most likely meant, or nil. `aliases` maps normalised
    /// synonyms (`tools`) to a known name (`objects`).
    static func suggestion(for key: String, among known: [String], aliases: [String: String] = [:]) -> String? {
        let normal = ManifestField.normalized(key)
        for name in known where ManifestField.normalized(name) == normal { return name }
        var best: (name: String, distance: Int)?
        for name in known {
            let target = ManifestField.normalized(name)
            guard abs(target.count - normal.count) <= 2 else { continue }
            let distance = ManifestRules.editDistance(normal, target, limit: 2)
            guard distance <= 2, distance * 3 <= max(normal.count, target.count) else { continue }
            if best == nil || distance < best!.distance { best = (name, distance) }
        }
        if let best { return best.name }
        return aliases[String(String.UnicodeScalarView(normal))]
    }

    /// Reports the members of `object` whose keys are not in `known`, for `rule`, with a rename
    /// to the key each most likely meant (unsafe: the value may not be what that key takes).
    /// `ignored` ends the message: what the hub does with such a key.
    static func reportUnknown(
        _ rule: any Rule.Type, in object: JSONTree.Index, known: [String], aliases: [String: String], ignored: String,
        tree: JSONTree, context: LintContext
    ) {
        // Nearly every item has only known keys: compared on the file's bytes, nothing is built.
        var member = tree[object].firstChild
        while member != JSONNode.none, KeyMatch.index(of: member, among: known, in: tree) != nil { member = tree[member].nextSibling }
        guard member != JSONNode.none else { return }
        let known = known.map(\.description)
        let present = Set(tree.children(of: object).compactMap { tree.key(of: $0) })
        var claimed: Set<String> = []
        for member in tree.children(of: object) {
            guard let key = tree.key(of: member), !known.contains(key) else { continue }
            let quotedKey = ManifestText.quoted(key)
            guard let suggestion = suggestion(for: key, among: known, aliases: aliases) else {
                context.reportKey(rule, "unknown key \(quotedKey): \(ignored)", node: member, in: tree)
                continue
            }
            let target = "\"\(suggestion)\""
            if present.contains(suggestion) || claimed.contains(suggestion) {
                context.reportKey(rule, "unknown key \(quotedKey) (did you mean \(target)? it is already there): \(ignored)", node: member, in: tree)
                continue
            }
            claimed.insert(suggestion)
            let keyRange = tree[member].keyRange!
            context.reportKey(
                rule, "unknown key \(quotedKey): did you mean \(target)? Keys are case-sensitive; \(ignored)", node: member, in: tree,
                fix: Fix(.unsafe, "rename \(quotedKey) to \(target)", edits: [
                    TextEdit(range: ByteRange(start: keyRange.offset + 1, end: keyRange.end - 1), replacement: suggestion),
                ]))
        }
    }

    /// Where a finding about something missing from `object` is reported: its opening brace.
    static func anchor(of object: JSONTree.Index, in tree: JSONTree) -> ByteRange {
        ByteRange(offset: tree[object].start, length: 1)
    }
}

/// The shape findings the label and attachment imports share (L501, A601).
enum ImportShape {
    /// Reports for `rule` a document whose top level is not an array; `expected` describes the
    /// import ("a label import is a JSON array of items, one per asset").
    static func reportNotArray(_ rule: any Rule.Type, expected: String, in tree: JSONTree, context: LintContext) {
        let root = tree.root
        guard root != JSONNode.none, tree[root].kind != .array else { return }
        context.report(
            rule, "\(expected); this file's top level is \(ManifestText.describe(tree[root].kind))",
            at: ImportKeys.anchor(of: root, in: tree), pointer: "")
    }

    /// Whether item `item` is an object; reports it for `rule` otherwise, `why` ending the message.
    static func isObject(_ item: JSONTree.Index, at index: Int, _ rule: any Rule.Type, why: String, in tree: JSONTree, context: LintContext) -> Bool {
        guard tree[item].kind != .object else { return true }
        context.report(rule, "item \(index) is \(ManifestText.describeValue(item, in: tree)), not an object\(why)", node: item, in: tree)
        return false
    }

    /// An unsafe fix that writes number node `node` (an id written as a number) as a string.
    static func quoting(_ node: JSONTree.Index, in tree: JSONTree, _ description: String = "write the id as a string") -> Fix? {
        guard tree[node].kind == .number else { return nil }
        return Fix(.unsafe, description, edits: [TextEdit(range: tree[node].range, replacement: "\"\(tree.sourceText(node))\"")])
    }
}
