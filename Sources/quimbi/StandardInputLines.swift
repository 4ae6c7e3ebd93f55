import Foundation
import QuimbiResilience

/// Lines of standard input, read on a dedicated thread so that the blocking reads stay off Swift's
/// cooperative thread pool.
enum StandardInputLines {
    static func stream() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .unbounded)
        NamedThread.start(name: "stdin") {
            while let line = readLine(strippingNewline: true) {
                continuation.yield(line)
            }
            continuation.finish()
        }
        return stream
    }
}
