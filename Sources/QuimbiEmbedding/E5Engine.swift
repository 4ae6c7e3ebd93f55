import CE5
import Foundation
import QuimbiSupport

/// The e5 engine's model handle. Its weights are read-only once loaded, so several threads may embed
/// with one engine at once; each call is blocking CPU work and belongs on a dedicated thread.
final class E5Engine: @unchecked Sendable {
    /// Embedding width.
    let dimension: Int
    private let model: OpaquePointer

    /// Loads a model file that ``E5ModelFile`` has checked.
    init(_ file: E5ModelFile) throws(IntentModelError) {
        guard let model = e5_load(file.path) else { throw .corrupt(file.path, "the engine could not load it") }
        self.model = model
        dimension = Int(e5_dim(model))
    }

    deinit {
        e5_free(model)
    }

    /// The query embeddings of `texts`, one row of ``dimension`` values per text; nil when the engine fails.
    func embed(_ texts: [String]) -> [[Float]]? {
        guard !texts.isEmpty else { return [] }
        var output = [Float](repeating: 0, count: texts.count * dimension)
        let status = withCStrings(texts) { pointers in
            output.withUnsafeMutableBufferPointer { buffer in
                e5_embed_batch(model, pointers.baseAddress, Int32(texts.count), 1, buffer.baseAddress)
            }
        }
        guard status == 0 else { return nil }
        return (0..<texts.count).map { Array(output[($0 * dimension)..<(($0 + 1) * dimension)]) }
    }

    private func withCStrings<R>(_ texts: [String], _ body: (UnsafeMutableBufferPointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = texts.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        var pointers = copies.map { $0.map { UnsafePointer($0) } }
        return pointers.withUnsafeMutableBufferPointer { body($0) }
    }
}
