/// ANSI styling for the terminal formats; every method returns its input unchanged when colour is off.
struct ReportStyle {
    var enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    private static let reset = "\u{1B}[0m"

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m" + text + Self.reset : text
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func red(_ text: String) -> String { wrap(text, "1;31") }
    func yellow(_ text: String) -> String { wrap(text, "1;33") }
    func blue(_ text: String) -> String { wrap(text, "1;34") }
    func cyan(_ text: String) -> String { wrap(text, "36") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func green(_ text: String) -> String { wrap(text, "1;32") }

    /// Red for errors, yellow for warnings, blue for infos.
    func severity(_ severity: Severity, _ text: String) -> String {
        switch severity {
        case .error: red(text)
        case .warning: yellow(text)
        case .info: blue(text)
        }
    }
}

/// Makes arbitrary text safe to print on a terminal line: characters that are invisible, move
/// the cursor, reorder the line (bidi controls) or start escape sequences are replaced by a
/// visible `<U+XXXX>` placeholder, so a hostile externalId can neither hide itself nor repaint
/// the terminal.
enum ReportTerminal {
    /// Whether `scalar` must not reach a terminal as is.
    static func needsPlaceholder(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1
        case 0x061C, 0x180E: return true  // Arabic letter mark, Mongolian vowel separator
        case 0x200B...0x200F: return true  // zero-width space/joiners, LRM, RLM
        case 0x2028, 0x2029: return true  // line and paragraph separators
        case 0x202A...0x202E: return true  // bidi embeddings and overrides
        case 0x2060...0x2064, 0x2066...0x206F: return true  // word joiner, invisible operators, bidi isolates
        case 0xFEFF: return true  // byte-order mark / zero-width no-break space
        case 0xFFF9...0xFFFB: return true  // interlinear annotation controls
        case 0xE0000...0xE007F: return true  // tag characters
        default: return false
        }
    }

    static func placeholder(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    /// `text` with every unsafe character (tabs and newlines included) replaced by its placeholder.
    static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsPlaceholder) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if needsPlaceholder(scalar) {
                result += placeholder(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Terminal cells a (safe) scalar takes: 0 for combining marks, 2 for East Asian wide and
    /// emoji ranges, 1 otherwise. An approximation of `wcwidth` that keeps carets aligned under
    /// NFD file names and CJK text.
    static func width(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        default: break
        }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width($1) }
    }
}
