@testable import GFM
import Testing

/// `GFMDocument.render(sharing:)` writes views that differ only in where their links lead and in
/// their heading ids from two cmark-gfm renderings: each view must be exactly what rendering it on
/// its own gives, whatever the document holds.
@Suite struct SharedRenderingTests {
    /// Views of `markdown` whose links to `.md` files lead somewhere else in each view (as an SOP's
    /// page, print section and trainer views do), with heading ids of their own.
    static func views(hidden: Set<Int> = [], substitute: @escaping @Sendable (String) -> String = { $0 }) -> [GFMView] {
        let variants: [(String, String, Set<String>)] = [("", "page", []), ("", "other", []), ("sop--", "print", ["sop", "steps"]),
                                                       ("sop--", "print-unreadable", ["sop"]), ("", "javascript", [])]
        return variants.map { prefix, kind, reserved in
            GFMView(hiddenContainers: hidden, substitute: substitute, rewriteLink: { link in
                guard !link.isImage, link.destination.contains(".md") || link.destination.hasPrefix("#") else { return link.destination }
                let name = link.destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let fragment = name.count > 1 ? "#" + name[1] : ""
                switch kind {
                case "page": return name[0].replacingOccurrences(of: ".md", with: ".html") + fragment
                case "other": return "../../sops/" + name[0].replacingOccurrences(of: ".md", with: ".html") + fragment
                case "print": return "#sop--" + name[1...].joined()
                case "javascript": return "JavaScript:alert('" + link.destination + "')"
                default: return "#sop"
                }
            }, headingIDPrefix: prefix, reservedIDs: reserved, unprefixedReservedIDs: prefix.isEmpty ? [] : ["content"])
        }
    }

    static let documents = [
        "# Steps\n\nSee [a](a.md#steps), [b](b.md) and [here](#steps).\n",
        // Text and addresses that spell a marker, in both cases, next to real links.
        "## aaaaaaaa\n\naaaaaaab AAAAAAAB [x](aaaaaaaa) [y](y.md)[z](z.md#AAAAAAAA)\n",
        // Footnotes, task items, a table, images, a link in an image's description, an autolink.
        "Note[^1] and more[^1].\n\n[^1]: See [a](a.md).\n\n- [ ] Do [it](it.md)\n- [x] Done\n\n| h | [l](l.md) |\n|---|---|\n| ![i](i.png) | ![see [x](x.md)](p.png) |\n\n<https://example.com/a.md> and www.example.com\n",
        // Addresses that need escaping: spaces, quotes, ampersands, non-ASCII, brackets.
        "[a](<a b.md#c d>) [q](q.md#it's&more\"x) [é](été.md#ça) [p](p.md?x=1&y=[2])\n",
        // Raw HTML with its own hrefs, kept or dropped by the option.
        "<a href=\"raw.md\">raw</a> [md](m.md)\n\n<div>\n<a href=\"aaaaaaaa\">block</a>\n</div>\n",
        // A role block (container) around a link, and value tokens.
        "Intro [a](a.md).\n\n\(GFMReserved.containerOpen(0))\n\nOnly some: [b](b.md) \u{F8F1}0\u{F8F2}.\n\n\(GFMReserved.containerClose(0))\n\n## Steps\n\n## Steps\n",
        // Many links: markers past one hex digit.
        (0..<40).map { "[l\($0)](l\($0).md#s)" }.joined(separator: " ") + "\n",
        "No links at all.\n\n## Heading\n",
        "",
    ]

    @Test(arguments: [false, true]) func everySharedViewIsTheViewRenderedAlone(allowsRawHTML: Bool) {
        let substitute: @Sendable (String) -> String = { $0.replacingOccurrences(of: "\u{F8F1}0\u{F8F2}", with: "v&'<") }
        for markdown in Self.documents {
            for hidden in [Set<Int>(), [0]] {
                let document = GFMDocument(markdown: markdown, options: GFMOptions(allowsRawHTML: allowsRawHTML))
                let views = Self.views(hidden: hidden, substitute: substitute)
                let alone = views.map(document.render)
                #expect(document.render(sharing: views) == alone, "\(markdown)")
                // And again: the tree is as it was after a shared rendering.
                #expect(views.map(document.render) == alone, "\(markdown)")
                // Fewer views than three are rendered each on its own; the same.
                #expect(document.render(sharing: Array(views.prefix(2))) == Array(alone.prefix(2)))
            }
        }
    }

    /// Views whose links all lead to the same place share one rendering and differ in heading ids only.
    @Test func viewsAlikeButForHeadingIDsShareOneRendering() {
        let document = GFMDocument(markdown: "# Steps\n\n[a](https://example.com)\n")
        let views = [GFMView(), GFMView(headingIDPrefix: "a--"), GFMView(headingIDPrefix: "b--", reservedIDs: ["b--steps"])]
        let shared = document.render(sharing: views)
        #expect(shared == views.map(document.render))
        #expect(shared.map { $0.headings.map(\.id) } == [["steps"], ["a--steps"], ["b--steps-1"]])
    }

    /// The bytes where the two renderings differ must be whole markers, or each view is rendered alone.
    @Test func markersAreFoundOnlyWhereTheRenderingsDiffer() {
        let lower = Array("<a href=\"\(LinkMarker.text(1, letters: UInt8(ascii: "a")))\">aaaaaaab</a>".utf8)
        let upper = Array("<a href=\"\(LinkMarker.text(1, letters: UInt8(ascii: "A")))\">aaaaaaab</a>".utf8)
        #expect(LinkMarker.text(1, letters: UInt8(ascii: "a")) == "aaaaaaab")
        #expect(LinkMarker.text(0x1F, letters: UInt8(ascii: "A")) == "AAAAAABP")
        let places = LinkMarker.places(in: lower, against: upper, count: 2)
        #expect(places?.map(\.offset) == [9] && places?.map(\.number) == [1])
        #expect(LinkMarker.places(in: lower, against: upper, count: 1) == nil, "a number past the links")
        #expect(LinkMarker.places(in: lower, against: Array(upper.dropLast()), count: 2) == nil, "lengths differ")
        var other = upper
        other[0] = UInt8(ascii: "[")
        #expect(LinkMarker.places(in: lower, against: other, count: 2) == nil, "a difference that is no marker")
    }
}
