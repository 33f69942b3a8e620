import GFM
import Testing
@testable import SOPKit

/// An SOP's body is held once, with its file: its template's text pieces and, for plain
/// Markdown, its expanded text are slices of the file's text, not copies (issue 9: at 5,000
/// SOPs the copies were 23 MB of the build's peak memory). Text around a dropped comment is the
/// one case copied; every slice keeps its exact scalars.
@Suite struct SourceSharingTests {
    static let front = "---\ntitle: Rotate the API key\nsurface: copilot\naudience: [agent]\nowner: admin\n---\n"

    /// Where a string's UTF-8 storage starts: two values sharing storage give one address.
    static func storage(_ text: String) -> UnsafeRawPointer? {
        var text = text
        return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    static func decode(_ text: String) -> SOP? {
        SOPDecoder.decode(DecodingContext(file: SourceFile(path: "procedures/rotate.md", text: text)))
    }

    static func texts(_ pieces: [Template.Piece]) -> [Substring] {
        pieces.compactMap { if case .text(let text) = $0 { text.value } else { nil } }
    }

    @Test func aPlainBodyIsASliceOfTheFileInItsTemplateAndItsExpandedText() throws {
        let body = "# Rotate the key\n\nOpen **Settings**, then rotate the key. Nothing here is copied.\n"
        let source = Self.front + body
        let sop = try #require(Self.decode(source))
        let pieces = Self.texts(sop.body.pieces)
        #expect(pieces == [Substring(body)])
        let piece = try #require(pieces.first)
        #expect(Self.storage(piece.base) == Self.storage(source))
        let expanded = SOPExpander.expand(sop.body, graph: IncludeGraph(snippets: [:]))
        #expect(expanded.text == Substring(body))
        #expect(Self.storage(expanded.text.base) == Self.storage(source))
    }

    @Test func piecesAroundValuesAreSlicesAndTheExpandedTextIsBuiltOnce() throws {
        let source = Self.front + "Open {{site.production_url}} and check the version.\nThen sign.\n"
        let sop = try #require(Self.decode(source))
        let pieces = Self.texts(sop.body.pieces)
        #expect(pieces == ["Open ", " and check the version.\nThen sign.\n"])
        for piece in pieces { #expect(Self.storage(piece.base) == Self.storage(source)) }
        let expanded = SOPExpander.expand(sop.body, graph: IncludeGraph(snippets: [:]))
        #expect(expanded.written(String(expanded.text)) == "Open {{site.production_url}} and check the version.\nThen sign.\n")
    }

    @Test func textAroundADroppedCommentIsJoinedIntoOnePiece() throws {
        let source = Self.front + "Before {{! reviewers only }}after.\nNext line.\n"
        let sop = try #require(Self.decode(source))
        #expect(Self.texts(sop.body.pieces) == ["Before after.\nNext line.\n"])
        guard case .text(let text) = sop.body.pieces.first else { Issue.record("no text piece"); return }
        #expect(text.location == SourceLocation(path: "procedures/rotate.md", line: 7, column: 1))
    }

    /// A slice starts right after `}}`: a combining mark there is the piece's first scalar, though
    /// it would join the tag's `}` into one character.
    @Test func aSliceKeepsACombiningMarkThatFollowsAValue() throws {
        let source = Self.front + "Caf{{site.name}}\u{301} ünïcode — done\n"
        let sop = try #require(Self.decode(source))
        let pieces = Self.texts(sop.body.pieces)
        #expect(pieces.count == 2)
        #expect(Array(pieces[0].unicodeScalars) == Array("Caf".unicodeScalars))
        #expect(Array(pieces[1].unicodeScalars) == Array("\u{301} ünïcode — done\n".unicodeScalars))
    }

    @Test func aBodyWithoutAFinalNewlineIsStillTheFilesSlice() throws {
        let source = Self.front + "Last line, written without a newline at the end"
        let sop = try #require(Self.decode(source))
        let expanded = SOPExpander.expand(sop.body, graph: IncludeGraph(snippets: [:]))
        #expect(expanded.text == "Last line, written without a newline at the end")
        #expect(Self.storage(expanded.text.base) == Self.storage(source))
    }

    /// A snippet included on its own line: the expanded text is built (the include's line ends
    /// and the snippet's text follows), and still reads as the pieces in order.
    @Test func anIncludeBuildsTheExpandedTextFromSlices() throws {
        let source = Self.front + "First line of the SOP.\n{{> sign-off}}\nLast line of the SOP.\n"
        let sop = try #require(Self.decode(source))
        var parser = TemplateParser(path: "snippets/sign-off.md", firstLine: 1)
        let snippet = parser.parse("Signed by the site owner.\n")
        let expanded = SOPExpander.expand(sop.body, graph: IncludeGraph(snippets: ["sign-off": snippet]))
        #expect(expanded.text == "First line of the SOP.\nSigned by the site owner.\nLast line of the SOP.\n")
    }
}
