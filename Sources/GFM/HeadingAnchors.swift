#if canImport(Glibc)
import Glibc
#endif

/// Gives every heading a stable id, unique within the fragment (see `HeadingIDAllocator`). cmark-gfm
/// has no option for it, so each heading carries a reserved marker scalar, replaced here by the `id`
/// attribute after rendering. Works on UTF-8 bytes: this runs once per rendered view, on every page
/// of a build. With a prefix (several documents on one page), footnote ids get it too.
public enum HeadingAnchors {
    private static let marker = Array(GFMReserved.headingMarker.utf8)
    private static let footnoteMark = Array("data-footnote".utf8)

    public static func apply(to html: String, idPrefix: String, reservedIDs: Set<String> = []) -> GFMRendering {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 256)
        var headings: [GFMHeading] = []
        var allocator = HeadingIDAllocator(reserved: existingIDs(in: bytes), prefix: idPrefix, reservedOnPage: reservedIDs)
        var index = 0
        var copiedUpTo = 0
        while let found = UTF8Bytes.find(marker, in: bytes, from: index) {
            // cmark writes `<hN>` immediately before the marker.
            guard found >= 4, bytes[found - 4] == UInt8(ascii: "<"), bytes[found - 3] == UInt8(ascii: "h"),
                  (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[found - 2]), bytes[found - 1] == UInt8(ascii: ">") else {
                output += bytes[copiedUpTo..<found]
                index = found + marker.count
                copiedUpTo = index
                continue
            }
            let level = Int(bytes[found - 2] - UInt8(ascii: "0"))
            let innerStart = found + marker.count
            let close = Array("</h\(level)>".utf8)
            let innerEnd = UTF8Bytes.find(close, in: bytes, from: innerStart) ?? bytes.count
            let text = plainText(fromHTML: bytes[innerStart..<innerEnd])
            let id = allocator.id(for: slugify(text))
            headings.append(GFMHeading(level: level, id: id, text: text))
            output += bytes[copiedUpTo..<(found - 1)]
            output += Array(" id=\"\(id)\">".utf8)
            index = innerStart
            copiedUpTo = innerStart
        }
        guard copiedUpTo > 0 else { return GFMRendering(html: prefixingFootnotes(html, with: idPrefix), headings: headings) }
        output += bytes[copiedUpTo...]
        return GFMRendering(html: prefixingFootnotes(String(decoding: output, as: UTF8.self), with: idPrefix), headings: headings)
    }

    /// The values of the `id` attributes cmark wrote (footnotes; raw HTML when it is allowed).
    static func existingIDs(in bytes: [UInt8]) -> Set<String> {
        let attribute = Array(" id=\"".utf8)
        var ids: Set<String> = []
        var index = 0
        while let found = UTF8Bytes.find(attribute, in: bytes, from: index) {
            let start = found + attribute.count
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            ids.insert(String(decoding: bytes[start..<end], as: UTF8.self))
            index = end
        }
        return ids
    }

    /// cmark names footnotes `fn-LABEL` and their references `fnref-LABEL[-N]`; on a page of several
    /// documents the same label would repeat, so they take the documents' prefix. Quotes are escaped
    /// in text, so these attribute spellings only occur in tags.
    static func prefixingFootnotes(_ html: String, with prefix: String) -> String {
        // Searched as bytes: `String.contains` would go through Foundation, a tenth of a build's time.
        guard !prefix.isEmpty, UTF8Bytes.find(footnoteMark, in: Array(html.utf8), from: 0) != nil else { return html }
        return UTF8Bytes.replacing([("id=\"fn", "id=\"" + prefix + "fn"), ("href=\"#fn", "href=\"#" + prefix + "fn")], in: html)
    }

    /// GitHub's rule: lower case, drop punctuation other than `-` and `_`, spaces become `-`.
    public static func slugify(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): bytes.append(byte)
                case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
                default: break
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var slug = ""
        for character in text.lowercased() {
            if character == " " {
                slug.append("-")
            } else if character == "-" || character == "_" || character.isLetter || character.isNumber {
                slug.append(character)
            }
        }
        return slug
    }

    /// The text of a heading's inner HTML: tags dropped, cmark's five entities decoded, trimmed.
    static func plainText(fromHTML html: ArraySlice<UInt8>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(html.count)
        var inTag = false
        var index = html.startIndex
        while index < html.endIndex {
            let byte = html[index]
            index += 1
            if byte == UInt8(ascii: "<") { inTag = true; continue }
            if byte == UInt8(ascii: ">") { inTag = false; continue }
            if inTag { continue }
            if byte == UInt8(ascii: "&"), let (decoded, length) = entity(in: html, at: index - 1) {
                bytes.append(decoded)
                index += length - 1
                continue
            }
            bytes.append(byte)
        }
        let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    private static let entities: [(name: [UInt8], character: UInt8)] = [
        (Array("&lt;".utf8), UInt8(ascii: "<")), (Array("&gt;".utf8), UInt8(ascii: ">")),
        (Array("&quot;".utf8), UInt8(ascii: "\"")), (Array("&#39;".utf8), UInt8(ascii: "'")),
        (Array("&amp;".utf8), UInt8(ascii: "&")),
    ]

    private static func entity(in html: ArraySlice<UInt8>, at start: Int) -> (UInt8, Int)? {
        for (name, character) in entities where html[start...].starts(with: name) {
            return (character, name.count)
        }
        return nil
    }
}
