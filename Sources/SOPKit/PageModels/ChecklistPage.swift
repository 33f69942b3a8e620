import GFM

/// One checklist for one site, from the same `ChecklistDocument` as the JSON file: rendered by
/// `checklist` as a printable page (`checklists/<site>/<checklist>.html`) and by `checklist.md`,
/// a Markdown template that escapes every `{{name}}` for Markdown, as the Markdown file.
struct ChecklistPage: TemplateModel {
    static let template = "checklist"
    static let markdownTemplate = "checklist.md"

    struct SiteName: Sendable {
        var id: String
        var name: String
    }

    struct Detail: Sendable {
        var label: String
        var value: String
    }

    struct Blocking: Sendable {
        var code: String
        var message: String
    }

    struct Section: Sendable {
        struct Item: Sendable {
            var id: String
            /// The item's Markdown, values filled in, as one inline fragment.
            var html: SafeHTML
            /// The item's Markdown, values filled in and escaped for Markdown.
            var markdown: MarkdownSource
        }

        var title: String
        var items: [Item]
        var hasTitle: Bool
        var intro: String?
    }

    struct SignOff: Sendable {
        var role: String
    }

    var pageTitle: String
    var title: String
    var root: String
    var homeHref: String
    var pack: PackTitle
    var site: SiteName
    var facts: [SiteRecordModel.Fact]
    var details: [Detail]
    var blocking: [Blocking]
    var hasBlocking: Bool
    var sections: [Section]
    var signOff: [SignOff]
    var inputHash: String
    /// The footer line as a CSS string, for `@page` margin boxes.
    var footerCSS: SafeHTML
    var summary: String?
    /// The stylesheets, inlined when the page is saved outside the site folder; nil in the site.
    var inlineCSS: SafeHTML?
}
