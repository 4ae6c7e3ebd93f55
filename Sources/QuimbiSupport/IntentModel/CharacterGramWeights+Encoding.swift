import Foundation

extension CharacterGramWeights {
    /// The part as base64, the form generated code carries: the document count (UInt32), the document
    /// frequencies (UInt16 each), then per intent a scale (Float32) and its weights quantised to Int8
    /// (weight ≈ scale × value), all little-endian.
    public var base64: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 + vectorizer.documentFrequencies.count * 2 + weights.count + 4 * weights.count / CharacterGrams.bucketCount)
        append(UInt32(vectorizer.documentCount), to: &bytes)
        for frequency in vectorizer.documentFrequencies { append(frequency, to: &bytes) }
        for row in stride(from: 0, to: weights.count, by: CharacterGrams.bucketCount) {
            let slice = weights[row..<(row + CharacterGrams.bucketCount)]
            let scale = max(slice.map(abs).max() ?? 0, .leastNormalMagnitude) / 127
            append(scale.bitPattern, to: &bytes)
            for weight in slice { bytes.append(UInt8(bitPattern: Int8((weight / scale).rounded()))) }
        }
        return Data(bytes).base64EncodedString()
    }

    /// The part from ``base64`` for `labelCount` intents; nil when the data has another length.
    public init?(base64: String, labelCount: Int) {
        let buckets = CharacterGrams.bucketCount
        guard let data = Data(base64Encoded: base64), data.count == 4 + buckets * 2 + labelCount * (4 + buckets) else { return nil }
        let (count, frequencies, weights) = data.withUnsafeBytes { raw in
            let count = Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let frequencies = (0..<buckets).map { UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 4 + $0 * 2, as: UInt16.self)) }
            var weights: [Float] = []
            weights.reserveCapacity(labelCount * buckets)
            for row in 0..<labelCount {
                let base = 4 + buckets * 2 + row * (4 + buckets)
                let scale = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base, as: UInt32.self)))
                for column in 0..<buckets {
                    weights.append(scale * Float(Int8(bitPattern: raw[base + 4 + column])))
                }
            }
            return (count, frequencies, weights)
        }
        self.init(vectorizer: CharacterGramVectorizer(documentCount: count, documentFrequencies: frequencies), weights: weights)
    }

    private func append<Value: FixedWidthInteger>(_ value: Value, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
