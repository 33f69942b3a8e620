/// The names of a closed set of values (event kinds, surfaces, risks) matched on UTF-8 bytes, so a
/// row's cell or a stored column is told without making a `String` of it: the same answer as the
/// value's `init(rawValue:)` on the text, exact and case-sensitive.
struct ByteNames<Value: Sendable>: Sendable {
    private let entries: [(bytes: [UInt8], value: Value)]

    init(_ pairs: [(String, Value)]) {
        entries = pairs.map { (Array($0.0.utf8), $0.1) }
    }

    /// The value named by exactly `bytes`, or nil.
    func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        guard !bytes.isEmpty else { return nil }
        for entry in entries where entry.bytes.count == bytes.count && entry.bytes.withUnsafeBufferPointer({ ByteSearch.same($0, bytes) }) {
            return entry.value
        }
        return nil
    }
}

extension ActivityEvent.Kind {
    static let byteNames = ByteNames(allCases.map { ($0.rawValue, $0) })
}

extension Surface {
    static let byteNames = ByteNames(allCases.map { ($0.rawValue, $0) })
}

extension Policy.Risk {
    static let byteNames = ByteNames(allCases.map { ($0.rawValue, $0) })
}
