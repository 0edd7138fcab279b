/// A validation error of the URL Standard, located in the parsed input.
///
/// `offset` and `length` are UTF-8 byte positions in the string given to ``URLParser/parse(_:)``
/// (before C0-control/space trimming and tab/newline removal), so a rule can underline the
/// exact code point or component that caused it.
public struct URLValidationError: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        // IDNA
        case domainToASCII = "domain-to-ASCII"
        case domainInvalidCodePoint = "domain-invalid-code-point"
        // Host parsing
        case hostInvalidCodePoint = "host-invalid-code-point"
        case ipv4EmptyPart = "IPv4-empty-part"
        case ipv4TooManyParts = "IPv4-too-many-parts"
        case ipv4NonNumericPart = "IPv4-non-numeric-part"
        case ipv4NonDecimalPart = "IPv4-non-decimal-part"
        case ipv4OutOfRangePart = "IPv4-out-of-range-part"
        case ipv6Unclosed = "IPv6-unclosed"
        case ipv6InvalidCompression = "IPv6-invalid-compression"
        case ipv6TooManyPieces = "IPv6-too-many-pieces"
        case ipv6MultipleCompression = "IPv6-multiple-compression"
        case ipv6InvalidCodePoint = "IPv6-invalid-code-point"
        case ipv6TooFewPieces = "IPv6-too-few-pieces"
        case ipv4InIPv6TooManyPieces = "IPv4-in-IPv6-too-many-pieces"
        case ipv4InIPv6InvalidCodePoint = "IPv4-in-IPv6-invalid-code-point"
        case ipv4InIPv6OutOfRangePart = "IPv4-in-IPv6-out-of-range-part"
        case ipv4InIPv6TooFewParts = "IPv4-in-IPv6-too-few-parts"
        // URL parsing
        case invalidURLUnit = "invalid-URL-unit"
        case specialSchemeMissingFollowingSolidus = "special-scheme-missing-following-solidus"
        case missingSchemeNonRelativeURL = "missing-scheme-non-relative-URL"
        case invalidReverseSolidus = "invalid-reverse-solidus"
        case invalidCredentials = "invalid-credentials"
        case hostMissing = "host-missing"
        case portOutOfRange = "port-out-of-range"
        case portInvalid = "port-invalid"
        case fileInvalidWindowsDriveLetter = "file-invalid-Windows-drive-letter"
        case fileInvalidWindowsDriveLetterHost = "file-invalid-Windows-drive-letter-host"

        /// The standard's name for the error, e.g. `invalid-URL-unit`.
        public var name: String { rawValue }

        /// One line saying what the error means, paraphrasing the standard's table.
        public var summary: String {
            switch self {
            case .domainToASCII: return "the host is not a valid internationalized domain name (UTS #46 ToASCII failed)"
            case .domainInvalidCodePoint: return "the host contains a code point that is forbidden in a domain"
            case .hostInvalidCodePoint: return "the host contains a code point that is forbidden in a host"
            case .ipv4EmptyPart: return "the IPv4 address ends with a dot"
            case .ipv4TooManyParts: return "the IPv4 address has more than four parts"
            case .ipv4NonNumericPart: return "an IPv4 address part is not a number"
            case .ipv4NonDecimalPart: return "the IPv4 address uses hexadecimal or octal numbers"
            case .ipv4OutOfRangePart: return "an IPv4 address part exceeds 255"
            case .ipv6Unclosed: return "the IPv6 address is missing its closing ']'"
            case .ipv6InvalidCompression: return "the IPv6 address begins with a single ':'"
            case .ipv6TooManyPieces: return "the IPv6 address has more than eight pieces"
            case .ipv6MultipleCompression: return "the IPv6 address uses '::' more than once"
            case .ipv6InvalidCodePoint: return "the IPv6 address contains an invalid code point or ends unexpectedly"
            case .ipv6TooFewPieces: return "the uncompressed IPv6 address has fewer than eight pieces"
            case .ipv4InIPv6TooManyPieces: return "the IPv6 address has too many pieces before its embedded IPv4 address"
            case .ipv4InIPv6InvalidCodePoint: return "the IPv4 address embedded in the IPv6 address is malformed"
            case .ipv4InIPv6OutOfRangePart: return "a part of the IPv4 address embedded in the IPv6 address exceeds 255"
            case .ipv4InIPv6TooFewParts: return "the IPv4 address embedded in the IPv6 address has too few parts"
            case .invalidURLUnit: return "a code point that may not appear in a URL unencoded, or a '%' not followed by two hex digits"
            case .specialSchemeMissingFollowingSolidus: return "the scheme is not followed by '//'"
            case .missingSchemeNonRelativeURL: return "the URL has no scheme"
            case .invalidReverseSolidus: return "a '\\' is used where '/' is meant"
            case .invalidCredentials: return "the URL includes a user name or password"
            case .hostMissing: return "the URL has no host"
            case .portOutOfRange: return "the port is greater than 65535"
            case .portInvalid: return "the port is not a number"
            case .fileInvalidWindowsDriveLetter: return "a relative file URL starts with a Windows drive letter"
            case .fileInvalidWindowsDriveLetterHost: return "the host of a file URL is a Windows drive letter"
            }
        }
    }

    public var kind: Kind
    /// UTF-8 byte offset in the original input.
    public var offset: Int
    /// UTF-8 byte length in the original input (0 at the end of the input).
    public var length: Int
    /// For `domain-to-ASCII`: the ICU `UIDNA_ERROR_*` bits that caused it; 0 otherwise.
    public var idnaErrors: UInt32

    public init(kind: Kind, offset: Int, length: Int, idnaErrors: UInt32 = 0) {
        self.kind = kind
        self.offset = offset
        self.length = length
        self.idnaErrors = idnaErrors
    }

    public var description: String { "\(kind.name) at \(offset)" }
}
