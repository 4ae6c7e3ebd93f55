import QuimbiKafka
import Testing

/// The drafts of tickets that come few at a time leave as soon as they are written, not after the producer's linger.
@Suite(.serialized) struct WorkerPromptOutputTests {
    /// With a linger of 25 s (just under the 30 s delivery timeout, which librdkafka requires), the drafts of three
    /// tickets are acknowledged within the test's 20 s only if they went through the prompt client (with the prompt
    /// pace at 0 this test times out). The linger is given as `--linger-ms` gives it, or as a librdkafka property
    /// (`QUIMBI_KAFKA_LINGER_MS`), which the prompt client must not take (it did, and the test timed out).
    @Test(arguments: [(25_000, [String: String]()), (5, ["linger.ms": "25000"])])
    func theDraftsOfAFewTicketsDoNotWaitForTheLinger(lingerMilliseconds: Int, properties: [String: String]) async throws {
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(partitions: 1))
        let tickets = seedTickets(3, prefix: "PROMPT")
        let drafted = DraftedTicketIDs()
        let worker = EmbeddedWorker(
            cluster: rig.cluster, groupID: "prompt", observer: drafted, producerProperties: KafkaRig.outageTolerantProducer.merging(properties) { $1 },
            lingerMilliseconds: lingerMilliseconds, promptSendsPerSecond: 3_000)
        for ticket in tickets { try await rig.publisher.publish(ticket) }
        try await waitUntil(timeout: .seconds(20), "every draft acknowledged, long before the linger is over") {
            drafted.all == Set(tickets.map(\.ticketID))
        }
        #expect(await worker.stop() == nil)
        await rig.close()
    }
}
