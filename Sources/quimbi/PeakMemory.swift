import Foundation

/// Peak resident set size, in megabytes to one decimal.
enum PeakMemory {
    /// This process's.
    static func megabytes() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return megabytes(kilobytes: Double(usage.ru_maxrss))
    }

    /// Another running process's (`VmHWM` in `/proc/ID/status`); nil when it cannot be read.
    static func megabytes(ofProcess processID: Int32) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(processID)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return megabytes(kilobytes: kilobytes)
    }

    private static func megabytes(kilobytes: Double) -> Double {
        (kilobytes / 1_024 * 10).rounded() / 10
    }
}
