import Foundation
import Testing

/// `quimbi draft` (the worker's code path) with the intent model: a model that cannot be loaded is one
/// clear line naming the file, the lexicon can be chosen explicitly, and drafts say who read them.
@Suite(.serialized) struct IntentModelCommandLineTests {
    private static let ticket = #"{"event_id":"e-1","ticket_id":"T-1","customer_id":"7415378247935","channel":"chat","message":"hola, no puedo entrar en mi cuenta desde ayer","created_at":"2026-12-01T12:00:00Z"}"#

    private func draft(_ arguments: [String], environment: [String: String] = [:]) async throws -> (code: Int32, stdout: [String], stderr: String) {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("quimbi-draft-\(UUID().uuidString).jsonl")
        try Data((Self.ticket + "\n").utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = try QuimbiProcess(["draft"] + arguments, environment: environment, standardInput: input)
        let code = try await process.waitForExit(timeout: .seconds(120))
        return (code, process.stdoutLines, process.stderrText)
    }

    private func reader(_ line: String) throws -> String? {
        let draft = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        return (draft?["intent"] as? [String: Any])?["reader"] as? String
    }

    @Test func aMissingModelIsOneLineNamingTheFile() async throws {
        let (code, stdout, stderr) = try await draft(["--intent-model", "/nonexistent/e5-small-q4.bin"])
        #expect(code == 64 && stdout.isEmpty)
        let lines = stderr.split(separator: "\n").filter { $0.hasPrefix("Error") }
        #expect(lines.count == 1)
        #expect(lines.first?.contains("intent_model_missing") == true && lines.first?.contains("/nonexistent/e5-small-q4.bin") == true)
        #expect(lines.first?.contains("--lexicon-only") == true)
    }

    @Test func aCorruptModelFromTheEnvironmentIsOneLineNamingTheFile() async throws {
        let corrupt = FileManager.default.temporaryDirectory.appendingPathComponent("quimbi-corrupt-\(UUID().uuidString).bin")
        try Data("E5S1 and then nothing useful".utf8).write(to: corrupt)
        defer { try? FileManager.default.removeItem(at: corrupt) }
        let (code, _, stderr) = try await draft([], environment: ["QUIMBI_INTENT_MODEL": corrupt.path])
        #expect(code == 64)
        #expect(stderr.contains("intent_model_corrupt") && stderr.contains(corrupt.path))
        #expect(!stderr.contains("Fatal error") && !stderr.contains("Backtrace"))
    }

    @Test func theLexiconCanReadAloneWhenAskedTo() async throws {
        let (code, stdout, _) = try await draft(["--lexicon-only"], environment: ["QUIMBI_INTENT_MODEL": "/nonexistent/e5.bin"])
        #expect(code == 0 && stdout.count == 1)
        #expect(try reader(stdout[0]) == "lexicon")
    }

    @Test func byDefaultTheModelReadsBesideTheLexicon() async throws {
        let (code, stdout, stderr) = try await draft([])
        #expect(code == 0 && stdout.count == 1, "\(stderr)")
        let reader = try reader(stdout.first ?? "{}")
        #expect(reader == "model" || reader == "lexicon+model")
        #expect(stdout.first?.contains(#""label":"account""#) == true)
    }

    @Test func lexiconOnlyAndAModelFileExcludeEachOther() async throws {
        let (code, _, stderr) = try await draft(["--lexicon-only", "--intent-model", "/tmp/model.bin"])
        #expect(code == 64)
        #expect(stderr.contains("exclude each other"))
    }
}
