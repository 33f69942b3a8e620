#if canImport(Glibc)
import Glibc
#endif

/// Searching and replacing in rendered HTML as UTF-8 bytes. Every view of every SOP passes through
/// here, so neither Foundation's `contains`/`range(of:)` (through NSString, UTF-16) nor the
/// standard library's `replacing(_:with:)` (by Character) may: together they were a quarter of a
/// build's time. Byte equality is what those did for the ASCII markup searched here.
enum UTF8Bytes {
    /// The offset of the first `needle` at or after `start`; nil when there is none. `memchr` looks
    /// for the needle's least common byte in HTML (`commonness`), not its first: the needles start
    /// with `<` or a space, which come every few bytes, and each false hit costs a `memcmp`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, start < haystack.count, needle.count <= haystack.count - start else { return nil }
        var anchor = 0
        for (offset, byte) in needle.enumerated() where commonness[Int(byte)] < commonness[Int(needle[anchor])] { anchor = offset }
        let anchorByte = Int32(needle[anchor])
        return haystack.withUnsafeBufferPointer { buffer -> Int? in
            needle.withUnsafeBufferPointer { needleBuffer -> Int? in
                let base = buffer.baseAddress!
                // The needle would start at `index`; its anchor byte is searched from `index + anchor`.
                var index = start
                let last = buffer.count - needle.count
                while index <= last {
                    guard let hit = memchr(base + index + anchor, anchorByte, last - index + 1) else { return nil }
                    let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - anchor
                    if memcmp(base + offset, needleBuffer.baseAddress!, needle.count) == 0 { return offset }
                    index = offset + 1
                }
                return nil
            }
        }
    }

    /// Whether `bytes` are valid UTF-8 (Unicode's table 3-7: no overlong form, surrogate, scalar
    /// past U+10FFFF or cut sequence): what `String(validating:as:)` says of them, eight ASCII
    /// bytes at a time. A rendering is mostly ASCII, and the standard library checks a byte at a
    /// time.
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let count = raw.count
            var index = 0
            while index < count {
                if index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
                let lead = raw[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                // The second byte's range, and how many bytes the scalar takes.
                let second: ClosedRange<UInt8>, length: Int
                switch lead {
                case 0xC2...0xDF: (second, length) = (0x80...0xBF, 2)
                case 0xE0: (second, length) = (0xA0...0xBF, 3)
                case 0xE1...0xEC, 0xEE...0xEF: (second, length) = (0x80...0xBF, 3)
                case 0xED: (second, length) = (0x80...0x9F, 3)
                case 0xF0: (second, length) = (0x90...0xBF, 4)
                case 0xF1...0xF3: (second, length) = (0x80...0xBF, 4)
                case 0xF4: (second, length) = (0x80...0x8F, 4)
                default: return false
                }
                guard index + length <= count, second.contains(raw[index + 1]) else { return false }
                for offset in 2..<length where !(0x80...0xBF).contains(raw[index + offset]) { return false }
                index += length
            }
            return true
        }
    }

    /// `bytes`, with each invalid sequence replaced by U+FFFD as `String(decoding:as:)` does; the
    /// same array when they are valid.
    static func repaired(_ bytes: [UInt8]) -> [UInt8] {
        isValid(bytes) ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// Whether two runs of bytes are equal (`memcmp`).
    static func same(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>) -> Bool {
        first.count == second.count && (first.isEmpty || memcmp(first.baseAddress!, second.baseAddress!, first.count) == 0)
    }

    static func same(_ first: [UInt8], _ second: [UInt8]) -> Bool {
        first.withUnsafeBufferPointer { a in second.withUnsafeBufferPointer { b in same(a, b) } }
    }

    /// How often a byte comes in the HTML cmark-gfm writes, roughly (higher: more often): white
    /// space, lower-case letters, markup punctuation and `-` (ids) often; digits, `#`, `=` and the bytes of
    /// other scalars rarely. Only the speed of `find` depends on it.
    private static let commonness: [UInt8] = {
        var table = [UInt8](repeating: 10, count: 256)
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = 30 }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = 20 }
        for (rank, letter) in "zqxjkvbpygfwmucldrhsnioate".utf8.enumerated() { table[Int(letter)] = UInt8(40 + rank * 6) }
        for byte in "<>/\"-".utf8 { table[Int(byte)] = 200 }
        for byte in " \n".utf8 { table[Int(byte)] = 250 }
        return table
    }()

    /// `text` with each of `replacements` (searched left to right, not overlapping, each pair in
    /// turn) replaced; `text` itself, not copied, when none occurs.
    static func replacing(_ replacements: [(target: String, with: String)], in text: String) -> String {
        let bytes = Array(text.utf8)
        let replaced = replacing(replacements.map { (Array($0.target.utf8), Array($0.with.utf8)) }, in: bytes)
        return replaced.count == bytes.count && replaced == bytes ? text : String(decoding: replaced, as: UTF8.self)
    }

    /// `replacing(_:in:)` on bytes: what rendering uses.
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
