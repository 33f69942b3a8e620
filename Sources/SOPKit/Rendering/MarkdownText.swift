/// Escaping for text placed mid-line in Markdown (after `| `, `# ` or `- [ ] `): the characters
/// that can open inline syntax — emphasis, code, links, HTML, autolinks, table cells,
/// strikethrough, entities — are backslash-escaped; line breaks become spaces. Nothing else is,
/// so the file stays readable as plain text.
enum MarkdownText {
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~"]

    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
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
