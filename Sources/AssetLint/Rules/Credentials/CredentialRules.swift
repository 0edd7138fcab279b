/// The Credentials rules, in catalog order.
public enum CredentialRules {
    public static let all: [any Rule.Type] = [ServiceAccountKeyCommitted.self, ServiceAccountKeyInvalid.self]
}
