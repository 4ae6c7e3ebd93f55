import ArgumentParser
import Foundation
import QuimbiCore
import QuimbiOutcomes
import QuimbiStore

/// `quimbi outcomes report`: the retention report as JSON.
struct OutcomesReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "What retention offers bought: conversion of offered and held-out decisions within a window, uplift with its 95 % interval, revenue net of discounts; per offer, intent, archetype and churn band (JSON).",
        discussion: "Reads retention_decisions (written by `quimbi outcomes record`) and orders. Decisions whose window has not closed are counted as pending; a group with fewer than --min-per-arm closed decisions in either arm reports 'not enough data yet'.")

    @OptionGroup var store: StoreConnectionOptions

    @Option(help: "Days after a decision in which a next order counts: 30, 60 or 90.")
    var windowDays: Int = 30

    @Option(help: "Date of the report, YYYY-MM-DD or RFC 3339 (default: now).")
    var asOf: DateArgument?

    @Option(help: "Closed decisions each arm needs before a group's effect is reported.")
    var minPerArm: Int = 30

    func validate() throws {
        guard [30, 60, 90].contains(windowDays) else { throw ValidationError("--window-days must be 30, 60 or 90") }
        guard minPerArm >= 1 else { throw ValidationError("--min-per-arm must be at least 1") }
    }

    func run() async throws {
        let pool = PostgresPool(url: try store.postgresURL(), size: 1)
        do {
            let reportTime = asOf?.date ?? Date()
            let tallies = try await OutcomeRepository(pool: pool).offerTallies(withinDays: windowDays, asOf: reportTime)
            await pool.close()
            let report = RetentionReport(tallies: tallies, asOf: reportTime, windowDays: windowDays, minimumPerArm: minPerArm)
            let encoder = QuimbiJSON.makeEncoder()
            encoder.outputFormatting.insert(.prettyPrinted)
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        } catch {
            await pool.close()
            FileHandle.standardError.write(Data("quimbi outcomes report: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
