/// The settings of one `.assetlint.yml` (or the defaults when there is none).
/// Loading and validation live in `ConfigurationLoader`; glob matching in `Glob`.
public struct Configuration: Sendable {
    /// The configuration file, or nil for the built-in defaults.
    public var path: String?
    /// The folder globs are relative to: the configuration file's folder, or the current folder.
    public var directory: String

    public var files = FileGlobs()
    public var storage = StorageSettings()
    public var hub = HubProfile()
    public var assets = AssetSettings()
    public var rules = RuleSettings()
    public var overrides: [Override] = []
    public var baseline: String?
    public var custom: [CustomRuleDefinition] = []
    public var json = JSONSettings()
    public var labels = LabelSettings()
    /// Bucket listings (`inventory:`), paths made absolute.
    public var inventory: [InventorySource] = []

    public init(path: String? = nil, directory: String) {
        self.path = path
        self.directory = directory
    }

    public struct FileGlobs: Sendable {
        public var manifests: [String] = []
        public var labels: [String] = []
        public var attachments: [String] = []
        public var cors: [String] = []
        public var serviceAccounts: [String] = []
        public var exclude: [String] = []
        public init() {}
    }

    public enum ProviderChoice: String, Sendable, CaseIterable {
        case any, gcs, s3, azure

        /// The one provider asset URLs must point into; nil for `any`.
        public var required: StorageProvider? {
            switch self {
            case .any: nil
            case .gcs: .gcs
            case .s3: .s3
            case .azure: .azure
            }
        }
    }

    public struct StorageSettings: Sendable {
        public var provider: ProviderChoice = .any
        public var buckets: [String] = []
        /// Whether the configuration file sets `storage.provider` (`any` included).
        public var providerConfigured = false
        public init() {}

        /// Whether the assets are said to live in storage: `storage.provider` (even `any`) or
        /// `storage.buckets` is set. Otherwise public URLs on any host are assets too.
        public var isConfigured: Bool { providerConfigured || provider != .any || !buckets.isEmpty }
    }

    public struct HubProfile: Sendable {
        public static let defaultOrigins = ["https://hub.ango.ai"]
        public var origins: [String] = HubProfile.defaultOrigins
        /// Whether the configuration file sets `hub.origins` (an empty list turns C304 off).
        public var originsConfigured = false
        public var methods: [String] = ["GET"]
        /// Per-provider limit overrides, e.g. `limits: {s3: {maxRules: 100}}`.
        public var limits: [String: [String: Int]] = [:]
        public init() {}
    }

    public struct AssetSettings: Sendable {
        public static let defaultExtensions = [
            "jpg", "jpeg", "png", "tif", "tiff", "mp4", "ogg", "webm", "mov", "mp3", "wav", "txt", "md", "pdf", "dcm",
            "nrrd",
        ]
        public static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "tif", "tiff"]
        public var extensions: [String] = AssetSettings.defaultExtensions
        public var maxDimension: Int = 100_000
        /// What an item's `data` holds (`assets.type`).
        public var type: AssetType = .auto
        public init() {}
    }

    /// What an item's `data` holds: `auto` tells a Markdown asset's content from a URL by its
    /// text (`AssetData`), `url` and `markdown` say it for every item.
    public enum AssetType: String, Sendable, CaseIterable {
        case auto, url, markdown
    }

    public struct RuleSettings: Sendable {
        /// Rule selectors: ids, names, prefixes ("U", "U2") or "ALL".
        public var select: [String] = ["ALL"]
        public var ignore: [String] = []
        /// Severity overrides by selector.
        public var severity: [String: Severity] = [:]
        public init() {}
    }

    public struct Override: Sendable {
        public var files: [String]
        public var select: [String]?
        public var ignore: [String] = []
        public var severity: [String: Severity] = [:]
        /// `assets.type` for the files it matches.
        public var assetType: AssetType?
        public init(files: [String]) { self.files = files }
    }

    public struct LabelSettings: Sendable {
        /// Absolute paths of the asset manifests label and attachment imports are checked
        /// against (`labels.assets`, relative to the configuration file; `--assets` adds more).
        public var assets: [String] = []
        public init() {}
    }

    public struct JSONSettings: Sendable {
        /// J005's limit.
        public var maxDepth: Int = 512
        public init() {}
    }

    /// A declarative check from `custom:`.
    public struct CustomRuleDefinition: Sendable {
        public var id: String
        public var name: String
        public var kind: DocumentKind?
        /// JSON Pointer with `*` for any array index or key.
        public var pointer: String
        public var pattern: String?
        public var allowedValues: [String]?
        public var minLength: Int?
        public var maxLength: Int?
        public var unique: Bool = false
        public var hosts: [String]?
        public var severity: Severity = .error
        public var message: String
        /// Where the definition is in the configuration file, for error messages.
        public var line: Int = 0
        public var column: Int = 0

        public init(id: String, name: String, pointer: String, message: String) {
            self.id = id
            self.name = name
            self.pointer = pointer
            self.message = message
        }
    }
}

/// A configuration problem, reported at its line and column in the file; exit status 2.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}
