/// L507: two objects of one asset share an `objectId` on the same frame or page.
public final class LabelObjectIDDuplicate: ImportItemRule {
    public static let metadata = RuleMetadata(
        id: "L507", name: "label-object-id-duplicate", severity: .error, kinds: LabelRules.kinds,
        summary: "Two objects of one item have the same `objectId` on the same `page` (or both without one), or an `objectId` is not a string.",
        rationale: """
            A custom `objectId` identifies an annotation: relations name their objects by it, and in a \
            video the same id on consecutive frames (`page`) tracks one object. The hub neither checks nor \
            warns about two objects with one id in the same asset and frame, and then relations and \
            tracking break in ways that are hard to trace back to the import file.

            The same id on different pages is tracking and is not reported. Object ids are strings; \
            the id may sit on the object or, as in the hub's PDF examples, inside its tool value. An id \
            written as a number gets an unsafe fix that quotes it.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.labels, #"[{"externalId": "Base flipped.png", "objects": [{"schemaId": "9c2840f98b4849450ed2011", "objectId": "12345", "point": [50.3, 30.4]}, {"schemaId": "9c2840f98b4849450ed2011", "objectId": "12345", "point": [400.3, 400.4]}]}]"#),
            RuleExample(.labels, #"[{"externalId": "Base flipped.png", "objects": [{"schemaId": "9c2840f98b4849450ed2011", "objectId": 12345, "point": [50.3, 30.4]}]}]"#,
                        note: "an id written as a number: the fix quotes it"),
        ],
        nonTriggering: [
            RuleExample(.labels, #"[{"externalId": "clip.mp4", "objects": [{"schemaId": "fb4771a3d540f9c3ad8e084", "objectId": "12345", "page": 6, "point": [192.5, 166.9]}, {"schemaId": "fb4771a3d540f9c3ad8e084", "objectId": "12345", "page": 7, "point": [193.0, 167.2]}]}]"#,
                        note: "one object tracked over two frames")
        ])

    public init() {}

    private struct Key: Hashable {
        var id: String
        var page: String
    }

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        var seen: [Key: JSONTree.Index] = [:]
        for object in LabelItemAnalysis.of(context).view(of: item, at: index, in: tree).objects {
            guard let id = object.objectID else { continue }
            guard tree[id].kind == .string, let text = tree.string(id) else {
                context.report(
                    Self.self, "objectId must be a string, found \(ManifestText.describeValue(id, in: tree)): relations name objects by string ids",
                    node: id, in: tree, fix: ImportShape.quoting(id, in: tree))
                continue
            }
            let page = object.page.map { tree.sourceText($0) } ?? ""
            let key = Key(id: text, page: page)
            if let first = seen[key] {
                let frame = page.isEmpty ? "" : " on page \(page)"
                context.report(
                    Self.self, "objectId \(ManifestText.quoted(text)) is used twice in this item\(frame): relations and tracking break; give each object its own id",
                    node: id, in: tree, related: [RelatedLocation(message: "first used here", range: tree[first].range)])
            } else {
                seen[key] = id
            }
        }
    }
}
