import Testing
@testable import SOPKit

/// `ByteSearch` answers what a plain scan of the bytes answers, in arrays and in slices that do
/// not start at zero (a slice's offsets are its own indices).
@Suite struct ByteSearchTests {
    /// The first `needle` at or after `start`, by comparing every position.
    static func scan(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty, start >= haystack.startIndex, haystack.endIndex - start >= needle.count else { return nil }
        return (start...(haystack.endIndex - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    static let texts = ["", "a", "aside", "<aside class=\"role-block\"></aside><aside", "aaaa", "</p></p>x</p", "ééaside"]
    static let needles = ["a", "aa", "aside", "</p>", "<aside class=\"role-block", "é"]

    @Test func findingInASliceAgreesWithAScan() {
        for text in Self.texts {
            let bytes = Array(("xyz" + text).utf8)
            for cut in 0...min(3, bytes.count) {
                let slice = bytes[cut...]
                for needle in Self.needles.map({ Array($0.utf8) }) {
                    for start in slice.startIndex...slice.endIndex {
                        #expect(ByteSearch.find(needle, in: slice, from: start) == Self.scan(needle, in: slice, from: start),
                                "\(needle) in \(text) cut \(cut) from \(start)")
                    }
                    var expected = 0, index = slice.startIndex
                    while let at = Self.scan(needle, in: slice, from: index) { expected += 1; index = at + needle.count }
                    #expect(ByteSearch.count(needle, in: slice) == expected)
                    #expect(ByteSearch.find(needle, in: Array(slice), from: 0) == Self.scan(needle, in: Array(slice)[...], from: 0))
                }
            }
        }
    }
}
