/// `github`: GitHub Actions workflow commands, one per diagnostic, which the runner turns into
/// annotations on the pull request:
///
/// ```
/// ::error file=assets.json,line=3,col=14,endLine=3,endColumn=15,title=U204 url-plus-in-path::message
/// ```
///
/// The message is the finding's message, then its note on a second line (`%0A`): what is wrong,
/// then why and how to change it. `error`, `warning`, and `notice` for info. A file that could not be read gives
/// `::error file=PATH,title=assetlint::PATH could not be read: reason`.
/// Escaping is GitHub's: in the message `%` → `%25`, CR → `%0D`, LF → `%0A`; in property values
/// also `:` → `%3A` and `,` → `%2C`. Other control characters, which the runner would print
/// raw into the log, become `<U+XXXX>`.
public struct GitHubReporter: PiecewiseReporter {
    public init() {}

    func write(_ run: LintRun, into output: inout ReportPieces) {
        for file in run.files {
            if let failure = file.failure {
                output.append("::error file=\(Self.property(file.path)),title=assetlint::")
                output.append(Self.message("\(file.path) could not be read: \(failure)") + "\n")
                continue
            }
            let locator = ReportLocator(report: file)
            let path = Self.property(file.path)
            file.forEachFinding { diagnostic in
                let span = locator.span(diagnostic.range)
                let command: String
                switch diagnostic.severity {
                case .error: command = "error"
                case .warning: command = "warning"
                case .info: command = "notice"
                }
                output.append("::\(command) file=\(path),line=\(span.start.line),col=\(span.start.column)"
                    + ",endLine=\(span.end.line),endColumn=\(span.end.column)"
                    + ",title=\(Self.property("\(diagnostic.ruleID) \(diagnostic.ruleName)"))"
                    + "::\(Self.message(diagnostic.message))")
                // The note's line break written as GitHub's escape, the two texts escaped apart:
                // each is nearly always printable ASCII, kept as is.
                if let note = diagnostic.note { output.append("%0A" + Self.message(note)) }
                output.append("\n")
            }
        }
    }

    /// Escapes a message (the text after `::`).
    static func message(_ text: String) -> String {
        escape(text, property: false)
    }

    /// Escapes a property value (`file=`, `title=`).
    static func property(_ text: String) -> String {
        escape(text, property: true)
    }

    private static func escape(_ text: String, property: Bool) -> String {
        // Printable ASCII without the escaped characters (nearly every message) is kept as is.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x25 && !(property && ($0 == 0x3A || $0 == 0x2C)) }) {
            return text
        }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            case ":" where property: result += "%3A"
            case "," where property: result += "%2C"
            default:
                if scalar != "\t", ReportTerminal.needsPlaceholder(scalar), scalar.value < 0xA0 {
                    result += ReportTerminal.placeholder(scalar)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
