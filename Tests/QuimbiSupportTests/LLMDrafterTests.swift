import Foundation
import LLMFake
import QuimbiCore
import QuimbiSupport
import Testing

/// The LLM drafter against a local chat-completions server: success, and every failure falling
/// back to the template draft within the ticket's deadline with the reason recorded.
@Suite(.serialized) struct LLMDrafterTests {
    /// Runs the seed's churn scenario with an LLM drafter pointed at `server` (or `url`).
    private func outcome(
        url: String, message: String = Fixtures.seedMessages[0], deadline: Duration = .seconds(3),
        configure: (inout LLMConfiguration) -> Void = { _ in }
    ) async throws -> (SupportOutcome, finishedBeforeDeadline: Bool) {
        var configuration = LLMConfiguration(url: url, model: "test-model", apiKey: "sk-test", initialBackoff: .milliseconds(20))
        configure(&configuration)
        let drafter = LLMDrafter(configuration: configuration)
        let desk = SupportDesk(drafter: drafter)
        let ticket = Fixtures.ticket(message)
        let until = ContinuousClock.now + deadline
        let result = await desk.respond(to: Fixtures.facts(ticket), analysis: desk.analyze(ticket), deadline: until)
        let inTime = ContinuousClock.now <= until
        try await drafter.shutdown()
        return (result, inTime)
    }

    private var templateText: String {
        get async { await Fixtures.outcome(Fixtures.seedMessages[0]).draft.text }
    }

    @Test func aStructuredAnswerIsUsedWithModelAndUsage() async throws {
        let reply = "Thank you for your 3 orders - we'd love to keep you. Here is 15% off your next order."
        let server = try await FakeLLMServer.start([.completion(FakeLLMServer.structured(reply, tone: "Empathetic"))])
        let (result, inTime) = try await outcome(url: server.url)
        try await server.stop()
        #expect(inTime)
        #expect(result.draft.generator == .llm && result.draft.text == reply && result.draft.tone == "empathetic")
        #expect(result.draft.model == "fake-model" && result.draft.fallbackReason == nil)
        #expect(result.draft.usage == TokenUsage(promptTokens: 321, completionTokens: 45))
        let body = try #require(server.requestBodies.first)
        let request = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(request["model"] as? String == "test-model")
        #expect((request["response_format"] as? [String: Any])?["type"] as? String == "json_schema")
        let messages = try #require(request["messages"] as? [[String: String]])
        #expect(messages.map { $0["role"] } == ["system", "user"])
        #expect(messages[1]["content"]?.contains("DECISION: discount: 15% off the next order") == true)
    }

    @Test func plainTextAndFencedAnswersAreAccepted() async throws {
        let server = try await FakeLLMServer.start([
            .completion("We value your 3 orders. Enjoy 15% off your next order!"),
            .completion("```json\n" + FakeLLMServer.structured("Enjoy 15% off your next order.") + "\n```"),
        ])
        let (plain, _) = try await outcome(url: server.url) { $0.structuredOutput = false }
        let (fenced, _) = try await outcome(url: server.url)
        try await server.stop()
        #expect(plain.draft.generator == .llm && plain.draft.text.hasPrefix("We value your 3 orders"))
        #expect(plain.draft.tone == "empathetic")
        #expect(fenced.draft.generator == .llm && fenced.draft.text == "Enjoy 15% off your next order.")
        let body = try #require(server.requestBodies.first)
        #expect(!body.contains("response_format"))
    }

    @Test func aServerWithoutStructuredOutputIsAskedForPlainTextFromThenOn() async throws {
        let server = try await FakeLLMServer.start([
            .status(400, body: #"{"error": "response_format is not supported"}"#),
            .completion("We value your 3 orders; here is 15% off your next order."),
        ])
        let configuration = LLMConfiguration(url: server.url, model: "test-model")
        let drafter = LLMDrafter(configuration: configuration)
        let desk = SupportDesk(drafter: drafter)
        let first = await Fixtures.outcome(Fixtures.seedMessages[0], desk: desk)
        let second = await Fixtures.outcome(Fixtures.seedMessages[0], desk: desk)
        try await drafter.shutdown()
        try await server.stop()
        #expect(first.draft.generator == .llm && second.draft.generator == .llm)
        #expect(server.requestBodies.map { $0.contains("response_format") } == [true, false, false])
    }

    @Test func endpointDownFallsBackToTheTemplate() async throws {
        let server = try await FakeLLMServer.start([.completion("unused")])
        let url = server.url
        try await server.stop()
        let (result, inTime) = try await outcome(url: url)
        #expect(inTime)
        #expect(result.draft.generator == .template && result.draft.fallbackReason == "llm_unavailable")
        #expect(result.draft.text == (await templateText))
        #expect(result.draft.model == nil && result.draft.usage == nil)
    }

    @Test func slowEndpointFallsBackBeforeTheDeadline() async throws {
        let server = try await FakeLLMServer.start([.delayed(.seconds(20), .completion(FakeLLMServer.structured("Too late, 15% off.")))])
        let (result, inTime) = try await outcome(url: server.url, deadline: .milliseconds(600))
        try await server.stop()
        #expect(inTime, "respond returned after the ticket's deadline")
        #expect(result.draft.generator == .template && result.draft.fallbackReason == "llm_timeout")
        #expect(result.recommendation.discountPercent == 15)
    }

    @Test(arguments: [
        ("<html>502 Bad Gateway</html>", "llm_bad_response"),
        (#"{"choices": []}"#, "llm_empty_draft"),
        (#"{"object": "error"}"#, "llm_bad_response"),
    ])
    func garbageBodiesFallBack(body: String, reason: String) async throws {
        let server = try await FakeLLMServer.start([.raw(body)])
        let (result, inTime) = try await outcome(url: server.url)
        try await server.stop()
        #expect(inTime)
        #expect(result.draft.generator == .template && result.draft.fallbackReason == reason)
    }

    @Test func garbageContentFallsBack() async throws {
        let server = try await FakeLLMServer.start([.completion("{\"txt\": broken json"), .completion("   ")])
        let (broken, _) = try await outcome(url: server.url)
        let (empty, _) = try await outcome(url: server.url)
        try await server.stop()
        #expect(broken.draft.fallbackReason == "llm_bad_response" && broken.draft.usage != nil)
        #expect(empty.draft.fallbackReason == "llm_empty_draft")
    }

    @Test func rateLimitIsRetriedWithBackoffThenSucceeds() async throws {
        let server = try await FakeLLMServer.start([
            .status(429, body: #"{"error": "rate limited"}"#), .status(503),
            .completion(FakeLLMServer.structured("Here is 15% off your next order.")),
        ])
        let (result, inTime) = try await outcome(url: server.url)
        try await server.stop()
        #expect(inTime)
        #expect(server.requestBodies.count == 3)
        #expect(result.draft.generator == .llm && result.draft.fallbackReason == nil)
    }

    @Test func persistentRateLimitFallsBackWithinTheDeadline() async throws {
        let server = try await FakeLLMServer.start([.status(429, retryAfter: "30")])
        let (result, inTime) = try await outcome(url: server.url, deadline: .milliseconds(800))
        try await server.stop()
        #expect(inTime)
        #expect(result.draft.generator == .template && result.draft.fallbackReason == "llm_rate_limited")
        #expect(server.requestBodies.count == 1, "a Retry-After beyond the deadline is not waited for")
    }

    @Test func serverErrorsAndClientErrors() async throws {
        let failing = try await FakeLLMServer.start([.status(500)])
        let (serverError, _) = try await outcome(url: failing.url)
        try await failing.stop()
        #expect(serverError.draft.fallbackReason == "llm_server_error" && failing.requestBodies.count == 3)
        let unauthorized = try await FakeLLMServer.start([.status(401)])
        let (clientError, _) = try await outcome(url: unauthorized.url)
        try await unauthorized.stop()
        #expect(clientError.draft.fallbackReason == "llm_http_error" && unauthorized.requestBodies.count == 1)
    }

    @Test func aFailingEndpointOpensTheCircuitThenOneProbeClosesIt() async throws {
        let server = try await FakeLLMServer.start([.status(500), .status(500), .completion(FakeLLMServer.structured("Here is 15% off."))])
        let configuration = LLMConfiguration(
            url: server.url, model: "test-model", maxAttempts: 1, circuitThreshold: 2, circuitCooldown: .milliseconds(300))
        let drafter = LLMDrafter(configuration: configuration)
        let desk = SupportDesk(drafter: drafter)
        var reasons: [String?] = []
        for _ in 0..<3 { reasons.append(await Fixtures.outcome(Fixtures.seedMessages[0], desk: desk).draft.fallbackReason) }
        #expect(reasons == ["llm_server_error", "llm_server_error", "llm_circuit_open"])
        #expect(server.requestBodies.count == 2)
        try await Task.sleep(for: .milliseconds(400))
        let probe = await Fixtures.outcome(Fixtures.seedMessages[0], desk: desk)
        #expect(probe.draft.generator == .llm && server.requestBodies.count == 3)
        try await drafter.shutdown()
        try await server.stop()
    }

    @Test func noTimeLeftSkipsTheCall() async throws {
        let server = try await FakeLLMServer.start([.completion("unused")])
        let (result, inTime) = try await outcome(url: server.url, deadline: .milliseconds(10))
        try await server.stop()
        #expect(inTime)
        #expect(result.draft.fallbackReason == "llm_no_time" && server.requestBodies.isEmpty)
    }
}
