/// Help text in one form. In the source, prose is hard-wrapped so it reads well; ArgumentParser then
/// wraps every line again to the terminal's width, which broke sentences twice and examples
/// mid-command. `discussion(_:)` joins each prose paragraph into one line, so it is wrapped once,
/// and keeps indented lines (examples, lists) exactly as written; examples are kept short enough
/// (`maximumExampleWidth`) not to be wrapped at 80 columns, so they can be pasted.
enum HelpText {
    static let maximumExampleWidth = 78

    static func discussion(_ text: String) -> String {
        var lines: [String] = []
        var joining = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                lines.append("")
                joining = false
            } else if line.hasPrefix(" ") || line.hasPrefix("\t") {
                lines.append(String(line))
                joining = false
            } else if joining, let last = lines.popLast() {
                lines.append(last + " " + line)
            } else {
                lines.append(String(line))
                joining = true
            }
        }
        return lines.joined(separator: "\n")
    }
}
