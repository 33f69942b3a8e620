import Foundation
import Testing
import GFM
@testable import SOPKit

/// The typed seam between page models and the default theme: raw output only for `SafeHTML`.
@Suite struct TemplateFieldTests {
    static let themeFolder = TestPaths.packageRoot.appendingPathComponent("templates")

    @Test func everyTemplateOfTheThemeIsCheckedAgainstAModel() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.themeFolder.path)
            .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
        let covered = Set(PageModelSamples.templates.flatMap { [$0.template] + $0.partials })
        #expect(Set(names) == covered)
    }

    @Test(arguments: PageModelSamples.templates.map(\.template))
    func everyNameIsAFieldAndOnlySafeHTMLIsUnescaped(template: String) throws {
        let entry = try #require(PageModelSamples.templates.first { $0.template == template })
        var walk = TemplateWalk(folder: Self.themeFolder)
        walk.walk(template, model: entry.model)
        #expect(walk.problems.isEmpty, "\(walk.problems.joined(separator: "\n"))")
        // The reverse: every SafeHTML field of the model is written, unescaped, by its templates
        // (every MarkdownSource field, by a Markdown template).
        #expect(walk.unescaped == TemplateWalk.rawFields(of: entry.model, markdown: walk.isMarkdown(template)))
    }

    @Test func aMissingFieldAndAnEscapedSafeHTMLFieldAreReported() {
        struct Fact { var label: String }
        struct Header { var title: SafeHTML; var facts: [Fact] }
        var walk = TemplateWalk(folder: Self.themeFolder)
        walk.walk("sop-header", model: Header(title: PageModelSamples.html, facts: [Fact(label: "Owner")]))
        #expect(walk.problems.contains("sop-header: {{value}} names no field"))
        #expect(walk.problems.contains("sop-header: {{title}} escapes SafeHTML; write {{{title}}}"))
    }

    @Test func aTextFieldWrittenUnescapedIsReported() {
        var walk = TemplateWalk(folder: Self.themeFolder)
        walk.walk("toc", model: TableOfContents(toc: [.init(text: "Steps", id: "steps")]))
        #expect(walk.problems.isEmpty)
        #expect(walk.unescaped.isEmpty)
    }
}
