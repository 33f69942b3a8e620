#if canImport(Glibc)
import Glibc
#endif

/// Searching and replacing in rendered HTML as UTF-8 bytes. Every view of every SOP passes through
/// here, so neither Foundation's `contains`/`range(of:)` (through NSString, UTF-16) nor the
/// standard library's `replacing(_:with:)` (by Character) may: together they were a quarter of a
/// build's time. Byte equality is what those did for the ASCII markup searched here.
enum UTF8Bytes {
    /// The offset of the first `needle` at or after `start`; nil when there is none.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start < haystack.count else { return nil }
        return haystack.withUnsafeBufferPointer { buffer -> Int? in
            let base = buffer.baseAddress!
            var index = start
            while index <= buffer.count - needle.count {
                guard let hit = memchr(base + index, Int32(first), buffer.count - index) else { return nil }
                let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if offset + needle.count <= buffer.count, memcmp(base + offset, needle, needle.count) == 0 { return offset }
                index = offset + 1
            }
            return nil
        }
    }

    /// `text` with each of `replacements` (searched left to right, not overlapping, each pair in
    /// turn) replaced; `text` itself, not copied, when none occurs.
    static func replacing(_ replacements: [(target: String, with: String)], in text: String) -> String {
        let bytes = Array(text.utf8)
        let replaced = replacing(replacements.map { (Array($0.target.utf8), Array($0.with.utf8)) }, in: bytes)
        return replaced.count == bytes.count && replaced == bytes ? text : String(decoding: replaced, as: UTF8.self)
    }

    /// `replacing(_:in:)` on bytes: what rendering uses, before the fragment becomes a `String`.
    static func replacing(_ replacements: [(target: [UInt8], with: [UInt8])], in text: [UInt8]) -> [UInt8] {
        var bytes = text
        for (needle, replacement) in replacements {
            guard var found = find(needle, in: bytes, from: 0) else { continue }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 256)
            var copiedUpTo = 0
            while true {
                output += bytes[copiedUpTo..<found]
                output += replacement
                copiedUpTo = found + needle.count
                guard let next = find(needle, in: bytes, from: copiedUpTo) else { break }
                found = next
            }
            output += bytes[copiedUpTo...]
            bytes = output
        }
        return bytes
    }
}
