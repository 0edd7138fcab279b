#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the L rules share: the hub's annotation import format ("Ango Import Format",
/// HUB-FORMATS section 6).
public enum LabelRules {
    static let kinds: Set<DocumentKind> = [.labels]
}

/// The members of a label-import item (HUB-FORMATS section 6.1).
enum LabelField: Int, CaseIterable {
    case externalId, data, asset, objects, classifications, relations, brushDataUrl, medicalBrushDataUrl

    var name: String {
        switch self {
        case .externalId: "externalId"
        case .data: "data"
        case .asset: "asset"
        case .objects: "objects"
        case .classifications: "classifications"
        case .relations: "relations"
        case .brushDataUrl: "brushDataUrl"
        case .medicalBrushDataUrl: "medicalBrushDataUrl"
        }
    }

    static let names = allCases.map(\.name)

    /// The fields that name the asset the item pre-labels.
    static let assetReferences: [LabelField] = [.externalId, .data, .asset]
    /// The fields that bring something to import.
    static let content: [LabelField] = [.objects, .classifications, .relations, .brushDataUrl, .medicalBrushDataUrl]

    var expectedKind: JSONKind {
        switch self {
        case .objects, .classifications, .relations: .array
        default: .string
        }
    }

    /// Normalised synonyms people write for a field (see `ImportKeys.suggestion`). `tools` is what
    /// the hub's task answers and the SDK call the objects.
    static let aliases: [String: String] = [
        "tools": "objects", "annotations": "objects", "labels": "objects", "shapes": "objects",
        "id": "externalId", "assetid": "externalId", "externalkey": "externalId",
        "url": "data", "uri": "data", "image": "data", "imageurl": "data", "asseturl": "data",
        "classification": "classifications", "relation": "relations",
        "brushurl": "brushDataUrl", "mask": "brushDataUrl", "maskurl": "brushDataUrl",
    ]
}

/// The labeling tools an object names by the key of its geometry (the SDK's `ToolType`,
/// HUB-FORMATS section 6.2).
enum LabelTool: Int, CaseIterable {
    case boundingBox, rotatedBoundingBox, polygon, polyline, point, segmentation, ner, pdf, brush, pct

    var name: String {
        switch self {
        case .boundingBox: "bounding-box"
        case .rotatedBoundingBox: "rotated-bounding-box"
        case .polygon: "polygon"
        case .polyline: "polyline"
        case .point: "point"
        case .segmentation: "segmentation"
        case .ner: "ner"
        case .pdf: "pdf"
        case .brush: "brush"
        case .pct: "pct"
        }
    }

    static let names = allCases.map(\.name)

    /// Normalised spellings of tool keys that are not the hub's.
    static let aliases: [String: String] = [
        "bbox": "bounding-box", "box": "bounding-box", "rect": "bounding-box", "rectangle": "bounding-box",
        "rotatedbbox": "rotated-bounding-box", "rbbox": "rotated-bounding-box", "rotatedbox": "rotated-bounding-box",
        "polygons": "polygon", "poly": "polygon", "points": "polygon", "line": "polyline", "lines": "polyline",
        "keypoint": "point", "segment": "segmentation", "mask": "segmentation", "span": "ner", "entity": "ner",
    ]

    /// The tool named by the key of member `member`, if it is one.
    init?(member: JSONTree.Index, in tree: JSONTree) {
        guard let index = KeyMatch.index(of: member, among: Self.names, in: tree) else { return nil }
        self = LabelTool.allCases[index]
    }
}

/// What the L rules share about the item they check, found in one pass over its members and its
/// objects' members by the first rule that asks (`of(_:)`, cached per item like the M rules'
/// `ItemMembersCache`): the known members, and per object its tool, object id and page.
final class LabelItemAnalysis: PartMergeable {
    struct Object {
        var node: JSONTree.Index
        /// The first tool member (`JSONNode.none` when there is none) and how many there are.
        var toolMember: JSONTree.Index = JSONNode.none
        var tool: LabelTool?
        var toolCount = 0
        /// `objectId` on the object, or else inside its tool value (the hub's PDF examples).
        var objectID: JSONTree.Index?
        var page: JSONTree.Index?
    }

    private var itemIndex = -1
    private var itemStart = -1
    private var item: JSONTree.Index = JSONNode.none
    /// The last member of each `LabelField`, by raw value; `JSONNode.none` when absent.
    private var slots = [JSONTree.Index](repeating: JSONNode.none, count: LabelField.allCases.count)
    /// Members whose key is no `LabelField`.
    private(set) var unknownCount = 0
    /// The object entries of `objects`, in order.
    private(set) var objects: [Object] = []

    /// It keeps nothing across items: each part of a split file reads its own items.
    func absorb(_ later: AnyObject) {}

    static func of(_ context: LintContext) -> LabelItemAnalysis {
        context.fileState(LabelItemAnalysis.self) { LabelItemAnalysis() }
    }

    subscript(field: LabelField) -> JSONTree.Index? {
        let node = slots[field.rawValue]
        return node == JSONNode.none ? nil : node
    }

    /// This analysis, for item `item` (number `index`) of `tree`.
    @discardableResult
    func view(of item: JSONTree.Index, at index: Int, in tree: JSONTree) -> LabelItemAnalysis {
        let start = tree[item].start
        if itemIndex == index, itemStart == start, self.item == item { return self }
        itemIndex = index
        itemStart = start
        self.item = item
        for slot in slots.indices { slots[slot] = JSONNode.none }
        unknownCount = 0
        objects.removeAll(keepingCapacity: true)
        guard tree[item].kind == .object else { return self }
        var child = tree[item].firstChild
        while child != JSONNode.none {
            if let field = KeyMatch.index(of: child, among: LabelField.names, in: tree) {
                slots[field] = child
            } else {
                unknownCount += 1
            }
            child = tree[child].nextSibling
        }
        if let list = self[.objects], tree[list].kind == .array {
            var entry = tree[list].firstChild
            while entry != JSONNode.none {
                if tree[entry].kind == .object { objects.append(Self.object(entry, in: tree)) }
                entry = tree[entry].nextSibling
            }
        }
        return self
    }

    /// The tool members of an object, in document order (for the rare object that has several).
    static func tools(of object: JSONTree.Index, in tree: JSONTree) -> [(tool: LabelTool, member: JSONTree.Index)] {
        tree.children(of: object).compactMap { member in LabelTool(member: member, in: tree).map { ($0, member) } }
    }

    private static let objectKeys: [String] = ["objectId", "page"]

    private static func object(_ node: JSONTree.Index, in tree: JSONTree) -> Object {
        var object = Object(node: node)
        var member = tree[node].firstChild
        while member != JSONNode.none {
            if let tool = LabelTool(member: member, in: tree) {
                if object.toolCount == 0 {
                    object.tool = tool
                    object.toolMember = member
                }
                object.toolCount += 1
            } else if let key = KeyMatch.index(of: member, among: objectKeys, in: tree) {
                if key == 0 { object.objectID = member } else { object.page = member }
            }
            member = tree[member].nextSibling
        }
        if object.objectID == nil, object.toolMember != JSONNode.none, tree[object.toolMember].kind == .object {
            object.objectID = tree.member("objectId", of: object.toolMember)
        }
        return object
    }
}

/// The parts of a label item the rules walk besides its objects.
enum LabelWalk {
    /// The object members of the item's `relations` list.
    static func relations(of item: JSONTree.Index, in tree: JSONTree, _ body: (JSONTree.Index) -> Void) {
        guard let list = tree.member("relations", of: item), tree[list].kind == .array else { return }
        var entry = tree[list].firstChild
        while entry != JSONNode.none {
            if tree[entry].kind == .object { body(entry) }
            entry = tree[entry].nextSibling
        }
    }

    /// Every classification of the item, in document order: the item's own, each object's, and
    /// those nested in them (nested classifications have schema ids of their own).
    static func classifications(of item: JSONTree.Index, in tree: JSONTree, _ body: (JSONTree.Index) -> Void) {
        func visit(_ owner: JSONTree.Index, depth: Int) {
            guard depth < 32, let list = tree.member("classifications", of: owner), tree[list].kind == .array else { return }
            var entry = tree[list].firstChild
            while entry != JSONNode.none {
                if tree[entry].kind == .object {
                    body(entry)
                    visit(entry, depth: depth + 1)
                }
                entry = tree[entry].nextSibling
            }
        }
        // In document order: the item's classifications may come before or after its objects.
        var member = tree[item].firstChild
        var visitedOwn = false
        while member != JSONNode.none {
            if !visitedOwn, tree.keyEquals(member, "classifications") {
                visitedOwn = true
                visit(item, depth: 0)
            } else if tree.keyEquals(member, "objects"), tree[member].kind == .array,
                      tree.member("objects", of: item) == member {
                var object = tree[member].firstChild
                while object != JSONNode.none {
                    if tree[object].kind == .object { visit(object, depth: 0) }
                    object = tree[object].nextSibling
                }
            }
            member = tree[member].nextSibling
        }
    }
}

/// Key comparisons on the raw bytes of the file, without building a `String` per key.
enum KeyMatch {
    /// The position in `names` of the key of member `member`, or nil.
    @inline(__always)
    static func index(of member: JSONTree.Index, among names: [String], in tree: JSONTree) -> Int? {
        for (position, name) in names.enumerated() where tree.keyEquals(member, name) { return position }
        return nil
    }
}

/// Reads JSON number nodes without building a `String` per number: a label file can hold
/// millions of coordinates, and most of them only need to be numbers.
enum LabelNumber {
    /// What a rule needs to know of most numbers, from the bytes alone.
    struct Facts {
        var isNegative: Bool
        var isFinite: Bool
    }

    /// The sign and finiteness of number node `node`; nil for other nodes. A JSON number without
    /// an exponent and with at most 308 digits is finite as a `Double`; others are converted.
    static func facts(_ node: JSONTree.Index, in tree: JSONTree) -> Facts? {
        let value = tree[node]
        guard value.kind == .number else { return nil }
        let bytes = tree.source.bytes
        var nonZero = false
        var exponent = false
        for offset in value.start..<value.end {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = true
                break
            }
            if byte >= UInt8(ascii: "1"), byte <= UInt8(ascii: "9") { nonZero = true }
        }
        if exponent || value.end - value.start > 308 {
            guard let number = Self.value(node, in: tree) else { return nil }
            return Facts(isNegative: number < 0, isFinite: number.isFinite)
        }
        return Facts(isNegative: nonZero && bytes[value.start] == UInt8(ascii: "-"), isFinite: true)
    }

    /// The value of number node `node`; nil for other nodes. Too large a magnitude gives an
    /// infinite value, which the rules report.
    static func value(_ node: JSONTree.Index, in tree: JSONTree) -> Double? {
        let value = tree[node]
        guard value.kind == .number else { return nil }
        let length = value.end - value.start
        guard length < 64 else { return tree.double(node) }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let bytes = tree.source.bytes
            for offset in 0..<length { buffer[offset] = CChar(bitPattern: bytes[value.start + offset]) }
            buffer[length] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }
}
