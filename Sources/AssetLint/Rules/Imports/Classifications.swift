/// How a class of the project's label set is named (L503, M142): by `schemaId`, or by `title`.
enum ClassNaming {
    /// Reports for `rule` an object, classification or relation (`what`) that names no class, or
    /// names it with a value that is not a string.
    static func check(_ entry: JSONTree.Index, _ what: String, for rule: any Rule.Type, in tree: JSONTree, context: LintContext) {
        let schemaID = tree.member("schemaId", of: entry)
        let title = tree.member("title", of: entry)
        // The common case, a non-empty schema id string, without building anything.
        if let schemaID, tree[schemaID].kind == .string, tree[schemaID].end - tree[schemaID].start > 2,
           title.map({ tree[$0].kind == .string }) ?? true {
            return
        }
        var named = false
        for member in [schemaID, title].compactMap({ $0 }) {
            let key = member == schemaID ? "schemaId" : "title"
            switch tree[member].kind {
            case .string:
                if tree[member].end - tree[member].start > 2 { named = true }
            case .number where key == "schemaId":
                named = true
                context.report(
                    rule, "schemaId \(tree.sourceText(member)) is a number: schema ids are strings; write \"\(tree.sourceText(member))\"",
                    node: member, in: tree, fix: ImportShape.quoting(member, in: tree, "quote the schema id"))
            default:
                named = true
                context.report(
                    rule, "\"\(key)\" must be a string, found \(ManifestText.describeValue(member, in: tree))",
                    node: member, in: tree)
            }
        }
        guard !named else { return }
        let message = schemaID == nil && title == nil
            ? "\(what) names no class: add the tool's \"schemaId\" from the project's label set (or its \"title\")"
            : "\(what) names no class: its \"schemaId\" and \"title\" are empty"
        context.report(rule, message, at: ImportKeys.anchor(of: entry, in: tree), pointer: tree.pointer(entry))
    }
}

/// A classification's `answer` (L506, M142): the option's text, a list of texts, or a boolean.
enum ClassificationAnswer {
    /// Reports for `rule` a classification whose answer is missing, empty or not text.
    static func check(_ classification: JSONTree.Index, for rule: any Rule.Type, in tree: JSONTree, context: LintContext) {
        guard let answer = tree.member("answer", of: classification) else {
            context.report(
                rule, "classification has no \"answer\": write the selected option's text (a list of texts for several)",
                at: ImportKeys.anchor(of: classification, in: tree), pointer: tree.pointer(classification))
            return
        }
        switch tree[answer].kind {
        case .string:
            if tree[answer].end - tree[answer].start == 2 {
                context.report(rule, "the answer is empty: it selects nothing", at: tree[answer].range, pointer: tree.pointer(answer), atMost: .warning)
            }
        case .bool:
            return
        case .array:
            if tree[answer].childCount == 0 {
                context.report(rule, "the answer is an empty list: it selects nothing", at: tree[answer].range, pointer: tree.pointer(answer), atMost: .warning)
            }
            for entry in tree.children(of: answer) where tree[entry].kind != .string {
                context.report(
                    rule, "an answer lists options by their text, found \(ManifestText.describeValue(entry, in: tree)); write it in quotes",
                    node: entry, in: tree)
            }
        default:
            context.report(
                rule, "the answer must be the option's text or a list of texts, found \(ManifestText.describeValue(answer, in: tree))",
                node: answer, in: tree)
        }
    }
}
