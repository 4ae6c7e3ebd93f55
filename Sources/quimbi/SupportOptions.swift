import ArgumentParser
import Foundation
import Logging
import QuimbiSupport

/// The policy and drafter flags of the commands that draft replies (`worker`, `draft`).
struct SupportOptions: ParsableArguments {
    @Option(help: "YAML policy file (QUIMBI_POLICY); default: the compiled-in policy, as in Deploy/policy/default.yaml.")
    var policy: String?

    @Option(help: "OpenAI-compatible chat-completions endpoint, e.g. http://localhost:8000/v1 (QUIMBI_LLM_URL); default: template drafts only. The API key is read from QUIMBI_LLM_API_KEY.")
    var llmURL: String?

    @Option(help: "Model name sent to the LLM endpoint (QUIMBI_LLM_MODEL).")
    var llmModel: String?

    private var policyPath: String? { policy ?? EnvironmentDefaults.string("QUIMBI_POLICY") }
    private var endpoint: String? { llmURL ?? EnvironmentDefaults.string("QUIMBI_LLM_URL") }
    private var model: String? { llmModel ?? EnvironmentDefaults.string("QUIMBI_LLM_MODEL") }

    func validate() throws {
        if endpoint != nil, model == nil { throw ValidationError("--llm-url needs --llm-model") }
        if let llmURL = endpoint, URL(string: llmURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            throw ValidationError("--llm-url must be an http or https URL")
        }
    }

    /// The desk for these flags, and the LLM drafter to shut down when done (nil without `--llm-url`).
    /// A policy file with errors ends the program with each problem on stderr.
    func makeDesk(logger: Logger) throws -> (desk: SupportDesk, llm: LLMDrafter?) {
        let loaded: SupportPolicy
        do {
            loaded = try policyPath.map { path throws(PolicyError) in try SupportPolicy.load(contentsOf: path) } ?? .default
        } catch {
            FileHandle.standardError.write(Data("Error: \(error.code): \(error.message)\n".utf8))
            throw ExitCode(64)
        }
        guard let endpoint, let model else { return (SupportDesk(policy: loaded), nil) }
        let llm = LLMDrafter(
            configuration: LLMConfiguration(url: endpoint, model: model, apiKey: EnvironmentDefaults.string("QUIMBI_LLM_API_KEY")),
            logger: logger)
        return (SupportDesk(policy: loaded, drafter: llm), llm)
    }
}
