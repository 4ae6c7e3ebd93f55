/// The pace of sends, counted in consecutive windows of a fixed length, to tell whether sends are few: no more
/// than `limit` in the last full window, and in the current one so far.
///
/// I/O-free: the caller says when, as the time elapsed since a fixed origin of its choosing.
struct SendPace: Sendable {
    /// The length of a window.
    let window: Duration
    /// The most sends a window holds while sends are few.
    let limit: Int
    /// Which window is the current one: the time elapsed divided by the window's length, rounded down.
    private var currentWindow: Int64 = 0
    private var inCurrentWindow = 0
    private var inPreviousWindow = 0

    /// A pace of `sendsPerSecond` at most, counted over windows of `window`.
    init(sendsPerSecond: Int, window: Duration) {
        precondition(window > .zero, "a pace is counted over windows of some length")
        self.window = window
        limit = Int((Double(sendsPerSecond) * (window / .seconds(1))).rounded(.down))
    }

    /// Counts a send at `time`, and says whether sends are few, this one included. A time earlier than the last
    /// one given counts in the current window.
    mutating func countSend(at time: Duration) -> Bool {
        let timeWindow = Int64((time / window).rounded(.down))
        if timeWindow > currentWindow {
            inPreviousWindow = timeWindow == currentWindow + 1 ? inCurrentWindow : 0
            inCurrentWindow = 0
            currentWindow = timeWindow
        }
        inCurrentWindow += 1
        return inPreviousWindow <= limit && inCurrentWindow <= limit
    }
}
