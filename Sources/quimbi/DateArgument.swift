import ArgumentParser
import Foundation
import QuimbiCore

/// A date flag: `YYYY-MM-DD` (midnight UTC) or an RFC 3339 timestamp.
struct DateArgument: ExpressibleByArgument, Sendable {
    let date: Date

    init?(argument: String) {
        if let date = RFC3339.date(from: argument) {
            self.date = date
        } else if let date = RFC3339.date(from: argument + "T00:00:00Z"), argument.count == 10 {
            self.date = date
        } else {
            return nil
        }
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
