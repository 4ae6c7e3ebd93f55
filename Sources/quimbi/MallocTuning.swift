import CJemalloc

/// Controls of quimbi's allocator, jemalloc, which the executable links in place of glibc's malloc:
/// under the worker's load glibc's allocator cost about a tenth of its CPU (`malloc`, `_int_free`,
/// `unlink_chunk`, `malloc_consolidate`), and jemalloc's thread caches about a third of that.
enum MallocTuning {
    /// Hands the free pages of every arena back to the system at once, instead of over jemalloc's decay
    /// time. Building the generated in-memory store frees its working data (segmentation's, the packing's);
    /// call this once that data is gone.
    ///
    /// - Returns: jemalloc's error number, or `nil` when the pages were handed back.
    static func returnFreePages() -> Int32? {
        let status = mallctl("arena.\(MALLCTL_ARENAS_ALL).purge", nil, nil, nil, 0)
        return status == 0 ? nil : status
    }
}
