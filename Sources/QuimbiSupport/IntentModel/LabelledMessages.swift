import Foundation
import QuimbiCore

/// A message labelled by the team: the intents counted as right (the first is the main one).
public struct LabelledMessage: Sendable, Equatable {
    /// The message text.
    public var text: String
    /// ISO 639-1 code.
    public var language: String
    /// The labels counted as right, main label first.
    public var accepted: [IntentLabel]

    /// The main label.
    public var label: IntentLabel { accepted[0] }
}

/// Reads labelled messages from JSON Lines: `{"text", "language", "intent", "also": [...]}` (training
/// rounds) or `{"text", "language", "accept": [...]}` (blind rounds).
public enum LabelledMessages {
    /// A line that cannot be read, with its file and line number.
    public struct ReadError: QuimbiError {
        public let code = "invalid_labelled_message"
        public let message: String
    }

    private struct Line: Decodable {
        var text: String
        var language: String
        var intent: IntentLabel?
        var also: [IntentLabel]?
        var accept: [IntentLabel]?
    }

    /// The messages of every `.jsonl` file in `directory` (sorted by name) or of the file `path`.
    public static func load(_ path: String) throws(ReadError) -> [LabelledMessage] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(message: "no labelled messages at \(path)")
        }
        guard isDirectory.boolValue else { return try loadFile(path) }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
        var messages: [LabelledMessage] = []
        for name in names { messages += try loadFile((path as NSString).appendingPathComponent(name)) }
        return messages
    }

    private static func loadFile(_ path: String) throws(ReadError) -> [LabelledMessage] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ReadError(message: "cannot read \(path) as UTF-8")
        }
        let decoder = JSONDecoder()
        var messages: [LabelledMessage] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let decoded = try? decoder.decode(Line.self, from: Data(line.utf8)) else {
                throw ReadError(message: "\(path):\(index + 1): not a labelled message with known labels")
            }
            let accepted = decoded.accept ?? (decoded.intent.map { [$0] + (decoded.also ?? []) } ?? [])
            guard !accepted.isEmpty, !decoded.text.isEmpty else {
                throw ReadError(message: "\(path):\(index + 1): a message needs text and an intent or accept list")
            }
            messages.append(LabelledMessage(text: decoded.text, language: decoded.language, accepted: accepted))
        }
        return messages
    }

    /// Splits messages into a training part and a held-out part: every `every`-th message of each
    /// language and main label is held out, so both parts cover every language and intent.
    public static func split(_ messages: [LabelledMessage], holdingOutEvery every: Int = 5) -> (training: [LabelledMessage], heldOut: [LabelledMessage]) {
        var seen: [String: Int] = [:]
        var training: [LabelledMessage] = [], heldOut: [LabelledMessage] = []
        for message in messages {
            let key = "\(message.language)/\(message.label.rawValue)"
            seen[key, default: 0] += 1
            if seen[key]! % every == 0 { heldOut.append(message) } else { training.append(message) }
        }
        return (training, heldOut)
    }
}
