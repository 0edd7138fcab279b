/// The CORS rules, in catalog order.
public enum CORSRules {
    public static let all: [any Rule.Type] = [
        CORSShape.self, CORSProviderMix.self, CORSUnknownField.self, CORSHubOriginMissing.self, CORSOriginMalformed.self,
        CORSOriginWildcard.self, CORSOriginInsecure.self, CORSMethodInvalid.self, CORSMethodExcess.self,
        CORSResponseHeaders.self, CORSMaxAge.self, CORSProviderLimits.self, CORSShadowedRule.self, CORSEmpty.self,
    ]

    /// The document kinds every C rule applies to.
    static let kinds: Set<DocumentKind> = [.corsGCS, .corsS3, .corsAzure]
}
