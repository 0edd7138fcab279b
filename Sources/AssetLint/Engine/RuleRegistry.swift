/// Every built-in rule, in catalog order. Each family lists its own types.
public enum RuleRegistry {
    public static let builtIn: [any Rule.Type] =
        JSONRules.all + ManifestRules.all + ManifestUnicodeRules.all + URLRules.all + LabelRules.all + AttachmentRules.all
        + CORSRules.all + CredentialRules.all

    public static var catalog: [RuleMetadata] { builtIn.map(metadata(of:)) }

    /// A rule's metadata as the catalog and the engine use it: its own, with the document kinds
    /// where another check runs it added (the URL rules in label and attachment imports).
    public static func metadata(of rule: any Rule.Type) -> RuleMetadata {
        EmbeddedURLCheck.widened(rule.metadata)
    }

    public static func rule(_ idOrName: String) -> (any Rule.Type)? {
        builtIn.first { $0.metadata.id.caseInsensitiveEquals(idOrName) || $0.metadata.name.caseInsensitiveEquals(idOrName) }
    }
}
