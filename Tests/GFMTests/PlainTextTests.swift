import Testing
@testable import GFM

/// `HeadingAnchors.plainTextBytes` copies runs of text whole and skips a tag to its `>`; it must
/// give what the byte-by-byte rule gives (kept here): tags dropped, a stray `>` dropped, cmark's
/// five entities decoded, any other `&` kept, spaces and line breaks trimmed.
@Suite struct PlainTextTests {
    static func byteByByte(_ html: [UInt8]) -> [UInt8] {
        let entities: [([UInt8], UInt8)] = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")]
            .map { (Array($0.utf8), UInt8(ascii: Unicode.Scalar($1)!)) }
        var bytes: [UInt8] = []
        var inTag = false
        var index = 0
        outer: while index < html.count {
            let byte = html[index]
            index += 1
            if byte == UInt8(ascii: "<") { inTag = true; continue }
            if byte == UInt8(ascii: ">") { inTag = false; continue }
            if inTag { continue }
            if byte == UInt8(ascii: "&") {
                for (name, character) in entities where html[(index - 1)...].starts(with: name) {
                    bytes.append(character)
                    index += name.count - 1
                    continue outer
                }
            }
            bytes.append(byte)
        }
        let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return Array(bytes[first...last])
    }

    @Test(arguments: ["", " ", "<p>Hello <em>world</em></p>\n", "a > b &amp; c &lt;d&gt; &quot;e&quot; &#39;f&#39;", "&", "&am", "&amp",
                      "x &copy; y", "<a href=\"&amp;\">t</a>", "<unclosed tag", "text<", "> lead", "é <b>日本</b> &amp;&amp;",
                      "\n <h2>Steps</h2> \n", "<<>>a<b>>c", "&&lt;;"])
    func givesWhatTheByteByByteRuleGives(_ html: String) {
        let bytes = Array(html.utf8)
        #expect(Array(HeadingAnchors.plainTextBytes(fromHTML: bytes[...])) == Self.byteByByte(bytes), "\(html.debugDescription)")
    }

    @Test func givesWhatTheByteByByteRuleGivesOnRandomMarkup() {
        let pieces = ["<", ">", "&", "&lt;", "&amp;", "&#39;", "&quot", "a", " ", "\n", "é", "<p>", "</p>", ";"]
        var generator = SplitMix64(state: 7)
        for _ in 0..<5_000 {
            let html = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(html.utf8)
            let slice = ([UInt8(ascii: "x")] + bytes)[1...]
            #expect(Array(HeadingAnchors.plainTextBytes(fromHTML: slice)) == Self.byteByByte(bytes), "\(html.debugDescription)")
        }
    }
}
