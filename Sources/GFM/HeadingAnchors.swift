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

    /// The heading markers of a rendering, each with the bytes it takes up, and what the id of a
    /// heading's is made from; and the ids cmark wrote. Found once for views whose renderings
    /// differ only inside link addresses (`GFMDocument.render(sharing:)`): a heading's text is
    /// its inner HTML without tags, so an address in it changes nothing here.
    struct Marks {
        enum Mark {
            /// A marker cmark did not write right after `<hN>`: left out.
            case stray
            /// A heading's `>` and marker, which become ` id="…">`.
            case heading(level: Int, text: String, slug: String)
        }
        var marks: [(range: Range<Int>, mark: Mark)] = []
        var elementIDs: Set<String>
    }

    static func marks(in bytes: [UInt8]) -> Marks {
        var found = Marks(elementIDs: existingIDs(in: bytes))
        var index = 0
        while let at = UTF8Bytes.find(marker, in: bytes, from: index) {
            // cmark writes `<hN>` immediately before the marker.
            guard at >= 4, bytes[at - 4] == UInt8(ascii: "<"), bytes[at - 3] == UInt8(ascii: "h"),
                  (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[at - 2]), bytes[at - 1] == UInt8(ascii: ">") else {
                found.marks.append((at..<(at + marker.count), .stray))
                index = at + marker.count
                continue
            }
            let level = Int(bytes[at - 2] - UInt8(ascii: "0"))
            let innerStart = at + marker.count
            let innerEnd = UTF8Bytes.find(closingTags[level - 1], in: bytes, from: innerStart) ?? bytes.count
            let text = plainText(fromHTML: bytes[innerStart..<innerEnd])
            found.marks.append(((at - 1)..<innerStart, .heading(level: level, text: text, slug: slugify(text))))
            index = innerStart
        }
        return found
    }

    /// `bytes` with its headings' ids (allocated for this view) and each of `splices` (ranges of
    /// `bytes` apart from the marks', in order) written in place: the rendering of one view.
    static func anchored(_ bytes: [UInt8], marks: Marks, splices: [(range: Range<Int>, bytes: [UInt8])] = [],
                         idPrefix: String, reservedIDs: Set<String> = [], unprefixedReservedIDs: Set<String> = []) -> GFMRendering {
        var allocator = HeadingIDAllocator(reserved: marks.elementIDs.union(unprefixedReservedIDs), prefix: idPrefix, reservedOnPage: reservedIDs)
        var headings: [GFMHeading] = []
        guard !marks.marks.isEmpty || !splices.isEmpty else {
            return GFMRendering(bytes: prefixingFootnotes(bytes, with: idPrefix), headings: headings, elementIDs: marks.elementIDs)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 256 + splices.reduce(0) { $0 + $1.bytes.count })
        var copiedUpTo = 0
        var (mark, splice) = (0, 0)
        while mark < marks.marks.count || splice < splices.count {
            if splice == splices.count || mark < marks.marks.count && marks.marks[mark].range.lowerBound < splices[splice].range.lowerBound {
                let (range, kind) = marks.marks[mark]
                output += bytes[copiedUpTo..<range.lowerBound]
                if case .heading(let level, let text, let slug) = kind {
                    let id = allocator.id(for: slug)
                    headings.append(GFMHeading(level: level, id: id, text: text))
                    output += idAttributeStart
                    output += id.utf8
                    output += idAttributeEnd
                }
                copiedUpTo = range.upperBound
                mark += 1
            } else {
                output += bytes[copiedUpTo..<splices[splice].range.lowerBound]
                output += splices[splice].bytes
                copiedUpTo = splices[splice].range.upperBound
                splice += 1
            }
        }
        output += bytes[copiedUpTo...]
        return GFMRendering(bytes: prefixingFootnotes(output, with: idPrefix), headings: headings, elementIDs: marks.elementIDs)
    }

    private static let closingTags = (1...6).map { Array("</h\($0)>".utf8) }
    private static let idAttributeStart = Array(" id=\"".utf8)
    private static let idAttributeEnd = Array("\">".utf8)

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
    static func prefixingFootnotes(_ html: [UInt8], with prefix: String) -> [UInt8] {
        // Searched as bytes: `String.contains` would go through Foundation, a tenth of a build's time.
        guard !prefix.isEmpty, UTF8Bytes.find(footnoteMark, in: html, from: 0) != nil else { return html }
        return UTF8Bytes.replacing([(Array("id=\"fn".utf8), Array(("id=\"" + prefix + "fn").utf8)),
                                    (Array("href=\"#fn".utf8), Array(("href=\"#" + prefix + "fn").utf8))], in: html)
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
        var slug = String.UnicodeScalarView()
        for character in text.lowercased() {
            if character == " " {
                slug.append("-")
            } else if character == "-" || character == "_" || character.isLetter || character.isNumber {
                // A letter's `Character` may hold ASCII punctuation a joining scalar glued to it
                // (U+0D4E before `"`, a combining mark after `<`): the id lands in an attribute
                // unescaped, so only its letters, digits, `-`, `_` and non-ASCII scalars are kept.
                slug.append(contentsOf: character.unicodeScalars.filter { !$0.isASCII || Self.keepsASCII($0) })
            }
        }
        return String(slug)
    }

    private static func keepsASCII(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_": true
        default: false
        }
    }

    /// The text of a heading's inner HTML: tags dropped, cmark's five entities decoded, trimmed.
    /// The text of HTML that cmark-gfm wrote: tags dropped, its few entities decoded, trimmed.
    /// What a heading's id is made from, and what search indexes.
    public static func plainText(fromHTML html: Substring) -> String {
        plainText(fromHTML: ArraySlice(html.utf8))
    }

    static func plainText(fromHTML html: ArraySlice<UInt8>) -> String {
        String(decoding: plainTextBytes(fromHTML: html), as: UTF8.self)
    }

    /// `plainText(fromHTML:)` as UTF-8, for a caller that goes on working on bytes (search).
    public static func plainTextBytes(fromHTML html: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(html.count)
        html.withUnsafeBufferPointer { buffer in
            // Runs of text are copied whole; a tag is skipped to its `>`; a `>` outside a tag is
            // dropped; an entity is decoded.
            var index = 0
            while index < buffer.count {
                var end = index
                while end < buffer.count, buffer[end] != UInt8(ascii: "<"), buffer[end] != UInt8(ascii: ">"),
                      buffer[end] != UInt8(ascii: "&") { end += 1 }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<end]))
                guard end < buffer.count else { break }
                switch buffer[end] {
                case UInt8(ascii: "<"):
                    var close = end + 1
                    while close < buffer.count, buffer[close] != UInt8(ascii: ">") { close += 1 }
                    index = close + 1
                case UInt8(ascii: ">"):
                    index = end + 1
                default:
                    if let (decoded, length) = entity(in: html, at: html.startIndex + end) {
                        bytes.append(decoded)
                        index = end + length
                    } else {
                        bytes.append(UInt8(ascii: "&"))
                        index = end + 1
                    }
                }
            }
        }
        let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return bytes[first...last]
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
