import Foundation
import QuimbiEmbedding
import QuimbiSupport
import Testing

/// A missing or damaged model file is a clear error naming the file, never a crash in the engine.
struct ModelFileTests {
    private func failure(_ path: String) -> IntentModelError? {
        do {
            _ = try E5ModelFile(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test func theInstalledModelIsMultilingualE5Small() throws {
        let file = try E5ModelFile(path: ModelFiles.installed)
        #expect(file.identity == "e5 d384 l12 v250037")
        #expect(file.identity == IntentHead.trained.modelIdentity, "the shipped head was trained on this model")
    }

    @Test func aMissingFileIsNamed() {
        let error = failure("/nonexistent/e5-small-q4.bin")
        #expect(error?.code == "intent_model_missing")
        #expect(error?.message.contains("/nonexistent/e5-small-q4.bin") == true)
    }

    @Test func aFileThatIsNotAModelIsCorrupt() throws {
        let path = try ModelFiles.temporary(Data("this is not a model, just text\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = failure(path)
        #expect(error?.code == "intent_model_corrupt")
        #expect(error?.message.contains(path) == true && error?.message.contains("magic") == true)
    }

    @Test func anEmptyFileIsCorrupt() throws {
        let path = try ModelFiles.temporary(Data())
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(failure(path)?.code == "intent_model_corrupt")
    }

    /// Cut inside the header, the tokenizer, the tensor directory, and the tensors themselves.
    @Test(arguments: [64, 200_000, 4_000_000, 4_638_000, 30_000_000, 71_622_399])
    func aTruncatedModelIsCorrupt(keeping bytes: Int) throws {
        let path = try ModelFiles.truncatedCopy(keeping: bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = failure(path)
        #expect(error?.code == "intent_model_corrupt", "\(bytes) bytes: \(String(describing: error))")
        #expect(error?.message.contains(path) == true)
    }

    @Test func aGarbledDimensionIsCorrupt() throws {
        let mapped = try Data(contentsOf: URL(fileURLWithPath: ModelFiles.installed), options: .alwaysMapped)
        var bytes = [UInt8](mapped.prefix(8_000_000))
        bytes.replaceSubrange(8..<12, with: [0xff, 0xff, 0xff, 0x7f])  // the width
        let path = try ModelFiles.temporary(Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(failure(path)?.code == "intent_model_corrupt")
    }

    @Test func aDirectoryIsUnreadable() throws {
        let error = failure(FileManager.default.temporaryDirectory.path)
        #expect(error?.code == "intent_model_unreadable" || error?.code == "intent_model_corrupt")
    }
}
