/// Escaping for text placed mid-line in Markdown (after `| `, `# ` or `- [ ] `): the characters
/// that can open inline syntax — emphasis, code, links, HTML, autolinks, table cells,
/// strikethrough, entities — are backslash-escaped; line breaks become spaces. A value that
/// begins a list item's text (`- {{name}}: 3`) could open a block there — a heading, a nested
/// list, a thematic break, an ordered list — so a leading `#`, `+` or `-`, and the `.` or `)` of a
/// leading `1. `, are escaped too. Nothing else is, so the file stays readable as plain text.
enum MarkdownText {
    /// By Unicode scalar, never by `Character`: a combining mark after `[` or `<` makes one
    /// `Character` that a set of `Character`s misses, and `\r\n` is one `Character` that is
    /// neither `\r` nor `\n`, so a CRLF went through and began a new block.
    static let special: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&"]

    static func escape(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        let leadingDigits = scalars.prefix { ("0"..."9").contains($0) }.count
        // `1. ` opens an ordered list, `8.2` does not.
        let orderedListMarker = (1...9).contains(leadingDigits) && leadingDigits < scalars.count
            && (scalars[leadingDigits] == "." || scalars[leadingDigits] == ")")
            && (leadingDigits + 1 == scalars.count || scalars[leadingDigits + 1] == " " || scalars[leadingDigits + 1] == "\t")
        for (offset, scalar) in scalars.enumerated() {
            if offset == 0, "#+-".unicodeScalars.contains(scalar) {
                output.append("\\")
            } else if orderedListMarker, offset == leadingDigits {
                output.append("\\")
            }
            switch scalar {
            // A line break, CRLF as one, becomes a space.
            case "\r" where offset + 1 < scalars.count && scalars[offset + 1] == "\n": continue
            case "\n", "\r": output.append(" ")
            default:
                // `&` too: `&amp;` in a value would otherwise display as `&`.
                if special.contains(scalar) { output.append("\\") }
                output.append(scalar)
            }
        }
        return String(output)
    }
}
