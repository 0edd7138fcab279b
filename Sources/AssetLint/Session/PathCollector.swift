#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the paths of the command line into the files to lint.
public enum PathCollector {
    public enum Input: Equatable, Sendable {
        case file(String)
        case standardInput
        /// A path that does not exist or cannot be listed; reported and exit status 2.
        case unreadable(String, reason: String)
    }

    /// Folders that are never walked into (they are still linted when named as files).
    public static let skippedFolders: Set<String> = [".git", ".hg", ".svn", "node_modules", ".build", ".swiftpm"]

    /// A path of the command line that gives nothing to lint, which the run says (it never passes
    /// silently for having linted nothing).
    public enum Skipped: Equatable, Sendable {
        /// A folder with no `*.json` file to lint below it, and how many `*.json` files and folders
        /// below it `files.exclude` took away.
        case emptyFolder(String, excludedFiles: Int, excludedFolders: Int)
        /// A file named on the command line that `files.exclude` matches.
        case excludedFile(String)
    }

    public static func collect(_ paths: [String], configuration: Configuration) -> [Input] {
        var skipped: [Skipped] = []
        return collect(paths, configuration: configuration, skipped: &skipped)
    }

    /// Files named explicitly are linted whatever their extension; folders contribute every `*.json`
    /// below them. `files.exclude` applies to both, so a pre-commit hook honours it too. `skipped`
    /// receives the paths that gave nothing to lint.
    public static func collect(_ paths: [String], configuration: Configuration, skipped: inout [Skipped]) -> [Input] {
        var inputs: [Input] = []
        var seen: Set<String> = []
        for path in paths {
            if path == "-" {
                inputs.append(.standardInput)
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                let reason = FileLoader.describe(errno)
                var linkInfo = stat()
                let dangling = lstat(path, &linkInfo) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK
                inputs.append(.unreadable(path, reason: dangling && reason.contains("no such") ? "broken symbolic link" : reason))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var found: [Input] = []
                let excluded = walk(path, configuration: configuration, into: &found)
                if !found.contains(where: { if case .file = $0 { true } else { false } }) {
                    skipped.append(.emptyFolder(path, excludedFiles: excluded.files, excludedFolders: excluded.folders))
                }
                for input in found {
                    if case .file(let file) = input, !seen.insert(file).inserted { continue }
                    inputs.append(input)
                }
            } else if configuration.isExcluded(path) {
                skipped.append(.excludedFile(path))
            } else if seen.insert(path).inserted {
                inputs.append(.file(path))
            }
        }
        return inputs
    }

    private struct DirectoryID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Adds the `*.json` files below `root` to `inputs`; returns how many `*.json` files and
    /// folders `files.exclude` left out.
    @discardableResult
    private static func walk(_ root: String, configuration: Configuration, into inputs: inout [Input]) -> (files: Int, folders: Int) {
        var excluded = (files: 0, folders: 0)
        var visited: Set<DirectoryID> = []
        var pending = [root]
        var files: [String] = []
        while let directory = pending.popLast() {
            var info = stat()
            guard stat(directory, &info) == 0 else { continue }
            // A symbolic link loop leads back to a folder already listed.
            guard visited.insert(DirectoryID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else { continue }
            guard let handle = opendir(directory) else {
                inputs.append(.unreadable(directory, reason: FileLoader.describe(errno)))
                continue
            }
            var subfolders: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                var entryInfo = stat()
                guard stat(path, &entryInfo) == 0 else {
                    // A dangling link or a file that vanished: nothing to lint.
                    continue
                }
                let type = entryInfo.st_mode & S_IFMT
                if type == S_IFDIR {
                    if skippedFolders.contains(name) { continue }
                    if configuration.isExcluded(path + "/") || configuration.isExcluded(path) {
                        excluded.folders += 1
                        continue
                    }
                    subfolders.append(path)
                } else if type == S_IFREG, name.lowercased().hasSuffix(".json") {
                    if configuration.isExcluded(path) {
                        excluded.files += 1
                    } else {
                        files.append(path)
                    }
                }
            }
            closedir(handle)
            pending.append(contentsOf: subfolders.sorted(by: >))
        }
        inputs.append(contentsOf: files.sorted().map(Input.file))
        return excluded
    }
}
