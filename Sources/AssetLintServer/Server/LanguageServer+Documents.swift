import AssetLint

/// Open documents: their text, their lints, and the diagnostics pushed or pulled.
extension LanguageServer {
    func didOpen(_ params: MessageView) {
        let item = params["textDocument"]
        guard let uri = item["uri"].string else { return log(.error, "didOpen without a document URI") }
        let languageID = item["languageId"].string ?? ""
        let version = item["version"].int ?? 0
        // The text last: taking it ends the message.
        guard let text = item["text"].takeText() else { return log(.error, "didOpen of \(uri) without its text") }
        let document = OpenDocument(uri: uri, languageID: languageID, version: version, text: text)
        documents[uri] = document
        if let path = document.path, isConfigurationFile(path) {
            // Its problems, if any, are shown on it even before a JSON document needs it.
            configurations.read(configurationAt: path)
            showConfigurationProblems()
        }
        schedule(document, after: 0)
    }

    func didChange(_ params: MessageView) {
        guard let uri = params["textDocument"]["uri"].string, let document = documents[uri] else {
            return log(.warning, "didChange of a document that is not open")
        }
        let version = params["textDocument"]["version"].int
        let changes = params["contentChanges"].elements
        // A change without a range replaces the whole text: the changes before the last such one
        // do not matter, and its text becomes the document's buffer as it lies in the message.
        if let full = changes.lastIndex(where: { !$0["range"].exists }) {
            // The later changes are copied out first: taking the text ends the message.
            let later = changes[(full + 1)...].map { change in (lspRange(change["range"]), change["text"].decodedBytes.map(Array.init)) }
            guard let text = changes[full]["text"].takeText() else {
                return log(.error, "a change of \(uri) without its text; the document may be out of date")
            }
            document.text = text
            for (range, bytes) in later {
                (bytes ?? []).withUnsafeBufferPointer { apply(range, bytes: bytes == nil ? nil : $0, to: document) }
            }
        } else {
            for change in changes {
                apply(lspRange(change["range"]), bytes: change["text"].decodedBytes, to: document)
            }
        }
        document.version = version ?? document.version + 1
        schedule(document, after: Double(configurations.settings.debounceMilliseconds) / 1000)
    }

    /// Applies one incremental change (`range` in the document's current text).
    private func apply(_ range: LSPRange?, bytes: UnsafeBufferPointer<UInt8>?, to document: OpenDocument) {
        guard let range, let bytes else {
            return log(.error, "a change of \(document.uri) without a valid range and text; the document may be out of date")
        }
        let start = document.text.offset(of: range.start, encoding: encoding)
        let end = document.text.offset(of: range.end, encoding: encoding)
        document.text.replace(min(start, end)..<max(start, end), with: bytes)
    }

    func didSave(_ params: MessageView) {
        guard let uri = params["textDocument"]["uri"].string else { return }
        if let path = DocumentURI.path(of: uri), isConfigurationFile(path) || configurations.listings.isListing(path) {
            configurationsChanged()
        } else if let document = documents[uri] {
            schedule(document, after: 0)
        }
    }

    func didClose(_ params: MessageView) {
        guard let uri = params["textDocument"]["uri"].string, let document = documents.removeValue(forKey: uri) else { return }
        // A configuration file's problems stay until it is fixed, open or not.
        if !client.pullsDiagnostics, !isShowingConfigurationProblems(document) {
            notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])
        }
    }

    /// Lints `document` `delay` seconds from now and pushes its diagnostics; clients that pull
    /// diagnostics ask when they want them. A configuration file is not linted: its diagnostics
    /// are its problems (`showConfigurationProblems`).
    func schedule(_ document: OpenDocument, after delay: Double) {
        guard !client.pullsDiagnostics, !isShowingConfigurationProblems(document) else { return }
        document.lintDue = clock() + delay
    }

    private func isShowingConfigurationProblems(_ document: OpenDocument) -> Bool {
        document.path.map { configurationProblemsShown[$0] != nil } ?? false
    }

    /// Pushes the document's diagnostics (linting it first when it changed).
    func publish(_ document: OpenDocument) {
        let lint = refresh(document)
        notify("textDocument/publishDiagnostics", [
            "uri": .string(document.uri), "version": .int(document.version), "diagnostics": .array(lint.diagnostics),
        ])
    }

    /// The document's lint for its current text and configuration, linting it when stale.
    @discardableResult
    func refresh(_ document: OpenDocument) -> DocumentLint {
        let generation = configurations.generation
        if let lint = document.lint, lint.version == document.version, lint.generation == generation { return lint }
        let resolved = configurations.resolve(forDocumentAt: document.path)
        showConfigurationProblems()
        showListingNews()
        let lint: DocumentLint
        if lints(document, with: resolved.configuration) {
            lint = document.text.withSourceFile(path: document.lintPath) { file in
                let report = resolved.linter.lint(file)
                return DocumentLint.convert(
                    report, text: document.text, encoding: encoding, uri: document.uri, catalog: resolved.linter.catalog,
                    limit: configurations.settings.maxDiagnostics, version: document.version, generation: generation)
            }
        } else {
            lint = .notLinted(version: document.version, generation: generation)
        }
        document.lint = lint
        return lint
    }

    /// Whether a document is one assetlint checks: JSON that the configuration does not exclude.
    /// `jsonc` (JSON with comments, such as `tsconfig.json`) only when the configuration's `files`
    /// globs claim it; other language ids when the name ends in `.json`.
    private func lints(_ document: OpenDocument, with configuration: Configuration) -> Bool {
        let path = document.lintPath
        if document.path != nil, configuration.isExcluded(path) { return false }
        if document.languageID == "json" || configuration.configuredKind(for: path) != nil { return true }
        if document.languageID == "jsonc" { return false }
        return path.lowercased().hasSuffix(".json")
    }

    // MARK: - Pull diagnostics

    func pullDiagnostics(_ params: MessageView) -> Result<JSONValue, RequestError> {
        guard let uri = params["textDocument"]["uri"].string else { return .failure(.invalidParams("no textDocument.uri")) }
        guard let document = documents[uri] else {
            // Not open: nothing to say about it (configuration files' problems are pushed).
            return .success(["kind": "full", "items": []])
        }
        let lint = refresh(document)
        if params["previousResultId"].string == lint.resultID {
            return .success(["kind": "unchanged", "resultId": .string(lint.resultID)])
        }
        return .success(["kind": "full", "resultId": .string(lint.resultID), "items": .array(lint.diagnostics)])
    }

    // MARK: - Reading positions

    func lspPosition(_ view: MessageView) -> TextPosition? {
        guard let line = view["line"].int, let character = view["character"].int, line >= 0, character >= 0 else { return nil }
        return TextPosition(line: line, character: character)
    }

    func lspRange(_ view: MessageView) -> LSPRange? {
        guard let start = lspPosition(view["start"]), let end = lspPosition(view["end"]) else { return nil }
        return LSPRange(start: start, end: end)
    }
}
