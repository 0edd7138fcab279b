/// L505: an object's geometry is not what its tool takes.
public final class LabelGeometryInvalid: ImportItemRule {
    public static let metadata = RuleMetadata(
        id: "L505", name: "label-geometry-invalid", severity: .error, kinds: LabelRules.kinds,
        summary: "An object's geometry does not have the shape its tool takes: numbers where numbers go, non-negative box sizes, enough points, `[x, y]` pairs, rings of holes, spans that end after they start.",
        rationale: """
            Coordinates are pixels from the image's top-left corner. Each tool takes one shape \
            (HUB-FORMATS section 6.4):

            - `bounding-box`: `{"x", "y", "width", "height"}`, numbers; `x` and `y` are the top-left corner, \
            so width and height are not negative (an export's boxes start at the first-clicked corner and \
            may have negative sizes: convert them before importing);
            - `rotated-bounding-box`: the same plus `rotation`, in degrees, turning the box about its centre;
            - `point`: `[x, y]`; `polygon`: a list of at least three `[x, y]` points; `polyline`: at least two;
            - `segmentation`: `{"zones": [{"region": RING, "holes": [RING, ...]}]}`, where a ring is a \
            polygon's list of points, so `holes` is a list of lists of points;
            - `ner`: `{"start", "end"}`, seconds into an audio file or character offsets into a text, with \
            `end` not before `start`;
            - `pdf`: `{"x1", "y1", "x2", "y2", "pageNumber"}` and the page's rendered `width` and `height`, \
            `pageNumber` counting from 1.

            A value of another shape is not imported. `brush` and `pct` objects are not checked.
            """,
        triggering: [
            RuleExample(.labels, #"[{"externalId": "example.jpg", "objects": [{"schemaId": "1627286466609", "bounding-box": {"x": 258.7, "y": 166.9, "width": -66.1, "height": 61.8}}]}]"#,
                        note: "a negative width"),
            RuleExample(.labels, #"[{"externalId": "image.jpg", "objects": [{"schemaId": "1627288257181", "polygon": [318.6, 459.1, 499.2, 327.7, 679.4, 459.3]}]}]"#,
                        note: "a flat list of numbers"),
            RuleExample(.labels, #"[{"data": "https://asset.url/image-sample.jpg", "objects": [{"title": "Person", "segmentation": {"zones": [{"region": [[690, 374], [714, 385], [712, 386]], "holes": [[700, 378], [705, 380], [704, 381]]}]}}]}]"#,
                        note: "holes written as one ring instead of a list of rings"),
        ],
        nonTriggering: [
            RuleExample(.labels, #"[{"externalId": "example.jpg", "objects": [{"schemaId": "1627286466609", "bounding-box": {"x": 192.5, "y": 166.9, "width": 66.1, "height": 61.8}}]}]"#),
            RuleExample(.labels, #"[{"externalId": "call_1.mp3", "objects": [{"schemaId": "1629378859077", "ner": {"start": 2.05, "end": 6.06}}]}]"#),
            RuleExample(.labels, #"[{"data": "https://asset.url/image-sample.jpg", "objects": [{"title": "Person", "segmentation": {"zones": [{"region": [[690, 374], [714, 385], [712, 386]], "holes": [[[700, 378], [705, 380], [704, 381]]]}]}}]}]"#),
        ])

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        let check = GeometryCheck(tree: tree, context: context)
        for object in LabelItemAnalysis.of(context).view(of: item, at: index, in: tree).objects {
            if object.toolCount == 1, let tool = object.tool {
                check.check(tool, object.toolMember)
            } else if object.toolCount > 1 {
                for (tool, value) in LabelItemAnalysis.tools(of: object.node, in: tree) { check.check(tool, value) }
            }
        }
    }
}

/// The checks of one tool value.
private struct GeometryCheck {
    let tree: JSONTree
    let context: LintContext

    func check(_ tool: LabelTool, _ value: JSONTree.Index) {
        switch tool {
        case .boundingBox: box(value, tool: tool)
        case .rotatedBoundingBox: box(value, tool: tool)
        case .point: point(value, "point")
        case .polygon: points(value, "polygon", minimum: 3)
        case .polyline: points(value, "polyline", minimum: 2)
        case .segmentation: segmentation(value)
        case .ner: span(value)
        case .pdf: pdfArea(value)
        case .brush, .pct: break
        }
    }

    private func report(_ message: String, _ node: JSONTree.Index) {
        context.report(LabelGeometryInvalid.self, message, node: node, in: tree)
    }

    private func reportAt(_ message: String, _ object: JSONTree.Index) {
        context.report(LabelGeometryInvalid.self, message, at: ImportKeys.anchor(of: object, in: tree), pointer: tree.pointer(object))
    }

    /// `value` when it is an object; otherwise a finding that says what `what` takes.
    private func object(_ value: JSONTree.Index, _ what: String, shape: String) -> JSONTree.Index? {
        guard tree[value].kind == .object else {
            report("\"\(what)\" must be an object \(shape), found \(ManifestText.describeValue(value, in: tree))", value)
            return nil
        }
        return value
    }

    /// The numbers of members `keys` of `object`, nil for each that is missing or not a finite
    /// number; the missing ones are reported together, the others each on its own.
    private func numbers(_ keys: [String], of object: JSONTree.Index, _ what: String) -> [LabelNumber.Facts?] {
        var missing: [String] = []
        let values = keys.map { key -> LabelNumber.Facts? in
            guard let member = tree.member(key, of: object) else {
                missing.append("\"\(key)\"")
                return nil
            }
            return number(member, "\(key) of the \(what)")
        }
        if !missing.isEmpty {
            reportAt("the \(what) has no \(missing.joinedAsChoice("or")): it takes \(keys.map { "\"\($0)\"" }.joined(separator: ", "))", object)
        }
        return values
    }

    /// The sign of number node `node`, or a finding naming it `what` (built only then).
    private func number(_ node: JSONTree.Index, _ what: @autoclosure () -> String) -> LabelNumber.Facts? {
        guard let value = LabelNumber.facts(node, in: tree) else {
            report("\(what()) must be a number, found \(ManifestText.describeValue(node, in: tree))", node)
            return nil
        }
        guard value.isFinite else {
            report("\(what()) is \(ManifestText.shortened(tree.sourceText(node))), too large for a coordinate", node)
            return nil
        }
        return value
    }

    private func box(_ value: JSONTree.Index, tool: LabelTool) {
        let rotated = tool == .rotatedBoundingBox
        let what = rotated ? "rotated bounding box" : "bounding box"
        guard let box = object(value, tool.name, shape: rotated ? "{x, y, width, height, rotation}" : "{x, y, width, height}") else { return }
        if tree.member("x", of: box) == nil, tree.member("x1", of: box) != nil {
            reportAt("the \(what) has a PDF area's x1, y1, x2, y2: a box takes \"x\", \"y\", \"width\", \"height\" (PDF areas are \"pdf\" objects)", box)
            return
        }
        let values = numbers(rotated ? Self.rotatedBoxKeys : Self.boxKeys, of: box, what)
        for (offset, key) in ["width", "height"].enumerated() {
            guard let size = values[2 + offset], size.isNegative, let node = tree.member(key, of: box) else { continue }
            report("the \(what)'s \(key) is \(tree.sourceText(node)): sizes are not negative, \"x\" and \"y\" are its top-left corner", node)
        }
    }

    static let boxKeys: [String] = ["x", "y", "width", "height"]
    static let rotatedBoxKeys: [String] = ["x", "y", "width", "height", "rotation"]

    private func point(_ value: JSONTree.Index, _ what: String) {
        guard tree[value].kind == .array else {
            report("\"\(what)\" must be [x, y], found \(ManifestText.describeValue(value, in: tree))", value)
            return
        }
        pair(value, what)
    }

    /// Checks that `value` (an array) is two numbers.
    private func pair(_ value: JSONTree.Index, _ what: @autoclosure () -> String) {
        let count = Int(tree[value].childCount)
        guard count == 2 else {
            report("a \(what()) is [x, y], two numbers; this one has \(count)", value)
            return
        }
        var coordinate = tree[value].firstChild
        while coordinate != JSONNode.none {
            _ = number(coordinate, "a coordinate of the \(what())")
            coordinate = tree[coordinate].nextSibling
        }
    }

    /// A list of at least `minimum` `[x, y]` points: a polygon, a polyline, a ring of a segmentation.
    private func points(_ value: JSONTree.Index, _ what: String, minimum: Int) {
        guard tree[value].kind == .array else {
            report("\"\(what)\" must be a list of [x, y] points, found \(ManifestText.describeValue(value, in: tree))", value)
            return
        }
        let first = tree[value].firstChild
        if first != JSONNode.none, tree[first].kind == .number {
            report("the \(what) is a flat list of numbers: write each point as [x, y]", value)
            return
        }
        let count = Int(tree[value].childCount)
        if count < minimum {
            report("the \(what) has \(count) point\(count == 1 ? "" : "s"): it needs at least \(minimum)", value)
        }
        var entry = first
        while entry != JSONNode.none {
            if tree[entry].kind == .array {
                pair(entry, "point of the \(what)")
            } else {
                report("a point of the \(what) must be [x, y], found \(ManifestText.describeValue(entry, in: tree))", entry)
            }
            entry = tree[entry].nextSibling
        }
    }

    private func segmentation(_ value: JSONTree.Index) {
        guard let segmentation = object(value, "segmentation", shape: "{\"zones\": [{\"region\": [...], \"holes\": [...]}]}") else { return }
        guard let zones = tree.member("zones", of: segmentation) else {
            reportAt("the segmentation has no \"zones\": it takes {\"zones\": [{\"region\": [[x, y], ...], \"holes\": [...]}]}", segmentation)
            return
        }
        guard tree[zones].kind == .array, tree[zones].childCount > 0 else {
            report("\"zones\" must be a list of at least one zone, found \(ManifestText.describeValue(zones, in: tree))", zones)
            return
        }
        for zone in tree.children(of: zones) {
            guard let zone = object(zone, "zone", shape: "{\"region\": [[x, y], ...], \"holes\": [...]}") else { continue }
            if let region = tree.member("region", of: zone) {
                points(region, "region", minimum: 3)
            } else {
                reportAt("the zone has no \"region\": one zone is one region, a list of [x, y] points", zone)
            }
            guard let holes = tree.member("holes", of: zone) else { continue }
            guard tree[holes].kind == .array else {
                report("\"holes\" must be a list of rings, found \(ManifestText.describeValue(holes, in: tree))", holes)
                continue
            }
            if let first = tree.children(of: holes).first(where: { _ in true }), tree[first].kind == .array,
               let inner = tree.children(of: first).first(where: { _ in true }), tree[inner].kind == .number
            {
                report("\"holes\" is a list of rings, each a list of [x, y] points: wrap this hole's points in [ ]", holes)
                continue
            }
            for hole in tree.children(of: holes) { points(hole, "hole", minimum: 3) }
        }
    }

    private func span(_ value: JSONTree.Index) {
        guard let span = object(value, "ner", shape: "{start, end}") else { return }
        let facts = numbers(["start", "end"], of: span, "span")
        if let start = facts[0], start.isNegative, let node = tree.member("start", of: span) {
            report("the span starts at \(tree.sourceText(node)): offsets and times are not negative", node)
        }
        let values = ["start", "end"].map { key in tree.member(key, of: span).flatMap { LabelNumber.value($0, in: tree) } }
        if facts[0] != nil, facts[1] != nil, let start = values[0], let end = values[1], end < start, let node = tree.member("end", of: span) {
            report("the span ends at \(tree.sourceText(node)), before its start \(ManifestText.shortened(tree.sourceText(tree.member("start", of: span)!)))", node)
        }
    }

    private func pdfArea(_ value: JSONTree.Index) {
        guard let area = object(value, "pdf", shape: "{x1, y1, x2, y2, pageNumber, width, height}") else { return }
        _ = numbers(["x1", "y1", "x2", "y2", "pageNumber"], of: area, "PDF area")
        if let page = tree.member("pageNumber", of: area), tree[page].kind == .number {
            let valid = tree.integer(page).map { $0 >= 1 } ?? false
            if !valid { report("pageNumber is \(ManifestText.shortened(tree.sourceText(page))): a page number is a whole number from 1", page) }
        }
        for key in ["width", "height"] {
            guard let member = tree.member(key, of: area), number(member, "\(key) of the PDF area") != nil,
                  let size = LabelNumber.value(member, in: tree) else { continue }
            if size <= 0 { report("the PDF page's \(key) is \(tree.sourceText(member)): it is the page's rendered size, above 0", member) }
        }
        if let text = tree.member("text", of: area), tree[text].kind != .string {
            report("\"text\" of the PDF area must be a string, found \(ManifestText.describeValue(text, in: tree))", text)
        }
    }
}
