import CMalloc

/// glibc allocator controls for quimbi's long-running processes.
enum MallocTuning {
    /// Hands the heap's free pages back to the system. Building the generated in-memory store frees
    /// about 20 MB (the orders before indexing, segmentation's working data) that glibc would
    /// otherwise keep for the life of the process: an idle worker over the 27,415-customer store held
    /// 134 MB, and holds 113 MB after this.
    static func returnFreePages() {
        _ = malloc_trim(0)
    }

    /// Arenas glibc may create; by default up to eight per core.
    static let arenaLimit: Int32 = 2

    /// Keeps the ticket-handling threads to ``arenaLimit`` heaps. Without a limit each thread that
    /// allocates (the cooperative pool, librdkafka's broker threads, the intent model's threads) soon
    /// has an arena of its own, and memory one thread frees is not reused by the others: a loaded
    /// worker peaked at 207–217 MB, and at 193–196 MB with two arenas, at the same throughput
    /// (side-by-side tickets, one sitting). Call before the process starts its threads.
    static func limitArenas() {
        _ = mallopt(M_ARENA_MAX, arenaLimit)
    }
}
