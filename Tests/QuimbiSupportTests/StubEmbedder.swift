import QuimbiSupport

/// An embedder that answers from a closure: a fixed vector, a refusal, or a wait until cancelled.
struct StubEmbedder: TextEmbedder {
    var identity = IntentHead.trained.modelIdentity
    var answer: @Sendable (String) async throws(EmbeddingUnavailable) -> [Float]

    func embed(_ text: String, deadline: ContinuousClock.Instant) async throws(EmbeddingUnavailable) -> [Float] {
        try await answer(text)
    }

    /// An embedder that always refuses with `reason`.
    static func refusing(_ reason: EmbeddingUnavailable) -> StubEmbedder {
        StubEmbedder { _ throws(EmbeddingUnavailable) in throw reason }
    }
}
