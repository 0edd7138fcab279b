/// Every built-in rule, in catalog order. Each family lists its own types.
public enum RuleRegistry {
    public static let builtIn: [any Rule.Type] =
        JSONRules.all + ManifestRules.all + ManifestUnicodeRules.all + URLRules.all + InventoryRules.all + CORSRules.all + CredentialRules.all

    public static var catalog: [RuleMetadata] { builtIn.map { $0.metadata } }

    public static func rule(_ idOrName: String) -> (any Rule.Type)? {
        builtIn.first { $0.metadata.id.caseInsensitiveEquals(idOrName) || $0.metadata.name.caseInsensitiveEquals(idOrName) }
    }
}
