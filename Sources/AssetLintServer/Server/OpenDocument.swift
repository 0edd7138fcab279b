import AssetLint

/// A document the client has open: its text (the only copy), version and last lint.
final class OpenDocument {
    let uri: String
    /// The file it is, or nil (`untitled:`).
    let path: String?
    var languageID: String
    var version: Int
    var text: EditableText
    var lint: DocumentLint?
    /// When a pushed lint is due (debounced while typing).
    var lintDue: Double?
    /// "Fix all" for one lint (`DocumentLint.resultID`): asked for on every cursor move in some
    /// editors, computed once.
    var fixAll: (resultID: String, edits: [JSONValue])?

    init(uri: String, languageID: String, version: Int, text: EditableText) {
        self.uri = uri
        self.path = DocumentURI.path(of: uri)
        self.languageID = languageID
        self.version = version
        self.text = text
    }

    /// The path the engine reports and matches configuration globs against.
    var lintPath: String { path ?? DocumentURI.name(of: uri) }
}
