/// The name a user gave the item a finding is about, so that a recorded finding (baseline, SARIF
/// `partialFingerprints`) stays with its item wherever the item moves in the file.
///
/// - Manifest, label and attachment imports: the item's `externalId` (an item's id in the user's
///   world); an item without a usable one (missing, empty, `null`, an object or array) is named
///   by its `data` URL instead.
/// - CORS (GCS, S3, Azure): the rule's S3 `ID` when it has one, else its origins and methods,
///   each list sorted and without duplicates. Origins are compared as browsers send them
///   (trimmed, lower case, no trailing slash) and methods in upper case, so fixing an origin's
///   spelling (C305) leaves the rule's other findings recorded.
/// - Service-account keys and other JSON: none. A key file is one item; the path, pointer and
///   text name a finding in a plain JSON document.
///
/// Findings outside any item (the document, the list itself) have no identity either.
///
/// Read only when a fingerprint is wanted (a baseline, SARIF), as the findings stream past in
/// report order (`Resolver`): nothing is gathered for the whole file. A manifest's items are found
/// by a structural scan that moves forward with the findings (`ManifestPartition.ElementCursor`)
/// and only the items that have findings are parsed, each alone; a CORS file is parsed once.
public enum ItemIdentity {
    /// For each of `report`'s findings, in report order, the identity of its item, or nil.
    public static func identities(of report: FileReport) -> [String?] {
        var resolver = Resolver(report: report)
        var names: [String?] = []
        names.reserveCapacity(report.findingCount)
        report.forEachFinding { names.append(resolver.identity(ofPointer: $0.pointer)) }
        return names
    }

    /// Names the items of one file's findings one finding at a time. Findings come in report
    /// order (by offset), so their items mostly come in ascending order: the scan for an item
    /// starts where the last one was found, and an item behind it (a finding whose pointer names
    /// an earlier item) is found again from the nearest of the notes the scan leaves every
    /// `noteSpacing` items. What is kept does not grow with the findings: the notes (a few per
    /// megabyte of manifest), the last item named, and for CORS a name per rule.
    public struct Resolver {
        private let source: SourceFile?
        private let kind: DocumentKind?
        private var items: ManifestItems?
        private var corsNames: [String: String]?

        public init(report: FileReport) {
            self.init(source: report.source, kind: report.kind)
        }

        init(source: SourceFile?, kind: DocumentKind?, noteSpacing: Int = 1024) {
            self.source = source
            self.kind = kind
            if let source, kind == .manifest || kind == .labels || kind == .attachments {
                items = ManifestItems(source: source, noteSpacing: noteSpacing)
            }
        }

        /// How many element notes the scan keeps (for the tests' bound).
        var noteCount: Int { items?.noteCount ?? 0 }

        /// The identity of the item of the finding at `pointer`.
        public mutating func identity(ofPointer pointer: String) -> String? {
            guard let source, let kind else { return nil }
            switch kind {
            case .manifest, .labels, .attachments:
                guard let index = ItemIdentity.itemIndex(of: pointer) else { return nil }
                return items?.name(ofItem: index)
            case .corsGCS, .corsS3, .corsAzure:
                if corsNames == nil { corsNames = ItemIdentity.corsRuleNames(source: source, kind: kind) }
                return ItemIdentity.corsName(ofPointer: pointer, in: corsNames ?? [:])
            case .serviceAccount, .json:
                return nil
            }
        }
    }

    /// A manifest's items by number, through a forward scan (see `Resolver`).
    private struct ManifestItems {
        let source: SourceFile
        let noteSpacing: Int
        /// The scan; nil when the document is not an array.
        private var cursor: ManifestPartition.ElementCursor?
        /// Elements the scan passed, one every `noteSpacing` items or more, in ascending order.
        private var notes: [PartBoundary] = []
        private var last: (index: Int, name: String?)?
        private var tree: JSONTree

        init(source: SourceFile, noteSpacing: Int) {
            self.source = source
            self.noteSpacing = max(1, noteSpacing)
            tree = JSONTree(source: source)
            var opening = JSONParser(source: source)
            if opening.openTopLevelArray() {
                let cursor = ManifestPartition.ElementCursor(bytes: source.bytes, arrayStart: opening.position)
                if let first = cursor.element { notes.append(first) }
                self.cursor = cursor
            }
        }

        var noteCount: Int { notes.count }

        mutating func name(ofItem index: Int) -> String? {
            if let last, last.index == index { return last.name }
            var name: String?
            if let start = start(ofItem: index) {
                // The item alone, from where the scan found it; an item that does not parse has no name.
                var parser = JSONParser(source: source, maxDepth: .max)
                parser.resumeTopLevelArray(at: start)
                if parser.nextElement(into: &tree, index: index) { name = ItemIdentity.manifestItemName(tree.root, in: tree) }
            }
            last = (index, name)
            return name
        }

        private mutating func start(ofItem index: Int) -> Int? {
            guard var scan = cursor else { return nil }
            if index >= scan.element?.index ?? .max {
                let spacing = noteSpacing
                var notes = self.notes
                let start = scan.advance(to: index) { element in
                    if element.index >= notes[notes.count - 1].index + spacing { notes.append(element) }
                }
                self.notes = notes
                cursor = scan
                return start
            }
            // Behind the scan (or past the array's end): again from the last note at or before it.
            guard !notes.isEmpty, index >= notes[0].index else { return nil }
            var low = 0
            var high = notes.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if notes[middle].index <= index { low = middle } else { high = middle - 1 }
            }
            var again = ManifestPartition.ElementCursor(bytes: source.bytes, at: notes[low])
            return again.advance(to: index)
        }
    }

    // MARK: Manifest items

    /// The item number a manifest finding's pointer starts with (`/12/data` → 12).
    static func itemIndex(of pointer: String) -> Int? {
        let utf8 = pointer.utf8
        guard utf8.first == UInt8(ascii: "/") else { return nil }
        var value = 0
        var digits = 0
        for byte in utf8.dropFirst() {
            if byte == UInt8(ascii: "/") { break }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits == 0 ? nil : value
    }

    /// `externalId`, else `data`; strings decoded, other scalars as written.
    static func manifestItemName(_ item: JSONTree.Index, in tree: JSONTree) -> String? {
        guard tree[item].kind == .object else { return nil }
        for field in ["externalId", "data"] {
            guard let value = tree.member(field, of: item) else { continue }
            switch tree[value].kind {
            case .string:
                guard let text = tree.string(value), !text.isEmpty else { continue }
                return "\(field) \(text)"
            case .number, .bool:
                return "\(field) \(tree.sourceText(value))"
            case .null, .array, .object:
                continue
            }
        }
        return nil
    }

    // MARK: CORS rules

    /// Each rule's name by the rule's JSON pointer; empty when the document is not CORS.
    static func corsRuleNames(source: SourceFile, kind: DocumentKind) -> [String: String] {
        var tree = JSONTree(source: source)
        var parser = JSONParser(source: source, maxDepth: .max)
        guard parser.parseDocument(into: &tree), let document = CORSDocument(tree: tree, kind: kind) else { return [:] }
        var names: [String: String] = [:]
        for rule in document.rules { names[tree.pointer(rule.node)] = corsRuleName(rule) }
        return names
    }

    /// The name of the rule whose pointer is the finding's or one of its ancestors'.
    static func corsName(ofPointer findingPointer: String, in names: [String: String]) -> String? {
        guard !names.isEmpty else { return nil }
        var pointer = Substring(findingPointer)
        while true {
            if let name = names[String(pointer)] { return name }
            guard let slash = pointer.lastIndex(of: "/") else { return nil }
            pointer = pointer[..<slash]
        }
    }

    static func corsRuleName(_ rule: CORSRule) -> String {
        if let id = rule.id, !id.isEmpty { return "ID \(id)" }
        func canonicalOrigin(_ origin: String) -> String {
            var text = origin.trimmingCharacters(in: " ").lowercased()
            while text.hasSuffix("/") { text.removeLast() }
            return text
        }
        let origins = Set(rule.origins.strings.map(canonicalOrigin)).sorted()
        let methods = Set(rule.methods.strings.map { $0.trimmingCharacters(in: " ").uppercased() }).sorted()
        return "origins \(origins.joined(separator: " "))\u{0}methods \(methods.joined(separator: " "))"
    }
}
