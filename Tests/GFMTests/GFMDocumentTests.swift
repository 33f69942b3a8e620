@testable import GFM
import Testing

@Suite struct GFMFeatureTests {
    @Test func tables() {
        let html = GFMDocument.html(from: "| a | b |\n|---|--:|\n| 1 | 2 |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>a</th>"))
        #expect(html.contains("<td align=\"right\">2</td>"))
    }

    @Test func taskLists() {
        let html = GFMDocument.html(from: "- [ ] open\n- [x] done\n")
        #expect(html.contains("<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" /> open"))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" /> done"))
        // Each task item, tight or loose, carries a class for the stylesheet; other items do not.
        #expect(html.components(separatedBy: "<li class=\"task\"><input type=\"checkbox\"").count == 3)
        let loose = GFMDocument.html(from: "- [ ] open\n\n- plain\n\n- [x] done\n")
        #expect(loose.components(separatedBy: "<li class=\"task\"><input type=\"checkbox\"").count == 3, "\(loose)")
        #expect(loose.contains("<li>\n<p>plain</p>"), "\(loose)")
        // What the cmark-gfm command writes, for `sopgen render`.
        let plain = GFMDocument.html(from: "- [ ] open\n- [x] done\n", options: GFMOptions(labelsTaskItems: false))
        #expect(plain.contains("<input type=\"checkbox\" disabled=\"\" /> open"))
        #expect(plain.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done"))
        #expect(!plain.contains("class=\"task\""))
    }

    @Test func strikethrough() {
        #expect(GFMDocument.html(from: "~~gone~~\n") == "<p><del>gone</del></p>\n")
    }

    @Test func autolinks() {
        let html = GFMDocument.html(from: "See https://example.com/docs and www.example.org.\n")
        #expect(html.contains("<a href=\"https://example.com/docs\">https://example.com/docs</a>"))
        #expect(html.contains("<a href=\"http://www.example.org\">www.example.org</a>"))
    }

    @Test func footnotes() {
        let html = GFMDocument.html(from: "Claim.[^1]\n\n[^1]: Source.\n")
        #expect(html.contains("<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup>"))
        #expect(html.contains("<section class=\"footnotes\" data-footnotes>"))
    }

    @Test func headingsGetStableUniqueIDs() {
        let rendering = GFMDocument(markdown: "# Refunds & *coupons*\n\n## Steps\n\n## Steps\n").render(GFMView())
        #expect(rendering.html.contains("<h1 id=\"refunds--coupons\">Refunds &amp; <em>coupons</em></h1>"))
        #expect(rendering.headings.map(\.id) == ["refunds--coupons", "steps", "steps-1"])
        #expect(rendering.headings.first?.text == "Refunds & coupons")
    }

    @Test func headingIDPrefixKeepsPagesApart() {
        let rendering = GFMDocument(markdown: "## Steps\n").render(GFMView(headingIDPrefix: "refunds--"))
        #expect(rendering.html == "<h2 id=\"refunds--steps\">Steps</h2>\n")
    }
}

@Suite struct GFMSafetyTests {
    /// A rendering keeps cmark-gfm's bytes without making them a `String` (which would repair
    /// them): they must be valid UTF-8 whatever the Markdown, numeric entities for surrogates,
    /// NUL, noncharacters and scalars past U+10FFFF, raw HTML and links with every view's
    /// rewriting included.
    @Test func aRenderingIsValidUTF8WhateverTheMarkdown() {
        let pieces = ["&#xD800;", "&#0;", "&#x110000;", "&#1114111;", "&#xDFFF;x", "&#65;", "&#xFFFF;", "&#xFFFE;", "&#65535;", "&#65534;", "&eacute;", "&#x1F600;", "\u{0}",
                      "é", "e\u{301}", "😀", "\u{FFFD}", "\u{F8F3}", "# ", "## Heading ", "- [ ] ", "[l](x.md#é) ", "[^1]\n\n[^1]: n\n",
                      "<span id=\"é\">", "`code`", "| a | b |\n|---|---|\n| 1 | 2 |\n", "\n", "\r\n", " ", "**", "<", "&"]
        // cmark-gfm's encoder writes U+FFFF and U+FFFE as the bytes FF and FE (helper 49): U+FFFD,
        // as a `String` made them before.
        for entity in ["&#xFFFF;", "&#xFFFE;", "&#65535;", "# &#xFFFF; heading"] {
            let rendered = GFMDocument(markdown: entity).render(GFMView())
            #expect(String(validating: rendered.bytes, as: UTF8.self)?.contains("\u{FFFD}") == true, "\(entity)")
        }
        var random = SplitMix64(state: 20261124)
        for options in [GFMOptions(), GFMOptions(allowsRawHTML: true)] {
            for _ in 0..<1_500 {
                let markdown = (0..<Int.random(in: 1...16, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
                let document = GFMDocument(markdown: markdown, options: options)
                for view in [GFMView(), GFMView(rewriteLink: { "\($0.destination)é" }, headingIDPrefix: "sop-é--")] {
                    let bytes = document.render(view).bytes
                    #expect(String(validating: bytes, as: UTF8.self) != nil, "\(markdown.debugDescription)")
                }
            }
        }
    }

    @Test func rawHTMLIsOmittedByDefault() {
        let document = GFMDocument(markdown: "<script>alert(1)</script>\n\nText <b>bold</b>\n")
        let html = document.render(GFMView()).html
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
        #expect(document.rawHTML.count == 3)
    }

    @Test func rawHTMLRendersWhenAllowedButDangerousTagsAreFiltered() {
        let html = GFMDocument.html(from: "<b>bold</b> <script>x</script>\n", options: GFMOptions(allowsRawHTML: true))
        #expect(html.contains("<b>bold</b>"))
        #expect(html.contains("&lt;script>"))
    }

    @Test func javascriptLinksAreDroppedByDefault() {
        let html = GFMDocument.html(from: "[click](javascript:alert(1))\n")
        #expect(html == "<p><a href=\"\">click</a></p>\n")
    }

    @Test func reservedScalarsAreSanitized() {
        #expect(GFMReserved.sanitize("a\u{F8F1}b\u{01}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
    }

    /// Literals are looked through for a value token as bytes: that must say what a look through
    /// the text's scalars says, next to the other reserved scalars and scalars sharing its bytes.
    @Test(arguments: ["", "a", "\u{F8F1}", "x\u{F8F1}", "\u{F8F1}x", "\u{F8F2}\u{F8F3}\u{F8F0}", "\u{F8B1}\u{E3B1}\u{FFFD}",
                      "\u{EF}\u{A3}\u{B1}", "日本\u{F8F1}0\u{F8F2}", "\u{E9}\u{F8F1}", "ab\u{F8F0}"])
    func aTokenIsFoundInBytesAsInScalars(_ text: String) {
        let bytes = Array(text.utf8)
        let found = bytes.withUnsafeBytes { GFMReserved.holdsTokenStart($0) }
        #expect(found == text.unicodeScalars.contains(GFMReserved.tokenStart))
    }
}

@Suite struct GFMViewTests {
    let markdown = """
        Intro.

        \(GFMReserved.containerOpen(0))
        Only for managers.

        - a list inside
        \(GFMReserved.containerClose(0))

        Outro.

        """

    @Test func containersShowWithTheirLabels() {
        let view = GFMView(containerHTML: { id in ("<aside data-block=\"\(id)\">\n", "</aside>\n") })
        let html = GFMDocument(markdown: markdown).render(view).html
        #expect(html == """
            <p>Intro.</p>
            <aside data-block="0">
            <p>Only for managers.</p>
            <ul>
            <li>a list inside</li>
            </ul>
            </aside>
            <p>Outro.</p>

            """)
    }

    @Test func hiddenContainersDisappearAndComeBackForTheNextView() {
        let document = GFMDocument(markdown: markdown)
        let hidden = document.render(GFMView(hiddenContainers: [0])).html
        #expect(hidden == "<p>Intro.</p>\n<p>Outro.</p>\n")
        let shown = document.render(GFMView()).html
        #expect(shown.contains("Only for managers."))
        #expect(document.misplacedContainers.isEmpty)
    }

    @Test func containerThatCrossesAListIsReported() {
        let text = "- item\n  \(GFMReserved.containerOpen(3))\n  inside\n\n\(GFMReserved.containerClose(3))\n"
        let document = GFMDocument(markdown: text)
        #expect(document.misplacedContainers == [3])
        #expect(!document.render(GFMView()).html.contains("raw HTML"))
    }

    @Test func tokensAreSubstitutedAsLiteralTextInEveryContext() {
        let token = "\u{F8F1}0\u{F8F2}"
        let text = "Visit \(token) or `\(token)` or [link](\(token)).\n\n```\n\(token)\n```\n"
        let document = GFMDocument(markdown: text)
        let html = document.render(GFMView(substitute: { $0.replacingOccurrences(of: token, with: "<b>*x*</b>") })).html
        #expect(html.contains("Visit &lt;b&gt;*x*&lt;/b&gt; or <code>&lt;b&gt;*x*&lt;/b&gt;</code>"))
        #expect(html.contains("<pre><code>&lt;b&gt;*x*&lt;/b&gt;\n</code></pre>"))
        #expect(html.contains("href=\"%3Cb%3E*x*%3C/b%3E\""))
    }

    @Test func substitutedJavascriptURLIsStillDropped() {
        let token = "\u{F8F1}0\u{F8F2}"
        let document = GFMDocument(markdown: "[x](\(token))\n")
        let html = document.render(GFMView(substitute: { _ in "javascript:alert(1)" })).html
        #expect(html == "<p><a href=\"\">x</a></p>\n")
    }

    @Test func linksAreRewrittenPerView() {
        let document = GFMDocument(markdown: "[refunds](refunds.md#steps) and [web](https://example.com)\n")
        #expect(document.links.map(\.destination) == ["refunds.md#steps", "https://example.com"])
        #expect(document.links.first?.position == GFMPosition(line: 1, column: 1))
        let html = document.render(GFMView(rewriteLink: { $0.destination.replacingOccurrences(of: ".md", with: ".html") })).html
        #expect(html.contains("href=\"refunds.html#steps\""))
    }

    @Test func linkPositionsCountUnicodeScalars() {
        let document = GFMDocument(markdown: "Café ünïcode [x](y.md)\n")
        #expect(document.links.first?.position == GFMPosition(line: 1, column: 14))
    }

    /// cmark-gfm places a `<…>` autolink by its offset in the paragraph's text, not its line:
    /// on a wrapped or indented line the column was wrong (`Count.\nThen <x:y>` said 13, not 6).
    @Test(arguments: [("Count.\nThen <javascript:recount()>.\n", GFMPosition(line: 2, column: 6)),
                      ("  Then <javascript:r()>.\n", GFMPosition(line: 1, column: 8)),
                      ("- item\n  über <ada@example.com> and <https://a.example/b>\n", GFMPosition(line: 2, column: 8)),
                      ("Count.\nThen [x](javascript:y) <https://a.example>\n", GFMPosition(line: 2, column: 6)),
                      ("<https://a.example> first\n", GFMPosition(line: 1, column: 1))])
    func autolinksArePlacedOnTheirOwnLine(_ markdown: String, _ first: GFMPosition) {
        let document = GFMDocument(markdown: markdown)
        #expect(document.links.first?.position == first)
        // Every link's position is where it starts in the text: at its `<`, `[` or `!`.
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        for link in document.links {
            let line = lines[link.position.line - 1].unicodeScalars
            let at = line[line.index(line.startIndex, offsetBy: link.position.column - 1)]
            #expect(at == "<" || at == "[" || at == "!", "\(link.destination) at \(link.position)")
        }
    }

    /// Where the `<text>`s on a line are not just the autolinks (a copy in a code span, an
    /// escaped one, an inline link whose text is its address), no autolink is moved onto a copy
    /// and no two links share a place (helper 43: a second link's warning was lost that way).
    @Test(arguments: [("Count.\nThen <javascript:a> and <javascript:a> ok.\n", [6, 25] as [Int]?, nil as Int?),
                      ("Count.\nSee `<javascript:b>` then <javascript:b> ok.\n", nil, 6),
                      ("Count.\nSee \\<javascript:c> then <javascript:c> ok.\n", nil, 6),
                      ("Count.\n     Then [b](javascript:y) <b>x</b>\n", nil, 29),
                      ("Count.\n  Then [javascript:z](javascript:z) ok <javascript:z>\n", nil, nil),
                      // Helper 44: a link whose text is its address is not an autolink, and a
                      // copy in a code span, escaped or in a comment is not a link.
                      ("Count.\nSee [javascript:x](javascript:x) and `<javascript:x>`.\n", [5], 39),
                      ("Count.\nSee [javascript:x] and `<javascript:x>`.\n\n[javascript:x]: javascript:x\n", [5], 25),
                      ("Count.\nSee [javascript:x](javascript:x) and \\<javascript:x>.\n", [5], 39),
                      ("Count.\nSee [javascript:x](javascript:x) and <!-- <javascript:x> -->.\n", [5], 43),
                      ("Count.\nSee `<javascript:x>`, [javascript:x](javascript:x) then <javascript:x>.\n", nil, 6),
                      ("Count `<javascript:b>`\\\nThen <javascript:b> ok.\n", nil, nil),
                      ("Count.\nSee `a` <javascript:x> and `<javascript:y>` <javascript:y>.\n", [9, 45], nil),
                      // An inline link placed at its `[` is left out of the count: the autolink is placed.
                      ("Count.\nThen [javascript:z](javascript:z) ok <javascript:z>.\n", [6, 38], nil)])
    func anAutolinkIsNeverPlacedOnACopyOfIt(_ markdown: String, _ columns: [Int]?, _ copy: Int?) {
        let links = GFMDocument(markdown: markdown).links
        if let columns { #expect(links.map(\.position) == columns.map { GFMPosition(line: 2, column: $0) }) }
        if let copy { #expect(!links.contains { $0.position == GFMPosition(line: 2, column: copy) }, "\(links)") }
        #expect(Set(links.map(\.position)).count == links.count, "\(links)")
    }
}
