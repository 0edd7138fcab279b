/// A path pattern with gitignore-like semantics, compiled once and matched against paths relative
/// to the configuration's folder (`/`-separated).
///
/// - `*` matches any run of characters within one path segment (never `/`), `?` one character,
///   `[abc]`, `[a-z]`, `[!a]` (or `[^a]`) and `[[:digit:]]`-style classes one character from a set;
///   `\` escapes the next character.
/// - `**` as a whole segment matches any number of segments, including none: `assets/**/*.json`
///   matches `assets/a.json` and `assets/x/y/a.json`. Elsewhere (`a**b`) it is a plain `*`.
/// - A pattern without a `/` (other than a trailing one) matches at any depth: `*.json` matches
///   `a/b/c.json`. A pattern with a `/` at its start or in its middle is anchored at the
///   configuration's folder; a leading `/` or `./` only anchors.
/// - A pattern that matches a folder matches everything below it: `node_modules/**`, `node_modules/`
///   and `node_modules` all match `node_modules/x/y.json`. A trailing `/**` or `/` needs at least one
///   segment below the folder.
///
/// Characters are compared as Unicode scalars, case-sensitively and without normalisation
/// (object keys and file names are byte-exact). Matching simulates the segment automaton over all
/// states at once and matches each segment with a single-backtrack-point wildcard matcher, so it
/// takes O(path length × pattern length) time whatever the pattern.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    private let segments: [Segment]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.segments = Glob.compile(pattern)
    }

    public var description: String { pattern }

    /// Why `pattern` is not a usable glob, or nil when it is. `init` never fails: it reads a
    /// malformed class (`[a-`) literally; the configuration loader reports these instead.
    public static func syntaxError(in pattern: String) -> String? {
        if pattern.isEmpty { return "the pattern is empty" }
        if pattern.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" }) { return "the pattern is blank" }
        if pattern.hasPrefix("!") {
            return "negated patterns ('!…') are not supported; list only what should match"
        }
        var body = Substring(pattern)
        while body.hasPrefix("./") { body = body.dropFirst(2) }
        for segment in body.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == ".." {
                return "'..' cannot be used: patterns are relative to the configuration file's folder"
            }
            let scalars = Array(segment.unicodeScalars)
            var index = 0
            while index < scalars.count {
                switch scalars[index] {
                case "\\":
                    if index + 1 >= scalars.count { return "a '\\' at the end of a segment escapes nothing" }
                    index += 2
                case "[":
                    switch parseClass(scalars, at: index) {
                    case .success(let parsed): index = parsed.next
                    case .failure(let problem): return problem.message
                    }
                default:
                    index += 1
                }
            }
        }
        return nil
    }

    /// Whether `relativePath` (relative to the configuration's folder, `/`-separated) or one of the
    /// folders it lies in matches the pattern.
    public func matches(_ relativePath: String) -> Bool {
        let path = Glob.splitPath(relativePath)
        guard !path.isEmpty, !segments.isEmpty else { return false }
        let stateCount = segments.count + 1
        var current = [Bool](repeating: false, count: stateCount)
        var next = [Bool](repeating: false, count: stateCount)
        current[0] = true
        closeOverAnyDepth(&current)
        for name in path {
            for state in 0..<stateCount { next[state] = false }
            var anyActive = false
            for state in 0..<segments.count where current[state] {
                switch segments[state] {
                case .anyDepth:
                    next[state] = true
                    anyActive = true
                case let matcher:
                    if matcher.matches(name) {
                        next[state + 1] = true
                        anyActive = true
                    }
                }
            }
            guard anyActive else { return false }
            closeOverAnyDepth(&next)
            // Matching a prefix of the path means matching a folder the file lies in.
            if next[segments.count] { return true }
            swap(&current, &next)
        }
        return false
    }

    /// Whether the pattern matches every file that could lie in `relativeFolder` (so a folder walk
    /// may skip it): `node_modules/**`, `node_modules/` and `node_modules` cover the folder
    /// `node_modules`; `node_modules/*.json` does not.
    public func matchesEverything(inFolder relativeFolder: String) -> Bool {
        let path = Glob.splitPath(relativeFolder)
        guard !segments.isEmpty else { return false }
        let stateCount = segments.count + 1
        var current = [Bool](repeating: false, count: stateCount)
        current[0] = true
        closeOverAnyDepth(&current)
        for name in path {
            var next = [Bool](repeating: false, count: stateCount)
            for state in 0..<segments.count where current[state] {
                if segments[state] == .anyDepth {
                    next[state] = true
                } else if segments[state].matches(name) {
                    next[state + 1] = true
                }
            }
            closeOverAnyDepth(&next)
            if next[segments.count] { return true }  // the folder itself, or one it lies in, matches
            current = next
        }
        // Any name directly inside the folder completes the match.
        for state in 0..<segments.count where current[state] && state + 1 == segments.count {
            if segments[state] == .wildcard([.star]) { return true }
        }
        return false
    }

    // MARK: - Compiled form

    private enum Segment: Sendable, Hashable {
        /// `**`: zero or more whole segments.
        case anyDepth
        /// A segment without wildcards, compared scalar by scalar.
        case literal([Unicode.Scalar])
        /// A segment with `*`, `?` or classes.
        case wildcard([Token])

        func matches(_ name: [Unicode.Scalar]) -> Bool {
            switch self {
            case .anyDepth: return true
            case .literal(let scalars): return scalars == name
            case .wildcard(let tokens): return Glob.match(tokens, name)
            }
        }
    }

    private enum Token: Sendable, Hashable {
        case scalar(Unicode.Scalar)
        case anyScalar
        case star
        case set(ScalarSet)

        func matches(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .scalar(let expected): return expected == scalar
            case .anyScalar: return true
            case .star: return false
            case .set(let set): return set.contains(scalar)
            }
        }
    }

    fileprivate struct ScalarSet: Sendable, Hashable {
        var negated = false
        var ranges: [ClosedRange<UInt32>] = []
        var named: [NamedClass] = []

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            var found = ranges.contains { $0.contains(value) }
            if !found { found = named.contains { $0.contains(scalar) } }
            return found != negated
        }
    }

    fileprivate enum NamedClass: String, Sendable, Hashable, CaseIterable {
        case alpha, digit, alnum, upper, lower, space, xdigit, punct

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            let properties = scalar.properties
            switch self {
            case .alpha: return properties.isAlphabetic
            case .digit: return ("0"..."9").contains(scalar)
            case .alnum: return properties.isAlphabetic || ("0"..."9").contains(scalar)
            case .upper: return properties.isUppercase
            case .lower: return properties.isLowercase
            case .space: return properties.isWhitespace
            case .xdigit:
                return ("0"..."9").contains(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
            case .punct: return scalar.isASCII && properties.isPunctuationOrSymbolASCII
            }
        }
    }

    private struct ParsedClass {
        var set: ScalarSet
        /// Index just after the closing `]`.
        var next: Int
    }

    private struct ClassProblem: Error {
        var message: String
    }

    /// Parses the class starting at `scalars[start] == "["`.
    private static func parseClass(_ scalars: [Unicode.Scalar], at start: Int) -> Result<ParsedClass, ClassProblem> {
        var set = ScalarSet()
        var index = start + 1
        if index < scalars.count, scalars[index] == "!" || scalars[index] == "^" {
            set.negated = true
            index += 1
        }
        var first = true
        while index < scalars.count {
            var scalar = scalars[index]
            if scalar == "]" && !first {
                return .success(ParsedClass(set: set, next: index + 1))
            }
            first = false
            if scalar == "[", index + 1 < scalars.count, scalars[index + 1] == ":" {
                // [:name:]
                var end = index + 2
                while end + 1 < scalars.count, !(scalars[end] == ":" && scalars[end + 1] == "]") { end += 1 }
                guard end + 1 < scalars.count else {
                    return .failure(ClassProblem(message: "unterminated character class name '[:'"))
                }
                let name = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
                guard let named = NamedClass(rawValue: name) else {
                    let known = NamedClass.allCases.map { "[:\($0.rawValue):]" }.joined(separator: ", ")
                    return .failure(ClassProblem(message: "unknown character class '[:\(name):]'; known: \(known)"))
                }
                set.named.append(named)
                index = end + 2
                continue
            }
            if scalar == "\\" {
                guard index + 1 < scalars.count else { break }
                index += 1
                scalar = scalars[index]
            }
            index += 1
            // A range `a-z` (a `-` first or last is literal).
            if index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] != "]" {
                var upper = scalars[index + 1]
                var after = index + 2
                if upper == "\\" {
                    guard index + 2 < scalars.count else { break }
                    upper = scalars[index + 2]
                    after = index + 3
                }
                guard scalar.value <= upper.value else {
                    return .failure(ClassProblem(message: "invalid range '\(scalar)-\(upper)' in a character class"))
                }
                set.ranges.append(scalar.value...upper.value)
                index = after
            } else {
                set.ranges.append(scalar.value...scalar.value)
            }
        }
        return .failure(ClassProblem(message: "unterminated character class: '[' needs a closing ']' (write '\\[' for a literal bracket)"))
    }

    private static func compile(_ pattern: String) -> [Segment] {
        var body = Substring(pattern)
        var anchored = false
        while body.hasPrefix("./") {
            body = body.dropFirst(2)
            anchored = true
        }
        if body.hasPrefix("/") {
            anchored = true
            body = body.drop(while: { $0 == "/" })
        }
        var folderOnly = false
        if body.hasSuffix("/") {
            folderOnly = true
            while body.hasSuffix("/") { body = body.dropLast() }
        }
        let parts = body.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        if parts.count > 1 { anchored = true }
        guard !parts.isEmpty else { return [] }

        var segments: [Segment] = []
        if !anchored { segments.append(.anyDepth) }
        for part in parts {
            let segment = part == "**" ? Segment.anyDepth : compileSegment(Array(part.unicodeScalars))
            if segment == .anyDepth, segments.last == .anyDepth { continue }
            segments.append(segment)
        }
        // A trailing `**` or `/` means "everything inside": at least one more segment.
        if segments.last == .anyDepth {
            segments[segments.count - 1] = .wildcard([.star])
        } else if folderOnly {
            segments.append(.wildcard([.star]))
        }
        return segments
    }

    private static func compileSegment(_ scalars: [Unicode.Scalar]) -> Segment {
        var tokens: [Token] = []
        var index = 0
        var hasWildcard = false
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "*":
                if tokens.last != .star { tokens.append(.star) }
                hasWildcard = true
                index += 1
            case "?":
                tokens.append(.anyScalar)
                hasWildcard = true
                index += 1
            case "\\" where index + 1 < scalars.count:
                tokens.append(.scalar(scalars[index + 1]))
                index += 2
            case "[":
                if case .success(let parsed) = parseClass(scalars, at: index) {
                    tokens.append(.set(parsed.set))
                    hasWildcard = true
                    index = parsed.next
                } else {
                    tokens.append(.scalar("["))
                    index += 1
                }
            default:
                tokens.append(.scalar(scalar))
                index += 1
            }
        }
        if hasWildcard { return .wildcard(tokens) }
        return .literal(tokens.map { if case .scalar(let scalar) = $0 { scalar } else { "?" } })
    }

    /// Wildcard matching within one segment: every token but `*` consumes exactly one scalar, so
    /// remembering only the latest `*` is enough and the cost is O(name × tokens).
    private static func match(_ tokens: [Token], _ name: [Unicode.Scalar]) -> Bool {
        var nameIndex = 0
        var tokenIndex = 0
        var starToken = -1
        var starName = 0
        while nameIndex < name.count {
            if tokenIndex < tokens.count, tokens[tokenIndex] == .star {
                starToken = tokenIndex
                starName = nameIndex
                tokenIndex += 1
            } else if tokenIndex < tokens.count, tokens[tokenIndex].matches(name[nameIndex]) {
                tokenIndex += 1
                nameIndex += 1
            } else if starToken >= 0 {
                tokenIndex = starToken + 1
                starName += 1
                nameIndex = starName
            } else {
                return false
            }
        }
        while tokenIndex < tokens.count, tokens[tokenIndex] == .star { tokenIndex += 1 }
        return tokenIndex == tokens.count
    }

    private func closeOverAnyDepth(_ states: inout [Bool]) {
        for state in 0..<segments.count where states[state] && segments[state] == .anyDepth {
            states[state + 1] = true
        }
    }

    /// The segments of a relative path, without empty and `.` segments.
    static func splitPath(_ path: String) -> [[Unicode.Scalar]] {
        var result: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in path.unicodeScalars {
            if scalar == "/" {
                if !current.isEmpty && current != ["."] { result.append(current) }
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty && current != ["."] { result.append(current) }
        return result
    }
}

extension Unicode.Scalar.Properties {
    fileprivate var isPunctuationOrSymbolASCII: Bool {
        switch generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
