/// The J rules, in catalog order. They apply to every kind of document and report what the JSON
/// layer finds while parsing.
public enum JSONRules {
    public static let all: [any Rule.Type] = [
        JSONSyntax.self, InvalidUTF8.self, DuplicateKey.self, ByteOrderMark.self, NestingTooDeep.self, LoneSurrogate.self,
    ]

    static let everyKind = Set(DocumentKind.allCases)
}
