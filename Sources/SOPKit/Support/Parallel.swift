import Foundation

/// Pure work spread over every core, results in index order: the output does not depend on which
/// thread finished first.
enum Parallel {
    static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(transform) }
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, transform($0)) }
        return slots.values
    }

    /// One slot per index, each written by exactly one iteration.
    private final class Slots<T>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = NSLock()

        init(_ count: Int) { storage = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: T) { lock.withLock { storage[index] = value } }

        var values: [T] { lock.withLock { storage.map { $0! } } }
    }
}
