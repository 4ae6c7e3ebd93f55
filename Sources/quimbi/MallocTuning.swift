import CJemalloc
import Foundation

/// Controls of quimbi's allocator, jemalloc, which the executable links in place of glibc's malloc:
/// under the worker's load glibc's allocator cost about a tenth of its CPU (`malloc`, `_int_free`,
/// `unlink_chunk`, `malloc_consolidate`), and jemalloc's thread caches about a third of that.
enum MallocTuning {
    /// How long freed pages stay with jemalloc before they go back to the system: one second, where
    /// jemalloc's default is ten. Under the worker's load, the pages freed between two bursts of tickets
    /// otherwise stay resident (peak RSS 147 MB instead of 152 MB in the side-by-side run, for about 3 %
    /// more CPU).
    static let dirtyDecayMilliseconds = 1_000

    /// Sets ``dirtyDecayMilliseconds`` on every arena and as the default of arenas created later, unless
    /// `MALLOC_CONF` sets `dirty_decay_ms` itself (an operator's setting wins).
    ///
    /// - Returns: jemalloc's error number, or `nil` when the decay time is set (or left to `MALLOC_CONF`).
    static func shortenDirtyDecay(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32? {
        if environment["MALLOC_CONF"]?.contains("dirty_decay_ms") == true { return nil }
        var decay = dirtyDecayMilliseconds
        if let error = write("arenas.dirty_decay_ms", &decay) { return error }
        var arenaCount: UInt32 = 0
        var size = MemoryLayout<UInt32>.size
        let status = mallctl("arenas.narenas", &arenaCount, &size, nil, 0)
        guard status == 0 else { return status }
        for arena in 0..<arenaCount {
            // An arena no thread has used yet is not initialized (EFAULT); it takes the default when it is.
            if let error = write("arena.\(arena).dirty_decay_ms", &decay), error != EFAULT { return error }
        }
        return nil
    }

    /// Hands the free pages of every arena back to the system at once, instead of over jemalloc's decay
    /// time. Building the generated in-memory store frees its working data (segmentation's, the packing's);
    /// call this once that data is gone.
    ///
    /// - Returns: jemalloc's error number, or `nil` when the pages were handed back.
    static func returnFreePages() -> Int32? {
        let status = mallctl("arena.\(MALLCTL_ARENAS_ALL).purge", nil, nil, nil, 0)
        return status == 0 ? nil : status
    }

    /// Writes `value` to the `ssize_t` control `name`; returns jemalloc's error number, or `nil`.
    private static func write(_ name: String, _ value: inout Int) -> Int32? {
        let status = mallctl(name, nil, nil, &value, MemoryLayout<Int>.size)
        return status == 0 ? nil : status
    }
}
