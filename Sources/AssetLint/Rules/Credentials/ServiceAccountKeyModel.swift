/// Finding GCP service-account keys in a parsed document, and the byte ranges of their secrets.
///
/// Nothing here returns or formats the secret values themselves: callers get node indices and byte
/// ranges, and messages are written from field names only.
public enum ServiceAccountKeys {
    /// The fields that hold key material; their values never appear in any output.
    public static let secretFields = ["private_key", "private_key_id"]

    /// Objects of `tree` with `"type": "service_account"` and a `private_key` member, outermost first.
    public static func keyObjects(in tree: JSONTree) -> [JSONTree.Index] {
        guard tree.root != JSONNode.none else { return [] }
        var found: [JSONTree.Index] = []
        for index in tree.nodes.indices where tree.nodes[index].kind == .object {
            let object = JSONTree.Index(index)
            if isKey(object, in: tree) { found.append(object) }
        }
        return found
    }

    static func isKey(_ object: JSONTree.Index, in tree: JSONTree) -> Bool {
        // Byte comparisons of the keys first: every object of every manifest item comes here.
        guard let type = tree.member("type", of: object), tree[type].kind == .string,
              tree.string(type) == "service_account" else { return false }
        return tree.member("private_key", of: object) != nil
    }

    /// The byte ranges of the secret values (`private_key`, `private_key_id`) of every key in `file`,
    /// for output formats that echo source text: redact these bytes before printing a source line.
    public static func secretRanges(in file: SourceFile) -> [ByteRange] {
        var parser = JSONParser(source: file, maxDepth: 512)
        var tree = JSONTree(source: file)
        guard parser.parseDocument(into: &tree) else { return [] }
        return secretRanges(in: tree)
    }

    /// The value ranges of the secret fields of every service-account key object in `tree`.
    public static func secretRanges(in tree: JSONTree) -> [ByteRange] {
        var ranges: [ByteRange] = []
        for index in tree.nodes.indices where tree.nodes[index].kind == .object {
            let object = JSONTree.Index(index)
            guard let type = tree.member("type", of: object), tree.string(type) == "service_account" else { continue }
            for field in secretFields {
                if let value = tree.member(field, of: object) { ranges.append(tree[value].range) }
            }
        }
        return ranges
    }
}

/// Validation of a service-account key's `private_key` PEM, reporting problems by kind only.
enum PrivateKeyPEM {
    enum Problem: Equatable {
        case doubleEscapedNewlines
        case noPEMHeader
        case unexpectedLabel(String)
        case encrypted
        case missingFooter
        case textAroundBlock
        case invalidBase64
        case notDER
        case truncated

        var message: String {
            switch self {
            case .doubleEscapedNewlines:
                "its line breaks are the two characters \\n rather than newlines (the key was escaped twice, e.g. pasted into a JSON string by hand), so key libraries cannot read it"
            case .noPEMHeader:
                "it is not a PEM private key (no -----BEGIN PRIVATE KEY----- line)"
            case .unexpectedLabel(let label):
                label.count <= 40 && label.allSatisfy({ $0 == " " || ($0.isASCII && ($0.isUppercase || $0.isNumber)) })
                    ? "its PEM block is \(JSONText.quote(label)), not a private key" : "its PEM block is not a private key"
            case .encrypted:
                "it is an encrypted private key, which needs a passphrase that no integration can supply"
            case .missingFooter:
                "its PEM block has no matching -----END ...----- line (the key is cut off)"
            case .textAroundBlock:
                "it has text before or after the PEM block"
            case .invalidBase64:
                "the body of its PEM block is not valid base64"
            case .notDER:
                "the body of its PEM block is not a DER-encoded key"
            case .truncated:
                "the body of its PEM block is shorter or longer than the key it declares (truncated or damaged when copied)"
            }
        }
    }

    /// Checks the decoded `private_key` string.
    static func problems(_ text: String) -> [Problem] {
        let bytes = Array(text.utf8)
        if !bytes.contains(0x0A), text.contains("\\n") { return [.doubleEscapedNewlines] }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { String($0).trimmingSpaces() }
        guard let begin = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") && $0.hasSuffix("-----") }) else {
            return [.noPEMHeader]
        }
        let label = String(lines[begin].dropFirst("-----BEGIN ".count).dropLast(5))
        if label == "ENCRYPTED PRIVATE KEY" { return [.encrypted] }
        guard label == "PRIVATE KEY" || label == "RSA PRIVATE KEY" else { return [.unexpectedLabel(label)] }
        guard let end = lines.firstIndex(where: { $0 == "-----END \(label)-----" }), end > begin else { return [.missingFooter] }
        var problems: [Problem] = []
        if lines[..<begin].contains(where: { !$0.isEmpty }) || lines[(end + 1)...].contains(where: { !$0.isEmpty }) {
            problems.append(.textAroundBlock)
        }
        let body = lines[(begin + 1)..<end].joined()
        guard let der = base64Decode(body) else { return problems + [.invalidBase64] }
        if let problem = checkDER(der) { problems.append(problem) }
        return problems
    }

    static func base64Decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for byte in text.utf8 {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="):
                padding += 1
                continue
            default: return nil
            }
            if padding > 0 { return nil }
            values.append(value)
        }
        guard !values.isEmpty, (values.count + padding) % 4 == 0, padding <= 2 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index + 1 < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            let a = chunk[chunk.startIndex], b = chunk[chunk.startIndex + 1]
            out.append(a << 2 | b >> 4)
            if chunk.count > 2 {
                let c = chunk[chunk.startIndex + 2]
                out.append((b & 0x0F) << 4 | c >> 2)
                if chunk.count > 3 { out.append((c & 0x03) << 6 | chunk[chunk.startIndex + 3]) }
            }
            index += 4
        }
        return out
    }

    /// The outer DER SEQUENCE and whether its declared length fits the bytes.
    static func checkDER(_ der: [UInt8]) -> Problem? {
        guard der.count >= 2, der[0] == 0x30 else { return .notDER }
        var length = 0
        var header = 2
        if der[1] & 0x80 == 0 {
            length = Int(der[1])
        } else {
            let count = Int(der[1] & 0x7F)
            guard count >= 1, count <= 4, der.count >= 2 + count else { return .truncated }
            for byte in der[2..<(2 + count)] { length = length << 8 | Int(byte) }
            header = 2 + count
        }
        return header + length == der.count ? nil : .truncated
    }
}

extension ServiceAccountKeys {
    /// The string values that follow a `"private_key"` or `"private_key_id"` key anywhere in the
    /// bytes, found without parsing, so that even a truncated or broken key file never shows its
    /// secret in a source excerpt. An unterminated value runs to the end of the file.
    public static func secretRangesByScanning(_ bytes: UnsafeBufferPointer<UInt8>) -> [ByteRange] {
        var index = 0
        return secretRangesByScanning(bytes, from: &index, startingBefore: bytes.count)
    }

    /// The ranges of `secretRangesByScanning` whose member name starts at or after `index` and
    /// before `limit`; `index` is left where the scan of the rest goes on. A value may end past
    /// `limit` (its closing quote is looked for in the whole buffer).
    static func secretRangesByScanning(_ bytes: UnsafeBufferPointer<UInt8>, from index: inout Int, startingBefore limit: Int) -> [ByteRange] {
        var ranges: [ByteRange] = []
        let count = bytes.count
        let region = UnsafeBufferPointer(rebasing: bytes[..<min(count, limit + privateKeyNeedle.count - 1)])
        defer { index = max(index, limit) }
        // The needle is looked for with the C library's vectorised search: this runs over every
        // byte of every linted file, manifests of hundreds of megabytes included.
        while let found = ByteSearch.find(privateKeyNeedle, in: region, from: index) {
            var cursor = found + privateKeyNeedle.count
            if cursor + 3 <= count, bytes[cursor] == UInt8(ascii: "_"), bytes[cursor + 1] == UInt8(ascii: "i"), bytes[cursor + 2] == UInt8(ascii: "d") {
                cursor += 3
            }
            guard cursor < count, bytes[cursor] == UInt8(ascii: "\"") else { index = found + 1; continue }
            cursor += 1
            while cursor < count, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ":")].contains(bytes[cursor]) { cursor += 1 }
            guard cursor < count, bytes[cursor] == UInt8(ascii: "\"") else { index = cursor; continue }
            let start = cursor
            let end = JSONString.closingQuote(bytes, from: start + 1).map { $0 + 1 } ?? count
            ranges.append(ByteRange(start: start, end: end))
            index = end
        }
        return ranges
    }

    private static let privateKeyNeedle: [UInt8] = Array("\"private_key".utf8)
}
