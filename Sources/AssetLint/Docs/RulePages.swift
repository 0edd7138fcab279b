/// Writes the `Rules/` folder: one page per rule and `README.md`, each written atomically.
public enum RulePages {
    /// The files of the folder, by name.
    public static func files(_ catalog: [RuleMetadata]) -> [(name: String, content: String)] {
        catalog.map { ("\($0.id).md", RuleDocumentation.page(for: $0)) } + [("README.md", RuleDocumentation.index(catalog))]
    }

    @discardableResult
    public static func write(_ catalog: [RuleMetadata], to folder: String) throws -> Int {
        let pages = files(catalog)
        for page in pages {
            try AtomicWriter.replace(folder + "/" + page.name, with: Array(page.content.utf8), expected: nil)
        }
        return pages.count
    }
}
