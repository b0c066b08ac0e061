// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pgha",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pgha", targets: ["pgha"]),
        .library(name: "PGHAKit", targets: ["PGHAKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "PGHAKit",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "pgha",
            dependencies: [
                "PGHAKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A position-dependent executable, as Go links kubectl: the loader then applies none of the ~78,000
            // relocations a PIE of this size carries, which cost a short run a fifth of its time
            // (Docs/performance.md). Remove it where a distribution requires PIE.
            linkerSettings: [.unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(
            name: "PGHAKitTests",
            dependencies: ["PGHAKit"],
            exclude: ["Golden"]
        ),
    ]
)
