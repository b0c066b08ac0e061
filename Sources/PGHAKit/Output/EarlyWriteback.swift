import CSystemCalls
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts writing a staged tree's data to disk while the render goes on, so that the flush before the swap, which
/// waits for all of it, finds little left to write: after every `threshold` bytes staged, one `syncfs` of the staging
/// directory's file system runs on a background queue, never two at once. A fleet written into a new directory then
/// overlaps its disk writes with rendering (1,000 guide-sized specs: about an eighth less wall time); one spec stages
/// too little to start any. The kernel reports a failed write-back to one `syncfs` of a descriptor only, so the first
/// error an early flush gets is kept for `finish()` to return: the commit fails with it as with the final flush's.
final class EarlyWriteback: @unchecked Sendable {
    /// The bytes staged between two early flushes.
    let threshold: Int
    /// Flushes the file system of the open directory it is given: 0, or the `errno` of its failure.
    private let flush: @Sendable (Int32) -> Int32
    /// The staging directory, open; it must stay open until `finish()` returns.
    private let descriptor: Int32
    private let queue = DispatchQueue(label: "pgha.early-writeback")
    private let state = Lock()
    /// Bytes staged since the last early flush started.
    private var pending = 0
    /// Whether an early flush is running or queued.
    private var running = false
    /// The `errno` of the first early flush that failed; 0 while none has.
    private var failure: Int32 = 0

    /// Early flushes of `descriptor`'s file system every `threshold` bytes, with `flush` (Linux `syncfs`; none
    /// elsewhere, where the final flush is a `sync` of everything).
    init(descriptor: Int32, threshold: Int = 16 << 20, flush: (@Sendable (Int32) -> Int32)? = nil) {
        self.descriptor = descriptor
        self.threshold = threshold
        #if os(Linux)
        self.flush = flush ?? { pgha_syncfs($0) == 0 ? 0 : errno }
        #else
        self.flush = flush ?? { _ in 0 }
        #endif
    }

    /// Counts `bytes` more staged; past `threshold`, starts an early flush unless one is running.
    func staged(_ bytes: Int) {
        let start = state.withLock { () -> Bool in
            pending += bytes
            guard pending >= threshold, !running else { return false }
            pending = 0
            running = true
            return true
        }
        guard start else { return }
        queue.async { [self] in
            let result = flush(descriptor)
            state.withLock {
                running = false
                if failure == 0 { failure = result }
            }
        }
    }

    /// Waits for a running early flush to end (before the final flush, and before the directory is closed), and
    /// returns the `errno` of the first early flush that failed, or 0.
    @discardableResult
    func finish() -> Int32 {
        queue.sync {}
        return state.withLock { failure }
    }
}
