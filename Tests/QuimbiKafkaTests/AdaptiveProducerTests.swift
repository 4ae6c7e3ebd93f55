import Logging
import QuimbiResilienceTesting
import Testing
@testable import QuimbiKafka

/// The two clients of an `AdaptiveProducer`: sends leave through the prompt one while they are few, through the
/// lingering one under load, and every record is delivered either way.
@Suite(.serialized) struct AdaptiveProducerTests {
    let logger = Logger(label: "test")

    /// Runs `body` with a producer of a linger of 5 ms and `promptSendsPerSecond`, pacing its sends on `clock`, on a
    /// fresh one-broker cluster holding the topic "outputs", then shuts both down.
    private func withProducer(
        promptSendsPerSecond: Int, clock: ManualClock, _ body: (AdaptiveProducer) async throws -> Void
    ) async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("outputs", partitions: 1)
        let producer = try await AdaptiveProducer.start(
            configuration: configuration(cluster, lingerMilliseconds: 5, promptSendsPerSecond: promptSendsPerSecond), logger: logger, clock: clock)
        let outcome = await Result { try await body(producer) }
        await producer.shutdown(timeout: .seconds(5))
        await cluster.shutdown()
        try outcome.get()
    }

    private func configuration(_ cluster: EmbeddedKafkaCluster, lingerMilliseconds: Int, promptSendsPerSecond: Int) -> ProducerConfiguration {
        ProducerConfiguration(
            kafka: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers), lingerMilliseconds: lingerMilliseconds,
            promptSendsPerSecond: promptSendsPerSecond)
    }

    private func record(_ text: String) -> ProducerRecord {
        ProducerRecord(topic: "outputs", key: Array(text.utf8), value: Array(text.utf8))
    }

    /// 40 sends a second over windows of 50 ms: 2 a window.
    @Test func sendsLeavePromptlyWhileFewAndLingerUnderLoad() async throws {
        let clock = ManualClock()
        try await withProducer(promptSendsPerSecond: 40, clock: clock) { producer in
            let prompt = try #require(producer.prompt)
            #expect(prompt !== producer.lingering)
            #expect((0..<3).map { _ in producer.client() === prompt } == [true, true, false], "the third send of a window is over the pace")
            clock.advance(by: .milliseconds(50))
            #expect(producer.client() === producer.lingering, "the window before held three sends")
            clock.advance(by: .milliseconds(50))
            #expect(producer.client() === prompt, "the window before held one send")
        }
    }

    /// Records sent through either client are acknowledged, each at an offset of its own.
    @Test func recordsThroughEitherClientAreDelivered() async throws {
        let clock = ManualClock()
        try await withProducer(promptSendsPerSecond: 20, clock: clock) { producer in
            // One send a window is within the pace: the first goes promptly, the others linger.
            let promptly = await producer.send(all: [record("a"), record("b")])
            let lingering = await producer.send(all: [record("c")])
            let single = try await producer.send(record("d"))
            let offsets = (promptly + lingering).compactMap { try? $0.get().offset } + [single.offset]
            #expect(offsets.count == 4 && Set(offsets) == [0, 1, 2, 3], "\(offsets)")
            clock.advance(by: .milliseconds(50))
            #expect(producer.client() === producer.lingering, "the three sends counted in the pace of their window")
        }
    }

    /// Without a linger, or without a prompt pace of one send a window at least, there is nothing to choose: one
    /// client sends everything.
    @Test func withoutALingerOrAPromptPaceThereIsOneClient() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("outputs", partitions: 1)
        for (linger, pace) in [(0, 3_000), (5, 0), (5, 19)] {
            let producer = try await AdaptiveProducer.start(
                configuration: configuration(cluster, lingerMilliseconds: linger, promptSendsPerSecond: pace), logger: logger)
            #expect(producer.prompt == nil, "linger \(linger), pace \(pace)")
            #expect(producer.client() === producer.lingering)
            #expect((try? await producer.send(record("x")).offset) != nil)
            await producer.shutdown(timeout: .seconds(5))
        }
        await cluster.shutdown()
    }
}
