/// The URL rules, in catalog order. They share one analysis of each item's URLs
/// (`AssetURLAnalysis`); see its documentation for the fast path that keeps clean URLs cheap.
///
/// Precedence, so that one problem is reported once:
/// - a value that is not an absolute URL (U201) or whose host or port cannot be parsed (U208) gets
///   only that diagnostic;
/// - schemes other than http(s), `gs:` and `s3:` get only U202;
/// - `gs://`/`s3://` URIs: U202's fix encodes their `+`, `?` and `#`, so U204, U214 and U215 skip them;
/// - characters the browser encodes or drops are U203's, upper-case hosts U208's, credentials U210's;
///   U209 reports only the remaining differences from the canonical form;
/// - invalid percent escapes are U205's, escapes decoding to non-UTF-8 U206's (and then not U207's);
/// - signature queries are U211's, never U215's; hosts that are no storage endpoint U212's (U213
///   looks only at URLs that point into a bucket).
public enum URLRules {
    public static let all: [any Rule.Type] = [
        URLNotAbsolute.self, URLScheme.self, URLUnencodedChar.self, URLPlusInPath.self, URLBadPercentEscape.self,
        URLInvalidUTF8.self, URLNotNFC.self, URLHostInvalid.self, URLNotCanonical.self, URLCredentials.self,
        URLPresigned.self, URLStorageProvider.self, URLBucketMismatch.self, URLFragment.self, URLQuery.self,
        URLKeyTooLong.self, URLDoubleEncoded.self,
    ]
}
