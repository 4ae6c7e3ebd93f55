import Foundation

/// Validates documents against the event schemas with a reference JSON Schema 2020-12 validator
/// (Python `jsonschema`, with format checks), so the tests never grade our events by our own code.
enum SchemaValidator {
    /// One verdict per document: nil when valid, else the first error.
    static func validate(_ documents: [Data], schema: String) throws -> [String?] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("quimbi-docs-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        var joined = Data()
        for document in documents {
            joined.append(document)
            joined.append(10)
        }
        try joined.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.schemaValidator.path, TestPaths.eventSchemas.path, schema, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        let errorOutput = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure(description: "schema validator failed: \(String(decoding: errorOutput, as: UTF8.self))")
        }
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.count == documents.count else {
            throw TestFailure(description: "schema validator returned \(lines.count) verdicts for \(documents.count) documents")
        }
        return lines.map { $0 == "ok" ? nil : $0 }
    }
}
