/// Shared pieces of the C rules: text edits on JSON values, did-you-mean, the provider limits.

enum CORSEdit {
    /// Replaces the content of string node `node` (between its quotes) with `text`, JSON-escaped.
    static func replaceString(_ node: JSONTree.Index, with text: String, in tree: JSONTree) -> TextEdit {
        let value = tree[node]
        return TextEdit(range: ByteRange(start: value.start + 1, end: value.end - 1), replacement: escaped(text))
    }

    /// Renames the key of member `node`.
    static func renameKey(_ node: JSONTree.Index, to key: String, in tree: JSONTree) -> TextEdit? {
        guard let range = tree[node].keyRange else { return nil }
        return TextEdit(range: ByteRange(start: range.offset + 1, end: range.end - 1), replacement: escaped(key))
    }

    /// Appends JSON text `json` (already a JSON value) as the last entry of array `array`.
    static func append(_ json: String, to array: JSONTree.Index, in tree: JSONTree) -> TextEdit {
        let node = tree[array]
        let children = Array(tree.children(of: array))
        if let last = children.last {
            return TextEdit(range: ByteRange(offset: tree[last].end, length: 0), replacement: ", " + json)
        }
        // `[]` or `[ ]`: replace the inside.
        return TextEdit(range: ByteRange(start: node.start + 1, end: node.end - 1), replacement: json)
    }

    /// Removes entry `element` of its array with the comma that separates it.
    static func remove(_ element: JSONTree.Index, in tree: JSONTree) -> TextEdit {
        let node = tree[element]
        let parent = node.parent
        let siblings = Array(tree.children(of: parent))
        guard let position = siblings.firstIndex(of: element) else {
            return TextEdit(range: node.range, replacement: "")
        }
        if position + 1 < siblings.count {
            return TextEdit(range: ByteRange(start: node.start, end: tree[siblings[position + 1]].start), replacement: "")
        }
        if position > 0 {
            return TextEdit(range: ByteRange(start: tree[siblings[position - 1]].end, end: node.end), replacement: "")
        }
        return TextEdit(range: node.range, replacement: "")
    }

    /// Wraps value `node` in brackets.
    static func wrapInArray(_ node: JSONTree.Index, in tree: JSONTree) -> [TextEdit] {
        [TextEdit(range: ByteRange(offset: tree[node].start, length: 0), replacement: "["),
         TextEdit(range: ByteRange(offset: tree[node].end, length: 0), replacement: "]")]
    }

    /// The content of a JSON string literal for `text` (without the quotes).
    static func escaped(_ text: String) -> String { String(JSONText.quote(text).dropFirst().dropLast()) }
}

enum DidYouMean {
    /// Names other tools use for a field, mapped to the provider's own.
    static let aliases: [CORSProvider: [String: String]] = [
        .s3: [
            "AllowedOrigin": "AllowedOrigins", "AllowedMethod": "AllowedMethods", "AllowedHeader": "AllowedHeaders",
            "ExposeHeader": "ExposeHeaders", "ExposedHeaders": "ExposeHeaders", "Id": "ID", "MaxAge": "MaxAgeSeconds",
        ],
        .gcs: [
            "origins": "origin", "methods": "method", "responseHeaders": "responseHeader", "maxAge": "maxAgeSeconds",
            "max_age_seconds": "maxAgeSeconds", "response_header": "responseHeader",
        ],
        .azure: [
            "allowedOrigin": "allowedOrigins", "allowedMethod": "allowedMethods", "exposeHeaders": "exposedHeaders",
            "maxAge": "maxAgeInSeconds", "maxAgeSecond": "maxAgeInSeconds",
        ],
    ]

    /// Where an alias comes from, for the message.
    static func note(_ key: String, provider: CORSProvider) -> String? {
        switch (provider, key) {
        case (.s3, "ExposedHeaders"), (.s3, "Id"), (.s3, "MaxAge"): "that is CloudFormation's spelling"
        case (.s3, "AllowedOrigin"), (.s3, "AllowedMethod"), (.s3, "AllowedHeader"), (.s3, "ExposeHeader"):
            "that is the XML element name; the JSON forms use the plural"
        default: nil
        }
    }

    /// The best candidate among `candidates` for `key`: an alias, a case-insensitive match, or the
    /// closest name within a small edit distance.
    static func suggestion(for key: String, candidates: [String], aliases: [String: String] = [:]) -> String? {
        if let alias = aliases[key], candidates.contains(alias) { return alias }
        let lower = key.lowercased()
        if let exact = candidates.first(where: { $0.lowercased() == lower }) { return exact }
        let folded = lower.filter { $0 != "_" && $0 != "-" }
        if let exact = candidates.first(where: { $0.lowercased() == folded }) { return exact }
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(folded, candidate.lowercased())
            let limit = max(1, min(3, candidate.count / 4))
            if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// The documented limits of each provider that C312 checks, overridable with `hub.limits` in
/// `.assetlint.yml`, e.g. `hub: {limits: {azure: {maxRules: 5}, s3: {maxConfigBytes: 65536}}}`.
public enum CORSLimits {
    /// The keys `hub.limits.<provider>` accepts.
    public static let knownKeys = [
        "maxRules", "maxConfigBytes", "maxOriginsPerRule", "maxOriginLength", "maxHeadersPerList",
        "maxPrefixedHeadersPerList", "maxHeaderLength", "maxIDLength", "maxAgeSeconds", "maxWildcardsPerOrigin",
    ]

    /// The built-in limits; a missing key means the provider documents no such limit.
    public static let defaults: [CORSProvider: [String: Int]] = [
        .s3: [
            "maxRules": 100, "maxConfigBytes": 65_536, "maxIDLength": 255, "maxAgeSeconds": Int(Int32.max),
            "maxWildcardsPerOrigin": 1,
        ],
        .gcs: ["maxAgeSeconds": Int(Int32.max)],
        .azure: [
            "maxRules": 5, "maxConfigBytes": 2_048, "maxOriginsPerRule": 64, "maxOriginLength": 256, "maxHeadersPerList": 64,
            "maxPrefixedHeadersPerList": 2, "maxHeaderLength": 256, "maxAgeSeconds": Int(Int32.max),
        ],
    ]

    /// The limit in force: the configuration's `hub.limits` first, then the built-in one.
    public static func limit(_ key: String, for provider: CORSProvider, in configuration: Configuration) -> Int? {
        if let configured = configuration.hub.limits[provider.rawValue]?[key] { return configured }
        return defaults[provider]?[key]
    }
}

extension CORSDocument {
    /// The origins the hub profile needs (`hub.origins`, default `https://hub.ango.ai`). Empty when
    /// the configuration sets `hub.origins: []`: the bucket serves no hub, and C304 has nothing to
    /// require.
    static func hubOrigins(_ configuration: Configuration) -> [String] {
        configuration.hub.origins
    }

    /// The line under a C304 finding that says where the required origins come from and how to
    /// change them: the profile is a default most users never wrote down.
    static func hubProfileNote(_ configuration: Configuration) -> String {
        let hub = configuration.hub
        if hub.originsConfigured || hub.origins != Configuration.HubProfile.defaultOrigins {
            let place = configuration.path.flatMap { $0.split(separator: "/").last }.map { " in \($0)" } ?? ""
            return "required by hub.origins\(place): edit the list, or set hub.origins: [] to turn C304 off"
        }
        return "required by hub.origins (default https://hub.ango.ai): set it in .assetlint.yml, or hub.origins: [] to turn C304 off"
    }

    static func hubMethods(_ configuration: Configuration) -> [String] {
        configuration.hub.methods.isEmpty ? ["GET"] : configuration.hub.methods.map { $0.uppercased() }
    }
}

extension Array where Element == String {
    /// `A`, `A or B`, `A, B or C`.
    func joinedAsChoice(_ conjunction: String = "or") -> String {
        switch count {
        case 0: return ""
        case 1: return self[0]
        default: return dropLast().joined(separator: ", ") + " \(conjunction) " + last!
        }
    }
}
