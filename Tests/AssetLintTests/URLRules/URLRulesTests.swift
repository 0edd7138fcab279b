import Foundation
import XCTest
@testable import AssetLint

/// Every U rule: a triggering URL at its exact position with its pointer and message, its fix,
/// and a clean twin.
final class URLRulesTests: XCTestCase {
    private typealias T = URLRuleTesting

    /// The location of `needle` in `url` written as the `data` of `T.manifest(url)` (line 2,
    /// the URL starting at column 13), `length` scalars long (default: the needle's).
    private func at(_ url: String, _ needle: String, length: Int? = nil, occurrence: Int = 1) -> Located {
        let scalars = Array(url.unicodeScalars)
        let pattern = Array(needle.unicodeScalars)
        var found = 0
        for start in 0...(scalars.count - pattern.count) where Array(scalars[start..<(start + pattern.count)]) == pattern {
            found += 1
            if found == occurrence {
                let width = length ?? pattern.count
                return Located(2, 13 + start, 2, 13 + start + width)
            }
        }
        preconditionFailure("\(needle) not in \(url)")
    }

    private func fixed(_ url: String, _ rule: any Rule.Type, unsafe: Bool = true, config: String? = nil) throws -> String {
        let text = T.manifest(url)
        let diagnostics = try T.lint(text, rule, config: config)
        return T.applyFixes(diagnostics, to: text, unsafe: unsafe)
    }

    // MARK: - U201

    func testU201RelativeReference() throws {
        let url = "images/cat.jpg"
        try expectOne(URLNotAbsolute.self, in: T.manifest(url), at: at(url, url), pointer: "/0/data",
                      message: ["\"images/cat.jpg\" is a relative reference", "never reaches the bucket", "https://"])
        try expectClean(URLNotAbsolute.self, in: T.manifest("https://bucket.s3.amazonaws.com/images/cat.jpg"))
    }

    func testU201EmptyAndWindowsAndSchemeless() throws {
        try expectOne(URLNotAbsolute.self, in: T.manifest(""), at: Located(2, 12, 2, 14), pointer: "/0/data", message: ["the URL is empty"])
        let windows = #"C:\\photos\\cat.jpg"#
        try expectOne(URLNotAbsolute.self, in: T.manifest(windows), at: at(windows, windows), pointer: "/0/data",
                      message: ["local Windows path"])
        let hostOnly = "my-bucket.s3.eu-central-1.amazonaws.com/cat.jpg"
        let diagnostic = try expectOne(URLNotAbsolute.self, in: T.manifest(hostOnly), at: at(hostOnly, hostOnly), pointer: "/0/data",
                                       message: ["has no scheme", "https://my-bucket.s3.eu-central-1.amazonaws.com/cat.jpg"])
        XCTAssertEqual(diagnostic?.fix?.applicability, .unsafe)
        XCTAssertEqual(try fixed(hostOnly, URLNotAbsolute.self), T.manifest("https://" + hostOnly))
        XCTAssertEqual(try fixed("//cdn.example.com/a.jpg", URLNotAbsolute.self), T.manifest("https://cdn.example.com/a.jpg"))
    }

    func testU201SilencesTheOtherRules() throws {
        let report = try T.lint(T.manifest("images/my cat+1#2.jpg"))
        XCTAssertEqual(report.diagnostics.map(\.ruleID), ["U201"])
    }

    // MARK: - U202

    func testU202GSURIHasASafeFixThatEncodesLiteralCharacters() throws {
        let url = "gs://my-bucket/takes/a+b#1.jpg"
        let diagnostic = try expectOne(URLScheme.self, in: T.manifest(url), at: at(url, "gs"), pointer: "/0/data",
                                       message: ["gs:// URIs are names for gsutil", "https://storage.googleapis.com/my-bucket/", "%2B", "%23"])
        XCTAssertEqual(diagnostic?.severity, .error)
        XCTAssertEqual(diagnostic?.fix?.applicability, .safe)
        XCTAssertEqual(try fixed(url, URLScheme.self, unsafe: false), T.manifest("https://storage.googleapis.com/my-bucket/takes/a%2Bb%231.jpg"))
    }

    func testU202S3URIHasAnUnsafeFix() throws {
        let url = "s3://my-bucket/cats/cat+1.jpg"
        let diagnostic = try expectOne(URLScheme.self, in: T.manifest(url), at: at(url, "s3"), pointer: "/0/data",
                                       message: ["s3:// URIs are names for the AWS CLI", "region"])
        XCTAssertEqual(diagnostic?.fix?.applicability, .unsafe)
        XCTAssertEqual(try fixed(url, URLScheme.self), T.manifest("https://my-bucket.s3.amazonaws.com/cats/cat%2B1.jpg"))
        XCTAssertEqual(try fixed("s3://my.dotted.bucket/k.jpg", URLScheme.self), T.manifest("https://s3.amazonaws.com/my.dotted.bucket/k.jpg"))
        XCTAssertEqual(try fixed(url, URLScheme.self, unsafe: false), T.manifest(url), "no unsafe fix without --unsafe-fixes")
    }

    func testU202HTTPIsAWarningOtherSchemesErrors() throws {
        let http = "http://my-bucket.s3.amazonaws.com/cat.jpg"
        let warning = try expectOne(URLScheme.self, in: T.manifest(http), at: at(http, "http"), pointer: "/0/data", message: ["mixed content"])
        XCTAssertEqual(warning?.severity, .warning)
        XCTAssertEqual(try fixed(http, URLScheme.self), T.manifest("https" + http.dropFirst(4)))
        let file = "file:///Users/me/cat.jpg"
        let error = try expectOne(URLScheme.self, in: T.manifest(file), at: at(file, "file"), pointer: "/0/data", message: ["file on one computer"])
        XCTAssertEqual(error?.severity, .error)
        try expectClean(URLScheme.self, in: T.manifest("https://storage.googleapis.com/my-bucket/cat.jpg"))
        // The configured severity still wins when it is lower.
        let info = try T.lint(T.manifest(http), URLScheme.self, config: "rules:\n  severity: {U202: info}")
        XCTAssertEqual(info.map(\.severity), [.info])
    }

    // MARK: - U203

    func testU203RawSpaceIsUnderlinedWhereItIs() throws {
        let url = "https://my-bucket.s3.amazonaws.com/cats/my cat.jpg"
        let diagnostic = try expectOne(URLUnencodedChar.self, in: T.manifest(url), at: at(url, " "), pointer: "/0/data",
                                       message: ["raw space", "%20"])
        XCTAssertEqual(diagnostic?.fix?.applicability, .safe)
        XCTAssertEqual(try fixed(url, URLUnencodedChar.self, unsafe: false), T.manifest("https://my-bucket.s3.amazonaws.com/cats/my%20cat.jpg"))
        try expectClean(URLUnencodedChar.self, in: T.manifest("https://my-bucket.s3.amazonaws.com/cats/my%20cat.jpg"))
    }

    func testU203NonASCIIControlsAndReservedCharacters() throws {
        let url = "https://storage.googleapis.com/b/Zürich/{x}.jpg"
        let diagnostics = try T.lint(T.manifest(url), URLUnencodedChar.self)
        XCTAssertEqual(diagnostics.count, 3, diagnostics.map(\.message).description)
        XCTAssertEqual(try fixed(url, URLUnencodedChar.self), T.manifest("https://storage.googleapis.com/b/Z%C3%BCrich/%7Bx%7D.jpg"))
        let source = SourceFile(path: "assets.json", text: T.manifest(url))
        XCTAssertEqual(Located(diagnostics[0], in: source), at(url, "ü"))
        XCTAssertTrue(diagnostics[0].message.contains("\"ü\""))
    }

    func testU203LeadingAndTrailingWhitespaceAreRemoved() throws {
        let url = " https://storage.googleapis.com/b/cat.jpg\\t"
        let diagnostics = try T.lint(T.manifest(url), URLUnencodedChar.self)
        XCTAssertEqual(diagnostics.count, 2)
        XCTAssertTrue(diagnostics[0].message.hasPrefix("leading space"), diagnostics[0].message)
        XCTAssertTrue(diagnostics[1].message.contains("trailing control character U+0009"), diagnostics[1].message)
        XCTAssertEqual(T.applyFixes(diagnostics, to: T.manifest(url), unsafe: false), T.manifest("https://storage.googleapis.com/b/cat.jpg"))
    }

    func testU203BackslashInThePathHasOnlyAnUnsafeFix() throws {
        let url = #"https://storage.googleapis.com/b/dir\\cat.jpg"#
        let diagnostic = try expectOne(URLUnencodedChar.self, in: T.manifest(url), at: Located(2, 49, 2, 51), pointer: "/0/data",
                                       message: ["browsers read it as '/'", "https://storage.googleapis.com/b/dir/cat.jpg", "%5C"])
        XCTAssertEqual(diagnostic?.fix?.applicability, .unsafe)
    }

    func testU203RangesAccountForJSONEscapes() throws {
        let line = #"  {"data": "https:\/\/bucket.s3.amazonaws.com\/a\u0020b.jpg", "externalId": "x"}"#
        let text = "[\n" + line + "\n]\n"
        let column = Array(line.unicodeScalars).count - Array(#"\u0020b.jpg", "externalId": "x"}"#.unicodeScalars).count + 1
        let diagnostic = try expectOne(URLUnencodedChar.self, in: text, at: Located(2, column, 2, column + 6), pointer: "/0/data",
                                       message: ["raw space"])
        XCTAssertEqual(diagnostic?.range.length, 6, "the whole \\u0020 escape")
        XCTAssertEqual(T.applyFixes(try T.lint(text, URLUnencodedChar.self), to: text),
                       text.replacingOccurrences(of: #"\u0020"#, with: "%20"))
        // The JSON escapes themselves are no problem for any rule.
        let clean = "[\n" + #"  {"data": "https:\/\/bucket.s3.amazonaws.com\/a%20b.jpg", "externalId": "x"}"# + "\n]\n"
        XCTAssertEqual(try T.lint(clean).diagnostics.map(\.message), [])
    }

    // MARK: - U204

    func testU204OnS3SaysSpaceAndFixesWithPercent20() throws {
        let url = "https://my-bucket.s3.eu-central-1.amazonaws.com/cats/cat+1.jpg"
        let diagnostic = try expectOne(URLPlusInPath.self, in: T.manifest(url), at: at(url, "+"), pointer: "/0/data",
                                       message: ["Amazon S3 reads '+' as a space", "\"cats/cat 1.jpg\"", "%2B"])
        XCTAssertEqual(diagnostic?.fix?.applicability, .unsafe)
        XCTAssertEqual(try fixed(url, URLPlusInPath.self), T.manifest("https://my-bucket.s3.eu-central-1.amazonaws.com/cats/cat%201.jpg"))
    }

    func testU204OnGCSSaysPlusAndFixesWithPercent2B() throws {
        let url = "https://storage.googleapis.com/my-bucket/a++b.jpg"
        try expectOne(URLPlusInPath.self, in: T.manifest(url), at: at(url, "++"), pointer: "/0/data",
                      message: ["Google Cloud Storage reads '+' as a plus", "\"a++b.jpg\""])
        XCTAssertEqual(try fixed(url, URLPlusInPath.self), T.manifest("https://storage.googleapis.com/my-bucket/a%2B%2Bb.jpg"))
        let azure = "https://acct.blob.core.windows.net/images/a+b.jpg"
        try expectOne(URLPlusInPath.self, in: T.manifest(azure), at: at(azure, "+"), pointer: "/0/data", message: ["Azure Blob Storage reads '+' as a plus"])
    }

    func testU204IgnoresQueriesEncodedPlusesAndStorageURIs() throws {
        try expectClean(URLPlusInPath.self, in: T.manifest("https://b.s3.amazonaws.com/cat%2B1.jpg?response-content-disposition=a+b"))
        try expectClean(URLPlusInPath.self, in: T.manifest("gs://my-bucket/a+b.jpg"))
    }

    // MARK: - U205

    func testU205BadPercentEscape() throws {
        let url = "https://storage.googleapis.com/b/sale/50%off.jpg"
        let diagnostic = try expectOne(URLBadPercentEscape.self, in: T.manifest(url), at: at(url, "%"), pointer: "/0/data",
                                       message: ["'%' followed by \"of\"", "%25"])
        XCTAssertEqual(diagnostic?.fix?.applicability, .unsafe)
        XCTAssertEqual(try fixed(url, URLBadPercentEscape.self), T.manifest("https://storage.googleapis.com/b/sale/50%25off.jpg"))
        try expectClean(URLBadPercentEscape.self, in: T.manifest("https://storage.googleapis.com/b/sale/50%25off.jpg"))
        let end = "https://storage.googleapis.com/b/100%"
        try expectOne(URLBadPercentEscape.self, in: T.manifest(end), at: at(end, "%"), pointer: "/0/data", message: ["at the end of the URL"])
    }

    // MARK: - U206

    func testU206Latin1EscapeOffersTheUTF8Spelling() throws {
        let url = "https://storage.googleapis.com/b/caf%E9.jpg"
        let diagnostic = try expectOne(URLInvalidUTF8.self, in: T.manifest(url), at: at(url, "%E9"), pointer: "/0/data",
                                       message: ["%E9 decodes to the byte E9", "not UTF-8", "Latin-1", "\"é\"", "%C3%A9"])
        XCTAssertEqual(diagnostic?.fix?.applicability, .unsafe)
        XCTAssertEqual(try fixed(url, URLInvalidUTF8.self), T.manifest("https://storage.googleapis.com/b/caf%C3%A9.jpg"))
        try expectClean(URLInvalidUTF8.self, in: T.manifest("https://storage.googleapis.com/b/caf%C3%A9.jpg"))
    }

    func testU206Windows1252AndUndefinedBytes() throws {
        let euro = "https://storage.googleapis.com/b/price%80%20list.jpg"
        try expectOne(URLInvalidUTF8.self, in: T.manifest(euro), at: at(euro, "%80"), pointer: "/0/data", message: ["Windows-1252", "\"€\""])
        XCTAssertEqual(try fixed(euro, URLInvalidUTF8.self), T.manifest("https://storage.googleapis.com/b/price%E2%82%AC%20list.jpg"))
        let undefined = "https://storage.googleapis.com/b/x%81.jpg"
        let diagnostic = try expectOne(URLInvalidUTF8.self, in: T.manifest(undefined), at: at(undefined, "%81"), pointer: "/0/data",
                                       message: ["not Windows-1252 text either"])
        XCTAssertNil(diagnostic?.fix)
    }

    // MARK: - U207

    func testU207NFDPathIsUnderlinedAndFixedToNFC() throws {
        let url = "https://storage.googleapis.com/b/cafe%CC%81/cre%CC%80me.jpg"
        let diagnostic = try expectOne(URLNotNFC.self, in: T.manifest(url), at: at(url, "e%CC%81/cre%CC%80"), pointer: "/0/data",
                                       message: ["not NFC", "U+0301 COMBINING ACUTE ACCENT", "macOS"])
        XCTAssertEqual(diagnostic?.severity, .warning)
        XCTAssertEqual(diagnostic?.fix?.edits.count, 2)
        XCTAssertEqual(try fixed(url, URLNotNFC.self), T.manifest("https://storage.googleapis.com/b/caf%C3%A9/cr%C3%A8me.jpg"))
        try expectClean(URLNotNFC.self, in: T.manifest("https://storage.googleapis.com/b/caf%C3%A9/cr%C3%A8me.jpg"))
        try expectClean(URLNotNFC.self, in: T.manifest("https://storage.googleapis.com/b/caf%E9.jpg"))  // invalid UTF-8 is U206's
    }

    // MARK: - U208

    func testU208InvalidHosts() throws {
        let space = "https://my bucket.s3.amazonaws.com/cat.jpg"
        try expectOne(URLHostInvalid.self, in: T.manifest(space), at: at(space, " "), pointer: "/0/data",
                      message: ["forbidden in a domain", "a space", "does not load"])
        let port = "https://storage.googleapis.com:99999/b/cat.jpg"
        try expectOne(URLHostInvalid.self, in: T.manifest(port), at: at(port, "99999"), pointer: "/0/data", message: ["greater than 65535"])
        let idna = "https://xn--a.example/cat.jpg"
        try expectOne(URLHostInvalid.self, in: T.manifest(idna), at: at(idna, "xn--a.example"), pointer: "/0/data",
                      message: ["IDNA (UTS #46) rejects it"])
        try expectClean(URLHostInvalid.self, in: T.manifest("https://my-bucket.s3.amazonaws.com/cat.jpg"))
    }

    func testU208UpperCaseHostHasASafeFix() throws {
        let url = "https://My-Bucket.s3.amazonaws.com/Cat.jpg"
        let diagnostic = try expectOne(URLHostInvalid.self, in: T.manifest(url), at: at(url, "My-Bucket.s3.amazonaws.com"), pointer: "/0/data",
                                       message: ["upper-case letters", "my-bucket.s3.amazonaws.com", "bucket is \"my-bucket\""])
        XCTAssertEqual(diagnostic?.fix?.applicability, .safe)
        XCTAssertEqual(try fixed(url, URLHostInvalid.self, unsafe: false), T.manifest("https://my-bucket.s3.amazonaws.com/Cat.jpg"))
    }

    // MARK: - U209

    func testU209DotSegmentsAndDefaultPort() throws {
        let url = "https://my-bucket.s3.amazonaws.com:443/cats/./2024/../cat.jpg"
        let diagnostic = try expectOne(URLNotCanonical.self, in: T.manifest(url), at: at(url, ":443/cats/./2024/.."),
                                       pointer: "/0/data",
                                       message: ["the browser requests https://my-bucket.s3.amazonaws.com/cats/cat.jpg", "default", "'.' and '..'"])
        XCTAssertEqual(diagnostic?.severity, .warning)
        XCTAssertEqual(diagnostic?.fix?.applicability, .safe)
        XCTAssertEqual(try fixed(url, URLNotCanonical.self, unsafe: false), T.manifest("https://my-bucket.s3.amazonaws.com/cats/cat.jpg"))
        try expectClean(URLNotCanonical.self, in: T.manifest("https://my-bucket.s3.amazonaws.com/cats/cat.jpg"))
    }

    func testU209SchemeSlashesAndInternationalHosts() throws {
        XCTAssertEqual(try fixed(#"HTTPS:\\\\my-bucket.s3.amazonaws.com/cat.jpg"#, URLNotCanonical.self),
                       T.manifest("https://my-bucket.s3.amazonaws.com/cat.jpg"))
        let idn = "https://bücher.example/cat.jpg"
        try expectOne(URLNotCanonical.self, in: T.manifest(idn), at: at(idn, "bücher"), pointer: "/0/data",
                      message: ["ASCII form xn--bcher-kva.example"])
    }

    func testU209LeavesOtherRulesDifferencesAlone() throws {
        try expectClean(URLNotCanonical.self, in: T.manifest("https://my-bucket.s3.amazonaws.com/my cat é.jpg"))
        try expectClean(URLNotCanonical.self, in: T.manifest("https://My-Bucket.s3.amazonaws.com/cat.jpg"))
        try expectClean(URLNotCanonical.self, in: T.manifest("gs://b/./x.jpg"))
    }

    func testU209NeverPrintsSecrets() throws {
        let url = "https://user:hunter2@b.s3.amazonaws.com/./x.jpg?X-Amz-Signature=deadbeef&X-Amz-Date=20240101T000000Z&X-Amz-Expires=60"
        let diagnostics = try T.lint(T.manifest(url), URLNotCanonical.self)
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertFalse(diagnostics[0].message.contains("hunter2"))
        XCTAssertFalse(diagnostics[0].message.contains("deadbeef"))
    }

    // MARK: - U210

    func testU210Credentials() throws {
        let url = "https://admin:hunter2@my-bucket.s3.amazonaws.com/cat.jpg"
        let diagnostic = try expectOne(URLCredentials.self, in: T.manifest(url), at: at(url, "admin:hunter2@"), pointer: "/0/data",
                                       message: ["user name and password", "rotate"])
        XCTAssertFalse(diagnostic?.message.contains("hunter2") ?? true)
        XCTAssertEqual(try fixed(url, URLCredentials.self), T.manifest("https://my-bucket.s3.amazonaws.com/cat.jpg"))
        try expectClean(URLCredentials.self, in: T.manifest("https://my-bucket.s3.amazonaws.com/cat.jpg"))
    }

    // MARK: - U211

    func testU211PresignedURLs() throws {
        let s3 = "https://b.s3.eu-central-1.amazonaws.com/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240501T120000Z&X-Amz-Expires=3600&X-Amz-Signature=0badc0ffee"
        let diagnostic = try expectOne(URLPresigned.self, in: T.manifest(s3), at: at(s3, String(s3[s3.firstIndex(of: "?")!...])),
                                       pointer: "/0/data", message: ["S3 presigned URL (Signature Version 4)", "expires 2024-05-01 13:00:00 UTC"])
        XCTAssertEqual(diagnostic?.severity, .warning)
        XCTAssertFalse(diagnostic?.message.contains("0badc0ffee") ?? true)
        XCTAssertEqual(try fixed(s3, URLPresigned.self), T.manifest("https://b.s3.eu-central-1.amazonaws.com/cat.jpg"))
        let gcs = "https://storage.googleapis.com/b/cat.jpg?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Date=20240101T000000Z&X-Goog-Expires=900&X-Goog-Signature=abc"
        XCTAssertTrue(try T.lint(T.manifest(gcs), URLPresigned.self).first?.message.contains("GCS signed URL (V4)") == true)
        let azure = "https://acct.blob.core.windows.net/c/cat.jpg?sv=2022-11-02&se=2024-05-01T12%3A00%3A00Z&sr=b&sp=r&sig=abc%2Bdef"
        XCTAssertTrue(try T.lint(T.manifest(azure), URLPresigned.self).first?.message.contains("expires 2024-05-01 12:00:00 UTC") == true)
        try expectClean(URLPresigned.self, in: T.manifest("https://b.s3.amazonaws.com/cat.jpg?versionId=abc"))
    }

    // MARK: - U212

    func testU212AuthenticatedBrowserEndpoint() throws {
        let url = "https://storage.cloud.google.com/my-bucket/cat.jpg"
        let diagnostic = try expectOne(URLStorageProvider.self, in: T.manifest(url), at: at(url, "storage.cloud.google.com"),
                                       pointer: "/0/data", message: ["Google login", "CORS", "storage.googleapis.com"])
        XCTAssertEqual(diagnostic?.severity, .error)
        XCTAssertEqual(diagnostic?.fix?.applicability, .safe)
        XCTAssertEqual(try fixed(url, URLStorageProvider.self, unsafe: false), T.manifest("https://storage.googleapis.com/my-bucket/cat.jpg"))
    }

    func testU212NonStorageHostsAndConfiguredProvider() throws {
        let cdn = "https://d111111abcdef8.cloudfront.net/cat.jpg"
        try expectOne(URLStorageProvider.self, in: T.manifest(cdn), at: at(cdn, "d111111abcdef8.cloudfront.net"), pointer: "/0/data",
                      message: ["CloudFront distribution"], config: "storage:\n  provider: any")
        // Without storage settings a public URL on any host is an asset.
        try expectClean(URLStorageProvider.self, in: T.manifest(cdn))
        let website = "https://b.s3-website-us-east-1.amazonaws.com/cat.jpg"
        try expectOne(URLStorageProvider.self, in: T.manifest(website), at: at(website, "b.s3-website-us-east-1.amazonaws.com"),
                      pointer: "/0/data", message: ["static-website endpoint"])
        let s3 = "https://my-bucket.s3.amazonaws.com/cat.jpg"
        try expectOne(URLStorageProvider.self, in: T.manifest(s3), at: at(s3, "my-bucket.s3.amazonaws.com"), pointer: "/0/data",
                      message: ["points into Amazon S3", "storage.provider is gcs"], config: "storage:\n  provider: gcs")
        try expectClean(URLStorageProvider.self, in: T.manifest(s3), config: "storage:\n  provider: s3")
        let bucketOnly = "https://my-bucket.s3.amazonaws.com/"
        try expectOne(URLStorageProvider.self, in: T.manifest(bucketOnly), at: at(bucketOnly, "/", occurrence: 3), pointer: "/0/data",
                      message: ["but no object"])
        for url in ["https://s3.amazonaws.com/b/k.jpg", "https://b.s3.dualstack.us-east-1.amazonaws.com/k.jpg",
                    "https://b.storage.googleapis.com/k.jpg", "https://acct.blob.core.windows.net/c/k.jpg", "gs://b/k.jpg"] {
            try expectClean(URLStorageProvider.self, in: T.manifest(url))
        }
    }

    // MARK: - U213

    func testU213ConfiguredBuckets() throws {
        let text = T.manifest(["https://storage.googleapis.com/my-bucket/a.jpg", "https://storage.googleapis.com/staging/b.jpg",
                               "gs://staging/c.jpg", "https://acct.blob.core.windows.net/images/d.jpg"])
        let config = "storage:\n  buckets: [my-bucket, acct]"
        let diagnostics = try T.lint(text, URLBucketMismatch.self, config: config)
        XCTAssertEqual(diagnostics.map(\.pointer), ["/1/data", "/2/data"])
        XCTAssertEqual(diagnostics.map(\.severity), [.error, .error])
        let source = SourceFile(path: "assets.json", text: text)
        XCTAssertEqual(Located(diagnostics[0], in: source), Located(3, 44, 3, 51), "the bucket segment")
        XCTAssertEqual(Located(diagnostics[1], in: source), Located(4, 18, 4, 25), "the gs:// host")
        XCTAssertTrue(diagnostics[0].message.contains("which storage.buckets does not list (\"my-bucket\", \"acct\")"), diagnostics[0].message)
    }

    func testU213MixedBucketsGetOneWarningAtTheFirstURLOfTheSecondBucket() throws {
        let text = T.manifest(["https://storage.googleapis.com/a/1.jpg", "https://a.storage.googleapis.com/2.jpg",
                               "https://b.s3.amazonaws.com/3.jpg", "https://storage.googleapis.com/c/4.jpg", "https://b.s3.amazonaws.com/5.jpg"])
        let diagnostics = try T.lint(text, URLBucketMismatch.self)
        XCTAssertEqual(diagnostics.count, 1)
        let diagnostic = try XCTUnwrap(diagnostics.first)
        XCTAssertEqual(diagnostic.pointer, "/2/data")
        XCTAssertEqual(diagnostic.severity, .warning)
        XCTAssertTrue(diagnostic.message.contains("Google Cloud Storage bucket \"a\""), diagnostic.message)
        XCTAssertTrue(diagnostic.message.contains("Amazon S3 bucket \"b\""), diagnostic.message)
        let source = SourceFile(path: "assets.json", text: text)
        XCTAssertEqual(Located(diagnostic, in: source), Located(4, 21, 4, 22))
        XCTAssertEqual(diagnostic.related.map { source.position(of: $0.range.offset) }, [SourcePosition(line: 2, column: 12)])
        try expectClean(URLBucketMismatch.self, in: T.manifest(["https://storage.googleapis.com/a/1.jpg", "gs://a/2.jpg", "https://a.storage.googleapis.com/3.jpg"]))
    }

    // MARK: - U214, U215

    func testU214Fragment() throws {
        let url = "https://my-bucket.s3.amazonaws.com/takes/take#2#b.jpg"
        let diagnostic = try expectOne(URLFragment.self, in: T.manifest(url), at: at(url, "#"), pointer: "/0/data",
                                       message: ["the bucket looks up \"takes/take\"", "drops \"#2#b.jpg\"", "%23"])
        XCTAssertEqual(diagnostic?.fix?.edits.count, 2)
        XCTAssertEqual(try fixed(url, URLFragment.self), T.manifest("https://my-bucket.s3.amazonaws.com/takes/take%232%23b.jpg"))
        try expectClean(URLFragment.self, in: T.manifest("https://my-bucket.s3.amazonaws.com/takes/take%232.jpg"))
    }

    func testU215QuestionMarkInAName() throws {
        let url = "https://my-bucket.s3.amazonaws.com/quiz/what?.jpg"
        try expectOne(URLQuery.self, in: T.manifest(url), at: at(url, "?.jpg"), pointer: "/0/data",
                      message: ["the bucket looks up \"quiz/what\"", "%3F"])
        XCTAssertEqual(try fixed(url, URLQuery.self), T.manifest("https://my-bucket.s3.amazonaws.com/quiz/what%3F.jpg"))
        try expectClean(URLQuery.self, in: T.manifest("https://my-bucket.s3.amazonaws.com/cat.jpg?versionId=abc.def"))
        try expectClean(URLQuery.self, in: T.manifest("https://b.s3.amazonaws.com/cat.jpg?X-Amz-Signature=abc&X-Amz-Date=20240101T000000Z"))
        let named = "https://b.s3.amazonaws.com/photo?name=cat.jpg"
        try expectOne(URLQuery.self, in: T.manifest(named), at: at(named, "?name=cat.jpg"), pointer: "/0/data", message: ["query string"])
    }

    // MARK: - U216, U217

    func testU216KeyTooLong() throws {
        let key = String(repeating: "d/", count: 510) + "cat.jpg"  // 1,027 bytes
        let url = "https://storage.googleapis.com/my-bucket/" + key
        try expectOne(URLKeyTooLong.self, in: T.manifest(url), at: at(url, key), pointer: "/0/data",
                      message: ["1,027 bytes of UTF-8", "at most 1,024"])
        try expectClean(URLKeyTooLong.self, in: T.manifest("https://storage.googleapis.com/my-bucket/" + String(repeating: "d/", count: 508) + "cat.jpg"))
        // Decoded length counts: %C3%A9 is two bytes.
        let encoded = "https://storage.googleapis.com/my-bucket/" + String(repeating: "%C3%A9", count: 512) + "x"
        try expectOne(URLKeyTooLong.self, in: T.manifest(encoded), at: at(encoded, "%C3%A9", length: 512 * 6 + 1), pointer: "/0/data",
                      message: ["1,025 bytes"])
    }

    func testU217DoubleEncoding() throws {
        let url = "https://my-bucket.s3.amazonaws.com/cats/my%2520cat.jpg"
        let diagnostic = try expectOne(URLDoubleEncoded.self, in: T.manifest(url), at: at(url, "%2520"), pointer: "/0/data",
                                       message: ["decodes to the three characters \"%20\"", "a space", "encoded twice"])
        XCTAssertEqual(diagnostic?.severity, .warning)
        XCTAssertEqual(try fixed(url, URLDoubleEncoded.self), T.manifest("https://my-bucket.s3.amazonaws.com/cats/my%20cat.jpg"))
        try expectClean(URLDoubleEncoded.self, in: T.manifest("https://my-bucket.s3.amazonaws.com/sale/100%25.jpg"))
    }

    // MARK: - Where URLs are, and precedence

    func testDatasetEntriesAndImageAttachmentsAreChecked() throws {
        let text = """
            [
              {"dataset": ["https://b.s3.amazonaws.com/p 1.jpg", "https://b.s3.amazonaws.com/p2.jpg"], "externalId": "doc",
               "attachments": [{"type": "TEXT", "value": "not a url"}, {"type": "IMAGE", "value": "https://b.s3.amazonaws.com/a b.png"}]}
            ]
            """
        let diagnostics = try T.lint(text, URLUnencodedChar.self)
        XCTAssertEqual(diagnostics.map(\.pointer), ["/0/dataset/0", "/0/attachments/1/value"])
    }

    func testEachProblemIsReportedByOneRule() throws {
        let cases: [(String, [String])] = [
            ("gs://my-bucket/a+b#1?.jpg", ["U202"]),
            ("https://b.s3.amazonaws.com/a b+c.jpg", ["U203", "U204"]),
            ("https://b.s3.amazonaws.com/caf%E9.jpg", ["U206"]),
            ("https://b.s3.amazonaws.com/a.jpg?X-Amz-Signature=x&X-Amz-Date=20240101T000000Z", ["U211"]),
            ("ftp://b.s3.amazonaws.com/a.jpg", ["U202"]),
            ("https://exa mple.com/a.jpg", ["U208"]),
            ("https://B.s3.amazonaws.com/a.jpg", ["U208"]),
            ("https://b.s3.amazonaws.com/./a.jpg", ["U209"]),
        ]
        for (url, expected) in cases {
            let report = try T.lint(T.manifest(url))
            XCTAssertEqual(report.diagnostics.map(\.ruleID), expected, url)
        }
    }

    func testCleanRealisticManifestHasNoFindings() throws {
        let text = T.manifest([
            "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg",
            "https://bucket-name.s3.eu-central-1.amazonaws.com/file%202.jpg",
            "https://bucket-name.s3.eu-central-1.amazonaws.com/caf%C3%A9/%E6%9D%B1%E4%BA%AC.jpg",
            "https://bucket-name.s3.eu-central-1.amazonaws.com/sale/100%25%20off.jpg",
        ])
        XCTAssertEqual(try T.lint(text).diagnostics.map(\.message), [])
    }
}

