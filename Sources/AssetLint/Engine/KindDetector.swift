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
        // S3: `aws s3api put-bucket-cors --cors-configuration` takes `{"CORSRules": [...]}`,
        // `--cli-input-json` takes `{"CORSConfiguration": {"CORSRules": [...]}}`.
        if tree.member("CORSRules", of: root) != nil { return .corsS3 }
        if let configuration = tree.member("CORSConfiguration", of: root), tree[configuration].kind == .object { return .corsS3 }
        if azureRulesLocation(root, in: tree) != nil { return .corsAzure }
        if let type = tree.member("type", of: root), tree.string(type) == "service_account" { return .serviceAccount }
        // GCS JSON API bucket resource: `{"cors": [{"origin": ...}]}`.
        if let cors = tree.member("cors", of: root), tree[cors].kind == .array,
            tree.children(of: cors).contains(where: { kind(ofArrayElement: $0, in: tree) == .corsGCS })
        {
            return .corsGCS
        }
        // One rule object without its list: reported by C301 with a fix that adds the brackets.
        // Lists are required for the generic names, so a log record like {"origin": ..., "method": "GET"} stays JSON.
        func hasAll(_ keys: [String]) -> Bool {
            keys.allSatisfy { key in tree.member(key, of: root).map { tree[$0].kind == .array } ?? false }
        }
        if tree.member("AllowedOrigins", of: root) != nil || tree.member("AllowedMethods", of: root) != nil { return .corsS3 }
        if hasAll(["allowedOrigins", "allowedMethods"]) { return .corsAzure }
        if hasAll(["origin", "method"]) { return .corsGCS }
        return .json
    }

    /// Members that only the hub's label import has (HUB-FORMATS section 6.1).
    static let labelKeys = ["objects", "relations", "brushDataUrl", "medicalBrushDataUrl"]

    /// The kind suggested by one element of a top-level array, if any; `.json` when the element
    /// belongs to another tool's format, which settles the file.
    public static func kind(ofArrayElement element: JSONTree.Index, in tree: JSONTree) -> DocumentKind? {
        guard tree[element].kind == .object else { return nil }
        func has(_ key: String) -> Bool { tree.member(key, of: element) != nil }
        func has(_ keys: [String]) -> Bool { keys.contains(where: has) }
        func isString(_ key: String) -> Bool { tree.member(key, of: element).map { tree[$0].kind == .string } ?? false }
        // Label Studio tasks (`{"data": {"image": ...}, "annotations": [...]}`) and the like: `data`
        // is an object of named fields, and there is no externalId.
        if let data = tree.member("data", of: element), tree[data].kind == .object || tree[data].kind == .array, !has("externalId") {
            return .json
        }
        // The label import names an asset (by externalId, or by its URL in `data` or `asset`) and
        // brings something to pre-label it with. `classifications` alone is not enough: the SDK's
        // asset builder sends classifications with an asset import's `data` and `externalId`.
        let namesAsset = has("externalId") || isString("data") || isString("asset")
        if namesAsset, has(labelKeys) { return .labels }
        if namesAsset, has("classifications"), !(has("data") && has("externalId")) { return .labels }
        if has("externalId"), has("attachments"), !has("data"), !has("dataset") { return .attachments }
        if has(manifestKeys) { return .manifest }
        if tree.member("CORSRules", of: element) != nil { return .corsS3 }
        // The provider with the most of its field names wins, origins and methods counting double (a GCS
        // rule with stray S3 keys is still GCS); ties go to S3, then Azure, then GCS.
        func count(_ keys: [String]) -> Int {
            keys.enumerated().reduce(0) { total, key in total + (tree.member(key.element, of: element) == nil ? 0 : key.offset < 2 ? 2 : 1) }
        }
        let s3 = count(["AllowedOrigins", "AllowedMethods", "AllowedHeaders", "ExposeHeaders", "MaxAgeSeconds", "ID"])
        let azure = count(azureKeys)
        let gcs = count(gcsKeys)
        let best = max(s3, azure, gcs)
        if best == 0 { return nil }
        if s3 == best { return .corsS3 }
        if azure == best { return .corsAzure }
        // `origin` alone, as a string, is every URL record's field (WPT's URL test data, browser
        // and log exports): a GCS rule also has a method, a header list or a max age, or a list of origins.
        if gcs == 2, let origin = tree.member("origin", of: element), tree[origin].kind != .array { return nil }
        return .corsGCS
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
        azureRulesLocations(root, in: tree).first
    }

    /// Every Azure rule list of the document, in document order: the root's own (`corsRules`,
    /// `cors.corsRules`, `properties.cors.corsRules`) or those of an ARM template's resources.
    /// Resources may be an array or (language version 2.0, Bicep output) an object of symbolic
    /// names, may nest `resources`, and nested deployments carry theirs in
    /// `properties.template.resources`. Only storage accounts and their blob, file, queue and table
    /// services have Blob-style CORS: a resource whose `type` is another (an Azure Maps account
    /// also has `properties.cors.corsRules`) is not claimed, nor is a root that is such a resource.
    public static func azureRulesLocations(_ root: JSONTree.Index, in tree: JSONTree) -> [JSONTree.Index] {
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
        /// Whether `object` is not a resource of another type than storage.
        func mayBeStorage(_ object: JSONTree.Index) -> Bool {
            guard let type = tree.member("type", of: object), let name = tree.string(type) else { return true }
            return name.hasPrefix("[") || StorageResource.isStorage(name)  // an expression: cannot tell
        }
        if let found = rules(in: root) { return mayBeStorage(root) ? [found] : [] }
        var found: [JSONTree.Index] = []
        func visitResources(of object: JSONTree.Index, depth: Int) {
            guard depth < 8, tree[object].kind == .object else { return }
            if let resources = tree.member("resources", of: object), tree[resources].kind == .array || tree[resources].kind == .object {
                for resource in tree.children(of: resources) where tree[resource].kind == .object {
                    if mayBeStorage(resource), let list = rules(in: resource) { found.append(list) }
                    visitResources(of: resource, depth: depth + 1)
                    if let properties = tree.member("properties", of: resource), tree[properties].kind == .object,
                        let template = tree.member("template", of: properties)
                    {
                        visitResources(of: template, depth: depth + 1)
                    }
                }
            }
        }
        visitResources(of: root, depth: 0)
        return found
    }
}

/// ARM resource types that have Blob-style CORS rules: a storage account and its services.
enum StorageResource {
    static let services = ["blobservices", "fileservices", "queueservices", "tableservices"]

    /// `Microsoft.Storage/storageAccounts` and its child types, also by the short child names a
    /// storage account's own `resources` use (`blobServices`). ARM types are case-insensitive.
    static func isStorage(_ type: String) -> Bool {
        let lower = type.lowercased()
        if lower.hasPrefix("microsoft.storage/storageaccounts") { return true }
        return services.contains(where: { lower == $0 || lower.hasPrefix($0 + "/") })
    }
}
