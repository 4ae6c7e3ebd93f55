import QuimbiCore

/// How well a reader did on labelled messages: accuracy, the share read as `general` although labelled
/// otherwise, offer misreads (an offer-earning intent read where none is right) and the confusion.
public struct IntentScore: Sendable {
    /// Messages scored.
    public private(set) var count = 0
    /// Readings among the accepted labels.
    public private(set) var correct = 0
    /// Readings of `general` for messages that `general` does not answer.
    public private(set) var readAsGeneral = 0
    /// Readings of an intent that can earn an offer for messages whose accepted labels earn none.
    public private(set) var offerMisreads = 0
    /// Main label → label read → count.
    public private(set) var confusion: [IntentLabel: [IntentLabel: Int]] = [:]

    /// An empty score.
    public init() {}

    /// Counts one reading.
    public mutating func add(read: IntentLabel, accepted: [IntentLabel]) {
        count += 1
        if accepted.contains(read) { correct += 1 }
        if read == .general, !accepted.contains(.general) { readAsGeneral += 1 }
        if IntentDetector.offerIntents.contains(read), IntentDetector.offerIntents.isDisjoint(with: accepted) { offerMisreads += 1 }
        confusion[accepted[0], default: [:]][read, default: 0] += 1
    }

    /// Share of right readings.
    public var accuracy: Double { share(correct) }

    /// One line: `accuracy 0.912 | read as general 2.1 % | offer misreads 1.4 % (n 280)`.
    public var summary: String {
        "accuracy \(Self.fixed(accuracy, 3)) | read as general \(Self.fixed(share(readAsGeneral) * 100, 1)) % | "
            + "offer misreads \(Self.fixed(share(offerMisreads) * 100, 1)) % (n \(count))"
    }

    /// The confusion as text: a row per main label, the labels read with their counts, misses marked.
    public var confusionTable: String {
        IntentLabel.allCases.compactMap { expected in
            guard let row = confusion[expected] else { return nil }
            let total = row.values.reduce(0, +)
            let cells = row.sorted { $0.value > $1.value }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
            return "  \(expected.rawValue) (\(total)): \(cells)"
        }.joined(separator: "\n")
    }

    private func share(_ part: Int) -> Double {
        count == 0 ? 0 : Double(part) / Double(count)
    }

    private static func fixed(_ value: Double, _ digits: Int) -> String {
        let scale = Double([1, 10, 100, 1_000][digits])
        let rounded = (value * scale).rounded() / scale
        let text = "\(rounded)"
        let decimals = text.split(separator: ".").last.map(\.count) ?? 0
        return text + String(repeating: "0", count: max(0, digits - decimals))
    }
}
