import ArgumentParser
import Foundation
import QuimbiCore
import QuimbiEmbedding
import QuimbiSupport

/// `quimbi intent evaluate`: the lexicon, the model and their combination on labelled messages.
struct IntentEvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure the lexicon, the model and their combination on the held-out part and on further sets.",
        discussion: "Each set prints accuracy, the share read as general, offer misreads, who decided, and the combination's confusion."
    )

    @OptionGroup var options: IntentDataOptions

    @Option(name: .customLong("set"), help: "A further labelled JSON Lines file (e.g. a blind round, with accept lists); repeatable.")
    var sets: [String] = []

    func run() async throws {
        var named = [("held-out part of \(options.data)", options.messages().heldOut)]
        for path in sets {
            named.append((path, options.orExit { () throws(LabelledMessages.ReadError) in try LabelledMessages.load(path) }))
        }
        let embedder = options.embedder()
        let model = options.orExit { () throws(IntentModelError) in
            try IntentModel(embedder: embedder, modelPath: options.modelPath)
        }
        let desk = SupportDesk()
        for (name, messages) in named {
            let embeddings = try await embedder.embedAll(messages.map(\.text))
            var lexicon = IntentScore(), alone = IntentScore(), combined = IntentScore()
            var deciders: [IntentReader: Int] = [:]
            for (message, embedding) in zip(messages, embeddings) {
                let ticket = TicketCreated(eventID: "evaluate", ticketID: "evaluate", customerID: nil, message: message.text, createdAt: Date())
                let probabilities = IntentProbabilities(labels: model.head.labels, values: model.head.probabilities(embedding, text: message.text))
                let reading = desk.analyze(ticket, modelReading: probabilities).intent
                lexicon.add(read: desk.analyze(ticket).intent.label, accepted: message.accepted)
                alone.add(read: probabilities.ranked[0].label, accepted: message.accepted)
                combined.add(read: reading.label, accepted: message.accepted)
                deciders[reading.reader, default: 0] += 1
            }
            print("== \(name)")
            print("lexicon alone:  \(lexicon.summary)")
            print("model alone:    \(alone.summary)")
            print("combined:       \(combined.summary)")
            print("decided by: " + IntentReader.allCases.map { "\($0.rawValue) \(deciders[$0, default: 0])" }.joined(separator: ", "))
            print("confusion of the combination (main label (n): labels read):")
            print(combined.confusionTable)
            print()
        }
        await embedder.shutdown()
    }
}
