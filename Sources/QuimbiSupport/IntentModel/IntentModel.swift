import QuimbiCore

/// The embedding model with the head trained on it: reads a ticket's message as a probability per intent.
public struct IntentModel: Sendable {
    /// Embeds the message.
    public let embedder: any TextEmbedder
    /// Classifies the embedding.
    public let head: IntentHead

    /// The model reading with `embedder` and `head` (by default the head shipped with Quimbi). Throws
    /// `intent_model_mismatch` when the head was trained on another model than the embedder's.
    public init(embedder: any TextEmbedder, head: IntentHead = .trained, modelPath: String) throws(IntentModelError) {
        guard embedder.identity == head.modelIdentity else {
            throw .mismatch(modelPath, expected: head.modelIdentity, found: embedder.identity)
        }
        self.embedder = embedder
        self.head = head
    }

    /// The probability of each intent for `message`, or why the model could not read it by `deadline`.
    public func read(_ message: String, deadline: ContinuousClock.Instant) async throws(EmbeddingUnavailable) -> IntentProbabilities {
        let embedding = try await embedder.embed(message, deadline: deadline)
        return IntentProbabilities(labels: head.labels, values: head.probabilities(embedding, text: message))
    }
}

/// A probability per intent, as the model read it.
public struct IntentProbabilities: Sendable, Equatable {
    /// The intents, most probable first, with their probabilities.
    public let ranked: [(label: IntentLabel, probability: Double)]

    /// Probabilities in the order of `labels`.
    public init(labels: [IntentLabel], values: [Double]) {
        ranked = zip(labels, values).map { (label: $0, probability: $1) }.sorted { $0.probability > $1.probability }
    }

    /// The probability of `label` (0 when the head has no such label).
    public func probability(of label: IntentLabel) -> Double {
        ranked.first { $0.label == label }?.probability ?? 0
    }

    public static func == (lhs: IntentProbabilities, rhs: IntentProbabilities) -> Bool {
        lhs.ranked.elementsEqual(rhs.ranked) { $0.label == $1.label && $0.probability == $1.probability }
    }
}
