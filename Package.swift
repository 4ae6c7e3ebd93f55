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
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.25.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
    ],
    targets: [
        .executableTarget(
            name: "quimbi",
            dependencies: [
                "QuimbiCore", "QuimbiSupport", "QuimbiKafka", "QuimbiWorker", "QuimbiSegmentation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: strictConcurrency
        ),
        // C libraries from Debian, wrapped as system-library targets.
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),

        .target(name: "QuimbiCore", swiftSettings: strictConcurrency),
        .target(
            name: "QuimbiKafka",
            dependencies: ["CRdKafka", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictConcurrency
        ),
        .target(name: "QuimbiSegmentation", dependencies: ["QuimbiCore"], swiftSettings: strictConcurrency),
        .target(
            name: "QuimbiWorker",
            dependencies: [
                "QuimbiCore", "QuimbiKafka", "QuimbiSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictConcurrency
        ),
        .target(
            name: "QuimbiSupport",
            dependencies: [
                "QuimbiCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strictConcurrency
        ),
        .testTarget(name: "QuimbiCoreTests", dependencies: ["QuimbiCore"]),
        .testTarget(name: "QuimbiKafkaTests", dependencies: ["QuimbiKafka"]),
        .testTarget(
            name: "QuimbiSupportTests",
            dependencies: [
                "QuimbiCore", "QuimbiSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "QuimbiSegmentationTests", dependencies: ["QuimbiSegmentation", "QuimbiCore"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "QuimbiWorkerTests",
            dependencies: [
                "QuimbiCore", "QuimbiKafka", "QuimbiWorker", "QuimbiSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
