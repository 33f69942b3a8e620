import Testing
@testable import GFM

/// The byte search that replaced `String.replacing` and Foundation's `contains` on rendered HTML
/// gives what they gave, including next to text that is not ASCII. (They differ only where a
/// combining mark follows the markup's last character, which cmark never writes: the task-item
/// and footnote markup searched for is followed by a space or an ASCII character.)
@Suite struct UTF8BytesTests {
    static let texts = [
        "", "<input />", "a<input />b<input /><input />c", "<input /><input />", "é<input />ü — <input />日本",
        "<inpu", "<input /", "no match at all", "<<input />>", "\r\n<input />\r\n",
    ]

    @Test(arguments: texts) func replacingAgreesWithTheStandardLibrary(text: String) {
        let pairs = [("<input />", "<input aria-label=\"Done\" />"), ("b", "")]
        var expected = text
        for (target, replacement) in pairs { expected = expected.replacing(target, with: replacement) }
        #expect(UTF8Bytes.replacing(pairs, in: text) == expected)
    }

    @Test func findsEachOccurrenceFromTheGivenOffset() {
        let haystack = Array("abcabcab".utf8)
        #expect(UTF8Bytes.find(Array("abc".utf8), in: haystack, from: 0) == 0)
        #expect(UTF8Bytes.find(Array("abc".utf8), in: haystack, from: 1) == 3)
        #expect(UTF8Bytes.find(Array("abc".utf8), in: haystack, from: 4) == nil)
        #expect(UTF8Bytes.find(Array("ab".utf8), in: haystack, from: 4) == 6)
        #expect(UTF8Bytes.find([], in: haystack, from: 0) == nil)
    }

    /// `find` searches for the needle's least common byte, wherever it is in the needle: it must
    /// still find the first occurrence at or after the offset, as a plain scan does, on needles
    /// and text made of few bytes (many near misses), at every offset.
    @Test func findAgreesWithAPlainScan() {
        func scan(_ needle: [UInt8], _ haystack: [UInt8], from start: Int) -> Int? {
            guard !needle.isEmpty, start >= 0, start + needle.count <= haystack.count else { return nil }
            return (start...(haystack.count - needle.count)).first { Array(haystack[$0..<$0 + needle.count]) == needle }
        }
        let alphabet = Array("<a =x\"9\u{E9}".utf8)
        var generator = SplitMix64(state: 42)
        for _ in 0..<3_000 {
            let haystack = (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let needle = (0..<Int.random(in: 1...5, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            for start in 0...haystack.count {
                #expect(UTF8Bytes.find(needle, in: haystack, from: start) == scan(needle, haystack, from: start),
                        "\(needle) in \(haystack) from \(start)")
            }
        }
    }

    /// The check that lets a rendering keep cmark-gfm's bytes says what the standard library says,
    /// on every sequence of up to three bytes from the edges of table 3-7, and on seeded longer
    /// ones with runs of ASCII around them (the eight-byte skip); `repaired` is `String`'s repair.
    @Test func validityIsTheStandardLibrarysOnEveryEdge() {
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
                              0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFE, 0xFF]
        func agrees(_ bytes: [UInt8]) {
            #expect(UTF8Bytes.isValid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            #expect(UTF8Bytes.repaired(bytes) == Array(String(decoding: bytes, as: UTF8.self).utf8), "\(bytes)")
        }
        agrees([])
        for first in edges {
            agrees([first])
            for second in edges {
                agrees([first, second])
                for third in edges { agrees([first, second, third]) }
            }
        }
        let pieces: [[UInt8]] = edges.map { [$0] } + [Array("plain ASCII text".utf8), Array("é😀—".utf8), [0xF0, 0x9F, 0x98], [0xEF, 0xBF, 0xBF]]
        var random = SplitMix64(state: 20261124)
        for _ in 0..<20_000 {
            agrees((0..<Int.random(in: 1...24, using: &random)).flatMap { _ in pieces.randomElement(using: &random)! })
        }
    }

    /// The one pass that labels task items gives what the three replacements it stands for gave,
    /// one after the other, on HTML made of the pieces they look for, next to each other, cut
    /// short and repeated (seeded).
    @Test func taskItemsAreLabelledInOnePassAsInThree() {
        let replacements: [(target: [UInt8], with: [UInt8])] = [
            ("<li><input type=\"checkbox\"", "<li class=\"task\"><input type=\"checkbox\""),
            ("<input type=\"checkbox\" checked=\"\" disabled=\"\" />", "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" />"),
            ("<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" />"),
        ].map { (Array($0.utf8), Array($1.utf8)) }
        let pieces = ["<li>", "<li>", "<input type=\"checkbox\"", "<input type=\"checkbox\"", " checked=\"\"", " disabled=\"\" />",
                      " disabled=\"\"", " />", "<li><li>", "<", "li>", "é", "\n", "text", "<input type=\"checkbox\" disabled=\"\" />"]
        var random = SplitMix64(state: 20261124)
        for _ in 0..<5_000 {
            let html = Array((0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined().utf8)
            #expect(GFMDocument.labellingTaskItems(html) == UTF8Bytes.replacing(replacements, in: html), "\(String(decoding: html, as: UTF8.self))")
        }
        let rendered = GFMDocument.html(from: "- [ ] a\n- [x] b\n\n1. [ ] c\n")
        #expect(rendered.contains("<li class=\"task\"><input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" /> a</li>"), "\(rendered)")
        #expect(rendered.contains("<li class=\"task\"><input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" /> b</li>"), "\(rendered)")
    }

    @Test func taskItemsAreLabelledAndFootnotesPrefixed() {
        let html = GFMDocument.html(from: "- [ ] open\n- [x] done\n- [ ] again\n")
        #expect(html.components(separatedBy: "aria-label=\"Not done\"").count == 3)
        #expect(html.components(separatedBy: "aria-label=\"Done\"").count == 2)
        let document = GFMDocument(markdown: "See[^1] and[^1].\n\n[^1]: Note.\n")
        let rendered = document.render(GFMView(headingIDPrefix: "sop--")).html
        #expect(!rendered.contains("id=\"fn"), "\(rendered)")
        #expect(!rendered.contains("href=\"#fn"), "\(rendered)")
        #expect(rendered.contains("id=\"sop--fn"), "\(rendered)")
        #expect(rendered.contains("href=\"#sop--fn"), "\(rendered)")
    }
}
