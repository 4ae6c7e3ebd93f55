import CE5

/// Lowers the calling thread's scheduling priority, so that it gets only the processor time that
/// threads of normal priority leave.
///
/// The engine threads are put in Linux's idle scheduling class: they run only on a processor no other
/// thread wants. A niceness is not enough: at niceness 10 they took a tenth of the processors from a
/// saturated pipeline, for a dozen model readings in 60,000 tickets. At moderate loads the model reads as
/// many tickets in either class, on the processor time the pipeline leaves.
enum LowerPriority {
    /// What the thread was given.
    enum Applied: Equatable {
        /// The idle scheduling class (`SCHED_IDLE`).
        case idleClass
        /// The lowest niceness, 19, where the idle class is refused.
        case lowestNiceness
        /// Neither: the thread kept its priority.
        case unchanged
    }

    @discardableResult
    static func applyToCurrentThread() -> Applied {
        switch quimbi_e5_run_thread_when_idle() {
        case 1: .idleClass
        case 0: .lowestNiceness
        default: .unchanged
        }
    }
}
