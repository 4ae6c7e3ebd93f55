import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import QuimbiCore
import QuimbiWorker
import Testing

/// `quimbi worker --metrics-port`: the Prometheus endpoint of a running worker changes as tickets flow.
@Suite(.serialized) struct WorkerMetricsEndpointTests {
    static func scrape(port: Int) async throws -> String {
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/metrics")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        return String(decoding: data, as: UTF8.self)
    }

    static func get(port: Int, _ path: String) async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The sum of every sample of `name` whose labels contain `labelFilter`.
    static func sum(_ text: String, _ name: String, labelFilter: String = "") -> Double {
        text.split(separator: "\n").reduce(0) { total, line in
            guard line.hasPrefix(name + "{") || line.hasPrefix(name + " "), labelFilter.isEmpty || line.contains(labelFilter),
                  let value = line.split(separator: " ").last.flatMap({ Double($0) }) else { return total }
            return total + value
        }
    }

    @Test func metricsCountTicketsDeadLettersLookupsAndLag() async throws {
        let port = Int.random(in: 20_000...40_000)
        let cluster = try await Cluster.start()
        let worker = try cluster.startWorker(extra: ["--metrics-port", String(port)])
        let collector = try EventCollector(brokers: cluster.brokers)
        let publisher = try TicketPublisher(brokers: cluster.brokers)
        try await waitUntil(timeout: .seconds(30), "the metrics endpoint answers") {
            (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/metrics")!)) != nil
        }
        #expect(try await Self.get(port: port, "/healthz").status == 200)
        let ready = try await Self.get(port: port, "/readyz")
        #expect(ready.status == 200 && ready.body.contains(#""kafka":"ok""#), "\(ready)")
        let before = try await Self.scrape(port: port)
        #expect(Self.sum(before, "quimbi_tickets_processed_total") == 0)

        try await publisher.publish(SampleTickets.seedScenarios())
        try await publisher.publishRaw(Array(#"{"event_id": "broken"#.utf8), key: "P-1")
        try await waitUntil(timeout: .seconds(60), "3 drafts and a dead letter") {
            collector.all(collector.topics.drafts).count >= 3 && collector.all(collector.topics.deadLetters).count >= 1
        }
        try await Task.sleep(for: .milliseconds(1_500))  // one lag report interval
        let after = try await Self.scrape(port: port)
        #expect(Self.sum(after, "quimbi_tickets_processed_total", labelFilter: #"outcome="drafted""#)
            + Self.sum(after, "quimbi_tickets_processed_total", labelFilter: #"outcome="escalated""#) == 3)
        #expect(Self.sum(after, "quimbi_escalations_total") == 1)
        #expect(Self.sum(after, "quimbi_dead_letters_total", labelFilter: #"code="invalid_json""#) == 1)
        #expect(Self.sum(after, "quimbi_discounts_offered_total") >= 2)
        #expect(Self.sum(after, "quimbi_lookup_seconds_count", labelFilter: #"source="profile""#) == 3)
        #expect(Self.sum(after, "quimbi_ticket_end_to_end_seconds_count") == 3)
        #expect(after.contains(#"quimbi_consumer_lag{topic="support.tickets.created",partition=""#))
        #expect(Self.sum(after, "quimbi_consumer_lag") == 0, "everything published was processed")

        try await expectGracefulExit(worker, within: .seconds(15))
        await publisher.producer.shutdown()
        await collector.close()
        await cluster.stop()
    }

    @Test func aWorkerWhoseBrokersAreUnreachableIsLiveButNotReady() async throws {
        let port = Int.random(in: 20_000...40_000)
        let worker = try QuimbiProcess(["worker", "--brokers", "127.0.0.1:1", "--customers", "300", "--metrics-port", String(port)])
        defer { worker.stop() }
        try await waitUntil(timeout: .seconds(30), "the health endpoint answers") {
            (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/healthz")!)) != nil
        }
        #expect(try await Self.get(port: port, "/healthz").status == 200)
        let ready = try await Self.get(port: port, "/readyz")
        #expect(ready.status == 503 && ready.body.contains(#""kafka":"unavailable""#), "\(ready)")
    }
}
