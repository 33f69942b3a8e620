import Foundation
import GFM
import Testing
@testable import SOPKit

/// docs/theme-variables.md, the names a theme author can use, is generated from the page models:
/// this test fails when it is out of date. Re-record with
/// `SOPGEN_RECORD_GOLDEN=1 swift test --filter ThemeVariablesTests`.
@Suite struct ThemeVariablesTests {
    static let url = TestPaths.packageRoot.appendingPathComponent("docs/theme-variables.md")

    @Test func themeVariablesDocumentMatchesThePageModels() throws {
        let text = Self.document()
        if Golden.recording {
            try FileManager.default.createDirectory(at: Self.url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: Self.url)
            return
        }
        let current = try? String(contentsOf: Self.url, encoding: .utf8)
        #expect(current == text, "docs/theme-variables.md is out of date: run SOPGEN_RECORD_GOLDEN=1 swift test --filter ThemeVariablesTests")
    }

    /// A nil optional or an empty list in a sample would hide fields from the document and from
    /// the template checks.
    @Test func everySampleModelIsComplete() {
        var gaps: [String] = []
        func walk(_ model: Any, _ path: String) {
            for child in Mirror(reflecting: model).children {
                guard let label = child.label else { continue }
                guard let value = TemplateLookup.field(label, of: model) else { gaps.append(path + label); continue }
                if let list = value as? [Any] {
                    if let first = list.first { walk(first, path + label + "[].") } else { gaps.append(path + label) }
                } else if Mirror(reflecting: value).displayStyle == .struct, !(value is SafeHTML || value is MarkdownSource) {
                    walk(value, path + label + ".")
                }
            }
        }
        for entry in PageModelSamples.templates { walk(entry.model, entry.template + ": ") }
        #expect(gaps.isEmpty, "\(gaps)")
    }

    static func document() -> String {
        var text = """
            # Template variables

            <!-- Generated from the page models (Sources/SOPKit/PageModels) by ThemeVariablesTests; do not edit. -->

            What each template of the default theme (`templates/`) can name, and what a pack's own
            `templates/` override of it can name. Write a name as `{{name}}`: the value is text and is
            escaped. Only a **SafeHTML** value (HTML that sopgen rendered itself) is written `{{{name}}}`;
            a test fails if a template of the default theme writes anything else unescaped. `checklist.md`
            is a Markdown template (`{{% CONTENT_TYPE: MARKDOWN}}`): there `{{name}}` is escaped for
            Markdown, and only a **Markdown** value (the pack's own Markdown) is written `{{{name}}}`. A list is a
            section, `{{#sops}}…{{/sops}}`, repeated for each element, whose fields are listed as
            `sops[].title`; a flag or an optional value shows its section only when set; `{{.}}` is the
            element of a list of text. A name a template uses that is not listed renders as nothing.

            ## Every page inside the layout

            The `layout` template and every page that uses it (`{{<layout}}`) can also name these.

            | Name | Type | Example |
            |---|---|---|

            """
        text += rows(of: PageModelSamples.chrome(bodyClass: "handbook"), prefix: "").joined()
        for entry in PageModelSamples.templates {
            let model: Any = TemplateWalk.pageParts(entry.model)?.content ?? (entry.model as Any)
            let partials = entry.partials.isEmpty ? "" : " (with \(entry.partials.map { "`\($0)`" }.joined(separator: ", ")))"
            text += "\n## `\(entry.template).mustache`\(partials): `\(type(of: model))`\n\n"
            text += "| Name | Type | Example |\n|---|---|---|\n"
            text += rows(of: model, prefix: "").joined()
        }
        return text
    }

    static func rows(of model: Any, prefix: String) -> [String] {
        var rows: [String] = []
        for child in Mirror(reflecting: model).children {
            guard let label = child.label else { continue }
            let name = prefix + label
            let optional = Mirror(reflecting: child.value).displayStyle == .optional
            guard let value = TemplateLookup.field(label, of: model) else { continue }
            let note = optional ? ", optional" : ""
            switch value {
            case let source as MarkdownSource:
                rows.append("| `{{{\(name)}}}` | **Markdown**\(note) | \(cell(source.text)) |\n")
            case let html as SafeHTML:
                rows.append("| `{{{\(name)}}}` | **SafeHTML**\(note) | `\(cell(html.html))` |\n")
            case let string as String:
                rows.append("| `\(name)` | text\(note) | \(cell(string)) |\n")
            case let flag as Bool:
                rows.append("| `\(name)` | flag\(note) | \(flag) |\n")
            case let number as Int:
                rows.append("| `\(name)` | number\(note) | \(number) |\n")
            case let list as [String]:
                rows.append("| `\(name)` | list of text\(note) | \(cell(list.first ?? "")) |\n")
            case let list as [Any]:
                rows.append("| `\(name)` | list\(note) | |\n")
                if let first = list.first { rows += self.rows(of: first, prefix: name + "[].") }
            default:
                rows.append("| `\(name)` | group\(note) | |\n")
                rows += self.rows(of: value, prefix: name + ".")
            }
        }
        return rows
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
