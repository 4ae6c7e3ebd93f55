/// How to reach an OpenAI-compatible chat-completions endpoint (vLLM, llama.cpp server, Ollama, OpenAI).
public struct LLMConfiguration: Sendable, Hashable {
    /// The API base (`http://localhost:8000/v1`) or the full `…/chat/completions` URL.
    public var url: String
    /// The model name sent in each request.
    public var model: String
    /// Sent as `Authorization: Bearer …` when present (from `QUIMBI_LLM_API_KEY`).
    public var apiKey: String?
    /// Ask for JSON-schema structured output (`response_format`); plain-text answers are accepted either way.
    public var structuredOutput: Bool
    /// Attempts per ticket, counting the first; 429, 5xx and connection failures are retried with back-off.
    public var maxAttempts: Int
    /// First back-off; doubled on each retry (with jitter), never past the deadline.
    public var initialBackoff: Duration
    /// Time kept back from the ticket's deadline for the template fallback.
    public var reserve: Duration
    /// Sampling temperature.
    public var temperature: Double
    /// Largest completion, in tokens.
    public var maxTokens: Int
    /// Failures in a row after which the endpoint is not called for `circuitCooldown`.
    public var circuitThreshold: Int
    public var circuitCooldown: Duration

    /// A configuration; only `url` and `model` are required.
    public init(
        url: String, model: String, apiKey: String? = nil, structuredOutput: Bool = true, maxAttempts: Int = 3,
        initialBackoff: Duration = .milliseconds(100), reserve: Duration = .milliseconds(25), temperature: Double = 0.3,
        maxTokens: Int = 400, circuitThreshold: Int = 5, circuitCooldown: Duration = .seconds(5)
    ) {
        self.url = url
        self.model = model
        self.apiKey = apiKey
        self.structuredOutput = structuredOutput
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.reserve = reserve
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.circuitThreshold = circuitThreshold
        self.circuitCooldown = circuitCooldown
    }

    /// The chat-completions endpoint.
    var endpoint: String {
        let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
        return trimmed.hasSuffix("/chat/completions") ? trimmed : trimmed + "/chat/completions"
    }
}
