import ArgumentParser
import Foundation
import Logging
import QuimbiEmbedding
import QuimbiSupport

/// The policy, drafter and intent-reading flags of the commands that draft replies (`worker`, `draft`).
struct SupportOptions: ParsableArguments {
    @Option(help: "YAML policy file (QUIMBI_POLICY); default: the compiled-in policy, as in Deploy/policy/default.yaml.")
    var policy: String?

    @Option(help: "OpenAI-compatible chat-completions endpoint, e.g. http://localhost:8000/v1 (QUIMBI_LLM_URL); default: template drafts only. The API key is read from QUIMBI_LLM_API_KEY.")
    var llmURL: String?

    @Option(help: "Model name sent to the LLM endpoint (QUIMBI_LLM_MODEL).")
    var llmModel: String?

    @OptionGroup var intentReading: IntentReadingOptions

    private var policyPath: String? { policy ?? EnvironmentDefaults.string("QUIMBI_POLICY") }
    private var endpoint: String? { llmURL ?? EnvironmentDefaults.string("QUIMBI_LLM_URL") }
    private var model: String? { llmModel ?? EnvironmentDefaults.string("QUIMBI_LLM_MODEL") }

    func validate() throws {
        if endpoint != nil, model == nil { throw ValidationError("--llm-url needs --llm-model") }
        if let llmURL = endpoint, URL(string: llmURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            throw ValidationError("--llm-url must be an http or https URL")
        }
    }

    /// The desk for these flags, with what must be shut down when done. A policy file with errors, or
    /// an intent model that cannot be loaded (unless `--lexicon-only`), ends the program with one line
    /// on stderr.
    func makeDesk(logger: Logger) throws -> SupportResources {
        let loaded: SupportPolicy
        do {
            loaded = try policyPath.map { path throws(PolicyError) in try SupportPolicy.load(contentsOf: path) } ?? .default
        } catch {
            FileHandle.standardError.write(Data("Error: \(error.code): \(error.message)\n".utf8))
            throw ExitCode(64)
        }
        let reading = try intentReading.load(logger: logger)
        let intentModel = reading?.model, embedder = reading?.embedder
        guard let endpoint, let model else {
            return SupportResources(desk: SupportDesk(policy: loaded, intentModel: intentModel), llm: nil, embedder: embedder)
        }
        let llm = LLMDrafter(
            configuration: LLMConfiguration(url: endpoint, model: model, apiKey: EnvironmentDefaults.string("QUIMBI_LLM_API_KEY")),
            logger: logger)
        return SupportResources(desk: SupportDesk(policy: loaded, drafter: llm, intentModel: intentModel), llm: llm, embedder: embedder)
    }
}

/// A desk and what it holds that must be shut down.
struct SupportResources {
    /// The desk.
    let desk: SupportDesk
    /// The LLM drafter, with `--llm-url`.
    let llm: LLMDrafter?
    /// The intent model's engine threads, unless `--lexicon-only`.
    let embedder: E5Embedder?

    /// Closes the LLM client and stops the engine threads.
    func shutdown() async throws {
        await embedder?.shutdown()
        try await llm?.shutdown()
    }
}
