import GFM
import Testing

/// `DroppedLinks` says which links cmark-gfm empties; each case is checked against cmark-gfm's own
/// rendering, so the rule and the renderer cannot drift apart.
@Suite struct DroppedLinksTests {
    static let dropped: [(markdown: String, scheme: String)] = [
        ("[a](javascript:alert(1))", "javascript"), ("[a](JavaScript:alert(1))", "javascript"),
        ("[a](javascript&colon;alert(1))", "javascript"), ("[a](javascript\\:x)", "javascript"),
        ("[a](< javascript:alert(1)>)", "javascript"), ("[a](vbscript:msgbox)", "vbscript"),
        ("[a](VBSCRIPT:x)", "vbscript"), ("[a](file:///etc/passwd)", "file"), ("[a](FILE:x)", "file"),
        ("[a](data:text/html;base64,PHNjcmlwdD4=)", "data"), ("[a](data:image/svg+xml,x)", "data"),
        ("[a](data:image/pn)", "data"), ("[a](data:,x)", "data"),
        ("[a][r]\n\n[r]: javascript:alert(1)", "javascript"),
    ]
    static let kept = [
        "[a](https://shop.example/wp-admin/)", "[a](http://x)", "[a](mailto:ops@shop.example)", "[a](guide.md#top)",
        "[a](#top)", "[a](/x)", "[a](data:image/png;base64,AAAA)", "[a](DATA:IMAGE/GIF;base64,R0)",
        "[a](data:image/jpeg,x)", "[a](data:image/webp,x)", "[a](data:image/pngx)", "[a](javascriptx:alert(1))",
        "[a](java%0ascript:alert(1))", "[a](&#x20;javascript:alert(1))", "[a](./javascript:x)", "[a](x/file:y)",
        "[a](datum:x)", "[a]()", "[a](java\\script:x)",
    ]

    @Test(arguments: dropped) func cmarkEmptiesTheseAndTheRuleSaysWhy(markdown: String, scheme: String) throws {
        let link = try #require(GFMDocument(markdown: markdown).links.first)
        #expect(DroppedLinks.scheme(of: link.destination) == scheme)
        #expect(GFMDocument.html(from: markdown).contains("<a href=\"\">a</a>"), "\(GFMDocument.html(from: markdown))")
        #expect(!GFMDocument.html(from: markdown, options: GFMOptions(allowsRawHTML: true)).contains("href=\"\""))
    }

    @Test(arguments: kept) func cmarkKeepsTheseAndTheRuleAgrees(markdown: String) throws {
        let link = try #require(GFMDocument(markdown: markdown).links.first)
        #expect(DroppedLinks.scheme(of: link.destination) == nil, "\(link.destination)")
        let html = GFMDocument.html(from: markdown)
        #expect(!html.contains("href=\"\"") || link.destination.isEmpty, "\(html)")
    }
}
