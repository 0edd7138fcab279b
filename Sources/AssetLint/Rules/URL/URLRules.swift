/// The URL rules, in catalog order.
public enum URLRules {
    public static let all: [any Rule.Type] = []
}
