/// What the J rules share. They apply to every kind of document and report what the JSON layer
/// finds while parsing.
enum JSONRules {
    static let everyKind = Set(DocumentKind.allCases)
}
