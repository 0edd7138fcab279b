/// The product's version: `--version`, the `tool` of the JSON and SARIF reports, and the names of
/// the release tarball and wheel (`scripts/release/version` reads it from this file, so the
/// `current = "..."` line keeps this shape).
public enum AssetLintVersion {
    public static let current = "0.1.0"
}
