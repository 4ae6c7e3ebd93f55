import Foundation
import HelpdeskFake
import QuimbiCore
import QuimbiHelpdesk
import QuimbiKafka
import QuimbiStore
import QuimbiTestSupport
import QuimbiWorker
import Testing

@Suite(.serialized) struct NoteDeliveryTests {
    static let zendeskHeaders = [
        KafkaHeader(name: TicketSource.systemHeader, text: "zendesk"), KafkaHeader(name: TicketSource.accountHeader, text: "123456"),
    ]

    /// The seed's three scenarios as Zendesk tickets 101–103.
    static func zendeskSeedTickets() -> [TicketCreated] {
        SampleTickets.seedScenarios().enumerated().map { index, ticket in
            var ticket = ticket
            ticket.ticketID = "\(101 + index)"
            ticket.eventID = "zendesk:123456:\(101 + index)"
            ticket.source = TicketSource(system: "zendesk", account: "123456")
            return ticket
        }
    }

    @Test func theSeedScenariosBecomeInternalNotesInZendeskAndOtherTicketsAreSkippedOrDeadLettered() async throws {
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(partitions: 3))
        let worker = EmbeddedWorker(cluster: rig.cluster)
        let delivery = try await DeliveryRig(cluster: rig.cluster)
        for ticket in Self.zendeskSeedTickets() { try await rig.publisher.publish(ticket, headers: Self.zendeskHeaders) }
        var missing = Self.zendeskSeedTickets()[0]
        missing.ticketID = "999999"
        missing.eventID = "zendesk:123456:999999"
        try await rig.publisher.publish(missing, headers: Self.zendeskHeaders)
        try await rig.publisher.publish(SampleTickets.seedScenarios()[0])

        try await waitUntil(timeout: .seconds(60), "4 notes, 1 skipped draft, 1 dead letter") {
            delivery.zendesk.comments.count >= 4 && delivery.counts.skipped.count >= 1 && delivery.counts.deadLettered.count >= 1
        }
        let comments = delivery.zendesk.comments
        #expect(comments.count == 4)
        #expect(comments.allSatisfy { !$0.isPublic })
        let drafts = Dictionary(comments.filter { $0.priority == nil }.map { ($0.ticketID, $0.body) }, uniquingKeysWith: { first, _ in first })
        let churn = try #require(drafts[101])
        #expect(churn.hasPrefix("Quimbi draft (internal; review before sending)\nRecommendation: 15 % discount"))
        #expect(churn.contains("Customer: lifetime value $179.42 · 3 orders · 230 days since last order"))
        #expect(churn.hasSuffix("quimbi-event: draft:zendesk:123456:101"))
        #expect(try #require(drafts[102]).contains("10 % discount"))
        #expect(try #require(drafts[103]).contains("free shipping · escalate"))
        let escalation = try #require(comments.first { $0.priority != nil })
        #expect(escalation.ticketID == 103)
        #expect(["high", "urgent"].contains(escalation.priority ?? ""))
        #expect(escalation.tags.contains("quimbi_escalated"))
        #expect(delivery.counts.skipped == ["none"])
        #expect(delivery.counts.deadLettered == ["ticket_not_found"])
        try await waitUntil(timeout: .seconds(30), "the dead letter of ticket 999999") {
            rig.collector.all(rig.collector.topics.deadLetters).contains { $0.key == "999999" }
        }
        let letter = try #require(try rig.collector.deadLetters().first { $0.original.key == "999999" })
        #expect(letter.error.code == "ticket_not_found")
        #expect(letter.original.topic == WorkerTopics().drafts)

        try await delivery.close()
        #expect(await worker.stop() == nil)
        await rig.close()
    }

    @Test func aRateLimitedAndThenFailingZendeskStillGetsTheNoteOnceAndARedeliveredDraftIsNotWrittenTwice() async throws {
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(partitions: 1))
        let worker = EmbeddedWorker(cluster: rig.cluster)
        let delivery = try await DeliveryRig(cluster: rig.cluster)
        delivery.server.inject([FakeHelpdeskAnswer(status: 429, retryAfter: "0"), FakeHelpdeskAnswer(status: 503)])
        let ticket = Self.zendeskSeedTickets()[1]
        try await rig.publisher.publish(ticket, headers: Self.zendeskHeaders)
        try await waitUntil(timeout: .seconds(60), "the note") { delivery.zendesk.comments.count >= 1 }
        // The read for an earlier note takes the 429 and the 503, then answers; then the note is written.
        #expect(delivery.server.requestCount == 4)
        // The same ticket event again: the worker drafts it again with the same draft id.
        try await rig.publisher.publish(ticket, headers: Self.zendeskHeaders)
        try await waitUntil(timeout: .seconds(60), "the repeated draft") {
            rig.collector.all(rig.collector.topics.drafts).count >= 2 && delivery.counts.delivered + delivery.counts.duplicates >= 2
        }
        #expect(delivery.zendesk.comments.count == 1)
        #expect(delivery.counts.deadLettered.isEmpty)
        try await delivery.close()
        #expect(await worker.stop() == nil)
        await rig.close()
    }

    /// Also the throughput figure of a helpdesk answering each request in 100 ms: drafts are on the topic before the
    /// deliverer starts, and the time from its start to the last note is printed. Without PostgreSQL a note is a read
    /// for its marker, then the write; with it (`delivered_notes` on the test server) a lookup there, then the write.
    @Test(arguments: [false, true]) func aHelpdeskAnswering100MillisecondsLateGetsEveryNoteWrittenConcurrently(recordingInPostgreSQL: Bool) async throws {
        let pool = recordingInPostgreSQL && TestServers.available ? PostgresPool(url: try await TestServers.freshPostgresDatabase(), size: 4) : nil
        if let pool { _ = try await Migrator(pool: pool).migrate() }
        let count = 640
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(partitions: 6))
        let worker = EmbeddedWorker(cluster: rig.cluster)
        let tickets = seedTickets(count, prefix: "SLOW").enumerated().map { index, ticket in
            var ticket = ticket
            ticket.ticketID = "\(index + 1)"
            return ticket
        }
        for ticket in tickets { try await rig.publisher.publish(ticket, headers: Self.zendeskHeaders) }
        let notes = try await rig.waitForDraftsAndTheirEscalations(count)
        let started = ContinuousClock.now
        let delivery = try await DeliveryRig(
            cluster: rig.cluster, latency: .milliseconds(100), concurrency: 64, log: pool.map(DeliveredNoteRepository.init(pool:)))
        try await waitUntil(timeout: .seconds(120), "the first note") { !delivery.zendesk.comments.isEmpty }
        let firstNote = ContinuousClock.now
        try await waitUntil(timeout: .seconds(120), "\(notes) notes") { delivery.zendesk.comments.count >= notes }
        let writing = ContinuousClock.now - firstNote
        print("""
            delivery against a 100 ms helpdesk (\(pool == nil ? "marker check" : "delivered_notes")): \(notes) notes (\(count) drafts) in \(writing) from the first note, \
            \(Int(Double(notes) / writing.inSeconds)) notes/s; \(ContinuousClock.now - started) from the deliverer's start
            """)
        #expect(Set(delivery.zendesk.comments.filter { $0.priority == nil }.map(\.ticketID)).count == count)
        #expect(delivery.zendesk.comments.count == notes)
        // One at a time this would take over 64 s.
        #expect(writing < .seconds(32))
        try await delivery.close()
        #expect(await worker.stop() == nil)
        await rig.close()
        await pool?.close()
    }
}
