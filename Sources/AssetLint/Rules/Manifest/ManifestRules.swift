/// The Manifest rules, in catalog order.
public enum ManifestRules {
    public static let all: [any Rule.Type] = []
}
