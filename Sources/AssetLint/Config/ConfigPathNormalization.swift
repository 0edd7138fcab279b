import Foundation

/// Lexical path helpers shared by the loader and `Configuration`'s path queries.
enum ConfigPathNormalization {
    /// `path` with empty and `.` segments removed and `..` folded into its parent where there is
    /// one (a relative path keeps its leading `..`; `/..` is `/`). "" and "." become ".".
    static func normalize(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !isAbsolute {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` made absolute against `base` (itself made absolute against the current folder) and
    /// normalised.
    static func absolute(_ path: String, base: String? = nil) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        let base = base.map { $0.hasPrefix("/") ? $0 : currentDirectory + "/" + $0 } ?? currentDirectory
        return normalize(base + "/" + path)
    }

    static var currentDirectory: String { FileManager.default.currentDirectoryPath }

    /// `path` relative to `directory` when it lies inside it (both absolute and normalised);
    /// "." for the folder itself.
    static func relative(_ path: String, to directory: String) -> String? {
        // Byte-wise: String's `==` and `hasPrefix` treat NFC and NFD spellings as equal, the file
        // system does not.
        let pathBytes = Array(path.utf8)
        let directoryBytes = Array(directory.utf8)
        if pathBytes == directoryBytes { return "." }
        let prefixLength = directoryBytes == [UInt8(ascii: "/")] ? 0 : directoryBytes.count
        guard pathBytes.count > prefixLength + 1, pathBytes.starts(with: directoryBytes),
            pathBytes[prefixLength] == UInt8(ascii: "/")
        else { return nil }
        return String(decoding: pathBytes[(prefixLength + 1)...], as: UTF8.self)
    }

    /// `path` (absolute) with symbolic links resolved as far as it exists: the deepest existing
    /// ancestor is resolved and the rest appended, so paths of files that do not exist yet work too.
    static func resolvingSymlinks(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while existing != "/" {
            if let resolved = realPath(existing) {
                return normalize(([resolved] + rest.reversed()).joined(separator: "/"))
            }
            let url = URL(fileURLWithPath: existing)
            rest.append(url.lastPathComponent)
            existing = url.deletingLastPathComponent().path
            if existing.isEmpty { break }
        }
        return path
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
