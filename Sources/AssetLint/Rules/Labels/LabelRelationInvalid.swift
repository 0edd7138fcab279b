/// L508: a relation does not connect objects of its item.
public final class LabelRelationInvalid: ImportItemRule {
    public static let metadata = RuleMetadata(
        id: "L508", name: "label-relation-invalid", severity: .error, kinds: LabelRules.kinds,
        summary: "A relation has neither `from` and `to` nor a `group` of at least two object ids, or names an `objectId` that no object of its item has.",
        rationale: """
            Relations connect objects of the same asset by their custom `objectId`s: a single relation \
            with `"from"` and `"to"`, a group relation with a `"group"` list of ids. An id that no object \
            of the item carries connects nothing, and the relation is lost on import; so is a relation \
            without endpoints. Relations cannot be locked.
            """,
        triggering: [
            RuleExample(.labels, #"[{"externalId": "Base flipped.png", "objects": [{"schemaId": "9c2840f98b4849450ed2011", "objectId": "12345", "point": [50.3, 30.4]}], "relations": [{"schemaId": "f3ed60cb6fbb4031eac8603", "from": "12345", "to": "123456"}]}]"#,
                        note: "no object has the id \"123456\"")
        ],
        nonTriggering: [
            RuleExample(.labels, #"[{"externalId": "Base flipped.png", "objects": [{"schemaId": "9c2840f98b4849450ed2011", "objectId": "12345", "point": [50.3, 30.4]}, {"schemaId": "9c2840f98b4849450ed2011", "objectId": "123456", "point": [400.3, 400.4]}], "relations": [{"title": "", "schemaId": "f3ed60cb6fbb4031eac8603", "from": "12345", "to": "123456"}]}]"#)
        ])

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object, let list = tree.member("relations", of: item), tree[list].childCount > 0 else { return }
        var ids: Set<String> = []
        for object in LabelItemAnalysis.of(context).view(of: item, at: index, in: tree).objects {
            if let id = object.objectID, let text = tree.string(id) { ids.insert(text) }
        }
        LabelWalk.relations(of: item, in: tree) { check($0, ids: ids, in: tree, context: context) }
    }

    private func check(_ relation: JSONTree.Index, ids: Set<String>, in tree: JSONTree, context: LintContext) {
        var endpoints: [JSONTree.Index] = []
        let from = tree.member("from", of: relation), to = tree.member("to", of: relation)
        if let group = tree.member("group", of: relation) {
            guard tree[group].kind == .array else {
                context.report(Self.self, "\"group\" must be a list of objectIds, found \(ManifestText.describeValue(group, in: tree))", node: group, in: tree)
                return
            }
            if tree[group].childCount < 2 {
                context.report(Self.self, "the group relation lists \(tree[group].childCount) object\(tree[group].childCount == 1 ? "" : "s"): a group relates at least two", node: group, in: tree)
            }
            endpoints += tree.children(of: group)
        } else if from != nil || to != nil {
            if from == nil || to == nil {
                let missing = from == nil ? "from" : "to"
                context.report(
                    Self.self, "the relation has no \"\(missing)\": a single relation connects the object \"from\" to the object \"to\"",
                    at: ImportKeys.anchor(of: relation, in: tree), pointer: tree.pointer(relation))
            }
            endpoints += [from, to].compactMap { $0 }
        } else {
            context.report(
                Self.self, "the relation connects nothing: add \"from\" and \"to\" (or a \"group\") with the objects' objectIds",
                at: ImportKeys.anchor(of: relation, in: tree), pointer: tree.pointer(relation))
            return
        }
        for endpoint in endpoints {
            guard tree[endpoint].kind == .string, let id = tree.string(endpoint) else {
                context.report(Self.self, "a relation names objects by their objectId strings, found \(ManifestText.describeValue(endpoint, in: tree))", node: endpoint, in: tree)
                continue
            }
            if !ids.contains(id) {
                context.report(Self.self, "no object of this item has the objectId \(ManifestText.quoted(id)): the relation connects nothing", node: endpoint, in: tree)
            }
        }
    }
}
