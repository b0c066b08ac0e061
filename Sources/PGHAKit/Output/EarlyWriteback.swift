import Dispatch
import CSystemCalls

/// Starts writing a staged tree's data to disk while the render goes on, so that the flush before the swap, which
/// waits for all of it, finds little left to write: after every `threshold` bytes staged, one `syncfs` of the staging
/// directory's file system runs on a background queue, never two at once. A fleet written into a new directory then
/// overlaps its disk writes with rendering (1,000 guide-sized specs: about an eighth less wall time); one spec stages
/// too little to start any. Its errors are the final flush's to report: this one only starts the work early.
final class EarlyWriteback: @unchecked Sendable {
    /// The bytes staged between two early flushes.
    let threshold: Int
    /// Flushes the file system of the open directory it is given (`syncfs`).
    private let flush: @Sendable (Int32) -> Void
    /// The staging directory, open; it must stay open until `finish()` returns.
    private let descriptor: Int32
    private let queue = DispatchQueue(label: "pgha.early-writeback")
    private let state = Lock()
    /// Bytes staged since the last early flush started.
    private var pending = 0
    /// Whether an early flush is running or queued.
    private var running = false

    /// Early flushes of `descriptor`'s file system every `threshold` bytes, with `flush` (Linux `syncfs`; none
    /// elsewhere, where the final flush is a `sync` of everything).
    init(descriptor: Int32, threshold: Int = 16 << 20, flush: (@Sendable (Int32) -> Void)? = nil) {
        self.descriptor = descriptor
        self.threshold = threshold
        #if os(Linux)
        self.flush = flush ?? { _ = pgha_syncfs($0) }
        #else
        self.flush = flush ?? { _ in }
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
            flush(descriptor)
            state.withLock { running = false }
        }
    }

    /// Waits for a running early flush to end: before the final flush, and before the directory is closed.
    func finish() {
        queue.sync {}
    }
}
