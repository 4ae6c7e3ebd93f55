import ArgumentParser
import Foundation
import Logging
import QuimbiCore
import QuimbiSupport

/// `quimbi policy bench`: throughput of the support logic alone (read, decide, build the context
/// and prompt, template draft), as one JSON object. With the lexicon alone it runs on one core; with
/// the intent model, the model reads on its own threads with `--concurrency` tickets in flight.
struct PolicyBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the support logic: read + decide + context + template draft per ticket.",
        discussion: "Reports microseconds per ticket for the reading chosen (--lexicon-only, or the lexicon with the intent model)."
    )

    @Option(help: "Tickets to process (the sample messages, repeated); default 200000 with the lexicon alone, 2000 with the model.")
    var tickets: Int?

    @Option(help: "Tickets in flight at once (only with the intent model, whose threads batch them).")
    var concurrency = 16

    @Flag(help: "Measure only the reading (tokenize, intent, sentiment, language).")
    var analyzeOnly = false

    @OptionGroup var intentReading: IntentReadingOptions

    func validate() throws {
        if let tickets, !(1...100_000_000).contains(tickets) { throw ValidationError("--tickets must be 1…100000000") }
        guard (1...1_024).contains(concurrency) else { throw ValidationError("--concurrency must be 1…1024") }
    }

    func run() async throws {
        let reading = try intentReading.load(logger: Logger(label: "quimbi.policy-bench"))
        let desk = SupportDesk(intentModel: reading?.model)
        let count = tickets ?? (reading == nil ? 200_000 : 2_000)
        let now = Date()
        let profile = SupportSamples.seedProfile(asOf: now)
        let orders = SupportSamples.seedOrders(asOf: now)
        let samples = SupportSamples.messages.enumerated().map { SupportSamples.ticket($1, number: $0, at: now) }
        let deadline = ContinuousClock.now + .seconds(3_600)
        let analyzeOnly = analyzeOnly
        let handle: @Sendable (Int) async -> (checksum: Int, degraded: Bool) = { index in
            let ticket = samples[index % samples.count]
            let analysis = reading == nil ? desk.analyze(ticket) : await desk.read(ticket, deadline: deadline)
            guard !analyzeOnly else { return (analysis.intent.signals.count, !analysis.degraded.isEmpty) }
            let facts = TicketFacts(ticket: ticket, profile: profile, archetype: nil, orders: orders, degraded: [], asOf: now)
            return (await desk.respond(to: facts, analysis: analysis, deadline: deadline).draft.text.utf8.count, !analysis.degraded.isEmpty)
        }
        let started = ContinuousClock.now
        let (checksum, degraded) = reading == nil ? await Self.serially(count, handle) : await Self.concurrently(count, inFlight: concurrency, handle)
        let seconds = (ContinuousClock.now - started).inSeconds
        await reading?.embedder.shutdown()
        let report: [String: Any] = [
            "tickets": count, "seconds": seconds, "tickets_per_second": Double(count) / seconds,
            "microseconds_per_ticket": seconds * 1_000_000 / Double(count), "measured": analyzeOnly ? "read" : "read+respond",
            "intent_reading": intentReading.description, "in_flight": reading == nil ? 1 : concurrency,
            "read_by_lexicon_alone": degraded, "checksum": checksum,
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self))
    }

    private static func serially(_ count: Int, _ handle: @Sendable (Int) async -> (checksum: Int, degraded: Bool)) async -> (Int, Int) {
        var checksum = 0, degraded = 0
        for index in 0..<count {
            let result = await handle(index)
            checksum &+= result.checksum
            degraded += result.degraded ? 1 : 0
        }
        return (checksum, degraded)
    }

    private static func concurrently(
        _ count: Int, inFlight: Int, _ handle: @escaping @Sendable (Int) async -> (checksum: Int, degraded: Bool)
    ) async -> (Int, Int) {
        await withTaskGroup(of: (checksum: Int, degraded: Bool).self) { group in
            var checksum = 0, degraded = 0, next = 0
            while next < min(inFlight, count) {
                group.addTask { [next] in await handle(next) }
                next += 1
            }
            while let result = await group.next() {
                checksum &+= result.checksum
                degraded += result.degraded ? 1 : 0
                if next < count {
                    group.addTask { [next] in await handle(next) }
                    next += 1
                }
            }
            return (checksum, degraded)
        }
    }
}
