import Foundation
import ServiceLifecycle

/// A service that returns once this process's parent is no longer process `parentID` (it died, and the
/// process was handed to another), or once a graceful shutdown begins. Run with
/// `successTerminationBehavior: .gracefullyShutdownGroup`, it stops its group when the parent is gone: no
/// signal is involved, so a parent that ignores SIGTERM, or a watch that starts before the group handles
/// signals, makes no difference.
struct ParentProcessWatch: Service {
    /// The expected parent's process id.
    let parentID: Int32
    /// How often the parent is checked.
    private static let interval = Duration.milliseconds(200)

    func run() async throws {
        while getppid() == parentID, !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await Task.sleep(for: Self.interval)
        }
    }
}
