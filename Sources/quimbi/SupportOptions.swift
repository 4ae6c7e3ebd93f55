import ArgumentParser
import Foundation
import Logging
import QuimbiSupport

/// The policy and drafter flags of the commands that draft replies (`worker`, `draft`).
struct SupportOptions: ParsableArguments {
    @Option(help: "YAML policy file (QUIMBI_POLICY); default: the compiled-in policy, as in Deploy/policy/default.yaml.")
    var policy: String? = EnvironmentDefaults.string("QUIMBI_POLICY")

    @Option(help: "OpenAI-compatible chat-completions endpoint, e.g. http://localhost:8000/v1 (QUIMBI_LLM_URL); default: template drafts only. The API key is read from QUIMBI_LLM_API_KEY.")
    var llmURL: String? = EnvironmentDefaults.string("QUIMBI_LLM_URL")

    @Option(help: "Model name sent to the LLM endpoint (QUIMBI_LLM_MODEL).")
    var llmModel: String? = EnvironmentDefaults.string("QUIMBI_LLM_MODEL")

    func validate() throws {
        if llmURL != nil, llmModel == nil { throw ValidationError("--llm-url needs --llm-model") }
        if let llmURL, URL(string: llmURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            throw ValidationError("--llm-url must be an http or https URL")
        }
    }

    /// The desk for these flags, and the LLM drafter to shut down when done (nil without `--llm-url`).
    /// A policy file with errors ends the program with each problem on stderr.
    func makeDesk(logger: Logger) throws -> (desk: SupportDesk, llm: LLMDrafter?) {
        let loaded: SupportPolicy
        do {
            loaded = try policy.map { path throws(PolicyError) in try SupportPolicy.load(contentsOf: path) } ?? .default
        } catch {
            FileHandle.standardError.write(Data("Error: \(error.code): \(error.message)\n".utf8))
            throw ExitCode(64)
        }
        guard let llmURL, let llmModel else { return (SupportDesk(policy: loaded), nil) }
        let llm = LLMDrafter(
            configuration: LLMConfiguration(url: llmURL, model: llmModel, apiKey: EnvironmentDefaults.string("QUIMBI_LLM_API_KEY")),
            logger: logger)
        return (SupportDesk(policy: loaded, drafter: llm), llm)
    }
}
