import Foundation
import Testing

/// What the shipped `quimbi` binary must not contain.
struct ShippedBinaryTests {
    /// The fake Shopify is a test tool (`quimbi-fake-shopify`); its type names would be in the binary's
    /// metadata if it were linked in.
    @Test func theFakeShopifyIsNotLinkedIntoQuimbi() throws {
        let binary = try Data(contentsOf: QuimbiProgram.binary, options: .alwaysMapped)
        #expect(binary.count > 1_000_000, "\(QuimbiProgram.binary.path) is the real binary")
        #expect(binary.range(of: Data("FakeShopifyServer".utf8)) == nil)
    }

    /// `quimbi` allocates with jemalloc (Sources/quimbi/MallocTuning.swift), not glibc's malloc: asked to,
    /// jemalloc prints its statistics at exit, which it only does when it served the process's allocations.
    @Test func quimbiAllocatesWithJemalloc() async throws {
        let result = try await QuimbiProgram.run(
            executable: QuimbiProgram.binary, arguments: ["--help"], environment: ["MALLOC_CONF": "stats_print:true"])
        #expect(result.status == 0)
        #expect(result.output.contains("Begin jemalloc statistics"), "\(result.output.prefix(300))")
    }

    /// `quimbi` hands freed pages back after one second (``MallocTuning``), on every arena, unless the
    /// operator's `MALLOC_CONF` sets the decay time itself.
    @Test func quimbiShortensTheDecayTimeUnlessMallocConfSetsIt() async throws {
        let ours = try await QuimbiProgram.run(
            executable: QuimbiProgram.binary, arguments: ["--help"], environment: ["MALLOC_CONF": "stats_print:true"])
        #expect(ours.output.contains("(arenas.dirty_decay_ms: 1000)"), "\(ours.output.prefix(2_000))")
        #expect(ours.output.contains(try Regex(#"\n\s*dirty:\s+1000\s"#)), "every arena printed decays in one second")
        #expect(!ours.output.contains(try Regex(#"\n\s*dirty:\s+10000\s"#)))
        let operators = try await QuimbiProgram.run(
            executable: QuimbiProgram.binary, arguments: ["--help"], environment: ["MALLOC_CONF": "stats_print:true,dirty_decay_ms:5000"])
        #expect(operators.output.contains("opt.dirty_decay_ms: 5000 (arenas.dirty_decay_ms: 5000)"), "\(operators.output.prefix(2_000))")
    }

    /// The release binary links the Swift runtime statically (`make release`, the Dockerfile), and
    /// FoundationNetworking then needs libcurl at link time, which the image does not carry: no source of
    /// the shipped modules may import it (HTTP goes through AsyncHTTPClient).
    @Test func noShippedSourceImportsFoundationNetworking() throws {
        let sources = RepositoryFiles.url("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 100)
        let importing = try files.filter { file in
            try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                .contains { $0.trimmingCharacters(in: .whitespaces) == "import FoundationNetworking" }
        }
        #expect(importing.isEmpty, "\(importing.map(\.lastPathComponent))")
    }
}
