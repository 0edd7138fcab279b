/// What `metadata.frameRate` holds (M150, M151).
enum FrameRate: Equatable {
    /// A number above zero.
    case valid
    case zeroOrNegative
    /// A string holding a number above zero: the number as JSON text, when it is one.
    case numericString(String?)
    /// Anything else: null, a boolean, an object, an array, a string that is not a number.
    case other

    init(_ index: JSONTree.Index, in tree: __shared JSONTree) {
        switch tree[index].kind {
        case .number:
            let node = tree[index]
            let number = ExactNumber(UnsafeBufferPointer(rebasing: tree.source.bytes[node.start..<node.end]))
            self = number.map { $0.isZero || $0.negative ? .zeroOrNegative : .valid } ?? .other
        case .string:
            let text = ManifestText.withDecodedBytes(index, in: tree) { bytes -> String? in
                var start = 0
                var end = bytes.count
                while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
                while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
                let trimmed = UnsafeBufferPointer(rebasing: bytes[start..<end])
                guard let number = ExactNumber(trimmed) else { return nil }
                return number.isZero || number.negative ? "" : String(decoding: trimmed, as: UTF8.self)
            }
            switch text {
            case nil: self = .other
            case ""?: self = .numericString(nil)
            case let number?: self = .numericString(number)
            }
        default:
            self = .other
        }
    }

    /// The `frameRate` member of item `item`'s `metadata` object, if it has one.
    static func member(of item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) -> JSONTree.Index? {
        guard tree[item].kind == .object, let metadata = context.itemMembers.members(of: item, at: index, in: tree)[.metadata],
              tree[metadata].kind == .object else { return nil }
        return tree.member("frameRate", of: metadata)
    }
}
