/// Values made once and kept for one fleet render, at most `limit` for each name (the first ones made), each found
/// by the equality of the key it was made from, so a name whose key differs every time costs at most `limit`
/// comparisons, each stopping at the first difference. Counts hits and misses. Safe to use from the threads
/// rendering a fleet's specs; two threads that miss at once both make the value, and the first kept stays.
final class BoundedMemo<Key: Equatable, Value>: @unchecked Sendable {
    /// How many values are kept per name.
    let limit: Int
    private let lock = Lock()
    private var entries: [String: [(key: Key, value: Value)]] = [:]
    private var hitCount = 0
    private var missCount = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// How many lookups found a value, and how many made one.
    var lookups: (hits: Int, misses: Int) {
        lock.withLock { (hitCount, missCount) }
    }

    /// The value kept under `name` for a key equal to `key`, or `make()`'s, kept while there is room.
    func value(_ name: String, _ key: Key, make: () -> Value) -> Value {
        let candidates = lock.withLock { entries[name] ?? [] }
        if let kept = candidates.first(where: { $0.key == key }) {
            lock.withLock { hitCount += 1 }
            return kept.value
        }
        let value = make()
        lock.withLock {
            missCount += 1
            if entries[name, default: []].count < limit { entries[name, default: []].append((key, value)) }
        }
        return value
    }
}
