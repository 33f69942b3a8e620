import Foundation

/// A value computed the first time it is read, by whichever thread reads it first, then kept.
final class Once<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var computed: Value?
    private let compute: @Sendable () -> Value

    init(_ compute: @escaping @Sendable () -> Value) {
        self.compute = compute
    }

    var value: Value {
        lock.withLock {
            if let computed { return computed }
            let value = compute()
            computed = value
            return value
        }
    }
}
