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
            ones in one transaction, with a segmentation_runs row and a new cache generation (migrations are applied first), \
            and the item-to-item co-purchase affinities (items with their variants) replace the stored ones. \
            --evaluate-recommendations instead measures those recommendations offline. \
            The file is read as a stream and folded into per-customer features; with --postgres one aggregate query computes \
            them in the database, streamed row by row.
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

    @Flag(help: "Evaluate the co-purchase recommendations instead: hit rate@3 against popularity, each customer's last order held out.")
    var evaluateRecommendations = false

    /// The longest a statement of the run may take. A segmentation's statements grow with the store: at five
    /// million customers (17 million orders) the aggregation outlasted the 30 s that bound a worker's lookups
    /// and the run failed. An hour still ends a statement a frozen server never answers; a URL that names its
    /// own `statement_timeout` overrides it.
    static let statementTimeout: Duration = .seconds(3_600)

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
        // Two connections: with --postgres alone the co-purchases are counted on the second (countCoPurchases).
        let pool = postgres.map { url in
            var options = PostgresConnectionOptions()
            options.statementTimeout = Self.statementTimeout
            return PostgresPool(url: url, size: 2, options: options)
        }
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
        let configuration = SegmentationConfiguration(churnHorizonDays: churnHorizonDays, timeUnitDays: timeUnit == "weeks" ? 7 : 1)

        if evaluateRecommendations {
            let history = try await readOrders(pool: pool)
            print(SegmentReport.render(RecommendationEvaluation.evaluate(orders: history)))
            return
        }
        if let calibrationEnd, let holdoutEnd {
            let history = try await readOrders(pool: pool)
            let report = try HoldoutEvaluation.evaluate(orders: history, calibrationEnd: calibrationEnd.date, holdoutEnd: holdoutEnd.date, configuration: configuration)
            print(SegmentReport.render(report))
            print("orders read: \(history.count); total \(SegmentReport.seconds(clock.now - started)) s; peak RSS \(PeakMemory.megabytes()) MB")
            return
        }
        let input = try await readFeatures(pool: pool, timeUnit: configuration.timeUnitDays)
        let read = clock.now
        let result = try Segmenter(configuration: configuration).segment(features: input.features, report: input.report, asOf: input.asOf)
        async let tableCoPurchases = countCoPurchases(pool: orders == nil ? pool : nil)
        if let out { try SegmentReport.write(result, asOf: input.asOf, to: out) }
        print(SegmentReport.render(result.summary, asOf: input.asOf))
        if let pool {
            let run = SegmentationRun(startedAt: startedAt, finishedAt: Date(), parameters: SegmentReport.runParameters(result.summary, asOf: input.asOf))
            let generation = try await SegmentationWriter(pool: pool).write(profiles: result.profiles, archetypes: result.archetypes, run: run)
            print("wrote \(result.profiles.count) profiles and \(result.archetypes.count) archetypes to PostgreSQL (cache generation \(generation))")
            let coPurchases = try await tableCoPurchases ?? input.coPurchases
            let affinities = coPurchases?.affinities() ?? .empty
            try await ItemAffinityRepository(pool: pool).write(affinities)
            print("wrote the co-purchase affinities of \(affinities.popular.count) items to PostgreSQL")
        }
        print("\(input.source) in \(SegmentReport.seconds(read - started)) s; total \(SegmentReport.seconds(clock.now - started)) s; peak RSS \(PeakMemory.megabytes()) MB")
    }

    /// The co-purchases of the `orders` table, counted over the second connection while the profiles are
    /// written over the first (one waits on PostgreSQL, the other on the processor; one after the other they
    /// took 12.8 s more at a million customers); `nil` without a `pool`.
    private func countCoPurchases(pool: PostgresPool?) async throws -> CoPurchaseCounter? {
        guard let pool else { return nil }
        return try await ItemAffinityRepository(pool: pool).coPurchases()
    }

    /// The customers' features as of `--as-of` (default: the day after the last order): folded from
    /// `--orders` as the file is read, or aggregated by PostgreSQL from the `orders` table.
    /// With `--orders` and `--postgres`, the file's co-purchases are counted on the same pass.
    private func readFeatures(pool: PostgresPool?, timeUnit: Double) async throws
        -> (features: [CustomerFeatures], report: FeatureReport, asOf: Date, source: String, coPurchases: CoPurchaseCounter?)
    {
        guard let orders else {
            // validate() guarantees --postgres when --orders is absent.
            let read = try await PurchaseSummaryReader(pool: pool!).features(cutoff: asOf?.date, timeUnit: timeUnit)
            guard let asOfDate = read.asOf else { throw ValidationError("no valid orders in the orders table") }
            return (read.features, read.report, asOfDate, "customers aggregated by PostgreSQL: \(read.features.count)", nil)
        }
        var accumulator = FeatureAccumulator(cutoff: asOf?.date)
        var coPurchases = pool == nil ? nil : CoPurchaseCounter()
        let rejected = try readFile(orders) { order in
            accumulator.add(order)
            coPurchases?.add(order)
        }
        guard accumulator.ordersRead > 0, let asOfDate = accumulator.asOf else { throw ValidationError("no valid orders in \(orders)") }
        return (accumulator.features(timeUnit: timeUnit), accumulator.report, asOfDate,
                "orders read: \(accumulator.ordersRead) (\(rejected) lines skipped)", coPurchases)
    }

    /// Every order of `--orders` or of the `orders` table (holdout evaluation needs them all).
    private func readOrders(pool: PostgresPool?) async throws -> [Order] {
        guard let orders else { return try await OrderHistoryReader(pool: pool!).allOrders() }
        var history: [Order] = []
        _ = try readFile(orders) { history.append($0) }
        guard !history.isEmpty else { throw ValidationError("no valid orders in \(orders)") }
        return history
    }

    /// Streams the orders of the file at `path` to `body`; bad lines are reported and skipped. Returns their number.
    private func readFile(_ path: String, _ body: (Order) -> Void) throws -> Int {
        let rejected: [RejectedLine]
        do {
            rejected = try OrderFileParser.read(contentsOf: path, format: format, body)
        } catch {
            throw ValidationError("cannot read \(path): \(error.reason)")
        }
        for line in rejected.prefix(20) { printError("skipped \(line)") }
        if rejected.count > 20 { printError("… \(rejected.count - 20) more lines skipped") }
        return rejected.count
    }
}

/// Writes a line to stderr.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
