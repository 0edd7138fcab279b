/// L504: an object has no geometry key of a labeling tool, or more than one.
public final class LabelObjectTool: ImportItemRule {
    public static let metadata = RuleMetadata(
        id: "L504", name: "label-object-tool", severity: .error, kinds: LabelRules.kinds,
        summary: "An object of `objects` has no tool key (`bounding-box`, `polygon`, `point`, ...) holding its geometry, or has two.",
        rationale: """
            An object's geometry sits under the key of its tool: `bounding-box`, `rotated-bounding-box`, \
            `polygon`, `polyline`, `point`, `segmentation`, `ner` (audio and text spans) or `pdf` (the SDK \
            also knows `brush` and `pct`). An object without one has no shape to draw, and is lost on \
            import; keys such as `bbox`, `boundingBox` or `bounding_box` are not read. An object with two \
            tool keys is two annotations written as one: split it.

            A near miss of a tool key is named, with an unsafe fix that renames it.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.labels, #"[{"externalId": "example.jpg", "objects": [{"schemaId": "1627286466609", "bbox": {"x": 192.5, "y": 166.9, "width": 66.1, "height": 61.8}}]}]"#),
            RuleExample(.labels, #"[{"externalId": "example.jpg", "objects": [{"schemaId": "1627286466609", "point": [318.9, 459.1], "polygon": [[1, 2], [3, 4], [5, 6]]}]}]"#,
                        note: "two shapes in one object: no fix, split it"),
        ],
        nonTriggering: [
            RuleExample(.labels, #"[{"externalId": "example.jpg", "objects": [{"schemaId": "1627286466609", "bounding-box": {"x": 192.5, "y": 166.9, "width": 66.1, "height": 61.8}}]}]"#)
        ])

    /// Object keys the import reads besides the tools.
    static let objectKeys: Set<String> = [
        "schemaId", "title", "objectId", "lock", "page", "classifications", "interpolationStopped",
    ]

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        for object in LabelItemAnalysis.of(context).view(of: item, at: index, in: tree).objects where object.toolCount != 1 {
            check(object.node, in: tree, context: context)
        }
    }

    private func check(_ object: JSONTree.Index, in tree: JSONTree, context: LintContext) {
        let tools = LabelItemAnalysis.tools(of: object, in: tree)
        if tools.count > 1 {
            let names = tools.map { "\"\($0.tool.name)\"" }
            context.reportKey(
                Self.self, "object has \(tools.count) tools, \(names.joinedAsChoice("and")): an object is one shape; split it into \(tools.count) objects",
                node: tools[1].member, in: tree)
            return
        }
        guard tools.isEmpty else { return }
        var present = Set(tree.children(of: object).compactMap { tree.key(of: $0) })
        for member in tree.children(of: object) {
            guard let key = tree.key(of: member), !Self.objectKeys.contains(key),
                  let tool = ImportKeys.suggestion(for: key, among: LabelTool.names, aliases: LabelTool.aliases),
                  !present.contains(tool) else { continue }
            present.insert(tool)
            let keyRange = tree[member].keyRange!
            context.reportKey(
                Self.self, "object has no tool key: did you mean \"\(tool)\" for \(ManifestText.quoted(key))? The hub does not read \(ManifestText.quoted(key))",
                node: member, in: tree,
                fix: Fix(.unsafe, "rename \(ManifestText.quoted(key)) to \"\(tool)\"", edits: [
                    TextEdit(range: ByteRange(start: keyRange.offset + 1, end: keyRange.end - 1), replacement: tool),
                ]))
            return
        }
        context.report(
            Self.self, "object has no tool key such as \"bounding-box\", \"polygon\" or \"point\": it has no shape to import",
            at: ImportKeys.anchor(of: object, in: tree), pointer: tree.pointer(object))
    }
}
