import Foundation

/// Reads `checklists/<id>.md`: optional front matter (title, summary, sign_off), then `## Section`
/// headings and `- [ ] item` lines; indented lines continue an item, other lines introduce a section.
enum ChecklistDecoder {
    static let keys = ["title", "summary", "sign_off"]
    static let defaultSignOff = ["Prepared by", "Approved by"]

    static func decode(_ context: DecodingContext) -> Checklist? {
        let file = context.file
        let text = GFMSanitizer.clean(file.text)
        var title: String?
        var summary: String?
        var signOff = defaultSignOff
        var body = text
        var firstLine = 1
        if let split = FrontMatter.split(text) {
            let frontMatter = DecodingContext(file: SourceFile(path: file.path, text: split.yaml))
            defer { context.diagnostics += frontMatter.diagnostics }
            if let root = frontMatter.compose(), let fields = YAMLFields(root, "checklist front matter", allowed: keys, context: frontMatter) {
                title = fields.string("title")?.value
                summary = fields.string("summary")?.value
                let signers = fields.strings("sign_off").map(\.value)
                if !signers.isEmpty { signOff = signers }
            }
            body = split.body
            firstLine = split.bodyFirstLine
        }
        let id = PackDecoder.stem(of: file.path)
        var sections: [Checklist.Section] = []
        var current: (title: String, intro: [String], items: [(text: String, starts: [(line: Int, column: Int)])])?
        func closeSection() {
            guard let section = current else { return }
            var items: [Checklist.Item] = []
            for (index, item) in section.items.enumerated() {
                var parser = TemplateParser(path: file.path, firstLine: item.starts[0].line, lineStarts: item.starts)
                let template = parser.parse(item.text)
                context.diagnostics += parser.diagnostics
                items.append(Checklist.Item(id: "\(id)-\(sections.count + 1).\(index + 1)", text: template,
                                            location: SourceLocation(path: file.path, line: item.starts[0].line, column: item.starts[0].column)))
            }
            let intro = section.intro.joined(separator: " ")
            sections.append(Checklist.Section(title: section.title, intro: intro.isEmpty ? nil : intro, items: items))
            current = nil
        }
        for (offset, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = firstLine + offset
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("# ") {
                if title == nil { title = String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
            } else if line.hasPrefix("## ") {
                closeSection()
                current = (String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), [], [])
            } else if let item = taskText(line) {
                if current == nil { current = ("", [], []) }
                current?.items.append((item.text, [(lineNumber, item.column)]))
            } else if line.hasPrefix("  "), !trimmed.isEmpty, let count = current?.items.count, count > 0 {
                // Appended in place: copying the section per line made long items quadratic. A line of
                // its own in the text, so every diagnostic points at the line and column it came from.
                current?.items[count - 1].text += "\n" + trimmed
                let indentation = line.prefix { $0 == " " || $0 == "\t" }.unicodeScalars.count
                current?.items[count - 1].starts.append((lineNumber, indentation + 1))
            } else if !trimmed.isEmpty {
                if current == nil { current = ("", [], []) }
                current?.intro.append(trimmed)
            }
        }
        closeSection()
        if sections.allSatisfy({ $0.items.isEmpty }) {
            context.diagnostics.append(.error(.emptyChecklist, "\(file.path) has no '- [ ] item' lines", at: SourceLocation(path: file.path)))
        }
        return Checklist(id: id, path: file.path, title: title ?? id, summary: summary, signOff: signOff, sections: sections)
    }

    /// The text of a task-list line (`- [ ] …`, `* [x] …`) and the column it starts at, or nil.
    static func taskText(_ line: Substring) -> (text: String, column: Int)? {
        for marker in ["- [ ] ", "* [ ] ", "- [x] ", "* [x] ", "- [X] ", "* [X] "] where line.hasPrefix(marker) {
            let rest = line.dropFirst(marker.count)
            let leading = rest.prefix { $0 == " " || $0 == "\t" }.unicodeScalars.count
            return (String(rest).trimmingCharacters(in: .whitespaces), marker.count + leading + 1)
        }
        return nil
    }
}
