import Foundation

/// Text as the scanner reads it: invisible characters (zero-width spaces, soft hyphens, bidi
/// controls, variation selectors, combining marks: `isInvisible`) dropped and each character in its compatibility form (NFKC: full-width
/// `ＡＫＩＡ` is `AKIA`, a no-break space is a space), so a secret cannot hide behind either.
/// Joining lines, a line break (and the indent after it) between two token characters is dropped
/// too, so a key wrapped onto the next line reads whole. Every UTF-16 unit of the folded text
/// remembers which characters of the original it came from, so a finding removes the original
/// characters.
struct FoldedText {
    let original: String
    let folded: String
    /// For each UTF-16 unit of `folded`: the original scalar it came from. Nil when nothing changed.
    private let origins: [Range<String.Index>]?

    init(_ text: String, joiningLines: Bool = false) {
        original = text
        let changes = (!text.utf8.allSatisfy { $0 < 0x80 } && text.unicodeScalars.contains { Self.fold($0) != String($0) })
            || (joiningLines && text.unicodeScalars.contains(where: Self.isLineBreak))
        guard changes else {
            folded = text
            origins = nil
            return
        }
        var folded = ""
        var origins: [Range<String.Index>] = []
        // By `Character`: a letter and the marks on it fold together (`fold(_: Character)`).
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            let character = text[index]
            if joiningLines, character.unicodeScalars.allSatisfy(Self.isLineBreak), let previous = folded.unicodeScalars.last,
               Self.isToken(previous) {
                // The indent after the break: any space or tab, and anything invisible.
                var after = next
                while after < text.endIndex, text[after].unicodeScalars.allSatisfy({ Self.isIndent($0) || Self.isInvisible($0) }) {
                    after = text.index(after: after)
                }
                if after < text.endIndex, let first = text[after].unicodeScalars.first, Self.isToken(first) {
                    index = after
                    continue
                }
            }
            let replacement = Self.fold(character)
            folded.unicodeScalars.append(contentsOf: replacement.unicodeScalars)
            origins.append(contentsOf: repeatElement(index..<next, count: replacement.utf16.count))
            index = next
        }
        self.folded = folded
        self.origins = origins
    }

    /// The longest cluster folded whole (`fold(_: Character)`).
    static let composedLimit = 32

    /// A line feed, a carriage return (CRLF is one `Character` of two), U+2028 or U+2029: a key
    /// wrapped at any of them reads whole.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private static func isIndent(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }

    /// The range of the original text a range of the folded text came from.
    func originalRange(_ range: NSRange) -> Range<String.Index>? {
        guard let origins else { return Range(range, in: original) }
        guard range.length > 0, range.location >= 0, range.location + range.length <= origins.count else { return nil }
        return origins[range.location].lowerBound..<origins[range.location + range.length - 1].upperBound
    }

    static func isToken(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-+/=".unicodeScalars.contains(scalar))
    }

    /// What `scalar` reads as: nothing when it is invisible (a secret stays whole around it), a
    /// look-alike of `:` as `:`, else its compatibility form.
    static func fold(_ scalar: Unicode.Scalar) -> String {
        if scalar.isASCII { return String(scalar) }
        if isInvisible(scalar) { return "" }
        if scalar == "\u{2236}" || scalar == "\u{A789}" { return ":" }
        return String(scalar).precomposedStringWithCompatibilityMapping
    }

    /// What a `Character` reads as: a letter and its marks in their composed compatibility form
    /// (`e` + U+0301 is `é`, as the precomposed letter reads: decomposed text, as macOS and
    /// copy-paste write it, is scanned as its precomposed form is), less what is left invisible
    /// (a mark on `-` or a digit, a joiner, a variation selector).
    static func fold(_ character: Character) -> String {
        let scalars = character.unicodeScalars
        if scalars.count == 1 { return fold(scalars.first!) }
        if scalars.allSatisfy(\.isASCII) { return String(character) }
        // Normalising a cluster of thousands of marks is quadratic (their canonical reordering,
        // helper 47: 36 s for 160,000); no letter carries more than a few, so a long cluster is
        // folded scalar by scalar.
        if scalars.count > Self.composedLimit { return scalars.map { fold($0) }.joined() }
        let composed = String(character).precomposedStringWithCompatibilityMapping.unicodeScalars
        return String(String.UnicodeScalarView(composed.flatMap { $0.isASCII ? [$0] : Array(fold($0).unicodeScalars) }))
    }

    /// Format characters (zero-width space, soft hyphen, bidi controls), every other default
    /// ignorable code point (the combining grapheme joiner U+034F, variation selectors, Hangul
    /// fillers), combining marks that compose with nothing (U+0301 after `-` or a digit), the
    /// blank braille pattern U+2800 and the null notehead U+1D159: each was read as a break, and a
    /// key, an address or a number written with one inside went through the scan whole (helper 45).
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .format, .nonspacingMark, .enclosingMark: return true
        default: return properties.isDefaultIgnorableCodePoint || scalar == "\u{2800}" || scalar == "\u{1D159}"
        }
    }
}
