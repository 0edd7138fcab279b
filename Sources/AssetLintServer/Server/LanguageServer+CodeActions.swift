import AssetLint

/// Code actions: each finding's fix, "fix all" (the safe fixes, in rounds, as one edit), and
/// turning a rule off for the file in `.assetlint.yml`.
extension LanguageServer {
    func codeActions(_ params: MessageView) -> Result<JSONValue, RequestError> {
        guard let uri = params["textDocument"]["uri"].string, let range = lspRange(params["range"]) else {
            return .failure(.invalidParams("a code action request needs textDocument.uri and a range"))
        }
        guard let document = documents[uri] else { return .success([]) }
        let only = params["context"]["only"].strings
        let lint = refresh(document)
        var actions: [JSONValue] = []
        if CodeActionKind.isRequested(CodeActionKind.quickFix, only: only) {
            let touched = lint.findings.filter { $0.range.touches(range) }
            for finding in touched {
                guard let fix = finding.diagnostic.fix, !finding.fixEdits.isEmpty else { continue }
                let unsafe = fix.applicability == .unsafe
                actions.append([
                    "title": .string("\(Self.sentence(fix.description)) (\(finding.diagnostic.ruleID)\(unsafe ? ", unsafe" : ""))"),
                    "kind": .string(CodeActionKind.quickFix),
                    "diagnostics": [finding.json],
                    "isPreferred": .bool(!unsafe),
                    "edit": workspaceEdit(uri: document.uri, version: document.version, edits: finding.fixEdits),
                ])
            }
            var offered: Set<String> = []
            for finding in touched where offered.insert(finding.diagnostic.ruleID).inserted {
                let diagnostics = touched.filter { $0.diagnostic.ruleID == finding.diagnostic.ruleID }.map(\.json)
                if let action = disableAction(finding.diagnostic, in: document, diagnostics: diagnostics) { actions.append(action) }
            }
        }
        let hasSafeFix = lint.findings.contains { $0.diagnostic.fix?.applicability == .safe }
        if CodeActionKind.isRequested(CodeActionKind.fixAll, only: only), hasSafeFix || only != nil {
            let edits = fixAllEdits(document, lint: lint)
            if !edits.isEmpty {
                actions.append([
                    "title": "Fix all safely fixable assetlint problems",
                    "kind": .string(CodeActionKind.fixAll),
                    "edit": workspaceEdit(uri: document.uri, version: document.version, edits: edits),
                ])
            }
        }
        return .success(.array(actions))
    }

    /// The safe fixes of the whole document, applied in rounds as `--fix` does, as edits on the
    /// current text (computed once per lint).
    private func fixAllEdits(_ document: OpenDocument, lint: DocumentLint) -> [JSONValue] {
        if let cached = document.fixAll, cached.resultID == lint.resultID { return cached.edits }
        let linter = configurations.resolve(forDocumentAt: document.path).completeLinter
        let edits = document.text.withSourceFile(path: document.lintPath) { file -> [JSONValue] in
            let outcome = FixRounds.run(linter.lint(file), source: file, linter: linter, unsafe: false)
            var composition = EditComposition(originalCount: file.count)
            for round in outcome.rounds { composition.apply(round) }
            let edits = composition.edits
            let positions = document.text.positions(of: edits.flatMap { [$0.range.offset, $0.range.end] }, encoding: encoding)
            return edits.enumerated().map { index, edit in
                ["range": LSPRange(start: positions[2 * index], end: positions[2 * index + 1]).json, "newText": .string(edit.replacement)]
            }
        }
        document.fixAll = (lint.resultID, edits)
        return edits
    }

    /// "Disable RULE for this file": an `overrides` entry in the configuration in use (or in a new
    /// `.assetlint.yml` at the workspace's root). Offered only when the edited configuration is
    /// valid and really turns the rule off for this file.
    private func disableAction(_ diagnostic: Diagnostic, in document: OpenDocument, diagnostics: [JSONValue]) -> JSONValue? {
        guard let path = document.path else { return nil }
        let resolved = configurations.resolve(forDocumentAt: path)
        guard resolved.errors.isEmpty else { return nil }
        let configurationPath: String
        let current: String?
        let open: OpenDocument?
        if let existing = resolved.path {
            configurationPath = existing
            open = documents.values.first { $0.path == existing }
            if let open {
                current = open.text.string
            } else {
                guard case .success(let file) = FileLoader.load(path: existing) else { return nil }
                current = String(decoding: file.bytes, as: UTF8.self)
            }
        } else {
            guard client.createsFiles else { return nil }
            let root = configurations.root.flatMap { path.hasPrefix($0 + "/") ? $0 : nil } ?? ConfigurationStore.folder(of: path)
            configurationPath = root == "/" ? "/" + ConfigurationLoader.fileName : root + "/" + ConfigurationLoader.fileName
            current = nil
            open = nil
        }
        let relative = Configuration(directory: ConfigurationStore.folder(of: configurationPath)).relativePath(path)
        guard !relative.hasPrefix("/"), !relative.hasPrefix("../"),
            let insertion = ConfigurationOverrideText.insertion(ignoring: diagnostic.ruleID, forRelativePath: relative, in: current)
        else { return nil }
        // The proof: the new text is a valid configuration under which the rule is off here.
        var bytes = Array((current ?? "").utf8)
        bytes.insert(contentsOf: insertion.text.utf8, at: min(insertion.offset, bytes.count))
        let catalog = resolved.linter.catalog
        let (edited, errors) = ConfigurationLoader.validate(yaml: String(decoding: bytes, as: UTF8.self), path: configurationPath) {
            RuleSelection.isKnown($0, in: catalog)
        }
        guard errors.isEmpty, Linter(configuration: edited, options: resolved.linter.options).activeRules(forPath: path)[diagnostic.ruleID] == nil else {
            return nil
        }
        let uri = open?.uri ?? DocumentURI.uri(forPath: configurationPath)
        let position = EditableText(current ?? "").position(of: insertion.offset, encoding: encoding)
        let insert: JSONValue = ["range": LSPRange(start: position, end: position).json, "newText": .string(insertion.text)]
        let edit: JSONValue
        if current == nil {
            edit = ["documentChanges": [
                ["kind": "create", "uri": .string(uri), "options": ["ignoreIfExists": true]],
                ["textDocument": ["uri": .string(uri), "version": nil], "edits": [insert]],
            ]]
        } else {
            edit = workspaceEdit(uri: uri, version: open?.version, edits: [insert])
        }
        return [
            "title": .string("Disable \(diagnostic.ruleID) (\(diagnostic.ruleName)) for this file"),
            "kind": .string(CodeActionKind.quickFix),
            "diagnostics": .array(diagnostics),
            "edit": edit,
        ]
    }

    /// Edits of one document, versioned when the client takes `documentChanges`.
    private func workspaceEdit(uri: String, version: Int?, edits: [JSONValue]) -> JSONValue {
        if client.versionedDocumentChanges {
            return ["documentChanges": [["textDocument": ["uri": .string(uri), "version": version.map(JSONValue.int) ?? nil], "edits": .array(edits)]]]
        }
        return ["changes": .object([JSONValue.Member(uri, .array(edits))])]
    }

    /// A fix description as a title: "encode the space as %20" → "Encode the space as %20".
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
