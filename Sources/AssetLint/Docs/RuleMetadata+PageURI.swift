extension RuleMetadata {
    /// The public page of a built-in rule (the generated `Rules/<ID>.md`); nil for the
    /// configuration's custom rules, which have none.
    public var pageURI: String? { family == .custom ? nil : ReportText.helpURI(id) }
}

/// `file://` URIs of absolute paths, as the reports write them.
public enum FileURI {
    /// `path` (absolute) as a `file://` URI, every byte but RFC 3986 `unreserved` and `/`
    /// percent-encoded.
    public static func uri(forAbsolutePath path: String) -> String { ReportText.uriReference(forPath: path) }
}
