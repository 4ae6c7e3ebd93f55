import Foundation
import LLMFake
import QuimbiCore
import Testing

/// The LLM endpoint answering only after 30 s while tickets stream through a `quimbi worker
/// --llm-url` subprocess: every ticket is still drafted, by the template, within its deadline. The
/// test does not wait 30 s: each ticket gives the LLM up at its own deadline, so any answer later
/// than the deadline is the same fault.
@Suite(.serialized) struct ChaosSlowLLMTests {
    static let tickets = 2_000
    static let perSecond = 200
    static let llmDelay = Duration.seconds(30)
    static let deadlineMilliseconds = 1_000
    static let deadline = Duration.milliseconds(deadlineMilliseconds)
    /// Fetching, publishing and the collector's fetch around the ticket's deadline.
    static let slack = Duration.seconds(1)
    /// Why a template replaced the LLM's draft: no answer by the deadline, then the open breaker.
    static let fallbackReasons: Set<String?> = ["llm_timeout", "llm_circuit_open", "llm_no_time"]

    @Test func everyTicketIsDraftedByTheTemplateWithinItsDeadlineWhileTheLLMAnswersAfterThirtySeconds() async throws {
        let llm = try await FakeLLMServer.start([.delayed(Self.llmDelay, .completion(FakeLLMServer.structured("Too late.")))])
        let cluster = try await Cluster.start()
        let collector = try EventCollector(brokers: cluster.brokers)
        let publisher = try TicketPublisher(brokers: cluster.brokers)
        let worker = try cluster.startWorker(extra: [
            "--ticket-deadline-ms", "\(Self.deadlineMilliseconds)", "--lexicon-only", "--llm-url", llm.url, "--llm-model", "fake-model",
        ])
        let warmUp = seedTickets(1, prefix: "SLOWLLM-WARM")[0]
        try await publisher.publish(warmUp)
        try await waitUntil(timeout: .seconds(60), "the first draft") { collector.draftedTicketIDs().contains(warmUp.ticketID) }

        let published = Locked<[String: Date]>([:])
        try await publisher.publishPaced(count: Self.tickets, perSecond: Self.perSecond, prefix: "SLOWLLM", recordingIn: published)
        let ids = Set(published.withLock { $0.keys })
        try await waitUntil(timeout: .seconds(60), "every ticket drafted or dead-lettered") { collector.finishedTicketIDs().isSuperset(of: ids) }
        let report = ChaosReport(collector, published: published.withLock { $0 })
        let drafts = try collector.drafts().filter { ids.contains($0.ticketID) }
        let reasons = Dictionary(grouping: drafts, by: { $0.draft.fallbackReason ?? "none" }).mapValues(\.count)
        print("chaos LLM answering after \(Self.llmDelay): \(report), \(llm.requestBodies.count) LLM requests, fallback reasons \(reasons)")
        #expect(report.lost == 0 && report.drafted == report.tickets, "\(report)")
        #expect(report.maxLatency <= Self.deadline + Self.slack, "\(report)")
        #expect(!llm.requestBodies.isEmpty, "the worker asked the LLM")
        let notTemplate = drafts.filter { $0.draft.generator != .template || !Self.fallbackReasons.contains($0.draft.fallbackReason) }
        #expect(notTemplate.isEmpty, "drafts not by the template fallback: \(notTemplate.prefix(3).map { ($0.ticketID, $0.draft.fallbackReason) })")

        try await expectGracefulExit(worker, within: .seconds(15))
        await publisher.producer.shutdown()
        await collector.close()
        await cluster.stop()
        try await llm.stop()
    }
}
