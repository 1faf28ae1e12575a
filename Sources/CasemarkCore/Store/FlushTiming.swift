import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Time spent waiting for saves to reach the disk (`fsync` of files and folders), added up over
/// the process, so the benchmark can show an answer's cost with and without the flushes.
public enum FlushTiming {
    private static let total = Atomic<UInt64>(0)

    /// Nanoseconds spent in flushes since the process started.
    public static var nanoseconds: UInt64 { total.load(ordering: .relaxed) }

    static func timed(_ flush: () -> Int32) -> Int32 {
        let start = monotonicNanoseconds()
        let result = flush()
        total.add(monotonicNanoseconds() &- start, ordering: .relaxed)
        return result
    }

    /// A monotonic clock in nanoseconds.
    public static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
