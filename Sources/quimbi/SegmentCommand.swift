import ArgumentParser
import Foundation
import QuimbiCore
import QuimbiSegmentation
import QuimbiStore

/// `quimbi segment`: orders → BG/NBD + Gamma-Gamma → profiles and archetypes.
struct SegmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Fit the churn and spend models on an order history; write profiles and archetypes.",
        discussion: """
            Input: --postgres URL (the orders table), or --orders FILE as JSON Lines of orders, CSV with header order_id,customer_id,created_at,total[,currency], \
            or the CDNOW text format (customer_id [sample_id] YYYYMMDD quantity amount). Churn risk = P(no purchase in the \
            next --churn-horizon-days) under the fitted BG/NBD model. With --calibration-end and --holdout-end the command \
            instead evaluates the models on the holdout period. With --postgres the profiles and archetypes replace the stored \
            ones in one transaction, with a segmentation_runs row and a new cache generation (migrations are applied first).
            """
    )

    @Option(help: "Orders file (JSON Lines, CSV or CDNOW text); without it, the orders are read from --postgres.")
    var orders: String?

    @Option(help: "PostgreSQL URL: read the orders from it (without --orders) and write the profiles and archetypes to it.")
    var postgres: String?

    @Option(help: "Input format: jsonl, csv or cdnow (default: detected).")
    var format: OrderFileParser.Format?

    @Option(help: "Write profiles, then archetypes, as JSON Lines to this file.")
    var out: String?

    @Option(help: "Score as of this date (YYYY-MM-DD or RFC 3339; default: the day after the last order).")
    var asOf: DateArgument?

    @Option(help: "Time unit of the fit: days or weeks.")
    var timeUnit: String = "days"

    @Option(help: "Horizon of the churn score in days.")
    var churnHorizonDays: Double = 365

    @Option(help: "Evaluation: end of the calibration period.")
    var calibrationEnd: DateArgument?

    @Option(help: "Evaluation: end of the holdout period.")
    var holdoutEnd: DateArgument?

    func validate() throws {
        guard orders != nil || postgres != nil else { throw ValidationError("pass --orders FILE or --postgres URL") }
        guard ["days", "weeks"].contains(timeUnit) else { throw ValidationError("--time-unit must be days or weeks") }
        guard churnHorizonDays > 0, churnHorizonDays <= 3_650 else { throw ValidationError("--churn-horizon-days must be in (0, 3650]") }
        guard (calibrationEnd == nil) == (holdoutEnd == nil) else { throw ValidationError("--calibration-end and --holdout-end go together") }
        if let calibrationEnd, let holdoutEnd, holdoutEnd.date <= calibrationEnd.date {
            throw ValidationError("--holdout-end must be after --calibration-end")
        }
    }

    func run() async throws {
        let pool = postgres.map { PostgresPool(url: $0, size: 1) }
        do {
            try await segment(pool: pool)
            await pool?.close()
        } catch {
            await pool?.close()
            throw error
        }
    }

    private func segment(pool: PostgresPool?) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let startedAt = Date()
        if let pool { try await Migrator(pool: pool).migrate() }
        let parsed = try await readOrders(pool: pool)
        guard !parsed.orders.isEmpty else { throw ValidationError("no valid orders in \(orders ?? "the orders table")") }
        let configuration = SegmentationConfiguration(churnHorizonDays: churnHorizonDays, timeUnitDays: timeUnit == "weeks" ? 7 : 1)
        let read = clock.now

        if let calibrationEnd, let holdoutEnd {
            let report = try HoldoutEvaluation.evaluate(orders: parsed.orders, calibrationEnd: calibrationEnd.date, holdoutEnd: holdoutEnd.date, configuration: configuration)
            print(SegmentReport.render(report))
        } else {
            let lastOrder = parsed.orders.map(\.createdAt).max() ?? Date()
            let asOfDate = asOf?.date ?? Date(timeIntervalSince1970: ((lastOrder.timeIntervalSince1970 / 86_400).rounded(.down) + 1) * 86_400)
            let result = try Segmenter(configuration: configuration).segment(orders: parsed.orders, asOf: asOfDate)
            if let out { try SegmentReport.write(result, asOf: asOfDate, to: out) }
            print(SegmentReport.render(result.summary, asOf: asOfDate))
            if let pool {
                let run = SegmentationRun(startedAt: startedAt, finishedAt: Date(), parameters: SegmentReport.runParameters(result.summary, asOf: asOfDate))
                let generation = try await SegmentationWriter(pool: pool).write(profiles: result.profiles, archetypes: result.archetypes, run: run)
                print("wrote \(result.profiles.count) profiles and \(result.archetypes.count) archetypes to PostgreSQL (cache generation \(generation))")
            }
        }
        print("orders read: \(parsed.orders.count) (\(parsed.rejected.count) lines skipped) in \(SegmentReport.seconds(read - started)) s; total \(SegmentReport.seconds(clock.now - started)) s; peak RSS \(PeakMemory.megabytes()) MB")
    }

    /// The orders of `--orders`, or of the `orders` table; bad lines of a file are reported and skipped.
    private func readOrders(pool: PostgresPool?) async throws -> (orders: [Order], rejected: [RejectedLine]) {
        guard let orders else {
            // validate() guarantees --postgres when --orders is absent.
            return (try await OrderHistoryReader(pool: pool!).allOrders(), [])
        }
        guard let text = try? String(contentsOfFile: orders, encoding: .utf8) else {
            throw ValidationError("cannot read \(orders) as UTF-8 text")
        }
        let parsed = OrderFileParser.parse(text, format: format)
        for rejected in parsed.rejected.prefix(20) { printError("skipped \(rejected)") }
        if parsed.rejected.count > 20 { printError("… \(parsed.rejected.count - 20) more lines skipped") }
        return parsed
    }
}

/// Writes a line to stderr.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
