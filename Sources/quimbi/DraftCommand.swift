import ArgumentParser
import Foundation
import Logging
import QuimbiCore
import QuimbiSupport
import QuimbiWorker

/// `quimbi draft`: the worker's code path without Kafka, for trying tickets and policies.
struct DraftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Read ticket-created JSON lines on stdin, write draft-response JSON lines on stdout.",
        discussion: "A line that is not a valid ticket is reported on stderr with its line number and error code; the exit code is then 1."
    )

    @OptionGroup var tuning: WorkerTuningOptions
    @OptionGroup var sampleStore: SampleStoreOptions
    @OptionGroup var support: SupportOptions

    @Flag(help: "Pretty-print each draft (several lines per draft).")
    var pretty = false

    func run() async throws {
        let logger = CommandLogging.logger("quimbi.draft")
        let resources = try support.makeDesk(logger: logger)
        let desk = resources.desk
        let data = try sampleStore.load(asOf: Date(), logger: logger)
        let processor = TicketProcessor(
            profiles: data, orders: data, archetypes: data, recommendations: data, desk: desk, settings: tuning.processing)
        let encoder = QuimbiJSON.makeEncoder()
        if pretty { encoder.outputFormatting.insert(.prettyPrinted) }
        var lineNumber = 0
        var rejected = 0
        for await line in StandardInputLines.stream() {
            lineNumber += 1
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            switch await processor.process(Array(line.utf8)) {
            case .drafted(let draft, _):
                let json = pretty ? try encoder.encode(draft) : Data(try draft.jsonBytes())
                FileHandle.standardOutput.write(json + Data("\n".utf8))
            case .rejected(let rejection):
                rejected += 1
                FileHandle.standardError.write(Data("line \(lineNumber): \(rejection.code): \(rejection.message)\n".utf8))
            }
        }
        try await resources.shutdown()
        if rejected > 0 { throw ExitCode(1) }
    }
}
