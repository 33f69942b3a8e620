import GFM

/// Cuts one rendered view of an SOP into its sections at its headings (every level), each as
/// plain text: what the search index holds. Works on the bytes the GFM wrapper wrote, whose
/// headings it lists with their ids (`<h2 id="steps">`). Role block labels are left out: they name
/// roles, not content, and would keep a section from being shared between views.
enum SectionSplitter {
    private static let blockOpen = Array("<aside class=\"role-block".utf8)
    private static let blockClose = Array("</aside>".utf8)
    private static let labelOpen = Array("<p class=\"role-block-label\">".utf8)
    private static let paragraphClose = Array("</p>".utf8)

    static func sections(of rendering: GFMRendering, sopID: String) -> ViewSections {
        var known = KnownTexts()
        return sections(of: rendering, sopID: sopID, known: &known)
    }

    /// The sections of each of one SOP's views, in order. A section's text is made once for all
    /// the views where its HTML is the same (most sections are; only role blocks differ), not
    /// once per view.
    static func sections(of renderings: [GFMRendering], sopID: String) -> [ViewSections] {
        var known = KnownTexts()
        // Views alike are often one rendering shared (`SOPViewRenderer`): split once.
        var split: [(rendering: GFMRendering, sections: ViewSections)] = []
        return renderings.map { rendering in
            if let same = split.first(where: { $0.rendering == rendering }) { return same.sections }
            let sections = sections(of: rendering, sopID: sopID, known: &known)
            split.append((rendering, sections))
            return sections
        }
    }

    /// The text of the last section seen at each anchor, with its HTML.
    struct KnownTexts {
        var byAnchor: [String: (html: ArraySlice<UInt8>, text: String)] = [:]
    }

    private static func sections(of rendering: GFMRendering, sopID: String, known: inout KnownTexts) -> ViewSections {
        let bytes = rendering.bytes
        var result = ViewSections(sections: [])
        var anchor = "", heading = ""
        var start = 0
        /// Role blocks open at the start of the current section.
        var depth = 0
        func close(at end: Int) {
            let body = bytes[start..<end]
            let opened = count(blockOpen, in: body)
            if depth > 0 || opened > 0 { result.inRoleBlock.insert(anchor) }
            depth = max(depth + opened - count(blockClose, in: body), 0)
            let text: String
            if let seen = known.byAnchor[anchor], sameText(seen.html, body) {
                text = seen.text
            } else {
                text = self.text(of: withoutLabels(body))
                known.byAnchor[anchor] = (body, text)
            }
            if !text.isEmpty || !heading.isEmpty {
                result.sections.append(SearchSection(sopID: sopID, anchor: anchor, heading: heading, text: text))
            }
        }
        for found in rendering.headings {
            let open = Array("<h\(found.level) id=\"\(found.id)\">".utf8)
            guard let at = ByteSearch.find(open, in: bytes, from: start) else { continue }
            let inner = at + open.count
            let end = ByteSearch.find(Array("</h\(found.level)>".utf8), in: bytes, from: inner) ?? bytes.count
            close(at: at)
            anchor = found.id
            heading = text(of: bytes[inner..<end])
            start = min(end + 5, bytes.count)
        }
        close(at: bytes.count)
        return result
    }

    /// Whether two sections of HTML have the same text: their bytes are the same outside tags (a
    /// tag runs from `<` to the next `>`, as `HeadingAnchors.plainTextBytes` reads it, and is
    /// left out of the text). Views rendered together differ only in link addresses, inside
    /// tags: their sections' text is made once. A section with a role block's label (whose text
    /// a tag decides to leave out) must be the same byte for byte.
    static func sameText(_ first: ArraySlice<UInt8>, _ second: ArraySlice<UInt8>) -> Bool {
        if ByteSearch.same(first, second) { return true }
        if find(labelOpen, in: first, from: first.startIndex) != nil || find(labelOpen, in: second, from: second.startIndex) != nil {
            return false
        }
        let (open, close) = ([UInt8(ascii: "<")], [UInt8(ascii: ">")])
        var (i, j) = (first.startIndex, second.startIndex)
        while true {
            // The text up to the next tag, alike in both, then the tag skipped in each.
            let length = (find(open, in: first, from: i) ?? first.endIndex) - i
            guard j + length <= second.endIndex, ByteSearch.same(first[i..<(i + length)], second[j..<(j + length)]) else { return false }
            (i, j) = (i + length, j + length)
            guard i < first.endIndex else { return j == second.endIndex }
            guard j < second.endIndex, second[j] == UInt8(ascii: "<") else { return false }
            i = min((find(close, in: first, from: i + 1) ?? first.endIndex) + 1, first.endIndex)
            j = min((find(close, in: second, from: j + 1) ?? second.endIndex) + 1, second.endIndex)
        }
    }

    private static func text(of html: ArraySlice<UInt8>) -> String {
        HeadingAnchors.plainTextBytes(fromHTML: html).withUnsafeBufferPointer(normalised)
    }

    /// The HTML without the trainer view's role block labels.
    private static func withoutLabels(_ html: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard var label = find(labelOpen, in: html, from: html.startIndex) else { return html }
        var kept: [UInt8] = []
        var copied = html.startIndex
        while true {
            kept += html[copied..<label]
            kept.append(UInt8(ascii: " "))
            copied = (find(paragraphClose, in: html, from: label) ?? html.endIndex - paragraphClose.count) + paragraphClose.count
            guard let next = find(labelOpen, in: html, from: copied) else { break }
            label = next
        }
        kept += html[copied...]
        return kept[...]
    }

    /// Every run of white space as one space, trimmed: tags between blocks leave line breaks.
    /// Exactly `byCharacters(text)`, on UTF-8 bytes: splitting every view of every SOP by
    /// `Character` was a fifth of a build's time. A run of ASCII white space with ASCII (or the
    /// text's edge) on both sides is a separator whatever the Unicode rules say, since no ASCII
    /// scalar joins a grapheme cluster with white space (only a `Prepend` scalar before it or an
    /// `Extend`, `SpacingMark` or ZWJ after it could, and none is ASCII). The text between two
    /// such runs is copied as it is when ASCII, and split by `Character` only when it holds a
    /// non-ASCII scalar (an NBSP, U+2028, a combining mark after a space, an em dash).
    static func normalised(_ text: String) -> String {
        var text = text
        return text.withUTF8(normalised)
    }

    /// `normalised` of valid UTF-8, straight from the bytes the HTML's text was taken out as.
    static func normalised(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var segmentStart = 0
        var segmentIsASCII = true
        // ASCII segments one space apart in the text are the output as they are: they are copied
        // as one run (`copyStart..<copyEnd`), not word by word (a word at a time was most of the
        // time spent here).
        var copyStart = 0, copyEnd = 0
        func copy() {
            guard copyStart < copyEnd else { return }
            if !output.isEmpty { output.append(UInt8(ascii: " ")) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copyStart..<copyEnd]))
            copyStart = copyEnd
        }
        func emit(_ end: Int) {
            guard segmentStart < end else { return }
            if segmentIsASCII {
                if copyStart < copyEnd, copyEnd + 1 == segmentStart, bytes[copyEnd] == UInt8(ascii: " ") {
                    copyEnd = end
                } else {
                    copy()
                    copyStart = segmentStart
                    copyEnd = end
                }
                return
            }
            copy()
            let segment = UnsafeBufferPointer(rebasing: bytes[segmentStart..<end])
            // Its words joined by spaces; a word may hold a space itself (after a `Prepend` scalar).
            let words = byCharacters(String(decoding: segment, as: UTF8.self))
            guard !words.isEmpty else { return }
            if !output.isEmpty { output.append(UInt8(ascii: " ")) }
            output.append(contentsOf: words.utf8)
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard isASCIISpace(byte) else {
                if byte >= 0x80 { segmentIsASCII = false }
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, isASCIISpace(bytes[end]) { end += 1 }
            if index == 0 || bytes[index - 1] < 0x80, end == bytes.count || bytes[end] < 0x80 {
                emit(index)
                segmentStart = end
                segmentIsASCII = true
            }
            index = end
        }
        emit(bytes.count)
        copy()
        return String(decoding: output, as: UTF8.self)
    }

    /// The rule `normalised` keeps: white space as Swift's `Character.isWhitespace` knows it.
    static func byCharacters(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// U+0009…U+000D and U+0020: the ASCII scalars with Unicode's White_Space property.
    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte)
    }

    private static func count(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int {
        ByteSearch.count(needle, in: haystack)
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, from: Int) -> Int? {
        ByteSearch.find(needle, in: haystack, from: from)
    }
}
