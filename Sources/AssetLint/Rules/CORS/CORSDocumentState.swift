/// The CORS document of the file being checked, read from the tree once for all the C rules, and
/// the hub origins its rule lists block, evaluated once for the rules that ask (C304 and the notes
/// C305, C308, C302 and C303 add): a configuration of 200,000 origins was read fifteen times and
/// evaluated five.
final class CORSDocumentState: PartMergeable {
    private var source: SourceFile?
    private var nodeCount = -1
    private var kind: DocumentKind?
    private var document: CORSDocument?
    private var blocked: [CORSHubOriginMissing.BlockedOrigin]?

    /// CORS files are never checked in parts: nothing to take in.
    func absorb(_ later: AnyObject) {}

    /// The document of `tree`, read the first time it is asked for (again if the tree is another).
    func document(of tree: JSONTree, kind: DocumentKind) -> CORSDocument? {
        if source !== tree.source || nodeCount != tree.nodes.count || self.kind != kind {
            source = tree.source
            nodeCount = tree.nodes.count
            self.kind = kind
            document = CORSDocument(tree: tree, kind: kind)
            blocked = nil
        }
        return document
    }

    /// The blocked hub origins of the document of `tree`, computed by `make` the first time.
    func blockedOrigins(
        of tree: JSONTree, kind: DocumentKind, make: (CORSDocument) -> [CORSHubOriginMissing.BlockedOrigin]
    ) -> [CORSHubOriginMissing.BlockedOrigin] {
        guard let document = document(of: tree, kind: kind) else { return [] }
        if let blocked { return blocked }
        let made = make(document)
        blocked = made
        return made
    }
}

extension CORSDocument {
    /// The document of the file `context` checks, shared by its rules.
    static func of(_ tree: JSONTree, context: LintContext) -> CORSDocument? {
        context.fileState(CORSDocumentState.self) { CORSDocumentState() }.document(of: tree, kind: context.kind)
    }
}
