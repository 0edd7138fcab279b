/// One decomposed (NFD) file name copied into an item's `data` URL and its `externalId` is one
/// mistake, made once by a Mac folder listing: the URL's finding (U203 for characters written
/// raw, U207 for escapes) carries a note at the id, and M116 does not report the id on its own.
/// Both sides ask `link(item:in:context:)`, so the note and M116's silence always go together.
enum NFDNameLink {
    struct Link {
        /// The rule whose finding on the `data` URL carries the note.
        var carrier: String
        var idNode: JSONTree.Index
        /// The decomposed part of the id, as a file range.
        var idRange: ByteRange
    }

    /// The link of `item` (a manifest item): its `externalId` is not NFC, its whole decoded text
    /// appears in the decoded path of its `data` URL, and a URL rule that runs reports that path's
    /// normalization.
    static func link(item: JSONTree.Index, in tree: JSONTree, context: LintContext, url known: AssetURL? = nil) -> Link? {
        guard context.kind == .manifest, tree[item].kind == .object,
              let idNode = tree.member("externalId", of: item), tree[idNode].kind == .string,
              let dataNode = tree.member("data", of: item), tree[dataNode].kind == .string else { return nil }
        // The id must fit in the URL's decoded path, which is no longer than the URL, and a URL over
        // `AssetURL.lengthLimit` has no path: a longer id (a giant one) is not decoded at all.
        let urlLength = known.map { $0.overlongLength ?? $0.text.count } ?? ManifestText.decodedLength(dataNode, in: tree)
        guard urlLength <= AssetURL.lengthLimit, ManifestText.decodedLength(idNode, in: tree) <= urlLength else { return nil }
        let id = ManifestText.decodedBytes(idNode, in: tree)
        let idRuns = id.withUnsafeBufferPointer { bytes -> [Range<Int>] in
            guard UTF8Decoding.isValid(bytes) else { return [] }
            return NFCCheck.changedRuns(bytes, table: context.scalars)
        }
        guard let first = idRuns.first, let last = idRuns.last else { return nil }
        let url = known ?? AssetURL.of(dataNode, in: tree)
        guard let path = url.decodedPath, contains(path.bytes, id) else { return nil }
        let runs = url.notNFCRuns(context: context)
        let u203 = context.isActive(URLUnencodedChar.metadata.id)
        let carrier: String
        if u203, runs.contains(where: \.isRaw) {
            carrier = URLUnencodedChar.metadata.id
        } else if context.isActive(URLNotNFC.metadata.id), !context.inventory.covers(url), runs.contains(where: { !$0.isRaw || !u203 }) {
            carrier = URLNotNFC.metadata.id
        } else {
            return nil
        }
        return Link(carrier: carrier, idNode: idNode, idRange: tree.sourceRange(ofDecoded: first.lowerBound..<last.upperBound, inString: idNode))
    }

    /// The note rule `ruleID` adds to its finding on `url` (nothing unless `url` is the `data` of a
    /// linked item and the rule is the link's carrier).
    static func idNote(for url: AssetURL, by ruleID: String, in tree: JSONTree, context: LintContext) -> [RelatedLocation] {
        let item = tree[url.node].parent
        guard item != JSONNode.none, tree.keyEquals(url.node, "data"), tree.member("data", of: item) == url.node,
              let link = link(item: item, in: tree, context: context, url: url), link.carrier == ruleID else { return [] }
        let id = ScalarNames.quoted(String(decoding: ManifestText.decodedBytes(link.idNode, in: tree), as: UTF8.self), limit: 60)
        return [RelatedLocation(message: "externalId \(id) has the same decomposed name (M116)", range: link.idRange)]
    }

    /// Whether `haystack` holds `needle` as consecutive bytes.
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == needle[0], haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }
}
