/// Turns a ticket's text into a sentence embedding (L2-normalised), off the cooperative thread pool.
public protocol TextEmbedder: Sendable {
    /// Names the model, e.g. `multilingual-e5-small-q4 d384 l12 v250037`: the intent head records the
    /// identity of the model it was trained on and refuses another.
    var identity: String { get }

    /// The embedding of `text`, or why there is none by `deadline`: an embedder answers by the deadline
    /// whatever its engine does, since the ticket's lookups and draft wait for it.
    func embed(_ text: String, deadline: ContinuousClock.Instant) async throws(EmbeddingUnavailable) -> [Float]
}

/// Why a text got no embedding. The ticket is then read by the lexicon alone, and its draft says so in
/// `context.degraded` (`intent_model`).
public enum EmbeddingUnavailable: Error, Equatable, Sendable {
    /// The queue in front of the model was full.
    case overloaded
    /// The deadline passed before the model read the text.
    case expired
    /// The embedder was shut down, or the waiting task cancelled.
    case cancelled
    /// The engine reported an error.
    case failed
}
