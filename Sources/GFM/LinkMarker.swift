/// The marker address a link gets while views of one document are rendered together
/// (`GFMDocument.render(sharing:)`): its number as eight hex digits spelled with the letters `a`–`p`
/// in one rendering and `A`–`P` in the other. Letters are written as they are in an `href`, and
/// every byte of a marker differs between the two renderings, so the bytes where the renderings
/// differ are exactly the markers; text that happens to spell one is alike in both and left alone.
enum LinkMarker {
    static let length = 8

    /// Link number `number` spelled from `letters` (`a` or `A`).
    static func text(_ number: Int, letters: UInt8) -> String {
        let bytes = (0..<length).reversed().map { letters + UInt8((number >> (4 * $0)) & 0xF) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Where each marker is in `lower` (markers spelled `a`–`p`) and its link number, in order,
    /// found against `upper` (the same rendering with `A`–`P`); nil unless the two differ only in
    /// whole markers of numbers below `count`.
    static func places(in lower: [UInt8], against upper: [UInt8], count: Int) -> [(offset: Int, number: Int)]? {
        guard lower.count == upper.count else { return nil }
        return lower.withUnsafeBytes { a in
            upper.withUnsafeBytes { b -> [(offset: Int, number: Int)]? in
                var places: [(offset: Int, number: Int)] = []
                var index = 0
                let total = a.count
                while index < total {
                    // Alike eight bytes at a time: a rendering is mostly alike.
                    if index + 8 <= total, a.loadUnaligned(fromByteOffset: index, as: UInt64.self) == b.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                        index += 8
                        continue
                    }
                    guard a[index] != b[index] else {
                        index += 1
                        continue
                    }
                    // A marker starts here: eight letters that differ, then a byte alike (or the end).
                    guard index + length <= total else { return nil }
                    var number = 0
                    for offset in index..<(index + length) {
                        let low = a[offset], high = b[offset]
                        guard (UInt8(ascii: "a")...UInt8(ascii: "p")).contains(low), high == low - 32 else { return nil }
                        number = number << 4 | Int(low - UInt8(ascii: "a"))
                    }
                    let end = index + length
                    guard number < count, end == total || a[end] == b[end] else { return nil }
                    places.append((index, number))
                    index = end
                }
                return places
            }
        }
    }
}
