import AsyncHTTPClient
import Foundation
import HelpdeskFake
import Logging
import QuimbiCore
import QuimbiHelpdesk
import QuimbiKafka
import QuimbiResilience
import QuimbiWorker
import Synchronization
import Testing

/// Counts what the deliverer did with each event.
final class DeliveryCounts: DeliveryObserver {
    private let state = Mutex<(delivered: Int, duplicates: Int, skipped: [String], deadLettered: [String])>((0, 0, [], []))

    func noteDelivered(system: String, duplicate: Bool) {
        state.withLock { duplicate ? ($0.duplicates += 1) : ($0.delivered += 1) }
    }

    func noteSkipped(system: String) {
        state.withLock { $0.skipped.append(system) }
    }

    func noteDeadLettered(system: String, code: String) {
        state.withLock { $0.deadLettered.append(code) }
    }

    var delivered: Int { state.withLock { $0.delivered } }
    var duplicates: Int { state.withLock { $0.duplicates } }
    var skipped: [String] { state.withLock { $0.skipped } }
    var deadLettered: [String] { state.withLock { $0.deadLettered } }
}

/// A helpdesk stand-in on loopback and a sender writing into it, from the vendor's documented shapes.
struct HelpdeskStandIn: Sendable {
    let system: HelpdeskSystem
    let server: FakeHelpdeskServer
    let client: HTTPClient
    let sender: any NoteDelivering
    /// The note bodies written so far, in order.
    let notes: @Sendable () -> [String]
    /// The Freshdesk, Gorgias or Chatwoot stand-in and the calls it accepted (`nil` for Zendesk).
    var recording: FakeRecordingHelpdesk?

    /// The Zendesk account's notes as ``FakeZendesk`` recorded them.
    static func zendesk(
        _ zendesk: FakeZendesk = FakeZendesk(email: "agent@shop.example", token: "zendesk-token", tickets: 1...1_000),
        latency: Duration = .zero, clock: some Clock<Duration> = ContinuousClock()
    ) async throws -> HelpdeskStandIn {
        try await start(.zendesk, zendesk, latency: latency, writer: ZendeskNoteWriter(), clock: clock, notes: { zendesk.comments.map(\.body) }) {
            .zendesk(url: $0, email: "agent@shop.example", token: "zendesk-token")
        }
    }

    static func freshdesk(latency: Duration = .zero) async throws -> HelpdeskStandIn {
        let api = FakeRecordingHelpdesk(
            user: "fd-key", password: "X", routes: FakeRecordingHelpdesk.freshdeskRoutes, listing: FakeRecordingHelpdesk.freshdeskListing)
        return try await start(.freshdesk, api, latency: latency, writer: FreshdeskNoteWriter(), notes: notes(api, "/notes", field: "body")) {
            .freshdesk(url: $0, apiKey: "fd-key")
        }
    }

    static func gorgias(latency: Duration = .zero) async throws -> HelpdeskStandIn {
        let api = FakeRecordingHelpdesk(
            user: "agent@shop.example", password: "gorgias-key", routes: FakeRecordingHelpdesk.gorgiasRoutes,
            listing: FakeRecordingHelpdesk.gorgiasListing)
        return try await start(
            .gorgias, api, latency: latency, writer: GorgiasNoteWriter(agentEmail: "agent@shop.example"), notes: notes(api, "/messages", field: "body_text")
        ) { .gorgias(url: $0, email: "agent@shop.example", apiKey: "gorgias-key") }
    }

    /// Chatwoot with its conversations in account `account`.
    static func chatwoot(account: Int, latency: Duration = .zero) async throws -> HelpdeskStandIn {
        let api = FakeRecordingHelpdesk(
            credentialHeader: "api_access_token", credential: "cw-token", routes: FakeRecordingHelpdesk.chatwootRoutes(account: account),
            listing: FakeRecordingHelpdesk.chatwootListing(account: account))
        return try await start(.chatwoot, api, latency: latency, writer: ChatwootNoteWriter(), notes: notes(api, "/messages", field: "content")) {
            .chatwoot(url: $0, accessToken: "cw-token")
        }
    }

    /// The `field` of every accepted POST whose path ends in `suffix`.
    private static func notes(_ api: FakeRecordingHelpdesk, _ suffix: String, field: String) -> @Sendable () -> [String] {
        {
            api.calls.filter { $0.method == "POST" && $0.path.hasSuffix(suffix) }.compactMap { call in
                (try? JSONSerialization.jsonObject(with: Data(call.json.utf8)) as? [String: Any])?[field] as? String
            }
        }
    }

    private static func start(
        _ system: HelpdeskSystem, _ api: any FakeHelpdeskAPI, latency: Duration, writer: any HelpdeskNoteWriter,
        clock: some Clock<Duration> = ContinuousClock(), notes: @escaping @Sendable () -> [String],
        connection: (String) -> HelpdeskConnection
    ) async throws -> HelpdeskStandIn {
        let server = try await FakeHelpdeskServer.start(api, latency: latency)
        let client = HelpdeskHTTPTransport.makeClient(connections: 64)
        let sender = NoteSender(writer: writer, transport: HelpdeskHTTPTransport(client: client, connection: connection(server.baseURL)), clock: clock)
        return HelpdeskStandIn(
            system: system, server: server, client: client, sender: sender, notes: notes, recording: api as? FakeRecordingHelpdesk)
    }

    /// How many notes carry each event's marker.
    var notesPerEvent: [String: Int] {
        notes().reduce(into: [:]) { counts, body in
            guard let range = body.range(of: NoteMarker.prefix, options: .backwards) else { return }
            let id = body[range.upperBound...].trimmingCharacters(in: .whitespaces).prefix { !"<\n".contains($0) }
            counts[String(id), default: 0] += 1
        }
    }

    func close() async throws {
        try await client.shutdown()
        try await server.stop()
    }
}

/// A ``NoteDeliverer`` on an embedded cluster, writing into stand-ins.
struct EmbeddedDeliverer {
    let counts = DeliveryCounts()
    let running: RunningService

    init(
        cluster: EmbeddedKafkaCluster, standIns: [HelpdeskStandIn], log: (any DeliveryLog)? = nil, groupID: String = "quimbi-deliver",
        concurrency: Int = 64, backlog: Int? = nil, logWait: Duration = .seconds(10), shutdownTimeout: Duration = .seconds(20)
    ) {
        let kafka = KafkaConfiguration(bootstrapServers: cluster.bootstrapServers, properties: KafkaRig.outageTolerant)
        let configuration = DeliveryConfiguration(
            consumer: ConsumerConfiguration(
                kafka: kafka, groupID: groupID, topics: [WorkerTopics().drafts, WorkerTopics().escalations],
                commitInterval: .milliseconds(50), fetchWaitMax: .milliseconds(5)),
            producer: ProducerConfiguration(kafka: kafka), topics: WorkerTopics(), maxConcurrentNotes: concurrency, maxQueuedNotes: backlog,
            shutdownTimeout: shutdownTimeout, logWait: logWait)
        let logger = Logger(label: "embedded-deliverer")
        let senders = Dictionary(uniqueKeysWithValues: standIns.map { ($0.system, $0.sender) })
        running = RunningService(
            NoteDeliverer(configuration: configuration, senders: senders, log: log, logger: logger, observer: counts), logger: logger)
    }

    func stop() async -> (any Error)? {
        await running.stop()
    }
}

/// A Zendesk stand-in, and a ``NoteDeliverer`` writing into it from an embedded cluster.
struct DeliveryRig {
    let zendesk = FakeZendesk(email: "agent@shop.example", token: "zendesk-token", tickets: 1...1_000)
    let standIn: HelpdeskStandIn
    let deliverer: EmbeddedDeliverer
    var server: FakeHelpdeskServer { standIn.server }
    var counts: DeliveryCounts { deliverer.counts }

    init(cluster: EmbeddedKafkaCluster, latency: Duration = .zero, concurrency: Int = 64, log: (any DeliveryLog)? = nil) async throws {
        standIn = try await HelpdeskStandIn.zendesk(zendesk, latency: latency)
        deliverer = EmbeddedDeliverer(cluster: cluster, standIns: [standIn], log: log, concurrency: concurrency)
    }

    func close() async throws {
        #expect(await deliverer.stop() == nil)
        try await standIn.close()
    }
}
