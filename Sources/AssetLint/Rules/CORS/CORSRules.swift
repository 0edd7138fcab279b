/// The CORS rules, in catalog order.
public enum CORSRules {
    public static let all: [any Rule.Type] = []
}
