/// Recognition of presigned and SAS URLs by their query parameters (U211), of the credentials a
/// query may carry besides a signature (U218), and the parameters whose values are secrets that
/// no output may show.
enum SignedURL {
    enum Scheme: String {
        case s3V4 = "an S3 presigned URL (Signature Version 4)"
        case s3V2 = "an S3 presigned URL (Signature Version 2)"
        case gcsV4 = "a GCS signed URL (V4)"
        case gcsV2 = "a GCS signed URL (V2)"
        case azureSAS = "an Azure shared access signature (SAS) URL"
        case cloudFront = "a CloudFront signed URL"
    }

    struct Signature {
        var scheme: Scheme
        /// When it stops working, as `2024-05-01 12:00:00 UTC`, when the query says.
        var expiry: String?
    }

    struct Parameter {
        var name: String
        var value: String
    }

    /// Query parameters whose values must never be printed: signatures, session and access tokens.
    /// `SecretScanner` redacts them from excerpts and withholds diffs that would show them; URL
    /// messages and `assetlint url` print `REDACTED` instead.
    static let secretParameterNames: [String] = [
        "x-amz-signature", "x-amz-security-token", "x-goog-signature", "signature", "sig", "policy", "access_token",
    ]

    /// Parameters whose values must not be printed.
    static func isSecretParameter(_ name: String) -> Bool {
        secretParameterNames.contains(name.lowercased())
    }

    /// A credential in a query: more than a signature that opens one object for reading (U218).
    struct Credential: Equatable {
        enum Kind: Equatable {
            /// `X-Amz-Security-Token`: the session token of temporary AWS credentials.
            case awsSessionToken
            /// `access_token`: an OAuth 2.0 bearer token.
            case oauthAccessToken
            /// `ss` and `srt`: an Azure account SAS, signed with the account key.
            case azureAccountSAS
            /// `sr=c` or `sr=d`: an Azure SAS for a container or a directory.
            case azureWiderResource(String)
            /// `sp` with a permission other than read.
            case azureMoreThanRead(String)

            var phrase: String {
                switch self {
                case .awsSessionToken: "an AWS session token (X-Amz-Security-Token)"
                case .oauthAccessToken: "an OAuth access token (access_token)"
                case .azureAccountSAS: "an Azure account SAS (ss, srt), which opens the storage account"
                case .azureWiderResource(let resource): "an Azure SAS for a whole \(resource == "d" ? "directory" : "container") (sr=\(resource))"
                case .azureMoreThanRead(let permissions): "an Azure SAS that allows more than reading (sp=\(permissions))"
                }
            }
        }

        var kind: Kind
        /// The UTF-8 offsets in the query of the parameter (`name=value`) that carries it.
        var parameter: Range<Int>
    }

    /// The credential a query carries, if any.
    static func credential(query: String) -> Credential? {
        let parts = offsetParameters(query)
        func first(_ name: String) -> (value: String, range: Range<Int>)? {
            parts.first { $0.name == name }.map { ($0.value, $0.range) }
        }
        if let token = first("x-amz-security-token"), !token.value.isEmpty { return Credential(kind: .awsSessionToken, parameter: token.range) }
        if let token = first("access_token"), !token.value.isEmpty { return Credential(kind: .oauthAccessToken, parameter: token.range) }
        guard first("sig") != nil, isAzureSAS(has: { first($0) != nil }) else { return nil }
        if let services = first("ss"), first("srt") != nil { return Credential(kind: .azureAccountSAS, parameter: services.range) }
        if let resource = first("sr") {
            let value = decoded(resource.value)
            if value == "c" || value == "d" { return Credential(kind: .azureWiderResource(value), parameter: resource.range) }
        }
        if let permissions = first("sp") {
            let value = decoded(permissions.value)
            if value.contains(where: { $0 != "r" }) { return Credential(kind: .azureMoreThanRead(value), parameter: permissions.range) }
        }
        return nil
    }

    /// Whether a query with `sig` is an Azure SAS: it also has one of the SAS's own fields.
    static func isAzureSAS(has: (String) -> Bool) -> Bool {
        has("sv") || has("se") || has("sp") || has("sr")
    }

    /// The parameters of `query` with lower-case names and where each is (UTF-8 offsets).
    private static func offsetParameters(_ query: String) -> [(name: String, value: String, range: Range<Int>)] {
        let bytes = Array(query.utf8)
        var parts: [(name: String, value: String, range: Range<Int>)] = []
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.count
            let part = bytes[start..<end]
            let equals = part.firstIndex(of: UInt8(ascii: "="))
            let name = String(decoding: part[..<(equals ?? end)], as: UTF8.self).lowercased()
            let value = equals.map { String(decoding: part[($0 + 1)...], as: UTF8.self) } ?? ""
            parts.append((name, value, start..<end))
            start = end + 1
        }
        return parts
    }

    private static func decoded(_ value: String) -> String {
        String(decoding: PercentDecoding.decode(Array(value.utf8)), as: UTF8.self)
    }

    static func parameters(_ query: String) -> [Parameter] {
        query.split(separator: "&").map { part in
            guard let equals = part.firstIndex(of: "=") else { return Parameter(name: String(part), value: "") }
            return Parameter(name: String(part[..<equals]), value: String(part[part.index(after: equals)...]))
        }
    }

    /// The signature scheme of a query, nil when it is not a signed URL.
    static func detect(query: String) -> Signature? {
        let parameters = parameters(query)
        var byName: [String: String] = [:]
        for parameter in parameters { byName[parameter.name.lowercased()] = parameter.value }
        func has(_ name: String) -> Bool { byName[name] != nil }
        if has("x-amz-signature") {
            return Signature(scheme: .s3V4, expiry: iso(byName["x-amz-date"], plus: byName["x-amz-expires"]))
        }
        if has("x-goog-signature") {
            return Signature(scheme: .gcsV4, expiry: iso(byName["x-goog-date"], plus: byName["x-goog-expires"]))
        }
        if has("signature"), has("googleaccessid") {
            return Signature(scheme: .gcsV2, expiry: epoch(byName["expires"]))
        }
        if has("signature"), has("awsaccesskeyid") {
            return Signature(scheme: .s3V2, expiry: epoch(byName["expires"]))
        }
        if has("signature"), has("key-pair-id") {
            return Signature(scheme: .cloudFront, expiry: epoch(byName["expires"]))
        }
        if has("sig"), isAzureSAS(has: has) {
            return Signature(scheme: .azureSAS, expiry: byName["se"].flatMap(azureTime))
        }
        return nil
    }

    // MARK: - Times, without Foundation

    /// `20240501T120000Z` plus a number of seconds.
    private static func iso(_ start: String?, plus seconds: String?) -> String? {
        guard let start, let seconds = seconds.flatMap({ Int($0) }) else { return nil }
        let digits = Array(start.utf8)
        guard digits.count == 16, digits[8] == UInt8(ascii: "T"), digits[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: digits[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15) else { return nil }
        let epoch = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
        return format(epoch + seconds)
    }

    private static func epoch(_ value: String?) -> String? {
        guard let value, let seconds = Int(value) else { return nil }
        return format(seconds)
    }

    /// Azure's `se=2024-05-01T12:00:00Z` (colons usually percent-encoded).
    private static func azureTime(_ value: String) -> String? {
        let decoded = String(decoding: PercentDecoding.decode(Array(value.utf8)), as: UTF8.self)
        let parts = Array(decoded.utf8)
        guard parts.count >= 10 else { return nil }
        if parts.count >= 19 {
            return String(decoding: parts[0..<10], as: UTF8.self) + " " + String(decoding: parts[11..<19], as: UTF8.self) + " UTC"
        }
        return String(decoding: parts[0..<10], as: UTF8.self)
    }

    static func format(_ epoch: Int) -> String {
        let days = Int((Double(epoch) / 86400).rounded(.down))
        let secondsOfDay = epoch - days * 86400
        let (year, month, day) = civilFromDays(days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60)) UTC"
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
