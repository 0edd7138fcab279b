/// What a linted file is, which decides the rules that run on it.
public enum DocumentKind: String, Sendable, CaseIterable, Codable {
    case manifest
    case corsGCS = "cors-gcs"
    case corsS3 = "cors-s3"
    case corsAzure = "cors-azure"
    case serviceAccount = "service-account"
    /// Any other JSON: only document-level J rules apply.
    case json

    public var isCORS: Bool { self == .corsGCS || self == .corsS3 || self == .corsAzure }

    public var displayName: String {
        switch self {
        case .manifest: "asset-import manifest"
        case .corsGCS: "GCS CORS configuration"
        case .corsS3: "S3 CORS configuration"
        case .corsAzure: "Azure Blob CORS configuration"
        case .serviceAccount: "GCP service-account key"
        case .json: "JSON document"
        }
    }
}
