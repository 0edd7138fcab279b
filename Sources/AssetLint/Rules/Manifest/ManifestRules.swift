/// The Manifest rules, in catalog order.
public enum ManifestRules {
    public static let all: [any Rule.Type] = [
        ManifestNotArray.self, ItemNotObject.self, MissingData.self, MissingExternalID.self, WrongType.self,
        UnknownField.self, DataAndDataset.self, EmptyManifest.self,
        ExternalIDDuplicate.self, ExternalIDWhitespace.self, ExternalIDEmpty.self,
        DimensionPair.self, DimensionInvalid.self, DimensionImplausible.self, DimensionOnNonImage.self,
        UnsupportedExtension.self, BatchesInvalid.self, AttachmentInvalid.self,
    ]

    static let kinds: Set<DocumentKind> = [.manifest]

    /// Where a finding about a missing member is reported: the item's opening brace (one byte), so
    /// the underline stays short however large the item is.
    static func anchor(of item: JSONTree.Index, in tree: JSONTree) -> ByteRange {
        ByteRange(offset: tree[item].start, length: 1)
    }
}

// MARK: - Known item fields

/// The fields a manifest item may carry, as the hub documents them.
enum ManifestField: Int, CaseIterable {
    case data, externalId, width, height, metadata, contextData, batches, attachments, dataset

    var name: String { staticName.description }

    /// The JSON type M105 expects; nil for the dimensions, which M121 checks.
    var expectedKind: JSONKind? {
        switch self {
        case .data, .externalId: .string
        case .width, .height: nil
        case .metadata, .contextData: .object
        case .batches, .attachments, .dataset: .array
        }
    }

    /// The name as static bytes, for comparisons without `String`.
    var staticName: StaticString {
        switch self {
        case .data: "data"
        case .externalId: "externalId"
        case .width: "width"
        case .height: "height"
        case .metadata: "metadata"
        case .contextData: "contextData"
        case .batches: "batches"
        case .attachments: "attachments"
        case .dataset: "dataset"
        }
    }

    /// The field named by the key of member `member`, comparing bytes without allocating for the
    /// usual unescaped key.
    init?(member: JSONTree.Index, in tree: __shared JSONTree) {
        self.init(member: member, in: tree, bytes: tree.source.bytes)
    }

    /// As `init(member:in:)`, with the source bytes already at hand (hot loops fetch them once).
    @inline(__always)
    init?(member: JSONTree.Index, in tree: __shared JSONTree, bytes: UnsafeBufferPointer<UInt8>) {
        let node = tree[member]
        guard node.keyStart >= 0 else { return nil }
        if node.flags.contains(.keyEscaped) {
            guard let key = tree.key(of: member), let field = ManifestField(name: key) else { return nil }
            self = field
            return
        }
        guard let base = bytes.baseAddress else { return nil }
        self.init(key: base + node.keyStart + 1, count: node.keyEnd - node.keyStart - 2)
    }

    /// The field whose name is exactly the `count` bytes at `key`.
    @inline(__always)
    init?(key: UnsafePointer<UInt8>, count: Int) {
        let candidate: ManifestField
        switch count {
        case 4: candidate = .data
        case 5: candidate = .width
        case 6: candidate = .height
        case 7: candidate = key[0] == UInt8(ascii: "b") ? .batches : .dataset
        case 8: candidate = .metadata
        case 10: candidate = .externalId
        case 11: candidate = key[0] == UInt8(ascii: "c") ? .contextData : .attachments
        default: return nil
        }
        let name = candidate.staticName.utf8Start
        var offset = 0
        while offset < count {
            if key[offset] != name[offset] { return nil }
            offset += 1
        }
        self = candidate
    }

    init?(name: String) {
        guard let field = ManifestField.allCases.first(where: { $0.name == name }) else { return nil }
        self = field
    }

    /// Common names people use for a field, compared after `normalized(_:)`; they are too far from
    /// the field's name for the edit distance to find them.
    private var aliases: [String] {
        switch self {
        case .data: ["url", "uri", "src", "href", "link", "imageurl", "fileurl", "asseturl", "dataurl"]
        case .externalId: ["id", "extid", "assetid", "externalkey"]
        case .metadata: ["meta"]
        case .dataset: ["pages", "images", "urls"]
        default: []
        }
    }

    /// The known field an unknown key most likely meant: a case-insensitive (and `_`/`-`-insensitive)
    /// match first, then the closest field by Damerau-Levenshtein distance (at most 2, and small
    /// relative to the length), then a few common synonyms such as `url` for `data`.
    static func suggestion(for key: String) -> ManifestField? {
        let lower = Array(key.lowercased().unicodeScalars)
        for field in allCases where Array(field.name.lowercased().unicodeScalars) == lower { return field }
        let normal = normalized(key)
        for field in allCases where normalized(field.name) == normal { return field }
        var best: (field: ManifestField, distance: Int)?
        for field in allCases {
            let target = Array(field.name.lowercased().unicodeScalars)
            guard abs(target.count - normal.count) <= 2 else { continue }
            let distance = ManifestRules.editDistance(normal, target, limit: 2)
            guard distance <= 2, distance * 3 <= max(normal.count, target.count) else { continue }
            if best == nil || distance < best!.distance { best = (field, distance) }
        }
        if let best { return best.field }
        let normalString = String(String.UnicodeScalarView(normal))
        return allCases.first { $0.aliases.contains(normalString) }
    }

    /// Lower case without `_`, `-`, `.` and spaces: `External_ID` and `externalid` compare equal.
    static func normalized(_ key: String) -> [Unicode.Scalar] {
        key.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " && $0 != "." }
    }
}

/// The known members of one item (the last one when a key repeats, as `JSONTree.member` does),
/// found in a single pass over its keys.
struct ItemMembers {
    private var slots: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) =
        (
            JSONNode.none, JSONNode.none, JSONNode.none, JSONNode.none, JSONNode.none, JSONNode.none, JSONNode.none,
            JSONNode.none, JSONNode.none
        )
    /// Members whose key is not a known field.
    private(set) var unknownCount = 0

    init() {}

    init(scanning item: JSONTree.Index, in tree: __shared JSONTree) {
        guard tree[item].kind == .object else { return }
        let bytes = tree.source.bytes
        var child = tree[item].firstChild
        while child != JSONNode.none {
            if let field = ManifestField(member: child, in: tree, bytes: bytes) {
                self[field] = child
            } else {
                unknownCount += 1
            }
            child = tree[child].nextSibling
        }
    }

    subscript(field: ManifestField) -> JSONTree.Index? {
        get {
            let value: Int32 =
                switch field {
                case .data: slots.0
                case .externalId: slots.1
                case .width: slots.2
                case .height: slots.3
                case .metadata: slots.4
                case .contextData: slots.5
                case .batches: slots.6
                case .attachments: slots.7
                case .dataset: slots.8
                }
            return value == JSONNode.none ? nil : value
        }
        set {
            let value = newValue ?? JSONNode.none
            switch field {
            case .data: slots.0 = value
            case .externalId: slots.1 = value
            case .width: slots.2 = value
            case .height: slots.3 = value
            case .metadata: slots.4 = value
            case .contextData: slots.5 = value
            case .batches: slots.6 = value
            case .attachments: slots.7 = value
            case .dataset: slots.8 = value
            }
        }
    }

    /// Unknown keys of the item that look like a misspelling of `field` (for "missing" messages).
    static func nearMisses(of field: ManifestField, in item: JSONTree.Index, tree: JSONTree) -> [String] {
        var found: [String] = []
        for child in tree.children(of: item) where ManifestField(member: child, in: tree) == nil {
            if let key = tree.key(of: child), ManifestField.suggestion(for: key) == field { found.append(key) }
        }
        return found
    }
}

/// What the M rules share about the item they are checking: its members, and where the extension
/// of its `data` URL is. The engine hands each item to every rule in turn; the first rule to ask
/// scans the item's keys and the others reuse the result. One per `LintContext`, so per file and
/// per part or rule group of a split file, each used by one thread.
final class ItemMembersCache {
    private var itemIndex = -1
    private var itemStart = -1
    private var item: JSONTree.Index = JSONNode.none
    private var members = ItemMembers()
    private var dataPathDone = false
    private var dataPath: AssetPath?

    /// The members of `item`, item number `index` of the file, in `tree`.
    @inline(__always)
    func members(of item: JSONTree.Index, at index: Int, in tree: JSONTree) -> ItemMembers {
        let start = tree[item].start
        if itemIndex == index, itemStart == start, self.item == item { return members }
        return scan(item, at: index, start: start, in: tree)
    }

    @inline(never)
    private func scan(_ item: JSONTree.Index, at index: Int, start: Int, in tree: JSONTree) -> ItemMembers {
        members = ItemMembers(scanning: item, in: tree)
        itemIndex = index
        itemStart = start
        self.item = item
        dataPathDone = false
        dataPath = nil
        return members
    }

    /// The members of `item`, and the path of its `data` URL when `data` is a hierarchical URL string.
    func dataPath(of item: JSONTree.Index, at index: Int, in tree: JSONTree) -> (
        members: ItemMembers, data: JSONTree.Index?, path: AssetPath?
    ) {
        let members = self.members(of: item, at: index, in: tree)
        guard let data = members[.data] else { return (members, nil, nil) }
        if !dataPathDone {
            dataPath = AssetPath.of(data, in: tree)
            dataPathDone = true
        }
        return (members, data, dataPath)
    }
}

// MARK: - Edit distance

extension ManifestRules {
    /// The optimal-string-alignment variant of the Damerau-Levenshtein distance (insertions,
    /// deletions, substitutions and transpositions of adjacent characters each cost 1). Returns a
    /// value above `limit` as soon as the distance is known to exceed it.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if abs(a.count - b.count) > limit { return limit &+ 1 }
        let width = b.count + 1
        var previous2 = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit &+ 1 }
            swap(&previous2, &previous)
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }
}

// MARK: - Strings

enum ManifestText {
    /// `value` quoted for a message: control characters escaped, long values shortened.
    static func quoted(_ value: String, limit: Int = 60) -> String {
        var result = "\""
        var count = 0
        for scalar in value.unicodeScalars {
            if count == limit {
                result += "…"
                break
            }
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isInvisible(scalar):
                result +=
                    scalar.value > 0xFFFF ? "\\u{\(hex(scalar.value, width: 1))}" : "\\u" + hex(scalar.value, width: 4)
            default: result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result + "\""
    }

    /// Characters a message shows escaped because they cannot be seen: controls, format characters
    /// (zero-width, bidi), separators other than the plain space, unassigned code points.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x20 || scalar.value == 0x7F { return true }
        if scalar.isASCII { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse,
            .surrogate:
            return true
        default:
            return false
        }
    }

    /// "a string", "an array", "null"...
    static func describe(_ kind: JSONKind) -> String {
        switch kind {
        case .null: "null"
        case .array, .object: "an \(kind.name)"
        default: "a \(kind.name)"
        }
    }

    /// What node `index` holds, for messages: `the string "603"`, `the number 603.5`, `an object`.
    static func describeValue(_ index: JSONTree.Index, in tree: JSONTree) -> String {
        let node = tree[index]
        switch node.kind {
        case .string: return "the string \(quoted(tree.string(index) ?? ""))"
        case .number, .bool: return "\(describe(node.kind)) \(shortened(tree.sourceText(index)))"
        default: return describe(node.kind)
        }
    }

    static func shortened(_ text: String, limit: Int = 40) -> String {
        text.unicodeScalars.count <= limit
            ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…"
    }

    /// Calls `body` with the decoded UTF-8 bytes of string node `index`; no allocation when the
    /// literal has no escapes.
    static func withDecodedBytes<R>(
        _ index: JSONTree.Index, in tree: JSONTree, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        let node = tree[index]
        if !node.flags.contains(.escaped) { return body(tree.rawStringContent(index)) }
        let decoded = JSONString.decodeBytes(tree.source.bytes, literalStart: node.start, literalEnd: node.end)
        return decoded.withUnsafeBufferPointer(body)
    }

    /// Whether `scalar` has the Unicode White_Space property.
    static func isWhitespace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// A readable name for a whitespace character.
    static func whitespaceName(_ scalar: UInt32) -> String {
        switch scalar {
        case 0x20: "a space"
        case 0x09: "a tab"
        case 0x0A: "a line feed (\\n)"
        case 0x0D: "a carriage return (\\r)"
        case 0x0B: "a vertical tab"
        case 0x0C: "a form feed"
        case 0xA0: "a no-break space (U+00A0)"
        case 0x2028: "a line separator (U+2028)"
        case 0x2029: "a paragraph separator (U+2029)"
        case 0x85: "a next-line character (U+0085)"
        default: "a whitespace character (U+\(hex(scalar, width: 4)))"
        }
    }

    /// Decodes the scalar at `offset` of UTF-8 `bytes`; returns it and its length (never past the end;
    /// damaged input gives some value rather than a crash).
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (value: UInt32, length: Int) {
        let (value, length) = decodeScalar(in: bytes, at: offset)
        return (value, min(length, bytes.count - offset))
    }

    private static func decodeScalar(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (
        value: UInt32, length: Int
    ) {
        let lead = bytes[offset]
        func continuation(_ index: Int) -> UInt32 {
            index < bytes.count ? UInt32(bytes[index] & 0x3F) : 0
        }
        switch lead {
        case 0..<0x80: return (UInt32(lead), 1)
        case 0xC0..<0xE0: return ((UInt32(lead & 0x1F) << 6) | continuation(offset + 1), 2)
        case 0xE0..<0xF0:
            return ((UInt32(lead & 0x0F) << 12) | (continuation(offset + 1) << 6) | continuation(offset + 2), 3)
        case 0xF0..<0xF8:
            return (
                (UInt32(lead & 0x07) << 18) | (continuation(offset + 1) << 12) | (continuation(offset + 2) << 6)
                    | continuation(offset + 3), 4
            )
        default: return (0xFFFD, 1)
        }
    }
}

// MARK: - Asset URLs

/// A file extension, lower-cased, without the dot, packed into two words so that extracting and
/// comparing one allocates nothing. Only the first 16 bytes are kept (no real format has a longer
/// extension); the length is kept in full.
struct FileExtension: Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var count: Int

    init<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        count = bytes.count
        var shift: UInt64 = 0
        for byte in bytes.prefix(16) {
            let lower = UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            if shift < 64 { low |= lower << shift } else { high |= lower << (shift - 64) }
            shift += 8
        }
    }

    /// A configured extension: a leading dot is allowed.
    init(_ text: String) {
        var text = Substring(text)
        while text.first == "." { text = text.dropFirst() }
        self.init(Array(text.utf8))
    }

    /// The extension for messages (shortened past 16 bytes).
    var text: String {
        var bytes: [UInt8] = []
        for index in 0..<min(count, 16) {
            let word = index < 8 ? low : high
            bytes.append(UInt8(truncatingIfNeeded: word >> (UInt64(index % 8) * 8)))
        }
        return String(decoding: bytes, as: UTF8.self) + (count > 16 ? "…" : "")
    }

    static let images: [FileExtension] = Configuration.AssetSettings.imageExtensions.sorted().map(FileExtension.init)
}

/// Where the file extension of an asset URL is, found on the bytes of the URL string without a URL
/// parser: the last segment of the path (query and fragment ignored), percent-decoded.
struct AssetPath {
    /// Byte range (in the decoded JSON string) of the last path segment as written.
    var segment: Range<Int>
    /// The extension, lower-cased and percent-decoded; nil when there is none.
    var fileExtension: FileExtension?
    /// Byte range (in the decoded JSON string) of the extension as written.
    var extensionRange: Range<Int>?

    /// Nil for strings that are not hierarchical URLs or paths (`data:...`, `mailto:...`), which the
    /// URL rules report.
    init?(_ url: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var end = url.count
        while start < end, url[start] <= 0x20 { start += 1 }
        while end > start, url[end - 1] <= 0x20 { end -= 1 }
        guard start < end else { return nil }

        func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

        var pathStart = start
        // scheme ":" — then "//" authority, or an opaque URL.
        if isAlpha(url[start]) {
            var offset = start + 1
            while offset < end,
                isAlpha(url[offset]) || (url[offset] >= 0x30 && url[offset] <= 0x39)
                    || url[offset] == UInt8(ascii: "+") || url[offset] == UInt8(ascii: "-")
                    || url[offset] == UInt8(ascii: ".")
            {
                offset += 1
            }
            if offset < end, url[offset] == UInt8(ascii: ":") {
                guard offset + 2 < end, url[offset + 1] == UInt8(ascii: "/"), url[offset + 2] == UInt8(ascii: "/")
                else {
                    return nil
                }
                pathStart = Self.firstOf(UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), in: url, from: offset + 3, to: end)
            }
        } else if end - start >= 2, url[start] == UInt8(ascii: "/"), url[start + 1] == UInt8(ascii: "/") {
            pathStart = Self.firstOf(UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), in: url, from: start + 2, to: end)
        }
        let pathEnd = Self.firstOf(UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "#"), in: url, from: pathStart, to: end)
        var segmentStart = pathEnd
        while segmentStart > pathStart, url[segmentStart - 1] != UInt8(ascii: "/") { segmentStart -= 1 }
        self.init(url, lastSegment: segmentStart..<pathEnd)
    }

    /// The path whose last segment, found by the caller, is `segment` of `url`.
    init(_ url: UnsafeBufferPointer<UInt8>, lastSegment segment: Range<Int>) {
        self.segment = segment
        fileExtension = nil
        extensionRange = nil
        let segmentStart = segment.lowerBound, pathEnd = segment.upperBound

        // The extension follows the last dot of the percent-decoded segment. When no '%' follows the
        // last literal dot (the usual case), no escape can hide a later dot: read the bytes in place.
        var dot = pathEnd
        var percentAfterDot = false
        var offset = pathEnd
        while offset > segmentStart {
            offset -= 1
            let byte = url[offset]
            if byte == UInt8(ascii: ".") {
                dot = offset
                break
            }
            if byte == UInt8(ascii: "%") { percentAfterDot = true }
        }
        if !percentAfterDot {
            guard dot != pathEnd, dot + 1 < pathEnd else { return }
            fileExtension = FileExtension(UnsafeBufferPointer(rebasing: url[(dot + 1)..<pathEnd]))
            extensionRange = (dot + 1)..<pathEnd
            return
        }
        let (decoded, origin) = AssetPath.percentDecoded(url, segment)
        guard let decodedDot = decoded.lastIndex(of: UInt8(ascii: ".")), decodedDot + 1 < decoded.count else { return }
        fileExtension = FileExtension(decoded[(decodedDot + 1)...])
        extensionRange = origin[decodedDot + 1]..<pathEnd
    }

    /// The offset of the first of bytes `a`, `b` or `c` in `url[start..<end]`, or `end`. Eight bytes
    /// at a time: the has-zero-byte trick may stop a word early (never late), and the byte loop
    /// that follows is exact.
    @inline(__always)
    static func firstOf(_ a: UInt8, _ b: UInt8, _ c: UInt8, in url: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var offset = start
        if let base = url.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while offset + 8 <= end {
                let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
                let xa = word ^ (ones &* UInt64(a)), xb = word ^ (ones &* UInt64(b)), xc = word ^ (ones &* UInt64(c))
                if (((xa &- ones) & ~xa) | ((xb &- ones) & ~xb) | ((xc &- ones) & ~xc)) & highs != 0 { break }
                offset += 8
            }
        }
        while offset < end, url[offset] != a, url[offset] != b, url[offset] != c { offset += 1 }
        return offset
    }

    /// Percent-decodes `range` of `url` (invalid escapes stay as written), with the offset each
    /// decoded byte comes from.
    static func percentDecoded(_ url: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (
        bytes: [UInt8], origin: [Int]
    ) {
        var decoded: [UInt8] = []
        var origin: [Int] = []
        decoded.reserveCapacity(range.count)
        origin.reserveCapacity(range.count)
        var offset = range.lowerBound
        let end = min(range.upperBound, url.count)
        while offset < end {
            if url[offset] == UInt8(ascii: "%"), offset + 2 < end,
                let high = hexValue(url[offset + 1]), let low = hexValue(url[offset + 2])
            {
                decoded.append(high << 4 | low)
                origin.append(offset)
                offset += 3
            } else {
                decoded.append(url[offset])
                origin.append(offset)
                offset += 1
            }
        }
        return (decoded, origin)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The percent-decoded last path segment of string node `index`, for messages.
    func fileName(of index: JSONTree.Index, in tree: JSONTree) -> String {
        let segment = self.segment
        return ManifestText.withDecodedBytes(index, in: tree) {
            String(decoding: AssetPath.percentDecoded($0, segment).bytes, as: UTF8.self)
        }
    }

    /// The extension of string node `index` as a message shows it: percent-decoded, lower case.
    func extensionText(of index: JSONTree.Index, in tree: JSONTree) -> String {
        guard let range = extensionRange else { return "" }
        return ManifestText.withDecodedBytes(index, in: tree) {
            String(decoding: AssetPath.percentDecoded($0, range).bytes, as: UTF8.self).lowercased()
        }
    }

    /// The path of string node `index`, or nil when it is not a string or not a hierarchical URL.
    static func of(_ index: JSONTree.Index, in tree: JSONTree) -> AssetPath? {
        guard tree[index].kind == .string else { return nil }
        return ManifestText.withDecodedBytes(index, in: tree) { AssetPath($0) }
    }
}
