import Foundation

/// Reads `checklists/<id>.md`: optional front matter (title, summary, sign_off), then `## Section`
/// headings and GFM task-list lines (`- [ ]`, `* [ ]`, `+ [ ]`, `1. [ ]`, `1) [ ]`, indented or
/// not: a task nested under a list item is an item of its own); other indented lines continue an
/// item, other lines introduce a section. An introduction is plain text: a `{{…}}` value in it
/// would be printed as typed, so it is reported (`value-outside-item`).
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
                let titleField = fields.string("title"), summaryField = fields.string("summary")
                let signers = fields.strings("sign_off")
                for (text, what) in [(titleField, "the title"), (summaryField, "the summary")] + signers.map({ ($0, "a sign-off line") }) {
                    if let text { reportValue(in: Substring(text.value), what, at: text.location, frontMatter, exact: false) }
                }
                title = titleField?.value
                summary = summaryField?.value
                if !signers.isEmpty { signOff = signers.map(\.value) }
            }
            body = String(split.body)
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
            if line.hasPrefix("# ") || line.hasPrefix("## ") {
                reportValue(in: line, "a heading", at: SourceLocation(path: file.path, line: lineNumber, column: 1), context)
            }
            if line.hasPrefix("# ") {
                if title == nil { title = String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
            } else if line.hasPrefix("## ") {
                closeSection()
                current = (String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), [], [])
            } else if let item = taskText(line) {
                if current == nil { current = ("", [], []) }
                current?.items.append((item.text, [(lineNumber, item.column)]))
                if item.text.isEmpty {
                    context.diagnostics.append(.error(.emptyChecklistItem, "this checklist item has no text; write what to check after '[ ]'",
                                                      at: SourceLocation(path: file.path, line: lineNumber, column: item.column)))
                }
            } else if line.hasPrefix("  ") || line.hasPrefix("\t") || line.hasPrefix(" \t"), !trimmed.isEmpty,
                      let count = current?.items.count, count > 0 {
                // Indented by two spaces or a tab (helper 52: a tab's line went to the section's
                // introduction, above the list).
                // Appended in place: copying the section per line made long items quadratic. A line of
                // its own in the text, so every diagnostic points at the line and column it came from.
                current?.items[count - 1].text += "\n" + trimmed
                let indentation = line.prefix { $0 == " " || $0 == "\t" }.unicodeScalars.count
                current?.items[count - 1].starts.append((lineNumber, indentation + 1))
            } else if !trimmed.isEmpty {
                if current == nil { current = ("", [], []) }
                current?.intro.append(trimmed)
                reportValue(in: line, "a section's introduction", at: SourceLocation(path: file.path, line: lineNumber, column: 1), context)
            }
        }
        closeSection()
        if sections.allSatisfy({ $0.items.isEmpty }) {
            context.diagnostics.append(.error(.emptyChecklist, "\(file.path) has no '- [ ] item' lines", at: SourceLocation(path: file.path)))
        }
        return Checklist(id: id, path: file.path, title: title ?? id, summary: summary, signOff: signOff, sections: sections)
    }

    /// `{{` outside an item is printed as typed: reported where it stands (at the value, when
    /// `exact` is false: a YAML value's text need not match its column in the file).
    static func reportValue(in text: Substring, _ what: String, at start: SourceLocation, _ context: DecodingContext, exact: Bool = true) {
        guard let open = text.range(of: "{{") else { return }
        var location = start
        if exact { location.column = start.column + text[..<open.lowerBound].unicodeScalars.count }
        context.diagnostics.append(.error(.valueOutsideItem,
            "\(what) is printed as typed, so '{{…}}' here would not be filled in; put the value in a '- [ ]' item",
            at: location))
    }

    /// The text of a GFM task-list line and the column it starts at, or nil: any indentation, a
    /// bullet (`-`, `*`, `+`) or an ordered marker (up to nine digits, then `.` or `)`), one or more
    /// spaces, `[ ]`, `[x]` or `[X]`, then a space, a tab or the end of the line.
    static func taskText(_ line: Substring) -> (text: String, column: Int)? {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        guard index < scalars.count else { return nil }
        if scalars[index] == "-" || scalars[index] == "*" || scalars[index] == "+" {
            index += 1
        } else {
            let digitsStart = index
            while index < scalars.count, index - digitsStart < 10, ("0"..."9").contains(scalars[index]) { index += 1 }
            let digits = index - digitsStart
            guard digits >= 1, digits <= 9, index < scalars.count, scalars[index] == "." || scalars[index] == ")" else { return nil }
            index += 1
        }
        let spacesStart = index
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        guard index > spacesStart, index + 2 < scalars.count, scalars[index] == "[", scalars[index + 2] == "]",
              scalars[index + 1] == " " || scalars[index + 1] == "x" || scalars[index + 1] == "X" else { return nil }
        index += 3
        guard index == scalars.count || scalars[index] == " " || scalars[index] == "\t" else { return nil }
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[index...])
        return (String(text).trimmingCharacters(in: .whitespaces), index + 1)
    }
}
