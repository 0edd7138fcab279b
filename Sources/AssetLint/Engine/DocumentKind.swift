/// What a linted file is, which decides the rules that run on it.
public enum DocumentKind: String, Sendable, CaseIterable, Codable {
    case manifest
    /// The hub's annotation import (HUB-FORMATS section 6): items naming an asset by `externalId`,
    /// `data` or `asset`, with `objects`, `classifications`, `relations` or a mask URL.
    case labels
    /// The attachment-only import (HUB-FORMATS section 1.3): `externalId` + `attachments`, no `data`.
    case attachments
    case corsGCS = "cors-gcs"
    case corsS3 = "cors-s3"
    case corsAzure = "cors-azure"
    case serviceAccount = "service-account"
    /// Any other JSON: only document-level J rules apply.
    case json

    public var isCORS: Bool { self == .corsGCS || self == .corsS3 || self == .corsAzure }

    /// The kinds whose top-level array is streamed item by item to the rules' `check(item:)`.
    public var streamsItems: Bool { self == .manifest || self == .labels || self == .attachments }

    public var displayName: String {
        switch self {
        case .manifest: "asset-import manifest"
        case .labels: "label-import file"
        case .attachments: "attachment-import file"
        case .corsGCS: "GCS CORS configuration"
        case .corsS3: "S3 CORS configuration"
        case .corsAzure: "Azure Blob CORS configuration"
        case .serviceAccount: "GCP service-account key"
        case .json: "JSON document"
        }
    }
}
