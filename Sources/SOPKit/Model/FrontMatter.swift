/// Splits `---` YAML front matter from a Markdown file.
struct FrontMatter {
    /// The YAML between the fences, padded with empty lines so its line numbers match the file's.
    var yaml: String
    var body: String
    /// The file line the body starts on.
    var bodyFirstLine: Int

    static func split(_ text: String) -> FrontMatter? {
        guard text.hasPrefix("---\n") || text == "---" else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let end = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) else { return nil }
        let yaml = "\n" + lines[1..<end].joined(separator: "\n") + "\n"
        let body = lines[(end + 1)...].joined(separator: "\n")
        return FrontMatter(yaml: yaml, body: body, bodyFirstLine: end + 2)
    }
}
