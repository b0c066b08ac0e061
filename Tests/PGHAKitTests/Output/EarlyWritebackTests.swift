import Dispatch
import Foundation
import Testing
@testable import PGHAKit

/// The early flushes of a staged tree: when they start, and that they never overlap.
@Suite struct EarlyWritebackTests {
    /// What the flushes the writeback started did.
    final class Probe: @unchecked Sendable {
        let lock = Lock()
        var calls = 0
        var running = 0
        var overlapped = false
        var descriptors: Set<Int32> = []
    }

    @Test func aFlushStartsPastEachThresholdAndNeverTwoAtOnce() {
        let probe = Probe()
        let writeback = EarlyWriteback(descriptor: 7, threshold: 100) { descriptor in
            probe.lock.withLock {
                probe.calls += 1
                probe.running += 1
                probe.overlapped = probe.overlapped || probe.running > 1
                probe.descriptors.insert(descriptor)
            }
            usleep(2_000)
            probe.lock.withLock { probe.running -= 1 }
            return 0
        }
        writeback.staged(99)
        writeback.finish()
        #expect(probe.calls == 0)
        writeback.staged(1)
        writeback.finish()
        #expect(probe.calls == 1)
        // 12,000 bytes from many threads at once: a flush starts past the threshold whenever none is running.
        DispatchQueue.concurrentPerform(iterations: 200) { _ in writeback.staged(60) }
        writeback.finish()
        #expect(probe.calls >= 2 && probe.calls <= 121)
        #expect(!probe.overlapped)
        #expect(probe.descriptors == [7])
        #expect(writeback.finish() == 0)
    }

    /// A review's repro: the kernel reports a failed write-back to one `syncfs` of a descriptor only, so an early
    /// flush that got it and dropped it let the final flush succeed over data that never reached the disk.
    @Test func theFirstFailureOfAnEarlyFlushIsKeptForTheCommit() {
        let calls = Probe()
        let writeback = EarlyWriteback(descriptor: 7, threshold: 10) { _ in
            calls.lock.withLock {
                calls.calls += 1
                return calls.calls == 1 ? EIO : calls.calls == 2 ? ENOSPC : 0
            }
        }
        #expect(writeback.finish() == 0)
        for _ in 0..<3 {
            writeback.staged(10)
            _ = writeback.finish()
        }
        #expect(calls.calls == 3)
        #expect(writeback.finish() == EIO)
    }
}
