import AssetLint

/// What the client said it can do in `initialize`, as far as the server's behaviour depends on it.
struct ClientCapabilities {
    /// The encodings the client can count columns in, in its order of preference.
    var positionEncodings: [PositionEncoding] = []
    /// The client pulls diagnostics (`textDocument/diagnostic`): the server does not also push them.
    var pullsDiagnostics = false
    /// The client honours `workspace/diagnostic/refresh`.
    var refreshesDiagnostics = false
    /// The client lets the server register a file watcher (`client/registerCapability`).
    var registersFileWatchers = false
    var versionedDocumentChanges = false
    /// The client can create a file as part of an edit (a new `.assetlint.yml`).
    var createsFiles = false
    var markdownHover = true

    init() {}

    init(_ capabilities: MessageView) {
        positionEncodings = (capabilities["general"]["positionEncodings"].strings ?? []).compactMap(PositionEncoding.init(rawValue:))
        pullsDiagnostics = capabilities["textDocument"]["diagnostic"].kind == .object
        refreshesDiagnostics = capabilities["workspace"]["diagnostics"]["refreshSupport"].bool ?? false
        registersFileWatchers = capabilities["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"].bool ?? false
        let workspaceEdit = capabilities["workspace"]["workspaceEdit"]
        versionedDocumentChanges = workspaceEdit["documentChanges"].bool ?? false
        createsFiles = versionedDocumentChanges && (workspaceEdit["resourceOperations"].strings ?? []).contains("create")
        if let formats = capabilities["textDocument"]["hover"]["contentFormat"].strings {
            markdownHover = formats.contains("markdown")
        }
    }

    /// The encoding to use: UTF-8 when offered (the engine's own offsets), else UTF-32, else the
    /// protocol's default UTF-16.
    var positionEncoding: PositionEncoding {
        for preferred in [PositionEncoding.utf8, .utf32] where positionEncodings.contains(preferred) { return preferred }
        return .utf16
    }
}
