/// Files that editors and their tools read as JSON with Comments, recognised by name: they are
/// linted as plain `json` with comments and trailing commas allowed (`JSONCText`), and never
/// claimed as manifests, label imports or CORS files.
///
/// The list follows the file associations of VS Code's JSON with Comments mode, the devcontainer
/// specification and GitHub Linguist's "JSON with Comments" language.
public enum JSONCFiles {
    /// Whole file names.
    static let names: Set<String> = [
        ".babelrc", ".babelrc.json", "babel.config.json", ".devcontainer.json", "devcontainer.json",
        ".eslintrc", ".eslintrc.json", ".jshintrc", ".jscsrc", ".jslintrc", ".swcrc", ".hintrc", ".ember-cli",
        "api-extractor.json", "language-configuration.json", "tslint.json", "typedoc.json",
    ]
    /// Name prefixes of `PREFIX*.json` patterns (`tsconfig.app.json`, `jsconfig.base.json`).
    static let prefixes = ["tsconfig", "jsconfig"]
    /// Extensions that are JSONC whatever the name.
    static let extensions = [".jsonc", ".code-workspace", ".code-snippets"]

    /// Whether the file at `path` is JSON with Comments by its name: one of `names`, a
    /// `tsconfig*.json` or `jsconfig*.json`, a `.jsonc`, `.code-workspace` or `.code-snippets`
    /// file, or a `.json` file directly inside a `.vscode` folder.
    public static func matches(_ path: String) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let last = components.last else { return false }
        let name = last.lowercased()
        if names.contains(name) { return true }
        if extensions.contains(where: { name.hasSuffix($0) }) { return true }
        guard name.hasSuffix(".json") else { return false }
        if prefixes.contains(where: { name.hasPrefix($0) }) { return true }
        return components.count >= 2 && components[components.count - 2] == ".vscode"
    }
}

extension JSONCFiles {
    /// `file` with its comments and trailing commas blanked (`JSONCText`), or `file` itself when
    /// it has none. Offsets, lines and columns are those of `file`.
    static func strictEquivalent(of file: SourceFile) -> SourceFile {
        guard let bytes = JSONCText.strictEquivalent(file.bytes) else { return file }
        let copy = SourceFile(path: file.path, bytes: bytes)
        copy.identity = file.identity
        return copy
    }
}
