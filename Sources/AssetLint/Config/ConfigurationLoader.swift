import Foundation

/// Finds, reads and validates `.assetlint.yml`.
///
/// The file is composed with Yams into nodes that keep their position, so every problem is
/// reported at the line and column of the offending key or value. Validation does not stop at the
/// first problem: `validate` returns all of them in file order, `load` throws the first.
public enum ConfigurationLoader {
    /// The name `discover` looks for.
    public static let fileName = ".assetlint.yml"

    /// The nearest `.assetlint.yml` in `directory` or one of its ancestors (a regular file, or a
    /// symbolic link to one), as an absolute path; nil when there is none up to the root.
    public static func discover(from directory: String) -> String? {
        var current = ConfigPathNormalization.absolute(directory)
        let fileManager = FileManager.default
        while true {
            let candidate = current == "/" ? "/" + fileName : current + "/" + fileName
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            if current == "/" { return nil }
            current = ConfigPathNormalization.normalize(current + "/..")
        }
    }

    /// Reads and validates the configuration file at `path`; throws the first problem found (in
    /// file order). `isKnownRuleSelector` decides which rule ids, names and prefixes exist; "ALL"
    /// and the ids, names and id prefixes of the file's own `custom` rules are always accepted.
    public static func load(
        path: String, isKnownRuleSelector: (String) -> Bool
    ) throws(ConfigurationError) -> Configuration {
        let result = validate(path: path, isKnownRuleSelector: isKnownRuleSelector)
        if let first = result.errors.first { throw first }
        return result.configuration
    }

    /// Validates configuration text (for example a rule example's extra configuration). `path` is
    /// used in error messages; `directory` (default: `path`'s folder) is what globs are relative to.
    public static func load(
        yaml: String, path: String, directory: String? = nil, isKnownRuleSelector: (String) -> Bool
    ) throws(ConfigurationError) -> Configuration {
        let result = validate(yaml: yaml, path: path, directory: directory, isKnownRuleSelector: isKnownRuleSelector)
        if let first = result.errors.first { throw first }
        return result.configuration
    }

    /// The configuration to use for a run: the file given with `--config` (`explicitPath`), else the
    /// nearest `.assetlint.yml` from `currentDirectory` upwards, else the defaults with
    /// `currentDirectory` as the folder globs are relative to.
    public static func resolve(
        explicitPath: String?, currentDirectory: String, isKnownRuleSelector: (String) -> Bool
    ) throws(ConfigurationError) -> Configuration {
        if let explicitPath {
            return try load(path: ConfigPathNormalization.absolute(explicitPath, base: currentDirectory),
                            isKnownRuleSelector: isKnownRuleSelector)
        }
        if let found = discover(from: currentDirectory) {
            return try load(path: found, isKnownRuleSelector: isKnownRuleSelector)
        }
        return Configuration(path: nil, directory: ConfigPathNormalization.absolute(currentDirectory))
    }

    /// Every problem of the file at `path`, sorted by position, and the configuration read from
    /// it (invalid settings keep their defaults).
    public static func validate(
        path: String, isKnownRuleSelector: (String) -> Bool
    ) -> (configuration: Configuration, errors: [ConfigurationError]) {
        let absolute = ConfigPathNormalization.absolute(path)
        let directory = ConfigPathNormalization.normalize(absolute + "/..")
        let fallback = Configuration(path: path, directory: directory)
        let bytes: [UInt8]
        switch readFile(absolute) {
        case .success(let data):
            bytes = data
        case .failure(let message):
            return (fallback, [ConfigurationError(path: path, line: 1, column: 1, message: message)])
        }
        switch decodeUTF8(bytes) {
        case .success(let text):
            return validate(yaml: text, path: path, directory: directory, isKnownRuleSelector: isKnownRuleSelector)
        case .failure(let error):
            return (fallback, [ConfigurationError(path: path, line: error.line, column: error.column, message: error.message)])
        }
    }

    /// Every problem of configuration text, sorted by position, and the configuration read from it.
    public static func validate(
        yaml: String, path: String, directory: String? = nil, isKnownRuleSelector: (String) -> Bool
    ) -> (configuration: Configuration, errors: [ConfigurationError]) {
        let directory = directory.map { ConfigPathNormalization.absolute($0) }
            ?? ConfigPathNormalization.normalize(ConfigPathNormalization.absolute(path) + "/..")
        var text = yaml
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return withoutActuallyEscaping(isKnownRuleSelector) { isKnown in
            let decoder = ConfigurationDecoder(path: path, directory: directory, text: text, isKnownRuleSelector: isKnown)
            decoder.run()
            let errors = decoder.errors.enumerated().sorted { lhs, rhs in
                (lhs.element.line, lhs.element.column, lhs.offset) < (rhs.element.line, rhs.element.column, rhs.offset)
            }.map(\.element)
            return (decoder.configuration, errors)
        }
    }

    // MARK: - Reading

    private enum ReadResult {
        case success([UInt8])
        case failure(String)
    }

    private static func readFile(_ path: String) -> ReadResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure("cannot read the configuration file: no such file")
        }
        if isDirectory.boolValue {
            return .failure("cannot read the configuration file: it is a folder (name the .assetlint.yml inside it)")
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return .success([UInt8](data))
        } catch {
            return .failure("cannot read the configuration file: \(error.localizedDescription)")
        }
    }

    private struct DecodingProblem: Error {
        var line: Int
        var column: Int
        var message: String
    }

    private enum DecodeResult {
        case success(String)
        case failure(DecodingProblem)
    }

    /// The text of a UTF-8 file, or where its first invalid byte is.
    private static func decodeUTF8(_ bytes: [UInt8]) -> DecodeResult {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(DecodingProblem(line: 1, column: 1, message:
                "the configuration file is UTF-16; save it as UTF-8"))
        }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += encoded.count
            case .emptyInput:
                return .success(String(decoding: bytes, as: UTF8.self))
            case .error:
                let byte = offset < bytes.count ? bytes[offset] : 0
                return .failure(DecodingProblem(line: line, column: column, message:
                    "the configuration file is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)) at offset \(offset)); save it as UTF-8"))
            }
        }
    }
}

// MARK: - Suggestions

extension ConfigurationLoader {
    /// The candidate closest to `input`: equal ignoring case, `_` and `-`; else a prefix (`warn` →
    /// `warning`); else the smallest edit distance within about a third of the length. The one
    /// did-you-mean of the configuration and the command line.
    public static func closestMatch(to input: String, among candidates: [String]) -> String? {
        func folded(_ value: String) -> [Character] {
            Array(value.lowercased().filter { $0 != "_" && $0 != "-" })
        }
        let target = folded(input)
        guard !target.isEmpty else { return nil }
        if let exact = candidates.first(where: { folded($0) == target }) { return exact }
        if target.count >= 3, let prefixed = candidates.first(where: { folded($0).starts(with: target) }) {
            return prefixed
        }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, folded(candidate))
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let limit = max(1, min(3, target.count / 3))
        return best.distance <= limit ? best.candidate : nil
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var previousPrevious = [Int](repeating: 0, count: rhs.count + 1)
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for i in 1...lhs.count {
            current[0] = i
            for j in 1...rhs.count {
                let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, lhs[i - 1] == rhs[j - 2], lhs[i - 2] == rhs[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[rhs.count]
    }
}
