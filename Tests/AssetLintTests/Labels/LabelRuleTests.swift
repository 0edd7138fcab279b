import Foundation
import XCTest
@testable import AssetLint

/// The L rules on label imports: what each reports, where, and what it leaves alone.
final class LabelRuleTests: XCTestCase {
    private func findings(_ text: String, _ rule: String? = nil, assets: String? = nil) -> [Finding] {
        var options = LintOptions(kind: .labels)
        if let assets {
            options.assets = try? AssetIndex.index(of: [SourceFile(path: "assets.json", text: assets)]).get()
        }
        let report = Linter(configuration: Configuration(directory: "."), options: options).lint(SourceFile(path: "labels.json", text: text))
        return LintHelper.findings(report, rule)
    }

    private func object(_ geometry: String, extra: String = "") -> String {
        #"[{"externalId": "a.jpg", "objects": [{"schemaId": "1"\#(extra), \#(geometry)}]}]"#
    }

    // MARK: L501

    func testL501ItemShape() {
        XCTAssertEqual(findings(#"{"externalId": "a.jpg"}"#, "L501").map(\.pointer), [""])
        XCTAssertEqual(findings(#"["a.jpg"]"#, "L501").map(\.pointer), ["/0"])
        let noAsset = findings(#"[{"objects": [{"schemaId": "1", "point": [1, 2]}]}]"#, "L501")
        XCTAssertEqual(noAsset.count, 1)
        XCTAssertTrue(noAsset[0].message.contains("names no asset"), noAsset[0].message)
        XCTAssertEqual(noAsset[0].column, 2)
        let wrongTypes = findings(#"[{"externalId": 17, "objects": {"schemaId": "1"}, "relations": ["r"]}]"#, "L501")
        XCTAssertEqual(wrongTypes.map(\.pointer), ["/0/externalId", "/0/objects", "/0/relations/0"])
        XCTAssertEqual(wrongTypes[0].fix?.edits.first?.replacement, "\"17\"")
        let nothing = findings(#"[{"externalId": "a.jpg"}]"#, "L501")
        XCTAssertEqual(nothing.map(\.severity), [.warning])
        XCTAssertTrue(findings(#"[{"externalId": "a.jpg", "brushDataUrl": "https://b.s3.amazonaws.com/m.png"}]"#, "L501").isEmpty)
        XCTAssertTrue(findings(#"[{"data": "https://asset.url/a.jpg", "classifications": [{"schemaId": "1", "answer": "x"}]}]"#, "L501").isEmpty)
    }

    // MARK: L502

    func testL502UnknownKeysWithRenames() {
        let found = findings(#"[{"externalID": "a.jpg", "tools": [], "note": "x"}]"#, "L502")
        XCTAssertEqual(found.map(\.pointer), ["/0/externalID", "/0/tools", "/0/note"])
        XCTAssertEqual(found.map(\.severity), [.warning, .warning, .warning])
        XCTAssertEqual(found[0].fix?.edits.first?.replacement, "externalId")
        XCTAssertEqual(found[1].fix?.edits.first?.replacement, "objects")
        XCTAssertNil(found[2].fix)
        // No rename onto a key that is there already.
        XCTAssertNil(findings(#"[{"externalId": "a.jpg", "externalID": "b.jpg"}]"#, "L502").first?.fix)
        XCTAssertTrue(findings(#"[{"asset": "https://asset.url/a.jpg", "externalId": "a.jpg", "objects": [], "relations": [], "medicalBrushDataUrl": "https://m.url/a.nrrd"}]"#, "L502").isEmpty)
    }

    // MARK: L503

    func testL503Class() {
        XCTAssertEqual(findings(#"[{"externalId": "a", "objects": [{"point": [1, 2]}]}]"#, "L503").map(\.pointer), ["/0/objects/0"])
        let number = findings(#"[{"externalId": "a", "objects": [{"schemaId": 1627303148026, "point": [1, 2]}]}]"#, "L503")
        XCTAssertEqual(number.first?.fix?.edits.first?.replacement, "\"1627303148026\"")
        XCTAssertEqual(findings(#"[{"externalId": "a", "objects": [{"schemaId": "", "title": "", "point": [1, 2]}]}]"#, "L503").count, 1)
        // Nested classifications and relations name their classes too.
        let nested = #"[{"externalId": "a", "objects": [{"schemaId": "1", "point": [1, 2], "classifications": [{"answer": "x"}]}], "relations": [{"from": "1", "to": "2"}]}]"#
        XCTAssertEqual(findings(nested, "L503").map(\.pointer), ["/0/objects/0/classifications/0", "/0/relations/0"])
        // A title alone, or a schema id beside an empty title, is enough.
        XCTAssertTrue(findings(#"[{"externalId": "a", "objects": [{"title": "Person", "point": [1, 2]}, {"schemaId": "9", "title": "", "point": [3, 4]}]}]"#, "L503").isEmpty)
    }

    // MARK: L504

    func testL504Tool() {
        let bbox = findings(object(#""bbox": {"x": 1, "y": 2, "width": 3, "height": 4}"#), "L504")
        XCTAssertEqual(bbox.count, 1)
        XCTAssertEqual(bbox.first?.fix?.edits.first?.replacement, "bounding-box")
        XCTAssertEqual(findings(object(#""bounding_box": {"x": 1, "y": 2, "width": 3, "height": 4}"#), "L504").first?.fix?.edits.first?.replacement, "bounding-box")
        XCTAssertTrue(findings(object(#""lock": true"#), "L504")[0].message.contains("no tool key"))
        let two = findings(object(#""point": [1, 2], "polygon": [[1, 2], [3, 4], [5, 6]]"#), "L504")
        XCTAssertEqual(two.map(\.pointer), ["/0/objects/0/polygon"])
        for tool in LabelTool.allCases where tool != .point {
            XCTAssertTrue(findings(object(#""\#(tool.name)": {}"#), "L504").isEmpty, tool.name)
        }
    }

    // MARK: L505

    func testL505BoundingBoxes() {
        XCTAssertTrue(findings(object(#""bounding-box": {"x": 192.5, "y": 166.9, "width": 0, "height": 61.8}"#), "L505").isEmpty)
        let negative = findings(object(#""bounding-box": {"x": 192.5, "y": 166.9, "width": -66.1, "height": -1}"#), "L505")
        XCTAssertEqual(negative.map(\.pointer), ["/0/objects/0/bounding-box/width", "/0/objects/0/bounding-box/height"])
        let missing = findings(object(#""bounding-box": {"x": 1, "width": "3", "height": 4}"#), "L505")
        XCTAssertEqual(missing.count, 2, "\(missing)")
        XCTAssertTrue(missing.contains { $0.message.contains("no \"y\"") }, "\(missing)")
        XCTAssertTrue(missing.contains { $0.pointer.hasSuffix("/width") && $0.message.contains("must be a number") }, "\(missing)")
        XCTAssertTrue(findings(object(#""bounding-box": {"x1": 1, "y1": 2, "x2": 3, "y2": 4, "pageNumber": 1}"#), "L505")[0].message.contains("PDF area"))
        XCTAssertEqual(findings(object(#""rotated-bounding-box": {"x": 1, "y": 2, "width": 3, "height": 4}"#), "L505").count, 1)
        XCTAssertTrue(findings(object(#""rotated-bounding-box": {"width": 100, "height": 100, "x": 100, "y": 100, "rotation": -12}"#), "L505").isEmpty)
        XCTAssertEqual(findings(object(#""bounding-box": {"x": 1e999, "y": 2, "width": 3, "height": 4}"#), "L505").count, 1)
    }

    func testL505PointsPolygonsAndSegmentations() {
        XCTAssertTrue(findings(object(#""point": [318.96, 459.06]"#), "L505").isEmpty)
        XCTAssertEqual(findings(object(#""point": [318.96]"#), "L505").count, 1)
        XCTAssertEqual(findings(object(#""point": {"x": 1, "y": 2}"#), "L505").count, 1)
        XCTAssertEqual(findings(object(#""polygon": [[1, 2], [3, 4]]"#), "L505").map(\.pointer), ["/0/objects/0/polygon"])
        XCTAssertTrue(findings(object(#""polyline": [[1, 2], [3, 4]]"#), "L505").isEmpty)
        XCTAssertTrue(findings(object(#""polygon": [1, 2, 3, 4, 5, 6]"#), "L505")[0].message.contains("flat list"))
        XCTAssertEqual(findings(object(#""polygon": [[1, 2], [3, "4"], [5, 6, 7]]"#), "L505").map(\.pointer),
                       ["/0/objects/0/polygon/1/1", "/0/objects/0/polygon/2"])
        let ring = "[[690, 374], [714, 385], [712, 386]]"
        XCTAssertTrue(findings(object(#""segmentation": {"zones": [{"region": \#(ring), "holes": []}, {"region": \#(ring), "holes": [\#(ring)]}]}"#), "L505").isEmpty)
        let flat = findings(object(#""segmentation": {"zones": [{"region": \#(ring), "holes": \#(ring)}]}"#), "L505")
        XCTAssertEqual(flat.map(\.pointer), ["/0/objects/0/segmentation/zones/0/holes"])
        XCTAssertEqual(findings(object(#""segmentation": {"zones": []}"#), "L505").count, 1)
        XCTAssertEqual(findings(object(#""segmentation": {"zones": [{"holes": []}]}"#), "L505").count, 1)
        XCTAssertEqual(findings(object(#""segmentation": [\#(ring)]"#), "L505").count, 1)
    }

    func testL505SpansAndPDFAreas() {
        XCTAssertTrue(findings(object(#""ner": {"start": 2.05, "end": 6.06}"#), "L505").isEmpty)
        XCTAssertEqual(findings(object(#""ner": {"start": 6, "end": 2}"#), "L505").map(\.pointer), ["/0/objects/0/ner/end"])
        XCTAssertEqual(findings(object(#""ner": {"start": -1, "end": 2}"#), "L505").map(\.pointer), ["/0/objects/0/ner/start"])
        let pdf = #""pdf": {"height": 1200, "width": 800, "x1": 100, "y1": 250, "x2": 200, "y2": 350, "pageNumber": 1, "text": "OCR"}"#
        XCTAssertTrue(findings(object(pdf), "L505").isEmpty)
        XCTAssertEqual(findings(object(#""pdf": {"x1": 100, "y1": 250, "x2": 200, "y2": 350, "pageNumber": 0}"#), "L505").map(\.pointer), ["/0/objects/0/pdf/pageNumber"])
        XCTAssertEqual(findings(object(#""pdf": {"x1": 100, "y1": 250, "x2": 200, "y2": 350, "pageNumber": 1, "width": 0, "text": 3}"#), "L505").count, 2)
    }

    // MARK: L506

    func testL506Answers() {
        let base = #"[{"externalId": "a", "classifications": [ANSWER]}]"#
        func answers(_ classification: String) -> [Finding] { findings(base.replacingOccurrences(of: "ANSWER", with: classification), "L506") }
        XCTAssertTrue(answers(#"{"schemaId": "1", "answer": "Bed"}"#).isEmpty)
        XCTAssertTrue(answers(#"{"schemaId": "1", "answer": ["Trunk", "Trunk / Branch 2"]}"#).isEmpty)
        XCTAssertTrue(answers(#"{"schemaId": "1", "answer": true}"#).isEmpty)
        XCTAssertEqual(answers(#"{"schemaId": "1"}"#).map(\.pointer), ["/0/classifications/0"])
        XCTAssertEqual(answers(#"{"schemaId": "1", "answer": 3}"#).map(\.pointer), ["/0/classifications/0/answer"])
        XCTAssertEqual(answers(#"{"schemaId": "1", "answer": ["a", null]}"#).map(\.pointer), ["/0/classifications/0/answer/1"])
        XCTAssertEqual(answers(#"{"schemaId": "1", "answer": ""}"#).map(\.severity), [.warning])
        XCTAssertEqual(answers(#"{"schemaId": "1", "answer": "x", "classifications": [{"schemaId": "2"}, 7]}"#).map(\.pointer),
                       ["/0/classifications/0/classifications/0", "/0/classifications/0/classifications/1"])
        let onObject = #"[{"externalId": "a", "objects": [{"schemaId": "1", "point": [1, 2], "classifications": [{"schemaId": "2", "answer": {}}]}]}]"#
        XCTAssertEqual(findings(onObject, "L506").map(\.pointer), ["/0/objects/0/classifications/0/answer"])
    }

    // MARK: L507

    func testL507ObjectIDs() {
        let twice = #"[{"externalId": "a", "objects": [{"schemaId": "1", "objectId": "7", "point": [1, 2]}, {"schemaId": "1", "objectId": "7", "point": [3, 4]}]}]"#
        let found = findings(twice, "L507")
        XCTAssertEqual(found.map(\.pointer), ["/0/objects/1/objectId"])
        XCTAssertEqual(found.first?.related.count, 1)
        // Tracking over frames, and ids on different assets, are fine.
        XCTAssertTrue(findings(twice.replacingOccurrences(of: #""objectId": "7", "point": [1, 2]"#, with: #""objectId": "7", "page": 6, "point": [1, 2]"#), "L507").isEmpty)
        XCTAssertTrue(findings(#"[{"externalId": "a", "objects": [{"schemaId": "1", "objectId": "7", "point": [1, 2]}]}, {"externalId": "b", "objects": [{"schemaId": "1", "objectId": "7", "point": [1, 2]}]}]"#, "L507").isEmpty)
        // Inside the tool value, as the hub's PDF examples write it.
        let pdf = #"{"schemaId": "1", "pdf": {"x1": 1, "y1": 2, "x2": 3, "y2": 4, "pageNumber": 1, "objectId": "1"}}"#
        XCTAssertEqual(findings(#"[{"externalId": "a", "objects": [\#(pdf), \#(pdf)]}]"#, "L507").count, 1)
        XCTAssertEqual(findings(#"[{"externalId": "a", "objects": [{"schemaId": "1", "objectId": 7, "point": [1, 2]}]}]"#, "L507").first?.fix?.edits.first?.replacement, "\"7\"")
    }

    // MARK: L508

    func testL508Relations() {
        let objects = #""objects": [{"schemaId": "1", "objectId": "a", "point": [1, 2]}, {"schemaId": "1", "objectId": "b", "point": [3, 4]}]"#
        func relations(_ list: String) -> [Finding] { findings(#"[{"externalId": "x", \#(objects), "relations": \#(list)}]"#, "L508") }
        XCTAssertTrue(relations(#"[{"schemaId": "r", "from": "a", "to": "b"}, {"schemaId": "g", "group": ["a", "b"]}]"#).isEmpty)
        XCTAssertEqual(relations(#"[{"schemaId": "r", "from": "a", "to": "c"}]"#).map(\.pointer), ["/0/relations/0/to"])
        XCTAssertEqual(relations(#"[{"schemaId": "r", "from": "a"}]"#).map(\.pointer), ["/0/relations/0"])
        XCTAssertEqual(relations(#"[{"schemaId": "r"}]"#).map(\.pointer), ["/0/relations/0"])
        XCTAssertEqual(relations(#"[{"schemaId": "g", "group": ["a"]}]"#).map(\.pointer), ["/0/relations/0/group"])
        XCTAssertEqual(relations(#"[{"schemaId": "g", "group": ["a", 2]}]"#).map(\.pointer), ["/0/relations/0/group/1"])
    }

    // MARK: L509

    func testL509JoinsWithTheAssetManifests() {
        let assets = #"[{"data": "https://i.imgur.com/CzXTtJV.jpg", "externalId": "cute-cat.jpg"}, {"data": "https://b.s3.amazonaws.com/caf%C3%A9.jpg", "externalId": "caf\u00e9.jpg"}]"#
        let labels = #"""
            [
              {"externalId": "cute-cat.jpg", "objects": []},
              {"externalId": "Cute-cat.jpg", "objects": []},
              {"externalId": "café.jpg", "objects": []},
              {"data": "https://i.imgur.com/CzXTtJV.jpg", "objects": []},
              {"data": "https://i.imgur.com/other.jpg", "objects": []},
              {"asset": "https://b.s3.amazonaws.com/caf%C3%A9.jpg", "objects": []}
            ]
            """#
        XCTAssertEqual(findings(labels, "L509", assets: assets).map(\.pointer), ["/1/externalId", "/4/data"])
        XCTAssertTrue(findings(labels, "L509").isEmpty, "without --assets the rule does nothing")
    }
}
