/// Turns a rule off for one file by adding an `overrides` entry to the text of an `.assetlint.yml`:
/// what the language server's "disable for this file" action writes. Only text this can extend
/// safely gets an insertion (a block-style `overrides` list at the top level, or none yet); the
/// caller validates the result before offering it.
public enum ConfigurationOverrideText {
    public struct Insertion: Sendable, Equatable {
        /// A UTF-8 byte offset into the configuration text.
        public var offset: Int
        public var text: String
    }

    /// A glob that matches `relativePath` (relative to the configuration's folder) and nothing
    /// else: anchored with a leading `/`, its wildcard and class characters escaped.
    public static func glob(matching relativePath: String) -> String {
        var glob = "/"
        for character in relativePath {
            if "*?[]\\{}!".contains(character) { glob.append("\\") }
            glob.append(character)
        }
        return glob
    }

    /// What to insert into `yaml` (nil: a new file) so an `overrides` entry ignores `ruleID` for
    /// `relativePath`; nil when the text's `overrides` is not a block list at the top level
    /// (`overrides: []`, a flow list, a scalar).
    public static func insertion(ignoring ruleID: String, forRelativePath relativePath: String, in yaml: String?) -> Insertion? {
        var quoted: [UInt8] = []
        JSONQuoting.append(glob(matching: relativePath), to: &quoted)
        let files = String(decoding: quoted, as: UTF8.self)
        func entry(_ indent: String) -> String {
            "\(indent)- files: [\(files)]\n\(indent)  ignore: [\(ruleID)]\n"
        }
        guard let yaml else { return Insertion(offset: 0, text: "overrides:\n" + entry("  ")) }
        let lines = Self.lines(yaml)
        guard let keyLine = lines.firstIndex(where: { isTopLevelKey($0.text, "overrides") }) else {
            let separator = yaml.isEmpty || yaml.hasSuffix("\n") ? "" : "\n"
            return Insertion(offset: yaml.utf8.count, text: separator + "overrides:\n" + entry("  "))
        }
        // `overrides:` must end its line (a comment aside): anything else is a flow list or a scalar.
        let afterColon = lines[keyLine].text.drop { $0 != ":" }.dropFirst()
        let value = afterColon.prefix { $0 != "#" }
        guard value.allSatisfy({ $0 == " " || $0 == "\t" }) else { return nil }
        // The block: the lines after the key up to the next top-level key.
        var indent: String?
        var lastContent = keyLine
        for index in (keyLine + 1)..<lines.count {
            let text = lines[index].text
            let trimmed = text.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if text.first != " ", text.first != "-" { break }
            if indent == nil {
                guard trimmed.hasPrefix("-") else { return nil }
                indent = String(text.prefix { $0 == " " })
            }
            lastContent = index
        }
        let line = lines[lastContent]
        let newline = line.hasNewline ? "" : "\n"
        return Insertion(offset: line.end, text: newline + entry(indent ?? "  "))
    }

    private static func isTopLevelKey(_ line: Substring, _ key: String) -> Bool {
        guard line.hasPrefix(key) else { return false }
        return line.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }.first == ":"
    }

    /// The lines of `text` (without terminators), each with the byte offset after its terminator.
    /// Split on bytes: a `\r\n` is one `Character` to Swift.
    private static func lines(_ text: String) -> [(text: Substring, end: Int, hasNewline: Bool)] {
        var result: [(Substring, Int, Bool)] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            var end = newline ?? bytes.count
            let after = newline.map { $0 + 1 } ?? bytes.count
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            result.append((Substring(String(decoding: bytes[start..<end], as: UTF8.self)), after, newline != nil))
            start = after
        }
        return result
    }
}
