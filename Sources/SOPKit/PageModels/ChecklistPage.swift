import GFM

/// `checklists/<site>/<checklist>.html`: one checklist for one site, printable, from the same
/// `ChecklistDocument` as the Markdown and JSON files.
struct ChecklistPage: TemplateModel {
    static let template = "checklist"

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

/// `checklists/<site>/<checklist>.md`: the same checklist as Markdown. Every text field is already
/// escaped for Markdown (`MarkdownText`); `sections.items` is Markdown source, values filled in.
struct ChecklistMarkdownPage: TemplateModel {
    static let template = "checklist.md"

    struct Section: Sendable {
        var title: String
        var items: [String]
        var hasTitle: Bool
        var intro: String?
    }

    var title: String
    var site: ChecklistPage.SiteName
    var pack: PackTitle
    var inputHash: String
    var summary: String?
    var facts: [SiteRecordModel.Fact]
    var details: [ChecklistPage.Detail]
    var hasBlocking: Bool
    var blocking: [ChecklistPage.Blocking]
    var sections: [Section]
    var signOff: [ChecklistPage.SignOff]
}
