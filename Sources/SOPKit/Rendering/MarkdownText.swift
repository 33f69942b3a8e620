/// Escaping for text placed mid-line in Markdown (after `| `, `# ` or `- [ ] `): the characters
/// that can open inline syntax — emphasis, code, links, HTML, autolinks, table cells,
/// strikethrough, entities — are backslash-escaped; line breaks become spaces. A value that
/// begins a list item's text (`- {{name}}: 3`) could open a block there — a heading, a nested
/// list, a thematic break, an ordered list — so a leading `#`, `+` or `-`, and the `.` or `)` of a
/// leading `1. `, are escaped too. Nothing else is, so the file stays readable as plain text.
enum MarkdownText {
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~"]

    static func escape(_ text: String) -> String {
        var output = ""
        let characters = Array(text)
        let leadingDigits = characters.prefix { $0.isASCII && $0.isNumber }.count
        // `1. ` opens an ordered list, `8.2` does not.
        let orderedListMarker = (1...9).contains(leadingDigits) && leadingDigits < characters.count
            && (characters[leadingDigits] == "." || characters[leadingDigits] == ")")
            && (leadingDigits + 1 == characters.count || characters[leadingDigits + 1] == " " || characters[leadingDigits + 1] == "\t")
        for (offset, character) in characters.enumerated() {
            if offset == 0, "#+-".contains(character) {
                output.append("\\")
            } else if orderedListMarker, offset == leadingDigits {
                output.append("\\")
            }
            if character == "\n" || character == "\r" {
                output.append(" ")
            } else {
                // `&` too: `&amp;` in a value would otherwise display as `&`.
                if special.contains(character) || character == "&" { output.append("\\") }
                output.append(character)
            }
        }
        return output
    }
}
