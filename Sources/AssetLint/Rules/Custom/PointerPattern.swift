/// A JSON Pointer in which a `*` component stands for any array index or object key, as the
/// configuration's `custom:` rules use it (`/*/externalId`, `/*/dataset/*`).
public struct PointerPattern: Sendable, Equatable {
    public enum Component: Sendable, Equatable {
        case any
        case name(String)
    }

    public let components: [Component]

    public init(_ pointer: String) {
        guard !pointer.isEmpty else {
            components = []
            return
        }
        components = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { raw in
            let text = String(raw)
            if text == "*" { return .any }
            return .name(text.replacingAll("~1", with: "/").replacingAll("~0", with: "~"))
        }
    }

    /// The nodes of `tree` the pattern selects. For one streamed item the first component is
    /// matched against the item's index.
    public func matches(in tree: JSONTree) -> [JSONTree.Index] {
        guard tree.root != JSONNode.none else { return [] }
        var remaining = components[...]
        if let index = tree.rootElementIndex {
            guard let first = remaining.first else { return [] }
            switch first {
            case .any: break
            case .name(let name): guard Int(name) == index else { return [] }
            }
            remaining = remaining.dropFirst()
        }
        var current = [tree.root]
        for component in remaining {
            var next: [JSONTree.Index] = []
            for node in current {
                switch (component, tree[node].kind) {
                case (.any, .array), (.any, .object):
                    next.append(contentsOf: tree.children(of: node))
                case (.name(let name), .object):
                    if let member = tree.member(name, of: node) { next.append(member) }
                case (.name(let name), .array):
                    if let position = Int(name), position >= 0 {
                        if let element = tree.children(of: node).first(where: { tree[$0].index == position }) { next.append(element) }
                    }
                default:
                    break
                }
            }
            current = next
            if current.isEmpty { break }
        }
        return current
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
