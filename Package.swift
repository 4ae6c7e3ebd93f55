// swift-tools-version:6.0
import PackageDescription

let strictConcurrency: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "Quimbi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "quimbi", targets: ["quimbi"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.25.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
    ],
    targets: [
        .executableTarget(
            name: "quimbi",
            dependencies: [
                "QuimbiCore", "QuimbiSupport", "QuimbiShopify", "ShopifyFake",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictConcurrency
        ),
        // C libraries from Debian, wrapped as system-library targets.
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),

        .target(name: "QuimbiCore", swiftSettings: strictConcurrency),
        .target(
            name: "QuimbiSupport",
            dependencies: [
                "QuimbiCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictConcurrency
        ),
        .target(
            name: "QuimbiShopify",
            dependencies: [
                "QuimbiCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictConcurrency
        ),
        // A local HTTP server that answers like Shopify's GraphQL Admin API: used by the tests and
        // started in-process by `quimbi bench-orders --fake-latency-ms N`.
        .target(
            name: "ShopifyFake",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/ShopifyFake",
            swiftSettings: strictConcurrency
        ),
        .testTarget(
            name: "QuimbiShopifyTests",
            dependencies: ["QuimbiShopify", "QuimbiCore", "ShopifyFake"],
            swiftSettings: strictConcurrency
        ),
    ]
)
