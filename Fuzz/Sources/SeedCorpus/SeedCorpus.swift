import AssetLint
import Foundation

/// `SeedCorpus REPOSITORY OUTPUT`: writes each fuzz target's seed corpus into OUTPUT/<target>/,
/// from the repository's own inputs:
/// - json: every `Fixtures/**/*.json` file as it is;
/// - lint: each of those files once per `--kind` and output format (the first byte picks
///   them, see `FuzzChecks.lint`);
/// - url: every string value of those files that contains `:` (the asset URLs, CORS origins and
///   key URIs), one per file;
/// - config: the ```yaml blocks of README.md and Rules/*.md, and every `Fixtures/**/*.yml`;
/// - server: for each of the JSON files up to 12 KB, an editing session (open, code actions,
///   hover, an incremental change, a pull, fix-all, close) in both of the target's input modes
///   (see `ServerFuzz`).
/// File names are the content's hash, so rebuilding the corpus adds nothing twice.
@main
struct SeedCorpus {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: SeedCorpus REPOSITORY OUTPUT\n".utf8))
            exit(2)
        }
        let root = URL(fileURLWithPath: arguments[1])
        let output = URL(fileURLWithPath: arguments[2])
        let fixtures = files(under: root.appendingPathComponent("Fixtures"))
        let jsonFiles = fixtures.filter { $0.pathExtension == "json" }
        var seeds: [String: [[UInt8]]] = ["json": [], "lint": [], "url": [], "config": [], "server": []]
        // Every (kind, format) pair the lint target's first byte can select.
        let kindCount = (DocumentKind.allCases.count + 1) * OutputFormat.allCases.count
        for file in jsonFiles {
            guard let data = try? Data(contentsOf: file) else { continue }
            let bytes = [UInt8](data)
            seeds["json"]!.append(bytes)
            for selector in 0..<kindCount { seeds["lint"]!.append([UInt8(selector)] + bytes) }
            seeds["url"]! += strings(in: bytes).filter { $0.contains(UInt8(ascii: ":")) }
            if bytes.count <= 12_288 { seeds["server"]! += session(file.lastPathComponent, String(decoding: bytes, as: UTF8.self)) }
        }
        var markdown = [root.appendingPathComponent("README.md")]
        markdown += files(under: root.appendingPathComponent("Rules")).filter { $0.pathExtension == "md" }
        for file in markdown {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            seeds["config"]! += yamlBlocks(in: text).map { Array($0.utf8) }
        }
        for file in fixtures where file.pathExtension == "yml" || file.pathExtension == "yaml" {
            if let data = try? Data(contentsOf: file) { seeds["config"]!.append([UInt8](data)) }
        }
        for (target, list) in seeds.sorted(by: { $0.key < $1.key }) {
            let folder = output.appendingPathComponent(target)
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var unique = Set<[UInt8]>()
            for seed in list where unique.insert(seed).inserted {
                let name = "seed-" + String(fnv1a(seed), radix: 16)
                try? Data(seed).write(to: folder.appendingPathComponent(name))
            }
            print("\(target): \(unique.count) seeds")
        }
    }

    static func files(under folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var found: [URL] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            found.append(url)
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The raw content of every string literal of a document that parses.
    static func strings(in bytes: [UInt8]) -> [[UInt8]] {
        let file = SourceFile(path: "seed.json", bytes: bytes)
        var parser = JSONParser(source: file, maxDepth: 512)
        var tree = JSONTree(source: file)
        guard parser.parseDocument(into: &tree) else { return [] }
        return tree.nodes.indices.compactMap { index in
            tree.nodes[index].kind == .string ? Array(tree.string(Int32(index))!.utf8) : nil
        }
    }

    /// An editing session of `text` as the server fuzz target reads it: NUL-separated bodies
    /// (selector 1 and 3) and a framed stream (selector 0 and 2).
    static func session(_ name: String, _ text: String) -> [[UInt8]] {
        let uri = "file:///fuzz/" + name
        let document: [String: Any] = ["uri": uri]
        let whole: [String: Any] = ["start": ["line": 0, "character": 0], "end": ["line": 999, "character": 0]]
        let messages: [[String: Any]] = [
            ["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "languageId": "json", "version": 1, "text": text]]],
            ["jsonrpc": "2.0", "id": 1, "method": "textDocument/codeAction", "params": ["textDocument": document, "range": whole, "context": ["diagnostics": []]]],
            ["jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": ["textDocument": document, "position": ["line": 1, "character": 12]]],
            ["jsonrpc": "2.0", "method": "textDocument/didChange", "params": ["textDocument": ["uri": uri, "version": 2], "contentChanges": [["range": ["start": ["line": 1, "character": 12], "end": ["line": 1, "character": 12]], "text": " "]]]],
            ["jsonrpc": "2.0", "id": 3, "method": "textDocument/diagnostic", "params": ["textDocument": document]],
            ["jsonrpc": "2.0", "id": 4, "method": "textDocument/codeAction", "params": ["textDocument": document, "range": whole, "context": ["diagnostics": [], "only": ["source.fixAll"]]]],
            ["jsonrpc": "2.0", "method": "textDocument/didClose", "params": ["textDocument": document]],
        ]
        let bodies = messages.compactMap { try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) }.map { [UInt8]($0) }
        let separated = bodies.reduce(into: [UInt8]()) { stream, body in
            if !stream.isEmpty { stream.append(0) }
            stream += body
        }
        let framed = bodies.flatMap { Array("Content-Length: \($0.count)\r\n\r\n".utf8) + $0 }
        return [[1] + separated, [3] + separated, [0] + framed, [2] + framed]
    }

    static func yamlBlocks(in markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.hasPrefix("```yaml") || line.hasPrefix("```yml") {
                current = []
            } else if current != nil, line.hasPrefix("```") {
                blocks.append(current!.joined(separator: "\n") + "\n")
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return blocks
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
