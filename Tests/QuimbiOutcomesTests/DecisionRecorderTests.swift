import Foundation
import Logging
import QuimbiCore
import QuimbiKafka
import QuimbiMetrics
import QuimbiOutcomes
import QuimbiStore
import QuimbiSupport
import QuimbiTestSupport
import QuimbiWorker
import ServiceLifecycle
import Testing

/// `quimbi outcomes` against a real PostgreSQL and the embedded Kafka cluster: every decision of the
/// drafts topic is recorded once (replays and duplicates write nothing twice), records that are not
/// drafts are passed, and decisions published while PostgreSQL is down are written once it is back.
@Suite(.serialized, .enabled(if: TestServers.privateServersAvailable))
struct DecisionRecorderTests {
    static let topic = "support.drafts"
    static let customers = (0..<20).map { "c\($0)" }

    /// Real drafts: the seed customer's profile under 20 ids, high churn, read by a policy with a 50 % holdout.
    static func drafts(count: Int) async throws -> [DraftResponse] {
        let now = Date()
        let profiles = customers.map { id in
            var profile = SupportSamples.seedProfile(asOf: now)
            profile.customerID = id
            profile.churnRiskScore = 0.8
            return profile
        }
        let data = InMemoryCustomerData(customers: [], orders: [], profiles: profiles, archetypes: [])
        var policy = SupportPolicy.default
        policy.holdoutPercent = 50
        let processor = TicketProcessor(profiles: data, orders: data, archetypes: nil, desk: SupportDesk(policy: policy))
        var drafts: [DraftResponse] = []
        for ticket in SampleTickets.generated(count: count, customerIDs: customers, seed: 3) {
            guard case .drafted(let draft, _) = await processor.process(Array(try QuimbiJSON.makeEncoder().encode(ticket))) else {
                throw TestFailure(description: "ticket \(ticket.ticketID) was not drafted")
            }
            drafts.append(draft)
        }
        return drafts
    }

    /// A PostgreSQL server with a migrated database, an embedded cluster with the drafts topic, a producer.
    struct Rig {
        let postgres: PostgresTestServer
        let pool: PostgresPool
        let cluster: EmbeddedKafkaCluster
        let producer: KafkaProducer

        static func make() async throws -> Rig {
            let postgres = try await PostgresTestServer.started()
            let pool = PostgresPool(url: try await postgres.freshDatabase(), size: 2)
            _ = try await Migrator(pool: pool).migrate()
            let cluster = try EmbeddedKafkaCluster(brokers: 1)
            try cluster.createTopic(DecisionRecorderTests.topic, partitions: 3)
            let producer = try KafkaProducer(
                configuration: ProducerConfiguration(kafka: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers)),
                logger: Logger(label: "test-producer"))
            return Rig(postgres: postgres, pool: pool, cluster: cluster, producer: producer)
        }

        func publish(_ payloads: [[UInt8]]) async throws {
            let records = payloads.map { ProducerRecord(topic: DecisionRecorderTests.topic, key: nil, value: $0) }
            for result in await producer.send(all: records) { _ = try result.get() }
        }

        func rows(_ sql: String) async throws -> Int {
            Int(try await pool.query(sql).rows.first?.first.flatMap { $0 } ?? "") ?? -1
        }

        func close() async {
            await producer.shutdown()
            await cluster.shutdown()
            await pool.close()
            postgres.destroy()
        }
    }

    /// Runs a recorder until `body` returns, then shuts it down gracefully.
    func withRecorder<T>(_ rig: Rig, metrics: MetricsRegistry = MetricsRegistry(), _ body: (DecisionRecorder) async throws -> T) async throws -> T {
        let consumer = ConsumerConfiguration(
            kafka: KafkaConfiguration(bootstrapServers: rig.cluster.bootstrapServers), groupID: "quimbi-outcomes", topics: [Self.topic],
            commitInterval: .milliseconds(50), fetchWaitMax: .milliseconds(5))
        let recorder = DecisionRecorder(
            configuration: DecisionRecorderConfiguration(consumer: consumer, backoffSleep: { _ in try? await Task.sleep(for: .milliseconds(50)) }),
            repository: DecisionRepository(pool: rig.pool), logger: Logger(label: "test-recorder"), metrics: metrics.factory)
        let group = ServiceGroup(configuration: .init(services: [recorder], logger: Logger(label: "test-group")))
        let running = Task { try await group.run() }
        do {
            let result = try await body(recorder)
            await group.triggerGracefulShutdown()
            try await running.value
            return result
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw error
        }
    }

    @Test func everyDecisionIsRecordedOnceWithItsArm() async throws {
        let rig = try await Rig.make()
        defer { Task { await rig.close() } }
        let drafts = try await Self.drafts(count: 300)
        let payloads = try drafts.map { Array(try QuimbiJSON.makeEncoder().encode($0)) }
        let heldOut = drafts.filter { $0.recommendation.holdout == true }
        #expect(!heldOut.isEmpty && heldOut.count < drafts.count, "the sample has both arms")

        let metrics = MetricsRegistry()
        try await withRecorder(rig, metrics: metrics) { recorder in
            try await rig.publish(payloads)
            try await waitUntil("300 decisions") { try await rig.rows("SELECT count(*) FROM retention_decisions") == 300 }
            // The same drafts again (a replay) and two records that are not drafts.
            try await rig.publish(payloads + [Array("not json".utf8), Array("{\"event_id\": \"x\"}".utf8)])
            try await waitUntil("the replay read") { recorder.counted.decisions == 600 && recorder.counted.undecodable == 2 }
        }
        #expect(try await rig.rows("SELECT count(*) FROM retention_decisions") == 300)
        let exposition = String(decoding: metrics.exposition(), as: UTF8.self)
        #expect(exposition.contains(#"quimbi_decisions_total{outcome="recorded"} 600"#), "\(exposition)")
        #expect(exposition.contains(#"quimbi_decisions_total{outcome="undecodable"} 2"#))
        #expect(try await rig.rows("SELECT count(*) FROM retention_decisions WHERE holdout") == heldOut.count)
        #expect(try await rig.rows("""
            SELECT count(*) FROM retention_decisions WHERE holdout AND discount_percent = 0 AND withheld_discount_percent > 0
              AND reasons ? 'retention_holdout'
            """) == heldOut.count)
        let sample = drafts[0]
        #expect(try await rig.rows("""
            SELECT count(*) FROM retention_decisions WHERE draft_event_id = '\(sample.eventID)' AND ticket_id = '\(sample.ticketID)'
              AND customer_id = '\(sample.customerID ?? "")' AND intent = '\(sample.intent.label.rawValue)'
              AND discount_percent = \(sample.recommendation.discountPercent) AND churn_band = '\(sample.customer?.churnLevel ?? "")'
            """) == 1)
    }

    @Test func decisionsPublishedWhilePostgresIsDownAreWrittenWhenItIsBack() async throws {
        let rig = try await Rig.make()
        defer { Task { await rig.close() } }
        let payloads = try await Self.drafts(count: 200).map { Array(try QuimbiJSON.makeEncoder().encode($0)) }
        let metrics = MetricsRegistry()
        try await withRecorder(rig, metrics: metrics) { recorder in
            try rig.postgres.stop()
            try await rig.publish(payloads)
            try await waitUntil("failed writes retried") { recorder.counted.failedWrites >= 3 }
            #expect(recorder.counted.decisions == 0)
            try rig.postgres.start()
            try await waitUntil("every decision written") { recorder.counted.decisions == 200 }
        }
        #expect(try await rig.rows("SELECT count(*) FROM retention_decisions") == 200)
        let exposition = String(decoding: metrics.exposition(), as: UTF8.self)
        #expect(exposition.contains(#"quimbi_decisions_total{outcome="recorded"} 200"#))
        #expect(exposition.contains("quimbi_decision_write_failures_total "), "the retried writes are counted")
    }
}

extension DecisionRecorderTests {
    @Test func aDatabaseWithoutTheMigrationStopsTheRecorderAtOnceWithItsCode() async throws {
        let pool = PostgresPool(url: try await TestServers.freshPostgresDatabase(), size: 1)
        let consumer = ConsumerConfiguration(kafka: KafkaConfiguration(bootstrapServers: "127.0.0.1:1"), groupID: "g", topics: [Self.topic])
        let recorder = DecisionRecorder(
            configuration: DecisionRecorderConfiguration(consumer: consumer), repository: DecisionRepository(pool: pool), logger: Logger(label: "t"))
        await #expect(throws: StoreError.self) { try await recorder.run() }
        do {
            try await recorder.run()
        } catch let error as StoreError {
            #expect(error.code == "retention_decisions_missing" && error.message.contains("quimbi migrate"))
        }
        await pool.close()
    }
}

/// Polls `condition` every 50 ms for up to 30 s.
func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
    let clock = ContinuousClock()
    let end = clock.now + .seconds(30)
    while clock.now < end {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw TestFailure(description: "timed out waiting for \(what)")
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
}
