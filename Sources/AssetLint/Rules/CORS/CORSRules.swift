/// What the C rules share.
enum CORSRules {
    /// The document kinds every C rule applies to.
    static let kinds: Set<DocumentKind> = [.corsGCS, .corsS3, .corsAzure]
}
