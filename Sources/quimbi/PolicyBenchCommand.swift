import ArgumentParser
import Foundation
import QuimbiCore
import QuimbiSupport

/// `quimbi policy bench`: throughput of the support logic alone (read, decide, build the context
/// and prompt, template draft) on one core, as one JSON object.
struct PolicyBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the support logic on one core: analyze + decide + context + template draft per ticket."
    )

    @Option(help: "Tickets to process (the sample messages, repeated).")
    var tickets: Int = 200_000

    @Flag(help: "Measure only `analyze` (tokenize, intent, sentiment, language).")
    var analyzeOnly = false

    func validate() throws {
        guard (1...100_000_000).contains(tickets) else { throw ValidationError("--tickets must be 1…100000000") }
    }

    func run() async throws {
        let desk = SupportDesk()
        let now = Date()
        let profile = SupportSamples.seedProfile(asOf: now)
        let orders = SupportSamples.seedOrders(asOf: now)
        let samples = SupportSamples.messages.enumerated().map { SupportSamples.ticket($1, number: $0, at: now) }
        let deadline = ContinuousClock.now + .seconds(3_600)
        var checksum = 0
        let started = ContinuousClock.now
        for index in 0..<tickets {
            let ticket = samples[index % samples.count]
            let analysis = desk.analyze(ticket)
            if analyzeOnly {
                checksum &+= analysis.intent.signals.count
                continue
            }
            let facts = TicketFacts(ticket: ticket, profile: profile, archetype: nil, orders: orders, degraded: [], asOf: now)
            checksum &+= await desk.respond(to: facts, analysis: analysis, deadline: deadline).draft.text.utf8.count
        }
        let seconds = (ContinuousClock.now - started).inSeconds
        let report: [String: Any] = [
            "tickets": tickets, "seconds": seconds, "tickets_per_second": Double(tickets) / seconds,
            "microseconds_per_ticket": seconds * 1_000_000 / Double(tickets), "measured": analyzeOnly ? "analyze" : "analyze+respond",
            "checksum": checksum,
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self))
    }
}
