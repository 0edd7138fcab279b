/// XML 1.0 escaping for the JUnit report.
enum ReportXML {
    /// Whether XML 1.0 allows `scalar` in a document at all (`Char` production): tab, LF, CR,
    /// U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. (Surrogates cannot occur in a Swift string.)
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The visible stand-in for a character XML cannot carry: `\u001B`, `\uFFFE`.
    static func placeholder(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Character data: `& < > " '` as entities, CR as `&#13;` (a raw CR would be read back as LF),
    /// forbidden characters as placeholders. Tabs and newlines stay.
    static func text(_ value: String) -> String {
        escape(value, attribute: false)
    }

    /// An attribute value (for double quotes): like `text`, and tab, LF and CR as character
    /// references so attribute-value normalisation does not turn them into spaces.
    static func attribute(_ value: String) -> String {
        escape(value, attribute: true)
    }

    private static func escape(_ value: String, attribute: Bool) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\r": result += "&#13;"
            case "\n" where attribute: result += "&#10;"
            case "\t" where attribute: result += "&#9;"
            default:
                if isAllowed(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += placeholder(scalar)
                }
            }
        }
        return result
    }
}
