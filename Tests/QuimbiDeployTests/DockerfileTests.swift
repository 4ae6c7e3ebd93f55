import Foundation
import Testing

/// Deploy/Dockerfile: Swift build image → slim Debian with the C libraries only, non-root, `quimbi` as the
/// entrypoint, a health check, and exactly the release build `make demo` runs.
@Suite struct DockerfileTests {
    let dockerfile: Dockerfile

    init() throws {
        dockerfile = Dockerfile(text: try RepositoryFiles.text(RepositoryFiles.dockerfile))
    }

    @Test func buildsWithSwiftAndRunsOnSlimDebianWithTheCLibrariesOnly() throws {
        let stages = dockerfile.stages
        try #require(stages.count == 2)
        #expect(Dockerfile.baseImage(of: stages[0])?.hasPrefix("swift:6.") == true)
        #expect(Dockerfile.baseImage(of: stages[0])?.hasSuffix("-bookworm") == true, "build on the runtime's Debian release")
        #expect(Dockerfile.baseImage(of: stages[1])?.hasPrefix("debian:") == true)
        #expect(Dockerfile.baseImage(of: stages[1])?.hasSuffix("-slim") == true)
        #expect(Dockerfile.aptPackages(of: stages[1]) == ["librdkafka1", "libhiredis0.14", "libpq5", "libjemalloc2", "ca-certificates"])
        #expect(Dockerfile.aptPackages(of: stages[0]).isSuperset(of: ["librdkafka-dev", "libhiredis-dev", "libpq-dev", "libjemalloc-dev"]))
    }

    @Test func runsAsANonRootUserWithQuimbiAsEntrypointAndAHealthCheck() throws {
        let runtime = try #require(dockerfile.stages.last)
        let user = try #require(runtime.last { $0.keyword == "USER" }?.arguments)
        let userName = String(user.split(separator: ":")[0])
        #expect(userName != "root" && userName != "0", "the container must not run as root")
        let entrypoint = try #require(runtime.last { $0.keyword == "ENTRYPOINT" }?.arguments)
        #expect(entrypoint == #"["quimbi"]"#)
        let healthcheck = try #require(runtime.last { $0.keyword == "HEALTHCHECK" }?.arguments)
        #expect(healthcheck.contains("quimbi-healthcheck"))
        #expect(runtime.contains { $0.keyword == "COPY" && $0.arguments == "Deploy/healthcheck.sh /usr/local/bin/quimbi-healthcheck" })
    }

    @Test func setsOnlyVariablesTheServerOrTheWorkerReads() async throws {
        let runtime = try #require(dockerfile.stages.last)
        let variables = runtime.filter { $0.keyword == "ENV" }.compactMap { $0.arguments.split(separator: "=").first.map(String.init) }
        let serve = try await QuimbiProgram.help(["serve"])
        let worker = try await QuimbiProgram.help(["worker"])
        for variable in variables where variable.hasPrefix("QUIMBI_") {
            #expect(
                serve.readsEnvironmentVariable(variable) || worker.readsEnvironmentVariable(variable),
                "the image sets \(variable), which neither quimbi serve nor quimbi worker reads")
        }
    }

    @Test func shipsTheIntentModelWhereTheWorkerLooksForIt() throws {
        let runtime = try #require(dockerfile.stages.last)
        let model = runtime.first { $0.keyword == "ENV" && $0.arguments.hasPrefix("QUIMBI_INTENT_MODEL=") }
        let path = try #require(model?.arguments.split(separator: "=").last.map(String.init))
        #expect(runtime.contains { $0.keyword == "COPY" && $0.arguments.hasSuffix(" \(path)") }, "the image copies the model to \(path)")
    }

    @Test func buildsExactlyTheReleaseThatMakeDemoBuilds() async throws {
        let makeRelease = try await Self.swiftBuildLines(makeTarget: "release")
        let makeDemo = try await Self.swiftBuildLines(makeTarget: "demo")
        try #require(makeRelease.count == 1, "make release runs one swift build: \(makeRelease)")
        #expect(makeDemo == makeRelease, "make demo must run the release build")
        let dockerBuilds = dockerfile.instructions.filter { $0.keyword == "RUN" && $0.arguments.hasPrefix("swift build") }
        #expect(dockerBuilds.map(\.arguments) == makeRelease)
    }

    /// The `swift build` commands `make -n TARGET` prints (with `SWIFT=swift`, as in the build image).
    static func swiftBuildLines(makeTarget: String) async throws -> [String] {
        let make = try await QuimbiProgram.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["make", "--no-print-directory", "-C", RepositoryFiles.root.path, "-n", makeTarget, "SWIFT=swift"])
        #expect(make.status == 0, "make -n \(makeTarget): \(make.output)")
        return make.output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("swift build") }
    }
}
