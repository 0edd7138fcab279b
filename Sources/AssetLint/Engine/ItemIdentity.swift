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
/// Read only when a fingerprint is wanted (a baseline, SARIF), once per file: the items that
/// have findings are found by a structural scan (`ManifestPartition.elementStarts`) and parsed
/// alone; a CORS file is parsed once.
public enum ItemIdentity {
    /// For each of `report.diagnostics`, in order, the identity of its item, or nil.
    public static func identities(of report: FileReport) -> [String?] {
        let none = [String?](repeating: nil, count: report.findingCount)
        guard let source = report.source, let kind = report.kind, report.findingCount > 0 else { return none }
        // Only the pointers are needed (a spooled report has no findings to hand as values).
        var pointers: [String] = []
        pointers.reserveCapacity(report.findingCount)
        report.forEachFinding { pointers.append($0.pointer) }
        switch kind {
        case .manifest, .labels, .attachments:
            return manifestIdentities(pointers, source: source)
        case .corsGCS, .corsS3, .corsAzure:
            return corsIdentities(pointers, source: source, kind: kind)
        case .serviceAccount, .json:
            return none
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

    static func manifestIdentities(_ pointers: [String], source: SourceFile) -> [String?] {
        let indices = pointers.map { itemIndex(of: $0) }
        let wanted = Set(indices.compactMap { $0 }).sorted()
        guard !wanted.isEmpty else { return indices.map { _ in nil } }
        var opening = JSONParser(source: source)
        guard opening.openTopLevelArray() else { return indices.map { _ in nil } }
        let starts = ManifestPartition.elementStarts(in: source.bytes, from: opening.position, indices: wanted)
        var names: [Int: String] = [:]
        var tree = JSONTree(source: source)
        for (index, start) in starts {
            // Each item alone, from where the scan found it; an item that does not parse has no name.
            var parser = JSONParser(source: source, maxDepth: .max)
            parser.resumeTopLevelArray(at: start)
            guard parser.nextElement(into: &tree, index: index), let name = manifestItemName(tree.root, in: tree) else { continue }
            names[index] = name
        }
        return indices.map { $0.flatMap { names[$0] } }
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

    static func corsIdentities(_ pointers: [String], source: SourceFile, kind: DocumentKind) -> [String?] {
        var tree = JSONTree(source: source)
        var parser = JSONParser(source: source, maxDepth: .max)
        guard parser.parseDocument(into: &tree), let document = CORSDocument(tree: tree, kind: kind) else {
            return pointers.map { _ in nil }
        }
        var names: [String: String] = [:]
        for rule in document.rules { names[tree.pointer(rule.node)] = corsRuleName(rule) }
        return pointers.map { findingPointer in
            // The rule whose pointer is the finding's or one of its ancestors'.
            var pointer = Substring(findingPointer)
            while true {
                if let name = names[String(pointer)] { return name }
                guard let slash = pointer.lastIndex(of: "/") else { return nil }
                pointer = pointer[..<slash]
            }
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
