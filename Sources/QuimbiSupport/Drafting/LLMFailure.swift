import QuimbiCore

/// Why the LLM draft was not used; its code is the draft event's `fallback_reason`.
public struct LLMFailure: QuimbiError, Hashable {
    /// Stable codes of LLM failures (guardrail rejections use ``DraftGuardrail`` codes).
    public enum Kind: String, Sendable, Hashable {
        /// No answer before the ticket's deadline.
        case timeout = "llm_timeout"
        /// Too little of the deadline left to try.
        case noTime = "llm_no_time"
        /// Connection refused, reset or not resolvable, after the retries.
        case unavailable = "llm_unavailable"
        /// HTTP 429 after the retries.
        case rateLimited = "llm_rate_limited"
        /// HTTP 5xx after the retries.
        case serverError = "llm_server_error"
        /// Another HTTP error status (bad key, unknown model…); not retried.
        case httpError = "llm_http_error"
        /// HTTP 400 to a request with `response_format`: retried at once as plain text.
        case structuredOutputRefused = "llm_structured_output_refused"
        /// A body that is not a chat completion, or a structured answer that is not the asked JSON.
        case badResponse = "llm_bad_response"
        /// A completion without text.
        case emptyDraft = "llm_empty_draft"
        /// Skipped: the endpoint failed repeatedly just before (see `LLMDrafter`'s circuit breaker).
        case circuitOpen = "llm_circuit_open"
    }

    /// What went wrong.
    public var kind: Kind
    /// Details of this occurrence.
    public var message: String
    /// Tokens the endpoint reported for an answer that could not be used.
    public var usage: TokenUsage?
    /// The stable code, e.g. `llm_timeout`.
    public var code: String { kind.rawValue }

    /// A failure of `kind`, explained by `message`.
    public init(_ kind: Kind, _ message: String, usage: TokenUsage? = nil) {
        self.kind = kind
        self.message = message
        self.usage = usage
    }

    /// Whether another attempt may succeed.
    var isRetryable: Bool { [.rateLimited, .serverError, .unavailable, .structuredOutputRefused].contains(kind) }
}
