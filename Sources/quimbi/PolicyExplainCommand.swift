import ArgumentParser
import Foundation
import QuimbiCore
import QuimbiSupport

/// `quimbi policy explain`: the reading and decision for sample messages from the seed's customer.
struct PolicyExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show intent, sentiment, language and the policy's decision for messages from the seed's customer (7415378247935).",
        discussion: "Without MESSAGE arguments, the built-in sample tickets are used."
    )

    @Option(help: "YAML policy file; default: the compiled-in policy.")
    var policy: String?

    @Argument(help: "Ticket messages to explain.")
    var messages: [String] = []

    func run() async throws {
        let desk = SupportDesk(policy: try PolicyFile.load(policy))
        let now = Date()
        let profile = SupportSamples.seedProfile(asOf: now)
        let orders = SupportSamples.seedOrders(asOf: now)
        for (number, message) in (messages.isEmpty ? SupportSamples.messages : messages).enumerated() {
            let ticket = SupportSamples.ticket(message, number: number + 1, at: now)
            let analysis = desk.analyze(ticket)
            let facts = TicketFacts(ticket: ticket, profile: profile, archetype: nil, orders: orders, degraded: [], asOf: now)
            let outcome = await desk.respond(to: facts, analysis: analysis, deadline: .now + .seconds(1))
            let decision = outcome.recommendation
            print("""
                \(message)
                  intent \(analysis.intent.label.rawValue) (\(analysis.intent.confidence); \(analysis.intent.signals.joined(separator: ", "))) \
                · sentiment \(analysis.sentiment.label.rawValue) \(analysis.sentiment.score) · language \(analysis.language)
                  decision: discount \(decision.offerDiscount ? "\(decision.discountPercent)%" : "no") · free shipping \(decision.freeShipping ? "yes" : "no") \
                · escalate \(decision.escalate ? "yes" : "no") · priority \(decision.priority.rawValue)
                  reasons: \(decision.reasons.joined(separator: ", "))
                  draft (\(outcome.draft.tone)): \(outcome.draft.text)

                """)
        }
    }
}

/// Loads `--policy` for the policy subcommands, printing every problem on stderr.
enum PolicyFile {
    static func load(_ path: String?) throws -> SupportPolicy {
        guard let path else { return .default }
        do throws(PolicyError) {
            return try SupportPolicy.load(contentsOf: path)
        } catch {
            FileHandle.standardError.write(Data("\(error.code): \(error.message)\n".utf8))
            throw ExitCode(error.kind == .unreadable ? 66 : 1)
        }
    }
}
