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
            || (joiningLines && text.utf8.contains(UInt8(ascii: "\n")))
        guard changes else {
            folded = text
            origins = nil
            return
        }
        var folded = ""
        var origins: [Range<String.Index>] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            var next = scalars.index(after: index)
            let scalar = scalars[index]
            if joiningLines, scalar == "\n", let previous = folded.unicodeScalars.last, Self.isToken(previous) {
                while next < scalars.endIndex, scalars[next] == " " || scalars[next] == "\t" { next = scalars.index(after: next) }
                if next < scalars.endIndex, Self.isToken(scalars[next]) {
                    index = next
                    continue
                }
                next = scalars.index(after: index)
            }
            let replacement = Self.fold(scalar)
            folded.unicodeScalars.append(contentsOf: replacement.unicodeScalars)
            origins.append(contentsOf: repeatElement(index..<next, count: replacement.utf16.count))
            index = next
        }
        self.folded = folded
        self.origins = origins
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

    /// What `scalar` reads as: nothing when it is invisible or only marks the letter before it
    /// (a secret stays whole around it), else its compatibility form.
    static func fold(_ scalar: Unicode.Scalar) -> String {
        if scalar.isASCII { return String(scalar) }
        if isInvisible(scalar) { return "" }
        return String(scalar).precomposedStringWithCompatibilityMapping
    }

    /// Format characters (zero-width space, soft hyphen, bidi controls), every other default
    /// ignorable code point (the combining grapheme joiner U+034F, variation selectors, Hangul
    /// fillers), combining marks (U+0301 over a key's letter), and the blank braille pattern
    /// U+2800: each was read as a break, and a key, an address or a number written with one
    /// inside went through the scan whole (helper 45).
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .format, .nonspacingMark, .enclosingMark: return true
        default: return properties.isDefaultIgnorableCodePoint || scalar == "\u{2800}"
        }
    }
}
