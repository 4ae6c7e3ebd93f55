import Foundation
import QuimbiCore

/// A linear classifier on a message's sentence embedding and its character grams: per intent, a weight
/// row on the embedding, a bias and a row on the grams (``CharacterGramWeights``), softmax over the
/// scores. Trained by ``IntentHeadTrainer`` and shipped as generated code (``IntentHead/trained``).
public struct IntentHead: Sendable, Equatable {
    /// The identity of the embedding model the head was trained on (see ``TextEmbedder/identity``).
    public let modelIdentity: String
    /// The intents, in the order of the weight rows.
    public let labels: [IntentLabel]
    /// Embedding width.
    public let dimension: Int
    /// `labels.count` rows of `dimension` weights on the embedding followed by the bias, row-major.
    public let parameters: [Float]
    /// The weights on the message's character grams.
    public let characterGrams: CharacterGramWeights

    /// A head from its parts; `parameters` holds `labels.count * (dimension + 1)` values and
    /// `characterGrams` a row per label.
    public init(modelIdentity: String, labels: [IntentLabel], dimension: Int, parameters: [Float], characterGrams: CharacterGramWeights) {
        precondition(parameters.count == labels.count * (dimension + 1), "an intent head needs one row of weights and a bias per label")
        precondition(characterGrams.weights.count == labels.count * CharacterGrams.bucketCount, "an intent head needs one row of gram weights per label")
        self.modelIdentity = modelIdentity
        self.labels = labels
        self.dimension = dimension
        self.parameters = parameters
        self.characterGrams = characterGrams
    }

    /// The probability of each intent for a message (`text`) and its embedding, in the order of ``labels``.
    public func probabilities(_ embedding: [Float], text: String) -> [Double] {
        precondition(embedding.count == dimension, "embedding of width \(embedding.count), head of width \(dimension)")
        let stride = dimension + 1
        var scores = [Double](repeating: 0, count: labels.count)
        parameters.withUnsafeBufferPointer { weights in
            embedding.withUnsafeBufferPointer { input in
                for row in 0..<labels.count {
                    let base = row * stride
                    var sum: Float = weights[base + dimension]
                    for column in 0..<dimension { sum += weights[base + column] * input[column] }
                    scores[row] = Double(sum)
                }
            }
        }
        for (row, score) in characterGrams.scores(text).enumerated() { scores[row] += Double(score) }
        return Softmax.normalised(scores)
    }
}

/// The softmax of a list of scores, computed without overflow.
enum Softmax {
    static func normalised(_ scores: [Double]) -> [Double] {
        let top = scores.max() ?? 0
        let exponentials = scores.map { exp($0 - top) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }
}

extension IntentHead {
    /// The embedding weights as base64 of little-endian 32-bit floats, the form generated code carries.
    public var parametersBase64: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parameters.count * 4)
        for value in parameters {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
    }

    /// A head from the generated form; nil when the base64 does not hold the right number of values.
    public init?(modelIdentity: String, labels: [IntentLabel], dimension: Int, parametersBase64: String, characterGramsBase64: String) {
        guard let data = Data(base64Encoded: parametersBase64), data.count == labels.count * (dimension + 1) * 4,
            let characterGrams = CharacterGramWeights(base64: characterGramsBase64, labelCount: labels.count)
        else { return nil }
        let values = data.withUnsafeBytes { raw in
            (0..<(data.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        self.init(modelIdentity: modelIdentity, labels: labels, dimension: dimension, parameters: values, characterGrams: characterGrams)
    }
}
