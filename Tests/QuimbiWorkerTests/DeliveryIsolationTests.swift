import Foundation
import HelpdeskFake
import QuimbiKafka
import QuimbiResilienceTesting
import QuimbiWorker
import Testing

/// One helpdesk down never holds up another's notes (issue 16), even when their drafts share a partition.
@Suite(.serialized) struct DeliveryIsolationTests {
    @Test func aZendeskAnswering503ForeverHoldsOnlyItsOwnSlotsAndBacklogWhileEveryFreshdeskNoteIsWritten() async throws {
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(partitions: 1))
        let worker = EmbeddedWorker(cluster: rig.cluster)
        // Zendesk's sender backs off on a clock that never moves: its notes wait for ever, as behind a long outage.
        let zendesk = try await HelpdeskStandIn.zendesk(clock: ManualClock())
        zendesk.server.inject(Array(repeating: FakeHelpdeskAnswer(status: 503), count: 10_000))
        let freshdesk = try await HelpdeskStandIn.freshdesk()
        let sources = [HelpdeskTickets(system: "zendesk", count: 12), HelpdeskTickets(system: "freshdesk", count: 12)]
        for index in 0..<12 {
            for source in sources { try await rig.publisher.publish(source.tickets[index], headers: source.headers) }
        }
        try await waitUntil(timeout: .seconds(60), "24 drafts") { rig.collector.all(rig.collector.topics.drafts).count >= 24 }
        let zendeskEvents = try rig.collector.eventIDs(of: "zendesk").count
        let freshdeskEvents = try rig.collector.eventIDs(of: "freshdesk")

        let deliverer = EmbeddedDeliverer(
            cluster: rig.cluster, standIns: [zendesk, freshdesk], concurrency: 2, backlog: 4, shutdownTimeout: .seconds(3))
        try await waitUntil(timeout: .seconds(60), "every Freshdesk note") { freshdesk.notes().count >= freshdeskEvents.count }
        try await waitUntil(timeout: .seconds(30), "Zendesk's notes beyond its backlog dead-lettered") {
            deliverer.counts.deadLettered.count >= zendeskEvents - 4
        }
        #expect(Set(freshdesk.notesPerEvent.keys) == freshdeskEvents)
        #expect(zendesk.notes().isEmpty)
        #expect(deliverer.counts.deadLettered == Array(repeating: "helpdesk_unavailable", count: zendeskEvents - 4))
        #expect(await deliverer.stop() == nil)
        #expect(await worker.stop() == nil)
        try await zendesk.close()
        try await freshdesk.close()
        await rig.close()
    }
}
