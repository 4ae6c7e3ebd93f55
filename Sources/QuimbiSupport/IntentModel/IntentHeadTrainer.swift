import QuimbiCore

/// Fits an ``IntentHead``: multinomial logistic regression with an L2 penalty on each message's
/// standardised embedding and its character-gram vector (see ``CharacterGramWeights``), by full-batch
/// gradient descent with Nesterov momentum; the standardisation is folded into the weights afterwards.
/// Deterministic: the same examples in the same order give the same head.
public struct IntentHeadTrainer: Sendable {
    /// The L2 penalty on the weights (on standardised inputs).
    public var penalty: Double
    /// Gradient steps.
    public var iterations: Int
    /// Step size.
    public var learningRate: Double

    /// A trainer; the defaults were chosen on the held-out part of the team's set.
    public init(penalty: Double = 1e-4, iterations: Int = 1000, learningRate: Double = 1.0) {
        self.penalty = penalty
        self.iterations = iterations
        self.learningRate = learningRate
    }

    /// The head that best separates `examples` (embedding, message, intent), every class weighted equally.
    public func train(_ examples: [(embedding: [Float], text: String, label: IntentLabel)], labels: [IntentLabel], modelIdentity: String) -> IntentHead {
        precondition(!examples.isEmpty, "training needs examples")
        let dimension = examples[0].embedding.count
        let (mean, scale) = Self.standardisation(examples.map(\.embedding), dimension: dimension)
        let vectorizer = CharacterGramVectorizer(counting: examples.map(\.text))
        let features = TrainingFeatures(
            dense: examples.flatMap { example in (0..<dimension).map { (Double(example.embedding[$0]) - mean[$0]) / scale[$0] } },
            dimension: dimension, sparse: examples.map { vectorizer.features($0.text) },
            targets: examples.map { labels.firstIndex(of: $0.label)! }, classes: labels.count)
        var parameters = [Double](repeating: 0, count: features.parameterCount)
        var velocity = parameters
        for _ in 0..<iterations {
            let lookahead = zip(parameters, velocity).map { $0 + 0.9 * $1 }
            let gradient = features.gradient(at: lookahead, penalty: penalty)
            for index in parameters.indices {
                velocity[index] = 0.9 * velocity[index] - learningRate * gradient[index]
                parameters[index] += velocity[index]
            }
        }
        let denseCount = labels.count * (dimension + 1)
        return IntentHead(
            modelIdentity: modelIdentity, labels: labels, dimension: dimension,
            parameters: Self.unstandardised(Array(parameters[..<denseCount]), mean: mean, scale: scale, classes: labels.count),
            characterGrams: CharacterGramWeights(vectorizer: vectorizer, weights: parameters[denseCount...].map { Float($0) }))
    }

    /// Mean and scale per column; the scale includes √dimension so that a standardised embedding has a
    /// length near 1, like the gram vector's ``CharacterGramVectorizer/emphasis`` against it.
    private static func standardisation(_ embeddings: [[Float]], dimension: Int) -> (mean: [Double], scale: [Double]) {
        let count = Double(embeddings.count)
        var mean = [Double](repeating: 0, count: dimension)
        for embedding in embeddings { for column in 0..<dimension { mean[column] += Double(embedding[column]) / count } }
        var variance = [Double](repeating: 0, count: dimension)
        for embedding in embeddings {
            for column in 0..<dimension {
                let deviation = Double(embedding[column]) - mean[column]
                variance[column] += deviation * deviation / count
            }
        }
        let width = Double(dimension).squareRoot()
        return (mean, variance.map { max($0.squareRoot(), 1e-6) * width })
    }

    /// Weights for raw embeddings from weights for standardised ones.
    private static func unstandardised(_ parameters: [Double], mean: [Double], scale: [Double], classes: Int) -> [Float] {
        let dimension = mean.count, stride = dimension + 1
        var result = [Float](repeating: 0, count: parameters.count)
        for label in 0..<classes {
            var bias = parameters[label * stride + dimension]
            for column in 0..<dimension {
                let weight = parameters[label * stride + column] / scale[column]
                result[label * stride + column] = Float(weight)
                bias -= weight * mean[column]
            }
            result[label * stride + dimension] = Float(bias)
        }
        return result
    }
}
