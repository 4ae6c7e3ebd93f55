/// The inputs of ``IntentHeadTrainer`` laid out for its gradient: each example's standardised
/// embedding (dense) and gram vector (sparse), its class, and the class weights that count every
/// class alike.
///
/// Parameters are one flat vector: per class `dimension` embedding weights and a bias, then per class
/// one weight per bucket of ``CharacterGrams``.
struct TrainingFeatures {
    let dense: [Double]
    let dimension: Int
    let sparse: [[(bucket: Int, value: Double)]]
    let targets: [Int]
    let classes: Int
    private let exampleWeights: [Double]

    init(dense: [Double], dimension: Int, sparse: [[(bucket: Int, value: Double)]], targets: [Int], classes: Int) {
        self.dense = dense
        self.dimension = dimension
        self.sparse = sparse
        self.targets = targets
        self.classes = classes
        let counts = Dictionary(targets.map { ($0, 1) }, uniquingKeysWith: +)
        exampleWeights = targets.map { Double(targets.count) / Double(classes * counts[$0]!) }
    }

    var parameterCount: Int { classes * (dimension + 1 + CharacterGrams.bucketCount) }

    /// The gradient of the mean weighted cross-entropy plus `penalty` times half the squared weights
    /// (biases unpenalised).
    func gradient(at parameters: [Double], penalty: Double) -> [Double] {
        let stride = dimension + 1, gramBase = classes * stride, buckets = CharacterGrams.bucketCount
        var gradient = [Double](repeating: 0, count: parameters.count)
        var scores = [Double](repeating: 0, count: classes)
        parameters.withUnsafeBufferPointer { weights in
            dense.withUnsafeBufferPointer { inputs in
                gradient.withUnsafeMutableBufferPointer { sums in
                    for row in targets.indices {
                        let input = row * dimension
                        for label in 0..<classes {
                            let base = label * stride, grams = gramBase + label * buckets
                            var score = weights[base + dimension]
                            for column in 0..<dimension { score += weights[base + column] * inputs[input + column] }
                            for gram in sparse[row] { score += weights[grams + gram.bucket] * gram.value }
                            scores[label] = score
                        }
                        let probabilities = Softmax.normalised(scores)
                        for label in 0..<classes {
                            let error = exampleWeights[row] * (probabilities[label] - (label == targets[row] ? 1 : 0))
                            let base = label * stride, grams = gramBase + label * buckets
                            for column in 0..<dimension { sums[base + column] += error * inputs[input + column] }
                            sums[base + dimension] += error
                            for gram in sparse[row] { sums[grams + gram.bucket] += error * gram.value }
                        }
                    }
                }
            }
        }
        let count = Double(targets.count)
        for index in gradient.indices {
            gradient[index] /= count
            let isBias = index < gramBase && index % stride == dimension
            if !isBias { gradient[index] += penalty * parameters[index] }
        }
        return gradient
    }
}
