import CMalloc

/// glibc allocator controls for quimbi's long-running processes.
enum MallocTuning {
    /// Hands the heap's free pages back to the system. Building the generated in-memory store frees
    /// its working data (segmentation's, the packing's) that glibc would otherwise keep for the life of
    /// the process. Call it once that data is gone: an idle worker over the 27,415-customer store holds
    /// 94 MB after it, and held 150 MB when it ran while the generated orders were still alive.
    static func returnFreePages() {
        _ = malloc_trim(0)
    }
}
