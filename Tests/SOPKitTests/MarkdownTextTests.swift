import GFM
import Testing
@testable import SOPKit

/// `MarkdownText.escape` for a value at the start of a list item's text (the review's Markdown
/// lists unknown event names as `- NAME: 3`), read back through cmark-gfm: the value is the text
/// of one list item, never a heading, a nested or ordered list or a thematic break.
@Suite struct MarkdownTextTests {
    static let values = ["# heading", "## two", "#", "- item", "-", "+ item", "---", "1. first", "12) twelfth", "1.", "*emphasis*",
                         "`code`", "[link](page.html)", "<b>x</b>", "a | b", "~~gone~~", "&amp;"]

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
}
