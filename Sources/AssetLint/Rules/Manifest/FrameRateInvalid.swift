/// M150: `metadata.frameRate` is not a positive number.
public final class FrameRateInvalid: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M150", name: "frame-rate-invalid", severity: .error, kinds: ManifestRules.kinds,
        summary: "`metadata.frameRate` is not a number above zero.",
        rationale: """
            A video's frame rate goes in `metadata.frameRate`, a number of frames per second such as `25` or \
            `29.97`. Without it the hub assumes 30 fps. The labeling tool steps through the video and places \
            every annotation by frame with that rate, so a wrong one puts labels on the wrong frames; a \
            string (`"25"`), zero, a negative number, `null` or any other value is not a frame rate.

            A number written as a string gets an unsafe fix that unquotes it. Leave `frameRate` out to keep \
            the 30 fps default.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.manifest, #"[{"data": "https://your-url.com/asset.mp4", "externalId": "run-12", "metadata": {"frameRate": "25"}}]"#),
            RuleExample(.manifest, #"[{"data": "https://your-url.com/asset.mp4", "externalId": "run-12", "metadata": {"frameRate": 0}}]"#),
        ],
        nonTriggering: [
            RuleExample(.manifest, #"[{"data": "https://your-url.com/asset.mp4", "externalId": "YOUR_EXTERNAL_ID", "metadata": {"frameRate": 25}}]"#),
            RuleExample(.manifest, #"[{"data": "https://your-url.com/asset.mp4", "externalId": "run-12", "metadata": {"frameRate": 29.97}}]"#),
        ])

    static let reportsOn: ItemSignals = .has(.metadata)

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard let frameRate = FrameRate.member(of: item, at: index, in: tree, context: context) else { return }
        switch FrameRate(frameRate, in: tree) {
        case .valid:
            return
        case .zeroOrNegative:
            context.report(Self.self, "frameRate is \(tree.sourceText(frameRate)): a frame rate is above zero", node: frameRate, in: tree)
        case .numericString(let number):
            context.report(
                Self.self, "frameRate is the string \(tree.sourceText(frameRate)), not a number", node: frameRate, in: tree,
                fix: number.map { Fix(.unsafe, "write the number \($0)", edits: [TextEdit(range: tree[frameRate].range, replacement: $0)]) })
        case .other:
            context.report(
                Self.self, "frameRate must be a number of frames per second, found \(ManifestText.describeValue(frameRate, in: tree))",
                node: frameRate, in: tree)
        }
    }
}
