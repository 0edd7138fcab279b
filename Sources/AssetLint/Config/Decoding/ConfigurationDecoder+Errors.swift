import Yams

/// Reporting: errors at their line and column, with suggestions, and how values are described.
extension ConfigurationDecoder {
    func unknownKey(_ entry: Entry, section: String?, allowed: [String]) {
        let key = entry.key
        var message = section.map { "unknown key '\(key)' in '\($0)'" } ?? "unknown top-level key '\(key)'"
        if let alias = ConfigurationSchema.aliases[key.lowercased()], allowed.contains(alias) {
            message += "; did you mean '\(alias)'?"
        } else if let best = ConfigurationLoader.closestMatch(to: key, among: allowed) {
            message += "; did you mean '\(best)'?"
        } else if section == nil, let nested = nestedMatch(for: key) {
            message += "; did you mean '\(nested)'? (it belongs under '\(nested.split(separator: ".")[0]):')"
        } else {
            message += " (expected one of: \(allowed.joined(separator: ", ")))"
        }
        fail(entry.keyNode, message)
    }

    func nestedMatch(for key: String) -> String? {
        for (section, keys) in ConfigurationSchema.nested {
            if let best = ConfigurationLoader.closestMatch(to: key, among: keys) { return "\(section).\(best)" }
        }
        return nil
    }

    func suggestion(for value: String, among candidates: [String]) -> String {
        ConfigurationLoader.closestMatch(to: value, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    func typeMismatch(_ node: Node, _ keyPath: String, expected: String) {
        fail(node, "'\(keyPath)' must be \(expected), found \(describe(node))")
    }

    func report(yamlError error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            if character(at: mark) == "\t" {
                message += "; YAML does not allow tabs for indentation, use spaces"
            }
            fail(line: mark.line, column: mark.column, message)
        case .reader(let problem, let offset, _, _):
            let (line, column) = offset.map(position(ofCharacterOffset:)) ?? (1, 1)
            fail(line: line, column: column, "invalid YAML: \(problem)")
        default:
            fail(line: 1, column: 1, "invalid YAML: \(error)")
        }
    }

    /// The character at a 1-based line and scalar column of the text.
    func character(at mark: Mark) -> Unicode.Scalar? {
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars {
            if line == mark.line && column == mark.column { return scalar }
            if scalar == "\n" {
                if line == mark.line { return nil }
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }

    /// Line and scalar column of a `Character` offset (what Yams reports for reader errors).
    func position(ofCharacterOffset offset: Int) -> (Int, Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (line, column)
    }

    func position(_ mark: Mark?) -> String {
        guard let mark else { return "an earlier line" }
        return "line \(mark.line), column \(mark.column)"
    }

    func fail(_ node: Node, _ message: String) {
        let mark = node.mark
        fail(line: mark?.line ?? 1, column: mark?.column ?? 1, message)
    }

    func fail(line: Int, column: Int, _ message: String) {
        errors.append(ConfigurationError(path: path, line: line, column: column, message: message))
    }

    // MARK: Node descriptions

    enum ScalarType { case string, int, float, bool, null, timestamp, other }

    func scalarType(_ node: Node) -> ScalarType? {
        guard case .scalar = node else { return nil }
        switch node.tag.description {
        case Tag.Name.str.rawValue: return .string
        case Tag.Name.int.rawValue: return .int
        case Tag.Name.float.rawValue: return .float
        case Tag.Name.bool.rawValue: return .bool
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.timestamp.rawValue: return .timestamp
        default: return .other
        }
    }

    func isNull(_ node: Node) -> Bool { scalarType(node) == .null }

    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            switch scalarType(node) {
            case .int: return "the integer \(scalar.string)"
            case .float: return "the number \(scalar.string)"
            case .bool: return "the boolean \(scalar.string)"
            case .null: return "an empty value"
            case .timestamp: return "the date \(scalar.string)"
            default: return "the string \(quoted(scalar.string))"
            }
        }
    }

    func quoted(_ value: String) -> String {
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}
