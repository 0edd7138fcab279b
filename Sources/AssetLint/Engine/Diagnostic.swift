/// A half-open byte range `[offset, offset + length)` in a source file.
public struct ByteRange: Hashable, Sendable, Codable {
    public var offset: Int
    public var length: Int

    public init(offset: Int, length: Int) {
        self.offset = offset
        self.length = length
    }

    public init(start: Int, end: Int) {
        self.offset = start
        self.length = max(0, end - start)
    }

    public var end: Int { offset + length }
}

/// A second place a diagnostic points at, such as the first occurrence of a duplicate.
public struct RelatedLocation: Hashable, Sendable {
    public var message: String
    public var range: ByteRange

    public init(message: String, range: ByteRange) {
        self.message = message
        self.range = range
    }
}

/// One replacement of a byte range of the original file.
public struct TextEdit: Hashable, Sendable, Codable {
    public var range: ByteRange
    public var replacement: String

    public init(range: ByteRange, replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}

/// A proposed change that makes a diagnostic go away.
public struct Fix: Hashable, Sendable {
    public enum Applicability: String, Sendable, Codable {
        /// Keeps the meaning the user intended; `--fix` applies it.
        case safe
        /// May change what the file means; applied only with `--unsafe-fixes`.
        case unsafe
    }

    public var applicability: Applicability
    public var description: String
    public var edits: [TextEdit]

    public init(_ applicability: Applicability, _ description: String, edits: [TextEdit]) {
        self.applicability = applicability
        self.description = description
        self.edits = edits
    }
}

/// A finding of one rule at one place of one file.
public struct Diagnostic: Sendable {
    public var ruleID: String
    public var ruleName: String
    public var severity: Severity
    public var message: String
    public var range: ByteRange
    /// RFC 6901 JSON Pointer of the value the finding is about ("" for the whole document).
    public var pointer: String
    public var related: [RelatedLocation]
    public var fix: Fix?
    /// One short line of context the text output shows under the finding (where a requirement
    /// comes from and how to change it); not part of the message.
    public var note: String?

    public init(
        ruleID: String, ruleName: String, severity: Severity, message: String, range: ByteRange,
        pointer: String, related: [RelatedLocation] = [], fix: Fix? = nil, note: String? = nil
    ) {
        self.note = note
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.severity = severity
        self.message = message
        self.range = range
        self.pointer = pointer
        self.related = related
        self.fix = fix
    }

    /// The message, then the note on a line of its own: the finding's whole text for formats
    /// that carry one text per finding (SARIF, GitHub annotations, JUnit, the language server),
    /// which have no place of their own for the note.
    public var messageAndNote: String {
        guard let note else { return message }
        return message + "\n" + note
    }

    /// The order of a file's findings in every report: by offset, then rule, then message.
    public static func precedes(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.range.offset, a.ruleID, a.message) < (b.range.offset, b.ruleID, b.message)
    }
}

/// Findings of one rule and severity in one file that were counted but not kept (see
/// `LintOptions.keepPerRule`).
public struct OmittedFindings: Sendable, Equatable {
    public var ruleID: String
    public var ruleName: String
    public var severity: Severity
    public var count: Int
    /// How many of them have a fix, and how many of those a safe one.
    public var fixable: Int
    public var safelyFixable: Int

    public init(ruleID: String, ruleName: String, severity: Severity, count: Int = 0, fixable: Int = 0, safelyFixable: Int = 0) {
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.severity = severity
        self.count = count
        self.fixable = fixable
        self.safelyFixable = safelyFixable
    }
}
