import CThreadName
import Foundation

/// Starts OS threads whose names show in `top -H`, `perf` and `/proc/<pid>/task/*/comm`.
///
/// On Linux, Foundation's `Thread.name` set before `start()` never reaches the kernel: the thread keeps
/// the name of the thread that created it (often a cooperative-pool thread, `com.apple.root.default-qos`),
/// so a worker's poll, delivery-report and model threads could not be told apart. The new thread names
/// itself (`pthread_setname_np`), cut to the kernel's 15 bytes.
public enum NamedThread {
    /// The kernel's limit on a thread name, without the terminating zero.
    public static let maximumNameBytes = 15

    /// Starts `body` on a new thread called `name` (cut to ``maximumNameBytes`` at a character boundary),
    /// with `stackSize` bytes of stack when given.
    public static func start(name: String, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) {
        let kernelName = kernelName(for: name)
        let thread = Thread {
            _ = quimbi_name_current_thread(kernelName)
            body()
        }
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
    }

    /// `name` cut to at most ``maximumNameBytes`` bytes of UTF-8 without splitting a character.
    public static func kernelName(for name: String) -> String {
        var result = ""
        for character in name {
            guard result.utf8.count + character.utf8.count <= maximumNameBytes else { break }
            result.append(character)
        }
        return result
    }
}
