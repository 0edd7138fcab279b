/// The URL rules share one analysis of each item's URLs (`AssetURLAnalysis`).
///
/// Precedence, so that one problem is reported once:
/// - a value that is not an absolute URL (U201) or whose host or port cannot be parsed (U208) gets
///   only that diagnostic;
/// - schemes other than http(s), `gs:` and `s3:` get only U202;
/// - `gs://`/`s3://` URIs: U202's fix encodes their `+`, `?` and `#`, so U204, U214 and U215 skip them;
/// - characters the browser encodes or drops are U203's, upper-case hosts U208's, credentials U210's;
///   U209 reports only the remaining differences from the canonical form;
/// - invalid percent escapes are U205's, escapes decoding to non-UTF-8 U206's (and then not U207's);
/// - signature queries are U211's, never U215's; a query that carries a credential is U218's, with
///   the signature as its note; hosts that are no storage endpoint U212's (U213 looks only at URLs
///   that point into a bucket);
/// - raw characters of a decomposed (NFD) name are U203's, with U207 as a note (U207 reports the
///   escaped ones); an `externalId` with the same decomposed name is a note of that finding, not
///   its own M116 (`NFDNameLink`); raw bytes that are not UTF-8 are J002's.
enum URLRules {}
