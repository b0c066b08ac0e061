// swift-tools-version:6.0
import PackageDescription

// libyaml's pkg-config entry: on macOS, Homebrew's headers and library are outside the default search paths; on
// Linux, libyaml-dev's are inside them, and the entry's -lyaml would link libyaml dynamically (PGHAKit links the
// static library instead).
#if os(macOS)
let libYAMLPackageConfig: String? = "yaml-0.1"
#else
let libYAMLPackageConfig: String? = nil
#endif

// Concrete generic types are instantiated through metadata accessor functions instead of by mangled name: the runtime
// then demangles nothing and looks up no conformances for them (each first lookup scans all ~3,900 conformance
// records of the binary), which cost a one-spec render 2.0 of its 31.4 million instructions (Docs/performance.md).
let metadataAccessors: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"]),
]

// The folder of the linker script that makes the toolchain's `-lstdc++` link libstdc++ statically.
let staticLibstdcxxFolder = String(#filePath.dropLast("Package.swift".count)) + "Linker/static-libstdc++"

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
        // libyaml's headers; the library is linked statically on Linux, so the binary needs no libyaml at run time.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: libYAMLPackageConfig,
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(
            name: "PGHAKit",
            dependencies: ["CLibYAML"],
            swiftSettings: metadataAccessors,
            linkerSettings: [
                .unsafeFlags(["-Xlinker", "-l:libyaml.a"], .when(platforms: [.linux])),
                .linkedLibrary("yaml", .when(platforms: [.macOS])),
            ]
        ),
        .executableTarget(
            name: "pgha",
            dependencies: [
                "PGHAKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: metadataAccessors,
            // A position-dependent executable, as Go links kubectl: the loader then applies none of the ~78,000
            // relocations a PIE of this size carries, which cost a short run a fifth of its time
            // (Docs/performance.md). Remove it where a distribution requires PIE. libstdc++ and libgcc are linked
            // statically too (Linker/static-libstdc++), which saves every run the loader's work for two shared
            // libraries, a tenth of one render: the binary then needs only glibc at run time.
            linkerSettings: [
                .unsafeFlags(
                    ["-Xclang-linker", "-no-pie", "-L", staticLibstdcxxFolder, "-Xclang-linker", "-static-libgcc"],
                    .when(platforms: [.linux], configuration: .release)
                ),
            ]
        ),
        .testTarget(
            name: "PGHAKitTests",
            // Yams only in the tests: the reference pgha's parser and manifest writer are held to. pgha (the CLI) for
            // PlainCommandLine, held to argument-parser.
            dependencies: ["PGHAKit", "pgha", .product(name: "Yams", package: "Yams")],
            exclude: ["Golden", "Reference/GoldenSpecs"]
        ),
    ]
)
