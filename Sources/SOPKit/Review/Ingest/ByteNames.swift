#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        for entry in entries where entry.bytes.count == bytes.count {
            if entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base, bytes.count) }) == 0 { return entry.value }
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

/// Texts that repeat from row to row (policy ids, reviewer notes) made once: a cell's bytes are
/// matched against the last texts made, so a repeated value costs a comparison, not a new
/// `String` (most policy ids are too long to be held inline). At most `capacity` texts are kept,
/// the oldest replaced first.
struct TextInterner {
    static let capacity = 16
    private var entries: [(bytes: [UInt8], text: String)] = []
    private var next = 0
    private let making: (UnsafeBufferPointer<UInt8>) -> String

    /// `making` makes the text of bytes not seen lately: by default their UTF-8 decoded as
    /// `String(decoding:as:)` does.
    init(making: @escaping (UnsafeBufferPointer<UInt8>) -> String = { String(decoding: $0, as: UTF8.self) }) {
        self.making = making
    }

    /// The text of `bytes`, made by `making` once while it repeats.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        for entry in entries where entry.bytes.count == bytes.count {
            if bytes.isEmpty || entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) }) == 0 {
                return entry.text
            }
        }
        let text = making(bytes)
        if entries.count < Self.capacity {
            entries.append((Array(bytes), text))
        } else {
            entries[next] = (Array(bytes), text)
            next = (next + 1) % Self.capacity
        }
        return text
    }
}
