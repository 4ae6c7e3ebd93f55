import CJemalloc

/// Controls of quimbi's allocator, jemalloc, which the executable links in place of glibc's malloc:
/// under the worker's load glibc's allocator cost about a tenth of its CPU (`malloc`, `_int_free`,
/// `unlink_chunk`, `malloc_consolidate`), and jemalloc's thread caches about a third of that.
enum MallocTuning {
    /// `MALLCTL_ARENAS_ALL`, which the C header defines as a macro Swift does not import.
    private static let allArenas = 4_096

    /// Hands the free pages of every arena back to the system at once, instead of over jemalloc's decay
    /// time. Building the generated in-memory store frees its working data (segmentation's, the packing's);
    /// call this once that data is gone.
    static func returnFreePages() {
        _ = mallctl("arena.\(allArenas).purge", nil, nil, nil, 0)
    }
}
