import CE5

/// Lowers the calling thread's scheduling priority, so that it gets only the processor time that
/// threads of normal priority leave.
enum LowerPriority {
    /// The niceness the engine threads run at (0 is normal, 19 the lowest).
    static let niceness: Int32 = 10

    static func applyToCurrentThread() {
        _ = quimbi_e5_lower_thread_priority(niceness)
    }
}
