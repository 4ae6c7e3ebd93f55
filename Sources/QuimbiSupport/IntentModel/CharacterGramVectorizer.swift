import Foundation

/// Turns a message into its weighted ``CharacterGrams`` vector, knowing in how many training messages
/// each bucket occurred.
///
/// The vector is the sublinear term frequency (1 + ln count) times the smoothed inverse document
/// frequency (ln((1 + n) / (1 + df)) + 1), scaled to length ``emphasis``: long and short messages
/// weigh alike, and the length sets how much the grams count against the embedding.
public struct CharacterGramVectorizer: Sendable, Equatable {
    /// The length of every message's gram vector (the embedding's standardised part has length ≈ 1).
    public static let emphasis = 2.0

    /// Messages the document frequencies were counted on.
    public let documentCount: Int
    /// In how many of those messages each bucket occurred.
    public let documentFrequencies: [UInt16]

    /// A vectorizer from its counts; one document frequency per bucket.
    public init(documentCount: Int, documentFrequencies: [UInt16]) {
        precondition(documentFrequencies.count == CharacterGrams.bucketCount, "one document frequency per bucket")
        self.documentCount = documentCount
        self.documentFrequencies = documentFrequencies
    }

    /// The vectorizer counted on `texts` (frequencies capped at `UInt16.max`).
    public init(counting texts: [String]) {
        var frequencies = [UInt16](repeating: 0, count: CharacterGrams.bucketCount)
        for text in texts {
            for gram in CharacterGrams.counts(text) where frequencies[gram.bucket] < .max { frequencies[gram.bucket] += 1 }
        }
        self.init(documentCount: texts.count, documentFrequencies: frequencies)
    }

    /// The gram vector of `text`: buckets in order, with their weighted values.
    public func features(_ text: String) -> [(bucket: Int, value: Double)] {
        let weighted = CharacterGrams.counts(text).map { gram in
            (bucket: gram.bucket, value: (1 + log(Double(gram.count))) * inverseDocumentFrequency(gram.bucket))
        }
        let length = weighted.reduce(0) { $0 + $1.value * $1.value }.squareRoot()
        guard length > 0 else { return [] }
        return weighted.map { (bucket: $0.bucket, value: $0.value * Self.emphasis / length) }
    }

    private func inverseDocumentFrequency(_ bucket: Int) -> Double {
        log(Double(1 + documentCount) / Double(1 + Int(documentFrequencies[bucket]))) + 1
    }
}
