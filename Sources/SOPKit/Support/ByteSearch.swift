#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding bytes in bytes (`memchr`, then `memcmp`): a rendered page's UTF-8, searched without
/// going through `String` (by Character) or Foundation (through UTF-16).
enum ByteSearch {
    /// The offset of the first `needle` at or after `start`; nil when there is none.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        haystack.withUnsafeBufferPointer { find(needle, in: $0, from: start) }
    }

    /// `find` in a slice; the offset is the slice's own index (`haystack.startIndex`-based).
    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard start >= haystack.startIndex else { return nil }
        let base = haystack.startIndex
        return haystack.withUnsafeBufferPointer { find(needle, in: $0, from: start - base) }.map { $0 + base }
    }

    /// How often `needle` occurs in `haystack`, the occurrences not overlapping.
    static func count(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int {
        haystack.withUnsafeBufferPointer { buffer in
            var found = 0, index = 0
            while let at = find(needle, in: buffer, from: index) { found += 1; index = at + needle.count }
            return found
        }
    }

    private static func find(_ needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, start + needle.count <= buffer.count else { return nil }
        let base = buffer.baseAddress!
        var index = start
        while index <= buffer.count - needle.count {
            guard let hit = memchr(base + index, Int32(needle[0]), buffer.count - needle.count + 1 - index) else { return nil }
            let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + offset, needle, needle.count) == 0 { return offset }
            index = offset + 1
        }
        return nil
    }

    /// Whether two runs of bytes are equal, compared with `memcmp`.
    static func same(_ first: ArraySlice<UInt8>, _ second: ArraySlice<UInt8>) -> Bool {
        guard first.count == second.count else { return false }
        return first.withUnsafeBufferPointer { a in second.withUnsafeBufferPointer { b in same(a, b) } }
    }

    /// Whether two runs of bytes are equal, compared with `memcmp`.
    static func same(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>) -> Bool {
        first.count == second.count && (first.isEmpty || memcmp(first.baseAddress!, second.baseAddress!, first.count) == 0)
    }
}
