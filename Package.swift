// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "assetlint",
    products: [
        .library(name: "AssetLint", targets: ["AssetLint"]),
        .library(name: "AssetLintServer", targets: ["AssetLintServer"]),
        .executable(name: "assetlint", targets: ["assetlint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .target(
            name: "CICU",
            // In the order a static link needs (each library before those it uses): scripts/release.sh
            // links ICU's archives, the normal build its shared libraries.
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        // zlib for gzipped bucket listings (S3 Inventory reports are .csv.gz).
        .target(
            name: "CZlib",
            linkerSettings: [.linkedLibrary("z")]
        ),
        // The allocator's large-block threshold, set once by the command line tool.
        .target(name: "CMemory"),
        .target(
            name: "AssetLint",
            dependencies: ["CICU", "CZlib", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "AssetLintServer",
            dependencies: ["AssetLint"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "assetlint",
            dependencies: ["AssetLint", "AssetLintServer", "CMemory", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "AssetLintTests",
            dependencies: ["AssetLint"],
            resources: []
        ),
        .testTarget(
            name: "AssetLintServerTests",
            dependencies: ["AssetLint", "AssetLintServer"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
