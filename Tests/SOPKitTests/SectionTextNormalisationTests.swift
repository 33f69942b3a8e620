import Testing
@testable import SOPKit

/// `SectionSplitter.normalised` works on UTF-8 bytes for speed; it must give exactly what splitting
/// by `Character.isWhitespace` gives (`byCharacters`), on ASCII and on every kind of text where the
/// Unicode rules differ from the bytes: non-ASCII white space, CRLF as one character, combining
/// marks and `Prepend` scalars joined to a space, emoji sequences.
@Suite struct SectionTextNormalisationTests {
    static let pieces: [String] = [
        "a", "Word", "x1", "—", "é", "e\u{301}", "😀", "👩‍👩‍👧", "🇬🇧", "日本",
        " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{85}", "\u{A0}", "\u{1680}",
        "\u{2003}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{200B}", "\u{FEFF}",
        "\u{301}", "\u{200D}", "\u{FE0F}", "\u{0600}", "\u{0903}", "&", "<", ".",
    ]

    @Test func givesWhatSplittingByCharacterGivesOnAFixedCorpus() {
        let corpus = [
            "", " ", "plain", "  two  words  ", "tabs\tand\nlines\r\nand\u{0B}more\u{0C}",
            "no\u{A0}break space", "line\u{2028}separator", "para\u{2029}graph", "em — dash", "—lead", "trail—",
            "space \u{301}combining", "prepend\u{0600} space", "prepend \u{0600} x", "\u{0600} ", " \u{200D}zwj",
            "emoji 😀 and 👩‍👩‍👧 family", "flag 🇬🇧🇫🇷 pair", "cr\r\n\r\nlf", "\u{85}next line", "ideographic\u{3000}space",
            "zero\u{200B}width", "mixed\t\u{A0} \u{2003}\n run", "ASCII only, every word separated by one space.",
        ]
        for text in corpus {
            #expect(SectionSplitter.normalised(text) == SectionSplitter.byCharacters(text), "\(text.debugDescription)")
        }
    }

    /// Every sequence of up to three pieces, and seeded random longer ones.
    @Test func givesWhatSplittingByCharacterGivesOnEveryShortMix() {
        let pieces = Self.pieces
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    let text = first + second + third
                    #expect(SectionSplitter.normalised(text) == SectionSplitter.byCharacters(text), "\(text.debugDescription)")
                }
            }
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<12 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            #expect(SectionSplitter.normalised(text) == SectionSplitter.byCharacters(text), "\(text.debugDescription)")
        }
    }

    @Test func collapsesRunsAndTrims() {
        #expect(SectionSplitter.normalised("\n  Steps\t\r\n one \u{A0}two\u{2028}") == "Steps one two")
        #expect(SectionSplitter.normalised(" \t\r\n ") == "")
    }
}
