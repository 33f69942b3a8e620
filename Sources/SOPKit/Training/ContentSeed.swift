import Crypto
import Foundation

/// The knowledge check's only source of "randomness": a SHA-256 of the text it orders. The same
/// pack gives the same questions, options and order on every machine and every day, and a change
/// to one policy reorders only what is built from that policy's text.
enum ContentSeed {
    /// A sort key for `parts`, joined with a separator no text of the pack contains.
    static func key(_ parts: String...) -> String {
        SHA256.hash(data: Data(parts.joined(separator: "\u{0}").utf8)).hexDigits
    }

    /// A number for a text: its key's first 60 bits, never negative.
    static func number(_ text: String) -> Int {
        Int(UInt64(key(text).prefix(15), radix: 16) ?? 0)
    }

    /// A short name for a text, stable wherever the text moves: the first 8 hex digits of its key.
    static func tag(_ text: String) -> String {
        String(key(text).prefix(8))
    }

    /// `items` in the order of their keys; equal keys keep their order.
    static func ordered<T>(_ items: [T], seed: String, text: (T) -> String) -> [T] {
        items.enumerated()
            .map { (key: key(seed, text($0.element)), index: $0.offset, item: $0.element) }
            .sorted { ($0.key, $0.index) < ($1.key, $1.index) }
            .map(\.item)
    }
}
