import GFM
import Testing
@testable import SOPKit

/// `SectionSplitter.sameText` lets a section's text be made once for views that differ only
/// inside tags (link addresses): when it says two sections are the same, their texts must be.
@Suite struct SectionSameTextTests {
    static func text(_ html: String) -> String {
        SectionSplitter.normalised(HeadingAnchors.plainText(fromHTML: html[...]))
    }

    static func same(_ first: String, _ second: String) -> Bool {
        SectionSplitter.sameText(ArraySlice(first.utf8), ArraySlice(second.utf8))
    }

    @Test func sectionsThatDifferOnlyInsideTagsAreTheSame() {
        #expect(Self.same("<p>See <a href=\"a.html#x\">a</a>.</p>", "<p>See <a href=\"../../sops/a.html#x\">a</a>.</p>"))
        #expect(Self.same("<p>x</p>", "<p>x</p>"))
        #expect(Self.same("<p>open <a href=\"x", "<p>open <a href=\"yy"), "an unclosed tag runs to the end in both")
        #expect(Self.same("", ""))
    }

    @Test func sectionsWhoseTextDiffersAreNot() {
        #expect(!Self.same("<p>See a.</p>", "<p>See b.</p>"))
        #expect(!Self.same("<p>x</p>", "<p>x</p>y"))
        #expect(!Self.same("<p>x</p>y", "<p>x</p>"))
        #expect(!Self.same("a<b>c", "ac"), "the same text, but not by this rule: made again, which is safe")
        // A role block's label is text a tag leaves out: only byte for byte.
        #expect(!Self.same("<p class=\"role-block-label\">Only for: A</p>", "<p class=\"other\">Only for: A</p>"))
    }

    /// Seeded random HTML from a few pieces: whenever two are the same by the rule, so are their texts.
    @Test func theSameByTheRuleMeansTheSameText() {
        let pieces = ["<", ">", "<a href=\"", "x", "y", "\"", "</a>", " ", "&amp;", "&lt;", "<p>", "</p>", "é", "\n"]
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        var sameCount = 0
        for _ in 0..<20_000 {
            let first = (0..<(next() % 8)).map { _ in pieces[next() % pieces.count] }.joined()
            // The second: the first with the inside of one tag changed, or another random text.
            var second = (0..<(next() % 8)).map { _ in pieces[next() % pieces.count] }.joined()
            if next() % 2 == 0, let open = first.firstIndex(of: "<") {
                second = String(first[...open]) + pieces[next() % pieces.count] + String(first[first.index(after: open)...])
            }
            if Self.same(first, second) {
                sameCount += 1
                #expect(Self.text(first) == Self.text(second), "\(first.debugDescription) \(second.debugDescription)")
            }
        }
        #expect(sameCount > 1_000, "\(sameCount)")
    }
}
