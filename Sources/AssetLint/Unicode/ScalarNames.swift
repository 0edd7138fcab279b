/// Readable names of scalars for messages: `U+0301 COMBINING ACUTE ACCENT`.
enum ScalarNames {
    static func describe(_ value: UInt32) -> String {
        let code = "U+" + Hex.string(value, minimumDigits: 4)
        guard let scalar = Unicode.Scalar(value) else { return code }
        if let name = scalar.properties.name ?? scalar.properties.nameAlias { return "\(code) \(name)" }
        return code
    }

    /// `text` for a message: quoted, with invisible and control characters shown as `\u{…}`.
    static func quoted(_ text: String, limit: Int = 120) -> String {
        // Printable ASCII without quotes or backslashes, short enough: as it is.
        if text.utf8.count <= limit, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            return "\"" + text + "\""
        }
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out += "…"
                break
            }
            count += 1
            if isVisible(scalar) {
                if scalar == "\"" || scalar == "\\" { out += "\\" }
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{" + Hex.string(scalar.value, minimumDigits: 4) + "}"
            }
        }
        return out + "\""
    }

    static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x20 || (0x7F...0xA0).contains(scalar.value) { return false }
        if scalar.value < 0x7F { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return !scalar.properties.isDefaultIgnorableCodePoint
        }
    }
}
