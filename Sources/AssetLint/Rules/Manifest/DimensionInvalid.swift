/// M121: `width` or `height` is not a positive integer.
public final class DimensionInvalid: ItemRule {
    public static let metadata = RuleMetadata(
        id: "M121", name: "dimension-invalid", severity: .error, kinds: ManifestRules.kinds,
        summary: "`width` or `height` is not a positive integer.",
        rationale: """
            Dimensions are pixel counts and the hub reads them as JSON integers. A quoted number (`"603"`, as \
            spreadsheets and CSV converters write), a fraction (`603.5`), an exponent (`1e3`), zero, a negative \
            number, a boolean or `null` is rejected or misread, and the image is laid out with the wrong size.

            Write the pixel count as a plain integer. Unsafe fixes replace a numeric string (`"768"`, `" 768 "`) \
            and an integral number written another way (`603.0`, `1e3`) by the integer; a fraction, zero or a \
            negative value must be corrected by hand. Integers above `assets.maxDimension` are M122's.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "width": "603", "height": 450}]"#
            ),
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "width": 603.5, "height": 0}]"#
            ),
        ],
        nonTriggering: [
            RuleExample(
                .manifest,
                #"[{"data": "https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", "externalId": "cute-cat.jpg", "width": 603, "height": 450}]"#
            )
        ])

    static let reportsOn: ItemSignals = .dimensionNotPlainInteger

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        guard tree[item].kind == .object else { return }
        let members = context.itemMembers.members(of: item, at: index, in: tree)
        if let width = members[.width] { check("width", width, in: tree, context: context) }
        if let height = members[.height] { check("height", height, in: tree, context: context) }
    }

    private func check(_ name: String, _ value: JSONTree.Index, in tree: JSONTree, context: LintContext) {
        let dimension = DimensionValue(value, in: tree)
        if case .valid = dimension { return }
        let found = ManifestText.describeValue(value, in: tree)
        let prefix = "\"\(name)\" must be a positive integer number of pixels, found \(found)"
        func replace(with number: Int, _ how: String) -> Fix {
            Fix(.unsafe, "\(how) \(number)", edits: [TextEdit(range: tree[value].range, replacement: String(number))])
        }
        switch dimension {
        case .valid, .tooLarge:
            return
        case .zeroOrNegative:
            context.report(
                Self.self,
                "\(prefix): an image cannot be \(tree.sourceText(value)) pixels \(name == "width" ? "wide" : "high"); write its real size or remove the member",
                node: value, in: tree)
        case .fraction:
            context.report(
                Self.self, "\(prefix): pixel counts are whole numbers; write the image's real size as an integer",
                node: value, in: tree)
        case .integral(let number):
            if let number {
                context.report(
                    Self.self, "\(prefix): the hub expects a plain integer; write \(number)",
                    node: value, in: tree, fix: replace(with: number, "write the integer"))
            } else {
                context.report(
                    Self.self,
                    "\(prefix): the value is far too large for a pixel count and not written as an integer; write the image's real size",
                    node: value, in: tree)
            }
        case .numericString(let number):
            if let number {
                context.report(
                    Self.self,
                    "\(prefix): the hub reads dimensions as JSON numbers, not strings; write \(number) without quotes",
                    node: value, in: tree, fix: replace(with: number, "replace the string by the number"))
            } else {
                context.report(
                    Self.self,
                    "\(prefix): the hub reads dimensions as JSON integers; write the image's real size as a number without quotes",
                    node: value, in: tree)
            }
        case .other:
            context.report(
                Self.self,
                "\(prefix): the hub reads dimensions as JSON integers; write the pixel count, or remove the member when it is unknown",
                node: value, in: tree)
        }
    }
}

/// What a `width` or `height` value is, decided exactly on its source text (no floating point).
enum DimensionValue: Equatable {
    /// An integer literal above zero.
    case valid(Int)
    /// An integer literal above zero that does not fit in `Int` (M122).
    case tooLarge
    /// Zero or negative.
    case zeroOrNegative
    /// A non-integral number such as `603.5`.
    case fraction
    /// A positive whole number not written as an integer (`603.0`, `1e3`); nil when it does not fit in `Int`.
    case integral(Int?)
    /// A string holding a number; the positive integer it holds when there is one (`"768"`, `" 768 "`, `"768.0"`).
    case numericString(Int?)
    /// Any other value: a boolean, null, an object, an array, a string that is not a number.
    case other

    init(_ index: JSONTree.Index, in tree: __shared JSONTree) {
        let node = tree[index]
        switch node.kind {
        case .number where node.flags.contains(.integer):
            // The common case, without building an ExactNumber.
            if let value = tree.integer(index) {
                self = value > 0 ? .valid(value) : .zeroOrNegative
            } else {
                self = tree.source.bytes[node.start] == UInt8(ascii: "-") ? .zeroOrNegative : .tooLarge
            }
        case .number:
            let bytes = UnsafeBufferPointer(rebasing: tree.source.bytes[node.start..<node.end])
            guard let number = ExactNumber(bytes) else {
                self = .other
                return
            }
            if number.isZero || number.negative {
                self = .zeroOrNegative
            } else if number.isIntegral {
                self = .integral(number.integerValue)
            } else {
                self = .fraction
            }
        case .string:
            let number: ExactNumber? = ManifestText.withDecodedBytes(index, in: tree) { bytes in
                var start = 0
                var end = bytes.count
                while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
                while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
                return ExactNumber(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            }
            guard let number else {
                self = .other
                return
            }
            if !number.isZero, !number.negative, number.isIntegral, let value = number.integerValue {
                self = .numericString(value)
            } else {
                self = .numericString(nil)
            }
        default:
            self = .other
        }
    }
}

/// A number in JSON syntax as significant decimal digits and a power of ten, so integrality and
/// range are decided without rounding.
struct ExactNumber {
    var negative = false
    /// Significant digits without leading or trailing zeros (empty for zero).
    var digits: [UInt8] = []
    /// The value is `digits × 10^exponent`.
    var exponent = 0

    /// Nil when `text` is not a JSON number.
    init?(_ text: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        let count = text.count
        func isDigit(_ index: Int) -> Bool { index < count && text[index] >= 0x30 && text[index] <= 0x39 }
        if offset < count, text[offset] == UInt8(ascii: "-") {
            negative = true
            offset += 1
        }
        guard isDigit(offset) else { return nil }
        var all: [UInt8] = []
        var fractionDigits = 0
        if text[offset] == UInt8(ascii: "0") {
            offset += 1
        } else {
            while isDigit(offset) {
                all.append(text[offset] - 0x30)
                offset += 1
            }
        }
        if offset < count, text[offset] == UInt8(ascii: ".") {
            offset += 1
            guard isDigit(offset) else { return nil }
            while isDigit(offset) {
                all.append(text[offset] - 0x30)
                fractionDigits += 1
                offset += 1
            }
        }
        var written = 0
        if offset < count, text[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            var exponentNegative = false
            if offset < count, text[offset] == UInt8(ascii: "+") || text[offset] == UInt8(ascii: "-") {
                exponentNegative = text[offset] == UInt8(ascii: "-")
                offset += 1
            }
            guard isDigit(offset) else { return nil }
            while isDigit(offset) {
                // Saturate: anything beyond a million digits is out of every range that matters here.
                written = min(written * 10 + Int(text[offset] - 0x30), 1_000_000_000)
                offset += 1
            }
            if exponentNegative { written = -written }
        }
        guard offset == count else { return nil }
        exponent = written - fractionDigits
        var first = 0
        while first < all.count, all[first] == 0 { first += 1 }
        var last = all.count
        while last > first, all[last - 1] == 0 {
            last -= 1
            exponent += 1
        }
        digits = Array(all[first..<last])
    }

    var isZero: Bool { digits.isEmpty }
    var isIntegral: Bool { isZero || exponent >= 0 }

    /// The integer value, when integral and within `Int`.
    var integerValue: Int? {
        guard isIntegral else { return nil }
        if isZero { return 0 }
        guard digits.count + exponent <= 19 else { return nil }
        var value = 0
        for digit in digits {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(digit))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        for _ in 0..<max(0, exponent) {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = times
        }
        return negative ? -value : value
    }
}
