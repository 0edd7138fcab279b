#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Label rules, in catalog order: the hub's annotation import format ("Ango Import
/// Format", HUB-FORMATS section 6).
public enum LabelRules {
    public static let all: [any Rule.Type] = [
        LabelItemShape.self, LabelUnknownField.self, LabelClassMissing.self, LabelObjectTool.self,
        LabelGeometryInvalid.self, LabelAnswerInvalid.self, LabelObjectIDDuplicate.self, LabelRelationInvalid.self,
        LabelAssetUnknown.self,
    ]

    static let kinds: Set<DocumentKind> = [.labels]
}

/// The members of a label-import item (HUB-FORMATS section 6.1).
enum LabelField: String, CaseIterable {
    case externalId, data, asset, objects, classifications, relations, brushDataUrl, medicalBrushDataUrl

    static let names = allCases.map(\.rawValue)

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
enum LabelTool: String, CaseIterable {
    case boundingBox = "bounding-box", rotatedBoundingBox = "rotated-bounding-box", polygon, polyline, point
    case segmentation, ner, pdf, brush, pct

    static let names = allCases.map(\.rawValue)

    /// Normalised spellings of tool keys that are not the hub's.
    static let aliases: [String: String] = [
        "bbox": "bounding-box", "box": "bounding-box", "rect": "bounding-box", "rectangle": "bounding-box",
        "rotatedbbox": "rotated-bounding-box", "rbbox": "rotated-bounding-box", "rotatedbox": "rotated-bounding-box",
        "polygons": "polygon", "poly": "polygon", "points": "polygon", "line": "polyline", "lines": "polyline",
        "keypoint": "point", "segment": "segmentation", "mask": "segmentation", "span": "ner", "entity": "ner",
    ]

    /// The tool named by the key of member `member`, if it is one.
    init?(member: JSONTree.Index, in tree: JSONTree) {
        guard let key = tree.key(of: member), let tool = LabelTool(rawValue: key) else { return nil }
        self = tool
    }
}

/// The parts of a label item the rules look at.
enum LabelWalk {
    /// The object members of the item's `objects` list.
    static func objects(of item: JSONTree.Index, in tree: JSONTree) -> [JSONTree.Index] {
        guard let list = tree.member("objects", of: item), tree[list].kind == .array else { return [] }
        return tree.children(of: list).filter { tree[$0].kind == .object }
    }

    /// The object members of the item's `relations` list.
    static func relations(of item: JSONTree.Index, in tree: JSONTree) -> [JSONTree.Index] {
        guard let list = tree.member("relations", of: item), tree[list].kind == .array else { return [] }
        return tree.children(of: list).filter { tree[$0].kind == .object }
    }

    /// Every classification of the item, in document order: the item's own, each object's, and
    /// those nested in them (nested classifications have schema ids of their own).
    static func classifications(of item: JSONTree.Index, in tree: JSONTree, _ body: (JSONTree.Index) -> Void) {
        func visit(_ owner: JSONTree.Index, depth: Int) {
            guard depth < 32, let list = tree.member("classifications", of: owner), tree[list].kind == .array else { return }
            for classification in tree.children(of: list) where tree[classification].kind == .object {
                body(classification)
                visit(classification, depth: depth + 1)
            }
        }
        var members: [JSONTree.Index] = []
        for member in tree.children(of: item) {
            if tree.keyEquals(member, "classifications") || tree.keyEquals(member, "objects") { members.append(member) }
        }
        // In document order: the item's classifications may come before or after its objects.
        for member in members {
            if tree.keyEquals(member, "classifications") {
                visit(item, depth: 0)
            } else if tree[member].kind == .array {
                for object in tree.children(of: member) where tree[object].kind == .object { visit(object, depth: 0) }
            }
        }
    }

    /// The tool members of an object, in document order.
    static func tools(of object: JSONTree.Index, in tree: JSONTree) -> [(tool: LabelTool, member: JSONTree.Index)] {
        tree.children(of: object).compactMap { member in LabelTool(member: member, in: tree).map { ($0, member) } }
    }

    /// An object's `objectId`: on the object, as the import page describes it, or inside its tool
    /// value, where the page's PDF examples put it.
    static func objectID(of object: JSONTree.Index, in tree: JSONTree) -> JSONTree.Index? {
        if let id = tree.member("objectId", of: object) { return id }
        for (_, member) in tools(of: object, in: tree) where tree[member].kind == .object {
            if let id = tree.member("objectId", of: member) { return id }
        }
        return nil
    }

    /// "object 2", "relation 0": a list entry by its position, for messages.
    static func entry(_ name: String, _ node: JSONTree.Index, in tree: JSONTree) -> String {
        "\(name) \(tree[node].index)"
    }
}

/// Reads JSON number nodes without building a `String` per number: a label file can hold
/// millions of coordinates.
enum LabelNumber {
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
