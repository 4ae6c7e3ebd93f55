import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import QuimbiCore
import QuimbiResilience
import Synchronization

/// Drafts with an OpenAI-compatible chat-completions endpoint over AsyncHTTPClient, inside the
/// ticket's deadline, with retries and back-off on 429 and 5xx. Whatever goes wrong — endpoint
/// down, slow, rate-limited, garbage, or a draft the guardrail rejects — the template draft is
/// returned instead, with the reason in `fallbackReason`.
///
/// Owns an `HTTPClient`: call ``shutdown()`` once when done.
public final class LLMDrafter: Drafter {
    /// The endpoint and its limits.
    public let configuration: LLMConfiguration
    private let client: HTTPClient
    private let template = TemplateDrafter()
    private let guardrail = DraftGuardrail()
    private let breaker: CircuitBreaker<ContinuousClock>
    private let retry: RetryPolicy
    /// Cleared when the endpoint refuses `response_format` (HTTP 400): from then on, plain text is asked for.
    private let structuredOutput: Atomic<Bool>
    private let logger: Logger

    /// Largest response body read.
    static let maxResponseBytes = 1 << 20

    /// A drafter for `configuration`; connections are pooled across tickets.
    public init(configuration: LLMConfiguration, logger: Logger = Logger(label: "quimbi.llm")) {
        self.configuration = configuration
        self.logger = logger
        breaker = CircuitBreaker(CircuitBreakerSettings(
            failureThreshold: configuration.circuitThreshold, cooldown: configuration.circuitCooldown))
        retry = RetryPolicy(
            maxAttempts: configuration.maxAttempts, initialBackoff: configuration.initialBackoff, jitter: .proportional(0.8...1.2))
        structuredOutput = Atomic(configuration.structuredOutput)
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.timeout = .init(connect: .seconds(2))
        clientConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        // A refused connection fails at once; the drafter's own retries (bounded by the deadline) decide.
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
    }

    /// Closes the HTTP client's connections.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    public func draft(_ context: SupportContext, deadline: ContinuousClock.Instant) async -> Draft {
        let fallback = template.compose(context)
        let llmDeadline = deadline - configuration.reserve
        guard llmDeadline > .now + .milliseconds(5) else { return Self.replace(fallback, reason: LLMFailure.Kind.noTime.rawValue, usage: nil) }
        if case .rejected = breaker.admit() { return Self.replace(fallback, reason: LLMFailure.Kind.circuitOpen.rawValue, usage: nil) }
        let answer = (try? await Deadline.run(until: llmDeadline) { [self] in await self.complete(context.prompt, until: llmDeadline) })
            ?? .failure(LLMFailure(.timeout, "no answer before the ticket's deadline"))
        switch answer {
        case .failure(let failure):
            breaker.recordFailure(failure)
            logger.debug("LLM draft replaced by template", metadata: ["ticket": "\(context.facts.ticket.ticketID)", "reason": "\(failure)"])
            return Self.replace(fallback, reason: failure.code, usage: failure.usage)
        case .success(let completion):
            breaker.recordSuccess()
            if let rejection = guardrail.check(completion.text, against: context.recommendation, facts: context.prompt.user) {
                logger.debug("LLM draft rejected", metadata: ["ticket": "\(context.facts.ticket.ticketID)", "reason": "\(rejection.rawValue)"])
                return Self.replace(fallback, reason: rejection.rawValue, usage: completion.usage)
            }
            return Draft(
                text: completion.text, tone: completion.tone ?? fallback.tone, generator: .llm,
                model: completion.model ?? configuration.model, usage: completion.usage
            )
        }
    }

    private static func replace(_ template: Draft, reason: String, usage: TokenUsage?) -> Draft {
        var draft = template
        draft.fallbackReason = reason
        draft.usage = usage
        return draft
    }

    /// Calls the endpoint, retrying retryable failures with back-off while time remains.
    private func complete(_ prompt: Prompt, until deadline: ContinuousClock.Instant) async -> Result<Completion, LLMFailure> {
        do {
            return .success(try await retry.run(until: deadline, clock: ContinuousClock(), decide: Self.decision) {
                (_: Int) async throws(AttemptFailure) -> Completion in
                try await attemptOnce(prompt, until: deadline).get()
            })
        } catch {
            return .failure(error.failure)
        }
    }

    /// Retryable failures back off (at least a `Retry-After`); a refused `response_format` is retried at once in plain text.
    private static func decision(_ attempt: AttemptFailure) -> RetryDecision {
        guard attempt.failure.isRetryable else { return .stop }
        if attempt.failure.kind == .structuredOutputRefused { return .wait(.zero) }
        return attempt.retryAfter.map { .backOffAtLeast($0) } ?? .backOff
    }

    private struct AttemptFailure: Error {
        var failure: LLMFailure
        var retryAfter: Duration?
    }

    private func attemptOnce(_ prompt: Prompt, until deadline: ContinuousClock.Instant) async -> Result<Completion, AttemptFailure> {
        let structured = structuredOutput.load(ordering: .relaxed)
        var request = HTTPClientRequest(url: configuration.endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let key = configuration.apiKey { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        let body = ChatCompletionRequest(
            model: configuration.model,
            messages: [.init(role: "system", content: prompt.system), .init(role: "user", content: prompt.user)],
            temperature: configuration.temperature, maxTokens: configuration.maxTokens,
            responseFormat: structured ? .init() : nil
        )
        do {
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        } catch {
            return .failure(AttemptFailure(failure: LLMFailure(.badResponse, "request not encodable: \(error)")))
        }
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await client.execute(request, deadline: NIODeadline.at(deadline), logger: logger)
            bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .cancelled {
            return .failure(AttemptFailure(failure: LLMFailure(.timeout, "\(error)")))
        } catch {
            return .failure(AttemptFailure(failure: LLMFailure(.unavailable, "\(error)")))
        }
        switch response.status.code {
        case 200..<300:
            return CompletionParser().parse(Data(bytes.readableBytesView)).mapError { AttemptFailure(failure: $0) }
        case 429:
            return .failure(AttemptFailure(failure: LLMFailure(.rateLimited, "HTTP 429"), retryAfter: Self.retryAfter(response.headers)))
        case 500..<600:
            return .failure(AttemptFailure(failure: LLMFailure(.serverError, "HTTP \(response.status.code)"), retryAfter: Self.retryAfter(response.headers)))
        case 400 where structured:
            // Servers without JSON-schema support refuse `response_format`; ask them for plain text.
            structuredOutput.store(false, ordering: .relaxed)
            logger.info("LLM endpoint refused structured output; using plain text", metadata: ["url": "\(configuration.endpoint)"])
            return .failure(AttemptFailure(failure: LLMFailure(.structuredOutputRefused, "HTTP 400 to response_format")))
        default:
            return .failure(AttemptFailure(failure: LLMFailure(.httpError, "HTTP \(response.status.code)")))
        }
    }

    /// `Retry-After` in whole seconds, when given.
    private static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        headers.first(name: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { .seconds($0) }
    }
}

/// A usable LLM answer.
struct Completion: Sendable {
    var text: String
    var tone: String?
    var model: String?
    var usage: TokenUsage?
}

/// Reads a chat-completion body: the structured `{"text", "tone"}` answer, or plain text.
struct CompletionParser {
    /// Longest draft accepted, in characters.
    static let maxDraftLength = 4_000

    func parse(_ body: Data) -> Result<Completion, LLMFailure> {
        guard let response = try? JSONDecoder().decode(ChatCompletionResponse.self, from: body) else {
            return .failure(LLMFailure(.badResponse, "body is not a chat completion"))
        }
        let usage = response.usage.map { TokenUsage(promptTokens: $0.promptTokens, completionTokens: $0.completionTokens) }
        guard let content = response.choices.first?.message.content else {
            return .failure(LLMFailure(.emptyDraft, "completion has no content", usage: usage))
        }
        var text = Self.unfenced(content.trimmingCharacters(in: .whitespacesAndNewlines))
        var tone: String?
        if text.hasPrefix("{") {
            guard let structured = try? JSONDecoder().decode(StructuredDraft.self, from: Data(text.utf8)) else {
                return .failure(LLMFailure(.badResponse, "structured answer is not {\"text\", \"tone\"}", usage: usage))
            }
            text = structured.text.trimmingCharacters(in: .whitespacesAndNewlines)
            tone = structured.tone.map { $0.lowercased() }.flatMap { $0.isEmpty || $0.count > 20 ? nil : $0 }
        }
        guard !text.isEmpty else { return .failure(LLMFailure(.emptyDraft, "completion text is empty", usage: usage)) }
        guard text.count <= Self.maxDraftLength else {
            return .failure(LLMFailure(.badResponse, "draft longer than \(Self.maxDraftLength) characters", usage: usage))
        }
        return .success(Completion(text: text, tone: tone, model: response.model, usage: usage))
    }

    /// Content without a Markdown code fence around it.
    static func unfenced(_ content: String) -> String {
        guard content.hasPrefix("```"), content.hasSuffix("```"), content.count > 6 else { return content }
        var inner = content.dropFirst(3).dropLast(3)
        if let newline = inner.firstIndex(of: "\n") { inner = inner[inner.index(after: newline)...] }
        return inner.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension NIODeadline {
    /// The NIO deadline at the same moment as a continuous-clock instant.
    static func at(_ instant: ContinuousClock.Instant) -> NIODeadline {
        let remaining = ContinuousClock.now.duration(to: instant)
        let (seconds, attoseconds) = remaining.components
        return .now() + .nanoseconds(max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
    }
}
