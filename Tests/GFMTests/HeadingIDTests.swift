import GFM
import Testing

/// Heading ids are unique within a page whatever the headings say, resolved as GitHub does, with
/// the ids of footnotes reserved.
@Suite struct HeadingIDTests {
    private func ids(_ markdown: String, prefix: String = "") -> [String] {
        GFMDocument(markdown: markdown).render(GFMView(headingIDPrefix: prefix)).headings.map(\.id)
    }

    @Test func aRepeatedHeadingAndAHeadingThatSpellsItsSuffixGetThreeIDs() {
        #expect(ids("# foo\n# foo\n# foo 1\n") == ["foo", "foo-1", "foo-1-1"])
    }

    @Test func theSuffixedSpellingFirstPushesTheRepeatOn() {
        #expect(ids("# foo 1\n# foo\n# foo\n") == ["foo-1", "foo", "foo-2"])
        #expect(ids("# a\n# a\n# a-1\n# a\n# a-1\n") == ["a", "a-1", "a-1-1", "a-2", "a-1-2"])
    }

    /// A scalar that joins the next one into its `Character` (U+0D4E before `"`, a combining mark
    /// after `<`) glued ASCII punctuation to a letter, and the id, written unescaped, closed its
    /// attribute and its tag (helper 45). Letters and their marks are kept as they were.
    @Test func anIDHoldsNoASCIIPunctuationWhateverJoinsIt() {
        let p = "\u{D4E}"
        let rendering = GFMDocument(markdown: "# x\(p)\"\(p) \(p)hidden\(p) \(p)>\(p)<b\(p)>\n# <\u{301}x \"\u{301}y\n").render(GFMView())
        let found = rendering.headings.map(\.id)
        #expect(found == ["x\(p)\(p)\(p)hidden\(p)\(p)\(p)b\(p)", "x-y"])
        for id in found {
            #expect(id.unicodeScalars.allSatisfy { !$0.isASCII || $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" }, "\(id)")
            #expect(rendering.html.contains("<h1 id=\"\(id)\">"), "\(rendering.html)")
        }
        #expect(ids("# Café crème\n# Cafe\u{301} 1️⃣\n") == ["café-crème", "cafe\u{301}-1️⃣"])
    }

    @Test func emptyHeadingsShareTheSectionFallbackWithoutColliding() {
        #expect(ids("# !!!\n# ???\n# Section\n") == ["section", "section-1", "section-2"])
    }

    @Test func headingsNamedAfterFootnotesStepAsideForThem() {
        let rendering = GFMDocument(markdown: "# fn-1\n\nText[^1] and[^1].\n\n# fnref-1\n\n# fnref-1-2\n\n[^1]: A note.\n").render(GFMView())
        #expect(rendering.headings.map(\.id) == ["fn-1-1", "fnref-1-1", "fnref-1-2-1"])
        #expect(Self.duplicateIDs(in: rendering.html).isEmpty)
    }

    @Test func printSectionsPrefixTheirFootnotesSoTwoDocumentsCanShareAPage() {
        let markdown = "Text[^note].\n\n[^note]: A note.\n"
        let page = ["a", "b"].map { GFMDocument(markdown: markdown).render(GFMView(headingIDPrefix: "\($0)--")).html }.joined()
        #expect(page.contains("id=\"a--fn-note\"") && page.contains("href=\"#b--fn-note\""))
        #expect(Self.duplicateIDs(in: page).isEmpty)
    }

    @Test func idsThePageAroundUsesAreLeftToIt() {
        // On a print page SOP `a--b` has a section with that id; SOP `a`'s heading "b" must not take it.
        let rendering = GFMDocument(markdown: "# b\n# c\n").render(GFMView(headingIDPrefix: "a--", reservedIDs: ["a--b"]))
        #expect(rendering.headings.map(\.id) == ["a--b-1", "a--c"])
    }

    @Test func everyCollisionAtOnceLeavesNoDuplicate() {
        let markdown = """
            # Foo
            # foo
            # FOO
            # foo-1
            # foo 1
            # fn-x
            # fnref-x
            # section
            #
            # ***
            # Föö
            # föö

            See[^x].

            [^x]: Note.
            """
        let rendering = GFMDocument(markdown: markdown).render(GFMView())
        #expect(Self.duplicateIDs(in: rendering.html).isEmpty)
        #expect(Set(rendering.headings.map(\.id)).count == rendering.headings.count)
    }

    /// Every `id="…"` value that occurs more than once.
    static func duplicateIDs(in html: String) -> [String] {
        var counts: [String: Int] = [:]
        for match in html.matches(of: /\sid="([^"]*)"/) { counts[String(match.1), default: 0] += 1 }
        return counts.filter { $0.value > 1 }.keys.sorted()
    }
}
