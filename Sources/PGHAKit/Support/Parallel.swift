import Dispatch

/// Data-parallel loops over every core, for pure per-item work such as compiling independent specs.
enum Parallel {
    /// `transform` applied to each index of `0..<count`, spread over the cores; results in index order.
    static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots.base.advanced(by: index).initialize(to: transform(index))
            }
            initialized = count
        }
    }

    /// The result buffer, shared by the workers: each writes only its own slot, and the buffer outlives the loop.
    private struct Slots<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>
    }
}
