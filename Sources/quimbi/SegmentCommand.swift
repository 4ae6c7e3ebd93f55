import ArgumentParser
import Foundation
import QuimbiCore
import QuimbiSegmentation

/// `quimbi segment`: orders → BG/NBD + Gamma-Gamma → profiles and archetypes.
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Fit the churn and spend models on an order history; write profiles and archetypes.",
        discussion: """
            Input: --orders FILE as JSON Lines of orders, CSV with header order_id,customer_id,created_at,total[,currency], \
            or the CDNOW text format (customer_id [sample_id] YYYYMMDD quantity amount). Churn risk = P(no purchase in the \
            next --churn-horizon-days) under the fitted BG/NBD model. With --calibration-end and --holdout-end the command \
            instead evaluates the models on the holdout period.
            """
    )

    @Option(help: "Orders file (JSON Lines, CSV or CDNOW text).")
    var orders: String

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
        guard ["days", "weeks"].contains(timeUnit) else { throw ValidationError("--time-unit must be days or weeks") }
        guard churnHorizonDays > 0, churnHorizonDays <= 3_650 else { throw ValidationError("--churn-horizon-days must be in (0, 3650]") }
        guard (calibrationEnd == nil) == (holdoutEnd == nil) else { throw ValidationError("--calibration-end and --holdout-end go together") }
        if let calibrationEnd, let holdoutEnd, holdoutEnd.date <= calibrationEnd.date {
            throw ValidationError("--holdout-end must be after --calibration-end")
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        guard let text = try? String(contentsOfFile: orders, encoding: .utf8) else {
            throw ValidationError("cannot read \(orders) as UTF-8 text")
        }
        let parsed = OrderFileParser.parse(text, format: format)
        for rejected in parsed.rejected.prefix(20) { printError("skipped \(rejected)") }
        if parsed.rejected.count > 20 { printError("… \(parsed.rejected.count - 20) more lines skipped") }
        guard !parsed.orders.isEmpty else { throw ValidationError("no valid orders in \(orders)") }
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
        }
        print("orders read: \(parsed.orders.count) (\(parsed.rejected.count) lines skipped) in \(SegmentReport.seconds(read - started)) s; total \(SegmentReport.seconds(clock.now - started)) s; peak RSS \(PeakMemory.megabytes()) MB")
    }
}

/// Writes a line to stderr.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
