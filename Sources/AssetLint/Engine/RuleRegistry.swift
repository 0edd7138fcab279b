/// The built-in rules: `builtIn` (in `RuleRegistry+Generated.swift`) lists them in catalog order.
public enum RuleRegistry {
    public static var catalog: [RuleMetadata] { builtIn.map(metadata(of:)) }

    /// A rule's metadata as the catalog and the engine use it: its own, with the document kinds
    /// where another check runs it added (the URL rules in label and attachment imports).
    public static func metadata(of rule: any Rule.Type) -> RuleMetadata {
        EmbeddedURLCheck.widened(rule.metadata)
    }

    /// The built-in rules of one family, in catalog order.
    public static func rules(in family: RuleFamily) -> [any Rule.Type] {
        builtIn.filter { $0.metadata.family == family }
    }

    public static func rule(_ idOrName: String) -> (any Rule.Type)? {
        builtIn.first { $0.metadata.id.caseInsensitiveEquals(idOrName) || $0.metadata.name.caseInsensitiveEquals(idOrName) }
    }
}
