import AssetLint

/// Settings, configuration files, and their problems shown as diagnostics on the files.
extension LanguageServer {
    /// Takes settings from `initializationOptions` or `workspace/didChangeConfiguration`.
    func applySettings(_ value: JSONValue?) {
        let (settings, problems) = ServerSettings.read(value, over: configurations.settings)
        for problem in problems { show(.warning, "assetlint: \(problem)") }
        let selectors = (settings.select ?? []) + settings.ignore
        // Custom rules (X…) come with each configuration; the built-in catalog knows the rest.
        let unknown = selectors.filter { !$0.uppercased().hasPrefix("X") && !RuleSelection.isKnown($0, in: RuleRegistry.catalog) }
        for selector in unknown { show(.warning, "assetlint: unknown rule or prefix '\(selector)' in the settings; it is ignored") }
        configurations.settings = settings
    }

    func didChangeConfiguration(_ params: MessageView) {
        let before = configurations.generation
        applySettings(params["settings"].json)
        if configurations.generation != before { relintAll() }
    }

    func didChangeWatchedFiles(_ params: MessageView) {
        let paths = params["changes"].elements.compactMap { $0["uri"].string.flatMap(DocumentURI.path(of:)) }
        // A listing (`inventory:`) that changed is read again when the configurations are.
        if paths.contains(where: { isConfigurationFile($0) || configurations.listings.isListing($0) }) { configurationsChanged() }
    }

    func isConfigurationFile(_ path: String) -> Bool {
        if path.hasSuffix("/" + ConfigurationLoader.fileName) { return true }
        guard let explicit = configurations.settings.configuration else { return false }
        return path == explicit || path.hasSuffix("/" + explicit)
    }

    /// A configuration file was created, changed or deleted: every configuration is read again,
    /// the problems shown are brought up to date, and open documents are linted again.
    func configurationsChanged() {
        configurations.invalidate()
        relintAll()
    }

    private func relintAll() {
        for document in documents.values { _ = configurations.resolve(forDocumentAt: document.path) }
        for path in configurationProblemsShown.keys { configurations.read(configurationAt: path) }
        showConfigurationProblems()
        showListingNews()
        if client.pullsDiagnostics {
            if client.refreshesDiagnostics { request("workspace/diagnostic/refresh", nil) }
        } else {
            for document in documents.values { schedule(document, after: 0) }
        }
    }

    /// Asks the client to report changes to `.assetlint.yml` files (and the configured file),
    /// when it lets servers register watchers.
    func registerConfigurationWatcher() {
        guard client.registersFileWatchers else { return }
        var watchers: [JSONValue] = [["globPattern": .string("**/\(ConfigurationLoader.fileName)")]]
        if let explicit = configurations.settings.configuration {
            let name = explicit.split(separator: "/").last.map(String.init) ?? explicit
            watchers.append(["globPattern": .string("**/\(name)")])
        }
        request("client/registerCapability", [
            "registrations": [[
                "id": "assetlint-configuration-files", "method": "workspace/didChangeWatchedFiles",
                "registerOptions": ["watchers": .array(watchers)],
            ]]
        ])
    }

    /// Shows the problems of the listings just read (each in the log, the first in a message), and
    /// asks the client to watch the listing files when they are new.
    func showListingNews() {
        let problems = configurations.takeListingProblems()
        if let first = problems.first {
            for problem in problems { log(problem.severity == .error ? .error : .warning, "assetlint: \(problem)") }
            let more = problems.count > 1 ? " (\(problems.count - 1) more in the log)" : ""
            show(problems.contains { $0.severity == .error } ? .error : .warning, "assetlint: \(first)\(more)")
        }
        registerListingWatcher()
    }

    /// Watchers for the listing files by name (the server compares whole paths when told of a
    /// change), registered again when the names change.
    private func registerListingWatcher() {
        guard client.registersFileWatchers else { return }
        var seen = Set<String>()
        let names = configurations.listings.paths.map { $0.split(separator: "/").last.map(String.init) ?? $0 }.filter { seen.insert($0).inserted }
        guard !names.isEmpty, names != listingNamesWatched else { return }
        let id = "assetlint-inventory-listings"
        if !listingNamesWatched.isEmpty {
            // The protocol spells this member "unregisterations".
            request("client/unregisterCapability", ["unregisterations": [["id": .string(id), "method": "workspace/didChangeWatchedFiles"]]])
        }
        listingNamesWatched = names
        request("client/registerCapability", [
            "registrations": [[
                "id": .string(id), "method": "workspace/didChangeWatchedFiles",
                "registerOptions": ["watchers": .array(names.map { ["globPattern": .string("**/\($0)")] })],
            ]]
        ])
    }

    /// Publishes the problems of every configuration file read, and clears them on files that
    /// have none any more (or are gone).
    func showConfigurationProblems() {
        let broken = configurations.brokenFiles
        for (path, uri) in configurationProblemsShown where broken[path] == nil {
            notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])
            configurationProblemsShown[path] = nil
        }
        for (path, errors) in broken.sorted(by: { $0.key < $1.key }) {
            let uri = documents.values.first { $0.path == path }?.uri ?? DocumentURI.uri(forPath: path)
            let diagnostics = configurationDiagnostics(errors, path: path)
            notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": .array(diagnostics)])
            configurationProblemsShown[path] = uri
        }
    }

    /// The problems of a configuration file as diagnostics: each at its line and column (1-based,
    /// counted in Unicode scalars) over the word there.
    private func configurationDiagnostics(_ errors: [ConfigurationError], path: String) -> [JSONValue] {
        let bytes: [UInt8]
        switch FileLoader.load(path: path) {
        case .success(let file): bytes = Array(file.bytes)
        case .failure: bytes = []
        }
        let text = EditableText(copying: bytes)
        var offsets: [Int] = []
        for error in errors {
            let start = text.offset(of: TextPosition(line: max(0, error.line - 1), character: max(0, error.column - 1)), encoding: .utf32)
            var end = start
            let stops: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}")]
            while end < bytes.count, !stops.contains(bytes[end]) { end += 1 }
            if end == start, end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += EditableText.scalarLength(lead: bytes[end]) }
            offsets += [start, min(end, bytes.count)]
        }
        let positions = text.positions(of: offsets, encoding: encoding)
        return errors.enumerated().map { index, error in
            [
                "range": LSPRange(start: positions[2 * index], end: positions[2 * index + 1]).json,
                "severity": 1, "source": "assetlint", "message": .string(error.message),
            ]
        }
    }
}
