import GFM
import Testing
@testable import SOPKit

/// `MarkdownText.escape` for a value at the start of a list item's text (the review's Markdown
/// lists unknown event names as `- NAME: 3`), read back through cmark-gfm: the value is the text
/// of one list item, never a heading, a nested or ordered list or a thematic break.
@Suite struct MarkdownTextTests {
    static let values = ["# heading", "## two", "#", "- item", "-", "+ item", "---", "1. first", "12) twelfth", "1.", "*emphasis*",
                         "`code`", "[link](page.html)", "<b>x</b>", "a | b", "~~gone~~", "&amp;",
                         // A combining mark after the opener makes one `Character` with it, which a
                         // rule by `Character` left unescaped.
                         "[\u{301}link](page.html)", "*\u{301}emphasis*", "`\u{301}code`", "~~\u{301}gone~~"]

    @Test(arguments: values)
    func aValueOpeningAListItemStaysItsText(value: String) {
        let html = GFMDocument.html(from: "- \(MarkdownText.escape(value)): 3\n")
        let expected = "<ul>\n<li>" + HTMLText.escape(value) + ": 3</li>\n</ul>\n"
        #expect(html == expected, "\(value) → \(MarkdownText.escape(value))")
    }

    /// What opens no block is left as written, so a checklist's Markdown stays readable. A bare
    /// URL is left too: GFM shows it as a link to itself (a checklist's site URLs want that).
    @Test func versionsAndWordsAreLeftAlone() {
        #expect(MarkdownText.escape("8.2") == "8.2")
        #expect(MarkdownText.escape("6.4.2") == "6.4.2")
        #expect(MarkdownText.escape("2026-11-02") == "2026-11-02")
        #expect(MarkdownText.escape("#hashtag") == "\\#hashtag")
        #expect(MarkdownText.escape("1.first") == "1.first")
        #expect(MarkdownText.escape("1. first") == "1\\. first")
        #expect(MarkdownText.escape("https://shop.example") == "https://shop.example")
    }

    /// A line break in a value becomes a space, CRLF (one `Character`) as one: it never begins a
    /// new block of the file.
    @Test func aLineBreakBecomesASpace() {
        for value in ["x\r\n# heading", "x\n# heading", "x\r# heading"] {
            #expect(MarkdownText.escape(value) == "x # heading", "\(value.debugDescription)")
            let html = GFMDocument.html(from: "- \(MarkdownText.escape(value)): 3\n")
            #expect(html == "<ul>\n<li>x # heading: 3</li>\n</ul>\n", "\(value.debugDescription)")
        }
        #expect(MarkdownText.escape("a\r\n\r\nb") == "a  b")
    }
}
