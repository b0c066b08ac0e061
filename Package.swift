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
        // syncfs and renameat2, which Swift's Glibc module does not declare, for the output writer.
        .target(name: "CSystemCalls"),
        .target(
            name: "PGHAKit",
            dependencies: ["CLibYAML", "CSystemCalls"],
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
            // A fully static executable, as Go links kubectl: glibc, libstdc++ and libgcc are linked in as well as
            // the Swift runtime, so there is no dynamic loader at all. A short run then maps no shared library,
            // resolves no symbol and applies no relocation (a PIE of this size carries ~78,000), which cost a
            // one-spec render a third of its time (Docs/performance.md), and the binary runs on any Linux of its
            // architecture. The linker warns that glibc's user and group lookups (getpwnam and the like, which
            // FoundationEssentials links) would load NSS modules at run time; pgha calls none of them.
            linkerSettings: [
                .unsafeFlags(["-static-executable"], .when(platforms: [.linux], configuration: .release)),
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
