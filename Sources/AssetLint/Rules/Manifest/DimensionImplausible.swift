/// M122: `width` or `height` above the configured maximum.
public final class DimensionImplausible: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M122", name: "dimension-implausible", severity: .warning, kinds: ManifestRules.kinds,
        summary: "`width` or `height` is larger than `assets.maxDimension` (default 100000 pixels).",
        rationale: """
            A side of more than 100,000 pixels is far beyond what cameras, scanners and the labeling tool handle; \
            such a value is almost always a mistake: a file size in bytes in the dimension column, two numbers \
            run together, or a unit mix-up. The hub lays the image out with that size, so it shows as a \
            tiny sliver or an enormous empty canvas.

            Check the value against the image. If you do label very large images (whole-slide pathology scans, \
            satellite tiles), raise `assets.maxDimension` in `.assetlint.yml`. Integers too large for a 64-bit \
            number are reported here too.
            """,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "width": 2457600, "height": 450}]"#
            )
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "width": 6000, "height": 4000}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/slide.tif", "externalId": "slide-7", "width": 150000, "height": 90000}]"#,
                config: "assets:\n  maxDimension: 200000\n", note: "a raised limit for whole-slide images"),
        ])

    /// A value too large for `Int` is not a plain integer.
    static let reportsOn: ItemSignals = [.dimensionAboveMaximum, .dimensionNotPlainInteger]

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        let members = context.itemMembers.members(of: item, at: index, in: tree)
        let maximum = context.configuration.assets.maxDimension
        if let width = members[.width] { check(.width, width, maximum: maximum, in: tree, context: context) }
        if let height = members[.height] { check(.height, height, maximum: maximum, in: tree, context: context) }
    }

    private func check(
        _ field: ManifestField, _ value: JSONTree.Index, maximum: Int, in tree: JSONTree, context: LintContext
    ) {
        guard tree[value].kind == .number else { return }
        switch DimensionValue(value, in: tree) {
        case .valid(let number) where number > maximum:
            context.report(
                Self.self,
                "\"\(field.name)\" is \(number) pixels, above the maximum of \(maximum) (assets.maxDimension): probably a file size or two values run together, and the hub would lay the image out with that size; check the value, or raise assets.maxDimension for very large images",
                node: value, in: tree)
        case .tooLarge:
            context.report(
                Self.self,
                "\"\(field.name)\" is \(ManifestText.shortened(tree.sourceText(value))), too large for any image and for the 64-bit integers readers use: check the value",
                node: value, in: tree)
        default:
            return
        }
    }
}
