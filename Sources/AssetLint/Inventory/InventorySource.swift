/// One listing to read: a file, and the bucket it lists when its lines do not say
/// (`--inventory s3://BUCKET=FILE`).
public struct InventorySource: Sendable, Equatable {
    public var path: String
    public var bucket: BucketName?

    public init(path: String, bucket: BucketName? = nil) {
        self.path = path
        self.bucket = bucket
    }

    /// `FILE`, or `BUCKET=FILE` where BUCKET is `s3://NAME`, `gs://NAME` or a bucket's https URL
    /// (`https://ACCOUNT.blob.core.windows.net/CONTAINER` for Azure). A path that merely contains
    /// `=` is a path. Returns the reason when BUCKET is not a bucket.
    public static func parse(_ argument: String) -> Result<InventorySource, ParseError> {
        guard let equals = argument.firstIndex(of: "="), argument[..<equals].contains("://") else {
            return argument.isEmpty ? .failure(ParseError(message: "an empty --inventory: name a listing file")) : .success(InventorySource(path: argument))
        }
        let spec = String(argument[..<equals])
        let path = String(argument[argument.index(after: equals)...])
        guard !path.isEmpty else {
            return .failure(ParseError(message: "'\(argument)' names no file after '=': use BUCKET=FILE, e.g. s3://my-bucket=listing.txt"))
        }
        switch bucket(spec) {
        case .success(let bucket): return .success(InventorySource(path: path, bucket: bucket))
        case .failure(let error): return .failure(error)
        }
    }

    /// The bucket a `s3://NAME`, `gs://NAME` or https bucket URL names.
    public static func bucket(_ spec: String) -> Result<BucketName, ParseError> {
        let hint = "name it as s3://BUCKET, gs://BUCKET or https://ACCOUNT.blob.core.windows.net/CONTAINER"
        guard let url = WebURL(spec), let location = StorageHosts.locate(url) else {
            return .failure(ParseError(message: "'\(spec)' is not a bucket: \(hint)"))
        }
        guard location.rawKeyUTF8.isEmpty || location.rawKey == "/" else {
            return .failure(ParseError(message: "'\(spec)' names an object or folder, not a bucket: \(hint)"))
        }
        return .success(BucketName(location))
    }

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
