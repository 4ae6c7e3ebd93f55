import QuimbiCore

/// Fits an ``IntentHead``: multinomial logistic regression with an L2 penalty, on standardised
/// embeddings (the standardisation is folded into the weights), by full-batch gradient descent with
/// Nesterov momentum. Deterministic: the same examples in the same order give the same head.
public struct IntentHeadTrainer: Sendable {
    /// The L2 penalty on the weights (on standardised inputs).
    public var penalty: Double
    /// Gradient steps.
    public var iterations: Int
    /// Step size.
    public var learningRate: Double

    /// A trainer; the defaults were chosen on the held-out part of the team's set.
    public init(penalty: Double = 1e-2, iterations: Int = 400, learningRate: Double = 0.5) {
        self.penalty = penalty
        self.iterations = iterations
        self.learningRate = learningRate
    }

    /// The head that best separates `examples` (embedding, intent), every class weighted equally.
    public func train(_ examples: [(embedding: [Float], label: IntentLabel)], labels: [IntentLabel], modelIdentity: String) -> IntentHead {
        precondition(!examples.isEmpty, "training needs examples")
        let dimension = examples[0].embedding.count
        let (mean, scale) = Self.standardisation(examples.map(\.embedding), dimension: dimension)
        let inputs = examples.map { example in (0..<dimension).map { (Double(example.embedding[$0]) - mean[$0]) / scale[$0] } }
        let targets = examples.map { labels.firstIndex(of: $0.label)! }
        let counts = Dictionary(targets.map { ($0, 1) }, uniquingKeysWith: +)
        let weightOf = targets.map { Double(examples.count) / Double(labels.count * counts[$0]!) }
        let stride = dimension + 1
        var parameters = [Double](repeating: 0, count: labels.count * stride)
        var velocity = parameters
        for _ in 0..<iterations {
            let lookahead = zip(parameters, velocity).map { $0 + 0.9 * $1 }
            let gradient = self.gradient(at: lookahead, inputs: inputs, targets: targets, weights: weightOf, classes: labels.count)
            for index in parameters.indices {
                velocity[index] = 0.9 * velocity[index] - learningRate * gradient[index]
                parameters[index] += velocity[index]
            }
        }
        return IntentHead(
            modelIdentity: modelIdentity, labels: labels, dimension: dimension,
            parameters: Self.unstandardised(parameters, mean: mean, scale: scale, classes: labels.count))
    }

    /// The gradient of the mean weighted cross-entropy plus the penalty.
    private func gradient(at parameters: [Double], inputs: [[Double]], targets: [Int], weights: [Double], classes: Int) -> [Double] {
        let dimension = inputs[0].count, stride = dimension + 1
        var gradient = [Double](repeating: 0, count: parameters.count)
        for (row, input) in inputs.enumerated() {
            let scores = (0..<classes).map { label in
                var sum = parameters[label * stride + dimension]
                for column in 0..<dimension { sum += parameters[label * stride + column] * input[column] }
                return sum
            }
            let probabilities = Softmax.normalised(scores)
            for label in 0..<classes {
                let error = weights[row] * (probabilities[label] - (label == targets[row] ? 1 : 0))
                for column in 0..<dimension { gradient[label * stride + column] += error * input[column] }
                gradient[label * stride + dimension] += error
            }
        }
        let count = Double(inputs.count)
        for index in gradient.indices {
            gradient[index] /= count
            if index % stride != dimension { gradient[index] += penalty * parameters[index] }
        }
        return gradient
    }

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
        return (mean, variance.map { max($0.squareRoot(), 1e-6) })
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
