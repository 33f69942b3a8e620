/// Splits `---` YAML front matter from a Markdown file.
struct FrontMatter {
    /// The YAML between the fences, padded with empty lines so its line numbers match the file's.
    var yaml: String
    /// The Markdown after the closing fence: a slice of the file's text, not a copy (an SOP's
    /// template pieces and expanded Markdown go on sharing it).
    var body: Substring
    /// The file line the body starts on.
    var bodyFirstLine: Int

    static func split(_ text: String) -> FrontMatter? {
        let bytes = Array(text.utf8)
        let fence = Array("---".utf8)
        guard bytes.starts(with: fence), bytes.count == 3 || bytes[3] == UInt8(ascii: "\n") else { return nil }
        var lineStart = min(4, bytes.count)
        var line = 2
        while lineStart < bytes.count {
            let end = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let content = bytes[lineStart..<end]
            if content.elementsEqual(fence) || content.elementsEqual("...".utf8) {
                let yaml = "\n" + String(decoding: bytes[4..<lineStart], as: UTF8.self)
                // The byte after a newline starts a scalar, so the slice is exact.
                let bodyStart = text.utf8.index(text.utf8.startIndex, offsetBy: min(end + 1, bytes.count))
                let body = Substring(text.unicodeScalars[bodyStart...])
                return FrontMatter(yaml: yaml, body: body, bodyFirstLine: line + 1)
            }
            lineStart = end + 1
            line += 1
        }
        return nil
    }
}
