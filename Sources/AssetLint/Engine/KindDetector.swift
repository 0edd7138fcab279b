/// Content-based document kind detection (spec section 3), used when no configuration glob and
/// no `--kind` decides.
public enum KindDetector {
    static let manifestKeys = ["data", "externalId", "dataset"]
    static let gcsKeys = ["origin", "method", "responseHeader", "maxAgeSeconds"]
    static let s3Keys = ["AllowedOrigins", "AllowedMethods", "AllowedHeaders", "ExposeHeaders"]
    static let azureKeys = ["allowedOrigins", "allowedMethods", "allowedHeaders", "exposedHeaders", "maxAgeInSeconds"]
    /// How many leading items of a top-level array are looked at.
    static let sniffedItems = 16

    /// The kind of a document whose root is an object.
    public static func kind(ofObject root: JSONTree.Index, in tree: JSONTree) -> DocumentKind {
        if tree.member("CORSRules", of: root) != nil { return .corsS3 }
        if azureRulesLocation(root, in: tree) != nil { return .corsAzure }
        if let type = tree.member("type", of: root), tree.string(type) == "service_account" { return .serviceAccount }
        return .json
    }

    /// The kind suggested by one element of a top-level array, if any.
    public static func kind(ofArrayElement element: JSONTree.Index, in tree: JSONTree) -> DocumentKind? {
        guard tree[element].kind == .object else { return nil }
        func has(_ keys: [String]) -> Bool { keys.contains { tree.member($0, of: element) != nil } }
        if has(manifestKeys) { return .manifest }
        if has(s3Keys) { return .corsS3 }
        if has(azureKeys) { return .corsAzure }
        if has(gcsKeys) { return .corsGCS }
        return nil
    }

    /// An empty top-level array says nothing by content; the file name may.
    public static func kind(ofEmptyArrayNamed path: String) -> DocumentKind {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        if name.contains("cors") { return .corsGCS }
        if name.contains("manifest") || name.contains("asset") || name.contains("import") { return .manifest }
        return .json
    }

    /// Where the Azure rule list is: `corsRules`, `cors.corsRules`, `properties.cors.corsRules`, or in
    /// an ARM template's `resources[].properties.cors.corsRules`.
    public static func azureRulesLocation(_ root: JSONTree.Index, in tree: JSONTree) -> JSONTree.Index? {
        func rules(in object: JSONTree.Index) -> JSONTree.Index? {
            guard tree[object].kind == .object else { return nil }
            if let rules = tree.member("corsRules", of: object) { return rules }
            if let cors = tree.member("cors", of: object), tree[cors].kind == .object,
                let rules = tree.member("corsRules", of: cors)
            {
                return rules
            }
            if let properties = tree.member("properties", of: object), tree[properties].kind == .object,
                let cors = tree.member("cors", of: properties), tree[cors].kind == .object,
                let rules = tree.member("corsRules", of: cors)
            {
                return rules
            }
            return nil
        }
        if let found = rules(in: root) { return found }
        if let resources = tree.member("resources", of: root), tree[resources].kind == .array {
            for resource in tree.children(of: resources) {
                if let found = rules(in: resource) { return found }
                if let nested = tree.member("resources", of: resource), tree[nested].kind == .array {
                    for child in tree.children(of: nested) {
                        if let found = rules(in: child) { return found }
                    }
                }
            }
        }
        return nil
    }
}
