import AssetLint
print("assetlint (ICU \(ICU.version))")
