import ArgumentParser
import Foundation

/// The `quimbi` command: every Quimbi program is a subcommand.
@main
struct Quimbi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quimbi",
        abstract: "Churn-aware customer-support ticket enrichment and drafting.",
        subcommands: [
            DemoCommand.self,
            DevBrokerCommand.self,
            WorkerCommand.self,
            DeliverCommand.self,
            DraftCommand.self,
            BenchCommand.self,
            BenchReportsCommand.self,
            SegmentCommand.self,
            GenerateCommand.self,
            MigrateCommand.self,
            LoadCommand.self,
            BenchStoreCommand.self,
            BenchOrdersCommand.self,
            ServeCommand.self,
            PolicyCommand.self,
            IntentCommand.self,
            OutcomesCommand.self,
        ]
    )

    /// Sets the allocator's decay time (``MallocTuning/shortenDirtyDecay(environment:)``), then runs the command.
    static func main() async {
        if let error = MallocTuning.shortenDirtyDecay() {
            FileHandle.standardError.write(Data("quimbi: warning: could not set jemalloc's decay time (error \(error))\n".utf8))
        }
        await main(nil)
    }
}
