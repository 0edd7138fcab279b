// swift-tools-version:6.0
// Fuzz targets for assetlint (libFuzzer). Not part of the main package: `swift test` never needs
// the fuzzer runtime. Build and run with `Fuzz/run.sh ITERATIONS` (it passes -sanitize=fuzzer and
// -sanitize=address to every Swift and C target, the library under test included, so coverage
// guides the fuzzer through the engine and not only through the small harness files).
import PackageDescription

let fuzzTarget: (String) -> Target = { name in
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport", .product(name: "AssetLint", package: "assetlint")]
    )
}

let package = Package(
    name: "assetlint-fuzz",
    dependencies: [.package(name: "assetlint", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [
            .product(name: "AssetLint", package: "assetlint"), .product(name: "AssetLintServer", package: "assetlint"),
        ]),
        fuzzTarget("FuzzJSON"),
        fuzzTarget("FuzzURL"),
        fuzzTarget("FuzzConfig"),
        fuzzTarget("FuzzLint"),
        fuzzTarget("FuzzServer"),
        .executableTarget(name: "SeedCorpus", dependencies: [.product(name: "AssetLint", package: "assetlint")]),
    ],
    swiftLanguageModes: [.v6]
)
