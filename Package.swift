// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "assetlint",
    products: [
        .library(name: "AssetLint", targets: ["AssetLint"]),
        .executable(name: "assetlint", targets: ["assetlint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        // zlib for gzipped bucket listings (S3 Inventory reports are .csv.gz).
        .target(
            name: "CZlib",
            linkerSettings: [.linkedLibrary("z")]
        ),
        .target(
            name: "AssetLint",
            dependencies: ["CICU", "CZlib", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "assetlint",
            dependencies: ["AssetLint", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "AssetLintTests",
            dependencies: ["AssetLint"],
            resources: []
        ),
    ],
    swiftLanguageModes: [.v5]
)
