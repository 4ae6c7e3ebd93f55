/// The character-gram part of an intent head: the vectorizer counted on the training messages and one
/// weight per intent and bucket of ``CharacterGrams``.
public struct CharacterGramWeights: Sendable, Equatable {
    /// Weighs a message's grams.
    public let vectorizer: CharacterGramVectorizer
    /// One row of ``CharacterGrams/bucketCount`` weights per intent.
    public let weights: [Float]

    /// The part from its values; `weights` holds a row of ``CharacterGrams/bucketCount`` per intent.
    public init(vectorizer: CharacterGramVectorizer, weights: [Float]) {
        precondition(weights.count % CharacterGrams.bucketCount == 0, "one row of weights per intent")
        self.vectorizer = vectorizer
        self.weights = weights
    }

    /// The score each intent row gives `text`.
    func scores(_ text: String) -> [Float] {
        let features = vectorizer.features(text)
        let rows = weights.count / CharacterGrams.bucketCount
        return (0..<rows).map { row in
            let base = row * CharacterGrams.bucketCount
            return features.reduce(Float(0)) { $0 + weights[base + $1.bucket] * Float($1.value) }
        }
    }
}
